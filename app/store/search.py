"""Full-text search over years of chats, a shop's imported past chats (history), plus buyers, order nos. and issue
notes (app/store/search_text.py says how text is cut). On SQLite the messages and the history are indexed by FTS5
tables the desk keeps up (fts.py); on PostgreSQL by GIN indexes on the same tokens. Newest hits first, read from
the index newest first until there are enough."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, and_, exists, func, literal_column, or_, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.store import fts
from app.store import models as m
from app.store.search_hits import HistoryHit, MessageHit, OtherHit, SearchFilter
from app.store.search_text import highlight_spans, match_postgres, match_sqlite, query_groups
from app.store.store import Store, _message

DIRECTIONS = ("in", "out", "robot")
# PostgreSQL indexes this expression (migration 0008): every non-ASCII character spaced out as a word of its
# own, which the 'simple' parser then keeps as a token — the same cut as search_text.tokens()
PG_VECTOR = r"to_tsvector('simple'::regconfig, regexp_replace(message.text, '([^\x01-\x7f])', ' \1 ', 'g'))"
PG_HISTORY_VECTOR = PG_VECTOR.replace("message.text", "history_message.text")  # migration 0017's index


def _filters(where: SearchFilter) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if where.agent:
        found.append(m.Message.agent == where.agent)
    if where.direction:
        found.append(m.Message.direction == where.direction)
    if where.since is not None:
        found.append(m.Message.sent_at >= where.since)
    if where.until is not None:
        found.append(m.Message.sent_at < where.until)
    if where.buyer_id:
        found.append(m.Conversation.buyer_id == where.buyer_id)
    if where.buyer_nick:
        found.append(m.Buyer.nick == where.buyer_nick)
    if where.has_issue:
        found.append(exists().where(m.Issue.buyer_id == m.Conversation.buyer_id))
    return found


def _history_filters(where: SearchFilter) -> list[ColumnElement[bool]] | None:
    """The filters as the history can answer them; None when it cannot match at all (a robot's answers, a buyer
    asked for by the shop's id: an imported file names buyers by nick only)."""
    row = m.HistoryRow
    if where.direction == "robot" or where.buyer_id:
        return None
    found: list[ColumnElement[bool]] = []
    if where.agent:
        found.append(row.agent == where.agent)
    if where.direction:
        found.append(row.sender == ("buyer" if where.direction == "in" else "agent"))
    if where.since is not None:  # a message the file gave no time is on no day
        found.append(row.at >= where.since)
    if where.until is not None:
        found.append(row.at < where.until)
    if where.buyer_nick:
        found.append(row.buyer == where.buyer_nick)
    if where.has_issue:
        found.append(exists().where(m.Issue.buyer_nick == row.buyer, row.buyer != ""))
    return found


_PAGE = text("SELECT rowid FROM message_fts WHERE message_fts MATCH :match AND rowid <= :before "
             "ORDER BY rowid DESC LIMIT :page")
_HISTORY_PAGE = text("SELECT rowid FROM history_fts WHERE history_fts MATCH :match AND rowid <= :before "
                     "ORDER BY rowid DESC LIMIT :page")


def _from_index(s: Session, base: Select[Any], match: str, upto: int, limit: int, *, page_query: Any = _PAGE,
                key: Any = m.Message.id) -> list[Row[Any]]:
    """The newest indexed matches that pass the filters. The index hands out ids newest first, a page at a time,
    so a common word (退) reads a few pages rather than every match; filters that reject most of them make the
    pages grow."""
    rows: list[Row[Any]] = []
    before, page = upto, max(limit, 50)
    while len(rows) < limit:
        ids = list(s.scalars(page_query, {"match": match, "before": before, "page": page}))
        if not ids:
            break
        rows += s.execute(base.where(key.in_(ids))).all()
        if len(ids) < page:  # the index has no older match: asking again would read its lists a second time
            break
        before, page = ids[-1] - 1, min(page * 4, 50_000)
    return rows


def search_messages(store: Store, query: str, where: SearchFilter = SearchFilter(),  # noqa: B008 - frozen
                    limit: int = 50) -> list[MessageHit]:
    """Messages matching every part of the query (each part a phrase), newest first. A query with nothing to
    search for (only punctuation) finds nothing; one too long raises ValueError naming the limit."""
    if not query_groups(query):
        return []
    base = (select(m.Message, m.Conversation.buyer_id, m.Buyer.nick)
            .join(m.Conversation, m.Conversation.id == m.Message.conversation_id)
            .join(m.Buyer, m.Buyer.id == m.Conversation.buyer_id, isouter=True)
            .where(*_filters(where)).order_by(m.Message.id.desc()).limit(limit))
    with store.reading() as s:
        if store.engine.dialect.name == "sqlite":
            upto = fts.watermark(s)
            rows = _from_index(s, base, match_sqlite(query), upto, limit)
            # the few messages stored since the index last caught up: scanned, so a search never misses one
            tail = [m.Message.text.contains(part, autoescape=True) for part in query.split()]
            rows += s.execute(base.where(m.Message.id > upto, *tail)).all()
            rows = sorted(rows, key=lambda r: r[0].id, reverse=True)[:limit]
        else:
            matched = text(f"{PG_VECTOR} @@ to_tsquery('simple', :match)").bindparams(match=match_postgres(query))
            rows = s.execute(base.where(matched)).all()
    return [MessageHit(_message(row[0]), row[1] or "", row[2] or "", tuple(highlight_spans(row[0].text, query)))
            for row in rows]


def search_history(store: Store, query: str, where: SearchFilter = SearchFilter(),  # noqa: B008 - frozen
                   limit: int = 50) -> list[HistoryHit]:
    """The imported past chats' messages matching the query as search_messages() matches, newest import first
    (their times may be missing). Same refusals as search_messages()."""
    if not query_groups(query):
        return []
    filters = _history_filters(where)
    if filters is None:
        return []
    row = m.HistoryRow
    with store.reading() as s:
        if store.engine.dialect.name == "sqlite":
            rowid = literal_column("history_message.rowid")
            base = select(row, rowid).where(*filters).order_by(rowid.desc()).limit(limit)
            upto = fts.watermark(s, fts.HISTORY_WATERMARK)
            rows = _from_index(s, base, match_sqlite(query), upto, limit, page_query=_HISTORY_PAGE, key=rowid)
            # an import not indexed yet (the desk indexes it in the background): scanned, so none is missed
            tail = [row.text.contains(part, autoescape=True) for part in query.split()]
            rows += s.execute(base.where(rowid > upto, *tail)).all()
            rows = sorted(rows, key=lambda r: r[1], reverse=True)[:limit]
        else:
            matched = text(f"{PG_HISTORY_VECTOR} @@ to_tsquery('simple', :match)").bindparams(
                match=match_postgres(query))
            rows = s.execute(select(row, literal_column("0")).where(matched, *filters)
                             .order_by(row.at.desc().nulls_last(), row.conversation, row.seq).limit(limit)).all()
    return [HistoryHit(h.conversation, h.seq, h.sender, h.text, h.at, h.buyer, h.agent,
                       tuple(highlight_spans(h.text, query))) for h, _ in rows]


def like_scan(store: Store, query: str, limit: int = 50) -> list[int]:
    """The same search as a plain LIKE over every message (the benchmark's yardstick): ids, newest first."""
    parts = [p for p in query.split() if p]
    if not parts:
        return []
    statement = (select(m.Message.id).where(and_(*(m.Message.text.like(f"%{p}%") for p in parts)))
                 .order_by(m.Message.id.desc()).limit(limit))
    with store.reading() as s:
        return list(s.scalars(statement))


def search_others(store: Store, query: str, limit: int = 20) -> list[OtherHit]:
    """Buyers by nick, orders by order no. or buyer, and issues by note or order no. (small tables: a scan)."""
    parts = [p for p in query.split() if p]
    if not parts:
        return []

    def every(column: ColumnElement[str]) -> ColumnElement[bool]:
        return and_(*(func.lower(column).like(f"%{p.lower()}%") for p in parts))

    found: list[OtherHit] = []
    with store.reading() as s:
        for buyer in s.scalars(select(m.Buyer).where(every(m.Buyer.nick)).limit(limit)):
            found.append(OtherHit("buyer", buyer.id, buyer.nick, tuple(highlight_spans(buyer.nick, query))))
        for order in s.scalars(select(m.Order).where(every(m.Order.no)).order_by(m.Order.created_at.desc())
                               .limit(limit)):
            found.append(OtherHit("order", order.no, order.no, tuple(highlight_spans(order.no, query))))
        issues = s.scalars(select(m.Issue).where(or_(every(m.Issue.note), every(m.Issue.order_no)))
                           .order_by(m.Issue.id.desc()).limit(limit))
        for issue in issues:
            title = issue.note or issue.order_no
            found.append(OtherHit("issue", str(issue.id), title, tuple(highlight_spans(title, query))))
    return found
