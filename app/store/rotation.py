"""A rotating phrase's memory in the store (phrase_rotation, migration 0019): which text each buyer got last, and
the text the last new buyer got in turn, kept under the empty buyer id. What app/quickreplies/variants.py's Rotation
reads on its first pick of a phrase for a buyer after a start, so a restart neither begins the phrase over nor gives
a returning buyer the same text again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from app.store import models as m
from app.store.store import Store
from app.store.upsert import upsert


def last_given(store: Store, phrase_id: int, buyer: str) -> int | None:
    """The text (0 the body) buyer got last of the phrase; None if they never got one. For buyer "", the text the
    last new buyer got."""
    table = m.PhraseRotation.__table__
    with store.engine.connect() as connection:
        return connection.execute(select(table.c.variant).where(table.c.phrase_id == phrase_id,
                                                                table.c.buyer_id == buyer)).scalar()


def record_given(store: Store, phrase_id: int, buyer: str, number: int, at: datetime) -> None:
    """buyer got text number of the phrase at at ("": the last new buyer did). Nothing for a phrase deleted
    meanwhile: the write runs after the firing, on the desk's writer thread."""
    with store._write_lock, store._sessions.begin() as s:  # noqa: SLF001 - the store's one writer lock
        if s.get(m.PhraseRow, phrase_id) is not None:
            upsert(s, m.PhraseRotation.__table__, ["phrase_id", "buyer_id"],
                   [{"phrase_id": phrase_id, "buyer_id": buyer, "variant": number, "at": at}])


class StoredRotation:
    """The store as Rotation's memory: read at once (one row by its key, on a phrase's first pick for a buyer), written
    through later — the desk's writer thread (Session.write_later), so the window never waits for the store."""

    def __init__(self, store: Store, later: Callable[..., None], clock: Callable[[], datetime]) -> None:
        self._store, self._later, self._clock = store, later, clock

    def last(self, phrase_id: int, buyer: str) -> int | None:
        return last_given(self._store, phrase_id, buyer)

    def keep(self, phrase_id: int, buyer: str, number: int) -> None:
        self._later(record_given, self._store, phrase_id, buyer, number, self._clock())
