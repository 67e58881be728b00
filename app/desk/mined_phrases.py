"""Phrases mined from the shop's chats (issue 22): the replies agents typed by hand many times, live and in
imported past chats, proposed with their count; accepted ones become phrases (the phrase manager's editor first),
dismissed ones are remembered and never proposed again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from app.quickreplies.mining import MIN_COUNT, Mined, mine
from app.store.phrase_stats import dismiss, dismissed, typed_replies
from app.store.store import Store

from app.desk.phrases import PhraseBook

from app import domain


class MinedPhrases:
    def __init__(self, store: Store, book: PhraseBook, *, clock: Callable[[], datetime] = domain.now_utc) -> None:
        self._store = store
        self._book = book
        self._clock = clock

    def proposals(self, min_count: int = MIN_COUNT) -> list[Mined]:
        """What to propose now, most typed first: not near a phrase of the library, nor near a dismissed one
        (reads every typed reply: call it off the GUI thread)."""
        replies = typed_replies(self._store)
        return mine(((r.text, r.buyer) for r in replies), known=[p.body for p in self._book.phrases],
                    dismissed=dismissed(self._store), min_count=min_count)

    def dismiss(self, proposals: list[Mined]) -> None:
        """Never propose these again (it writes)."""
        dismiss(self._store, [(p.key, p.text) for p in proposals], self._clock())
