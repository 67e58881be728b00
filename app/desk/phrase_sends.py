"""Which phrases went into each chat's reply box and, when the reply is sent, whether each went out as the phrase
wrote it: what phrase analytics records of a send (app/store/phrase_stats.py phrase_sent)."""

from __future__ import annotations

import re
import threading

from rapidfuzz import fuzz

from app.quickreplies.template import unmarked
from app.store.phrase_stats import message_of, phrase_sent
from app.store.store import Store

_BLANKS = re.compile(r"\s+")
KEPT = 60  # rapidfuzz partial ratio of a phrase's expansion to the reply sent: below it, the phrase was cleared


def _plain(text: str) -> str:
    return _BLANKS.sub("", unmarked(text))


class FiredPhrases:
    """Per chat, the phrases fired since its last send, with the text each put in the reply box (its expansion,
    filled). Kept in memory: a desk closed before Enter sent nothing to record."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._fired: dict[str, dict[int, str]] = {}

    def fired(self, conversation_id: str, phrase_id: int, expansion: str) -> None:
        with self._lock:
            self._fired.setdefault(conversation_id, {})[phrase_id] = expansion

    def sent(self, conversation_id: str, text: str) -> dict[int, bool]:
        """The phrases fired in the chat that went out in text, each with whether the agent changed it first:
        unchanged when its expansion is in the reply as it was (spaces and line breaks aside; two phrases in one
        reply are not edits of each other), changed while the reply still holds most of it, and not sent at all
        (left out) when the agent cleared it and wrote something else. Forgets them: the next reply starts afresh."""
        with self._lock:
            fired = self._fired.pop(conversation_id, {})
        sent = _plain(text)
        went: dict[int, bool] = {}
        for phrase_id, expansion in fired.items():
            plain = _plain(expansion)
            if plain in sent:
                went[phrase_id] = False
            elif fuzz.partial_ratio(plain, sent) >= KEPT:
                went[phrase_id] = True
        return went

    def record_sent(self, conversation_id: str, message_id: int | None, edited: dict[int, bool]) -> None:
        """Write what sent() found to the firings (it writes: off the GUI thread). message_id None: the reply was
        never stored."""
        phrase_sent(self._store, conversation_id, message_id, edited)

    def record_sent_under(self, conversation_id: str, client_id: str, edited: dict[int, bool]) -> None:
        """record_sent for the desk's own reply, queued on the writer after the reply's own write: its stored id
        is found by its client id (none when the store refused it)."""
        self.record_sent(conversation_id, message_of(self._store, client_id), edited)
