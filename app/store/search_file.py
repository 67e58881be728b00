"""The command line's search of this computer's SQLite store without SQLAlchemy: the same search as search.py's
search_messages, search_history and search_others (the same index pages, filters, unindexed tail and order), read
with plain
sqlite3 from the file opened read-only. Importing SQLAlchemy, the models and opening the store were most of
`kefudesk search`'s 1.4–2.1 s at 5M messages. A team's PostgreSQL server, or a file this cannot read as the
current schema, takes search.py's path."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.store.records import MessageRecord
from app.store.schema_check import MANIFEST_REVISION
from app.store.search_hits import HistoryHit, MessageHit, OtherHit, SearchFilter
from app.store.search_text import highlight_spans, match_sqlite, query_groups

WATERMARK = "fts.indexed_upto"  # app/store/fts.py's, read here without its ORM
HISTORY_WATERMARK = "fts.history_indexed_upto"
_COLUMNS = ("SELECT message.id, message.conversation_id, message.direction, message.text, message.sent_at, "
            "message.server_id, message.client_id, message.state, message.error, message.image, message.agent, "
            "conversation.buyer_id, buyer.nick FROM message "
            "JOIN conversation ON conversation.id = message.conversation_id "
            "LEFT OUTER JOIN buyer ON buyer.id = conversation.buyer_id")
_PAGE = ("SELECT rowid FROM message_fts WHERE message_fts MATCH ? AND rowid <= ? ORDER BY rowid DESC LIMIT ?")
_HISTORY_COLUMNS = ("SELECT history_message.rowid, conversation, seq, sender, text, at, buyer, agent "
                    "FROM history_message")
_HISTORY_PAGE = "SELECT rowid FROM history_fts WHERE history_fts MATCH ? AND rowid <= ? ORDER BY rowid DESC LIMIT ?"


class NotReadable(Exception):
    """The file is not the current schema's store, or cannot be read this way: use search.py."""


def search_file(path: Path, query: str, where: SearchFilter = SearchFilter(),  # noqa: B008 - frozen
                limit: int = 50, others_limit: int = 20
                ) -> tuple[list[MessageHit], list[HistoryHit], list[OtherHit]]:
    """search_messages(store, query, where, limit), search_history(store, query, where, limit) and
    search_others(store, query, others_limit) of the store at path, read-only. ValueError for a query too long
    (as search_messages); NotReadable when this cannot answer."""
    groups = query_groups(query)  # ValueError before the file is opened, as search_messages raises it
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise NotReadable(str(exc)) from exc
    try:
        db.execute("PRAGMA busy_timeout = 5000")
        try:
            (revision,) = db.execute("SELECT version_num FROM alembic_version").fetchone() or ("",)
            if revision != MANIFEST_REVISION:  # an older store's index may cut text otherwise: opened, it upgrades
                raise NotReadable(f"schema {revision!r}, not {MANIFEST_REVISION}")
            db.execute("BEGIN")  # one snapshot for the index, the tail and the others, as one ORM session reads
            hits = _messages(db, query, where, limit) if groups else []
            history = _history(db, query, where, limit) if groups else []
            others = _others(db, query, others_limit)
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise NotReadable(str(exc)) from exc
    finally:
        db.close()
    return hits, history, others


def _filters(where: SearchFilter) -> tuple[list[str], list[Any]]:
    found: list[str] = []
    values: list[Any] = []
    for sql, value, given in (("message.agent = ?", where.agent, where.agent),
                              ("message.direction = ?", where.direction, where.direction),
                              ("message.sent_at >= ?", _stored(where.since), where.since is not None),
                              ("message.sent_at < ?", _stored(where.until), where.until is not None),
                              ("conversation.buyer_id = ?", where.buyer_id, where.buyer_id),
                              ("buyer.nick = ?", where.buyer_nick, where.buyer_nick)):
        if given:
            found.append(sql)
            values.append(value)
    if where.has_issue:
        found.append("EXISTS (SELECT 1 FROM issue WHERE issue.buyer_id = conversation.buyer_id)")
    return found, values


def _history_filters(where: SearchFilter) -> tuple[list[str], list[Any]] | None:
    """search._history_filters in SQL: None when the history cannot match (a robot's answers, a buyer asked for by
    the shop's id: an imported file names buyers by nick only)."""
    if where.direction == "robot" or where.buyer_id:
        return None
    found: list[str] = []
    values: list[Any] = []
    for sql, value, given in (("agent = ?", where.agent, where.agent),
                              ("sender = ?", "buyer" if where.direction == "in" else "agent", where.direction),
                              ("at >= ?", _stored(where.since), where.since is not None),
                              ("at < ?", _stored(where.until), where.until is not None),
                              ("buyer = ?", where.buyer_nick, where.buyer_nick)):
        if given:
            found.append(sql)
            values.append(value)
    if where.has_issue:
        found.append("buyer != '' AND EXISTS (SELECT 1 FROM issue WHERE issue.buyer_nick = history_message.buyer)")
    return found, values


def _stored(at: datetime | None) -> str:
    """As SQLAlchemy writes a UTC time into SQLite (models.UTCDateTime): naive, to the microsecond."""
    return "" if at is None else at.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


