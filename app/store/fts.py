"""The SQLite search indexes' upkeep (migration 0008 made message_fts, 0017 history_fts for imported past chats;
PostgreSQL indexes an SQL expression and needs none of this).

Messages are indexed a little after they are stored, in large slices, not as they arrive: the index needs the
Python cut of text (search_text.tokens), and cutting and indexing each message in the ingest transaction made
ingest a third slower (measured: 26,000 → 19,000 msg/s in batches of 200), while the same work in slices of
thousands costs a few microseconds a message. meta["fts.indexed_upto"] is the highest message id in the
index; a search reads the index for the messages up to it and scans the few newer ones directly, so it never
misses a message. The desk session calls index_pending() every couple of seconds. An imported history is indexed
the same way after the live messages are current (meta["fts.history_indexed_upto"], history_message's rowid): an
import stays as fast as storing its rows, and a search scans what is not indexed yet.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store import models as m
from app.store.search_text import tokens
from app.store.store import Store

WATERMARK = "fts.indexed_upto"
HISTORY_WATERMARK = "fts.history_indexed_upto"
_ADD = "INSERT INTO message_fts(rowid, tokens) VALUES (?, ?)"
_ADD_HISTORY = "INSERT INTO history_fts(rowid, tokens) VALUES (?, ?)"
_HISTORY_PENDING = "SELECT rowid, text FROM history_message WHERE rowid > ? ORDER BY rowid LIMIT ?"
_DROP = "INSERT INTO message_fts(message_fts, rowid, tokens) VALUES ('delete', ?, ?)"


def is_sqlite(s: Session) -> bool:
    return s.get_bind().dialect.name == "sqlite"


def watermark(s: Session, key: str = WATERMARK) -> int:
    row = s.get(m.Meta, key)
    try:
        return int(row.value) if row is not None else 0
    except ValueError:
        return 0


def index_pending(store: Store, limit: int = 20_000) -> int:
    """Index up to `limit` messages stored since the last call; returns how many (0: the index is current)."""
    with store.writing() as s:
        if not is_sqlite(s):
            return 0
        upto = watermark(s)
        rows = s.execute(select(m.Message.id, m.Message.text).where(m.Message.id > upto)
                         .order_by(m.Message.id).limit(limit)).all()
        if rows:
            s.connection().exec_driver_sql(_ADD, [(row_id, tokens(body or "")) for row_id, body in rows])
            s.merge(m.Meta(key=WATERMARK, value=str(rows[-1][0])))
            return len(rows)
    return _index_history(store, limit)


def _index_history(store: Store, limit: int) -> int:
    """Index up to `limit` imported history messages not indexed yet (rows are only ever added, by imports). The
    text is cut outside the write transaction: a million imported messages take minutes to cut, and the live
    messages' writes wait only for the index's own inserts."""
    with store.reading() as s:
        upto = watermark(s, HISTORY_WATERMARK)
        rows = s.connection().exec_driver_sql(_HISTORY_PENDING, (upto, limit)).all()
    if not rows:
        return 0
    cut = [(row_id, tokens(body or "")) for row_id, body in rows]
    with store.writing() as s:
        if watermark(s, HISTORY_WATERMARK) != upto:  # another desk on the same file indexed them meanwhile
            return 0
        s.connection().exec_driver_sql(_ADD_HISTORY, cut)
        s.merge(m.Meta(key=HISTORY_WATERMARK, value=str(rows[-1][0])))
    return len(rows)


def unindex(s: Session, rows: Iterable[tuple[int, str]]) -> None:
    """Take deleted messages out of the index, in the caller's transaction (a contentless FTS5 table must be told
    the tokens it indexed); messages not indexed yet need nothing."""
    if not is_sqlite(s):
        return
    upto = watermark(s)
    params = [(row_id, tokens(body)) for row_id, body in rows if row_id <= upto]
    if params:
        s.connection().exec_driver_sql(_DROP, params)
