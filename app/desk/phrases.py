"""The agent's phrase book: the library from the store, searched, expanded and filled for the open chat.

The UI asks this service; matching itself lives in app.quickreplies.match and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from app.desk.money import yuan_text
from app.gateway import schema
from app.quickreplies.match import Match, PhraseIndex
from app.quickreplies.phrase import Phrase
from app.quickreplies.starter import STARTER
from app.quickreplies.suggest import Suggester, Suggestion
from app.quickreplies.template import Filled, fill
from app.store.store import Store


class PhraseBook:
    def __init__(self, store: Store, *, clock: Callable[[], datetime] = schema.now_utc) -> None:
        self._store = store
        self._clock = clock
        if not store.phrases():
            store.add_phrases(Phrase(0, title, body, group, abbreviation, slot)
                              for title, body, group, abbreviation, slot in STARTER)
        self.reload()

    def reload(self) -> None:
        self.phrases = self._store.phrases()
        self.index = PhraseIndex(self.phrases)
        self.suggester = Suggester(self.phrases, self._store.phrase_uses())

    def search(self, query: str, limit: int = 20, *, buyer_said: str = "") -> list[Match]:
        """The palette's list; among equal matches, phrases that answer the buyer's last message come first."""
        fit = self.suggester.fit(buyer_said) if buyer_said else None
        return self.index.search(query, limit=limit, now=self._clock(), fit=fit)

    def suggest(self, buyer_said: str, top: int = 3) -> list[Suggestion]:
        return self.suggester.suggest(buyer_said, top=top)

    def by_abbreviation(self, abbreviation: str) -> Phrase | None:
        return self.index.by_abbreviation(abbreviation)

    def groups(self) -> list[str]:
        return sorted({p.group for p in self.phrases if p.group})

    def in_slot(self, group: str, slot: int) -> Phrase | None:
        return next((p for p in self.phrases if p.group == group and p.slot == slot), None)

    def slotted(self, group: str) -> list[Phrase]:
        return [p for p in self.phrases if p.group == group and p.slot]

    def fill(self, phrase: Phrase, values: dict[str, str]) -> Filled:
        return fill(phrase.body, values)

    def learn(self, phrase: Phrase, buyer_said: str) -> None:
        """Suggest phrase for messages like buyer_said from now on (in memory, on the thread that suggests)."""
        self.suggester.learn(phrase.id, buyer_said)

    def used(self, phrase: Phrase, buyer_said: str = "") -> None:
        """Count a firing in the store, with the message it answered (it writes: call it off the GUI thread)."""
        self._store.phrase_used(phrase.id, self._clock(), buyer_said)


def chat_values(*, buyer_nick: str, agent: str, shop: str, orders: list[schema.Order],
                now: datetime) -> dict[str, str]:
    """Template values for the open chat; the newest order stands for 'the' order."""
    local = now.astimezone()
    values = {"buyer": buyer_nick, "agent": agent, "shop": shop,
              "date": local.strftime("%Y-%m-%d"), "time": local.strftime("%H:%M")}
    if orders:
        order = orders[0]
        values |= {"order_no": order.no, "items": "、".join(i.title for i in order.items),
                   "amount": yuan_text(order.amount_fen), "courier": order.courier, "tracking_no": order.tracking_no}
    return values