@dataclass(frozen=True)
class _Source:
    """What a search reads: its rows' SELECT (the key first), the key's column and text column, the index's page
    query and the meta key of how far the index has caught up."""

    columns: str
    key: str
    text: str
    page: str
    watermark: str


_MESSAGES = _Source(_COLUMNS, "message.id", "message.text", _PAGE, WATERMARK)
_HISTORY = _Source(_HISTORY_COLUMNS, "history_message.rowid", "history_message.text", _HISTORY_PAGE,
                   HISTORY_WATERMARK)


def _rows(db: sqlite3.Connection, source: _Source, query: str, conditions: list[str], values: list[Any],
          limit: int) -> list[tuple[Any, ...]]:
    """search._from_index and the unindexed tail, for either source: the index's keys newest first, a page at a
    time; then the few rows stored since the index last caught up, scanned (LIKE with / escaping, as SQLAlchemy's
    contains(autoescape=True)); the newest `limit` of both."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (source.watermark,)).fetchone()
    try:
        upto = int(row[0]) if row is not None else 0
    except ValueError:
        upto = 0

    def select(where_sql: list[str], args: list[Any]) -> list[tuple[Any, ...]]:
        sql = f"{source.columns} WHERE {' AND '.join(where_sql) or '1'} ORDER BY {source.key} DESC LIMIT ?"
        return db.execute(sql, [*args, limit]).fetchall()

    rows: list[tuple[Any, ...]] = []
    match, before, page = match_sqlite(query), upto, max(limit, 50)
    while len(rows) < limit:
        ids = [i for (i,) in db.execute(source.page, (match, before, page))]
        if not ids:
            break
        marks = ",".join("?" * len(ids))
        rows += select([*conditions, f"{source.key} IN ({marks})"], [*values, *ids])
        if len(ids) < page:
            break
        before, page = ids[-1] - 1, min(page * 4, 50_000)
    parts = query.split()
    tail = [*conditions, f"{source.key} > ?", *(f"{source.text} LIKE ? ESCAPE '/'" for _ in parts)]
    rows += select(tail, [*values, upto, *(f"%{_escaped(p)}%" for p in parts)])
    return sorted(rows, key=lambda r: r[0], reverse=True)[:limit]


def _messages(db: sqlite3.Connection, query: str, where: SearchFilter, limit: int) -> list[MessageHit]:
    conditions, values = _filters(where)
    rows = _rows(db, _MESSAGES, query, conditions, values, limit)
    return [MessageHit(_record(r), r[11] or "", r[12] or "", tuple(highlight_spans(r[3], query))) for r in rows]


def _history(db: sqlite3.Connection, query: str, where: SearchFilter, limit: int) -> list[HistoryHit]:
    """search.search_history: the imported past chats' index newest import first, then what is not indexed yet."""
    filtered = _history_filters(where)
    if filtered is None:
        return []
    rows = _rows(db, _HISTORY, query, *filtered, limit)
    return [HistoryHit(r[1], r[2], r[3], r[4], None if r[5] is None else datetime.fromisoformat(r[5]).replace(tzinfo=UTC),
                       r[6] or "", r[7] or "", tuple(highlight_spans(r[4], query))) for r in rows]


def _escaped(part: str) -> str:
    return part.replace("/", "//").replace("%", "/%").replace("_", "/_")


def _record(r: tuple[Any, ...]) -> MessageRecord:
    return MessageRecord(id=r[0], conversation_id=r[1], direction=r[2], text=r[3],
                         sent_at=datetime.fromisoformat(r[4]).replace(tzinfo=UTC), server_id=r[5], client_id=r[6],
                         state=r[7], error=r[8] or "", image=r[9] or "", agent=r[10] or "")


def _others(db: sqlite3.Connection, query: str, limit: int) -> list[OtherHit]:
    """search.search_others: buyers by nick, orders by order no., issues by note or order no. (small tables)."""
    parts = [p for p in query.split() if p]
    if not parts:
        return []
    likes = [f"%{p.lower()}%" for p in parts]

    def every(column: str) -> str:
        return " AND ".join(f"lower({column}) LIKE ?" for _ in parts)

    found: list[OtherHit] = []
    for buyer_id, nick in db.execute(f"SELECT id, nick FROM buyer WHERE {every('nick')} LIMIT ?", [*likes, limit]):
        found.append(OtherHit("buyer", buyer_id, nick, tuple(highlight_spans(nick, query))))
    for (no,) in db.execute(f"SELECT no FROM shop_order WHERE {every('no')} ORDER BY created_at DESC LIMIT ?",
                            [*likes, limit]):
        found.append(OtherHit("order", no, no, tuple(highlight_spans(no, query))))
    issues = db.execute(f"SELECT id, note, order_no FROM issue WHERE ({every('note')}) OR ({every('order_no')}) "
                        "ORDER BY id DESC LIMIT ?", [*likes, *likes, limit])
    for issue_id, note, order_no in issues:
        title = note or order_no
        found.append(OtherHit("issue", str(issue_id), title, tuple(highlight_spans(title, query))))
    return found
