"""What the owner's review reads and writes: messages and orders by time, 质检 scores and message notes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.store import models as m
from app.store.models import as_utc
from app.store.records import MessageRecord
from app.store.store import _MESSAGE_COLUMNS, Store


@dataclass(frozen=True)
class ChatInfo:
    id: str
    buyer_id: str
    buyer_nick: str
    state: str
    last_direction: str


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    conversation_id: str
    agent: str
    reviewer: str
    at: datetime
    score: int
    checks: dict[str, Any]
    comment: str


@dataclass(frozen=True)
class NoteRecord:
    id: int
    message_id: int
    reviewer: str
    at: datetime
    text: str
    example: str  # good / bad / ""


def messages_between(store: Store, start: datetime, end: datetime,
                     conversation_ids: Sequence[str] | None = None) -> list[MessageRecord]:
    """Messages sent in [start, end), by chat and then in order (a Core query: months of rows, no ORM)."""
    table = m.Message.__table__
    query = select(*(table.c[name] for name in _MESSAGE_COLUMNS)).where(table.c.sent_at >= start,
                                                                        table.c.sent_at < end)
    with store.engine.connect() as connection:
        if conversation_ids is None:
            rows = connection.execute(query.order_by(table.c.conversation_id, table.c.id)).all()
        else:  # chunks in chat order, each in order: the same order as one query
            rows = [r for some in _chunks(sorted(set(conversation_ids)))
                    for r in connection.execute(query.where(table.c.conversation_id.in_(some))
                                                .order_by(table.c.conversation_id, table.c.id))]
    return [MessageRecord(r[0], r[1], r[2], r[3], as_utc(r[4]), r[5], r[6], r[7], r[8] or "", r[9] or "", r[10] or "")
            for r in rows]


# ids per IN (...): under the oldest SQLite's limit of 999 variables (32,766 now; PostgreSQL 65,535), so a year's
# 300,000 chats are many small queries instead of one the database refuses
CHUNK = 900


def _chunks(ids: Sequence[Any]) -> Iterator[list[Any]]:
    ids = list(ids)
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def whole_chats_between(store: Store, start: datetime, end: datetime
                        ) -> Iterator[tuple[str, str, list[tuple[datetime, str, str]]]]:
    """Per chat with a message sent in [start, end), one at a time: (chat id, buyer id, [(sent at UTC, direction,
    agent)] of all its messages, in order). Streamed; the chats are a subquery, never a list of ids. For the KPIs
    of a store whose rollups cannot be built (one only read): app/store/rollups.py is the fast way."""
    table, chat = m.Message.__table__, m.Conversation.__table__
    in_range = select(table.c.conversation_id).where(table.c.sent_at >= start, table.c.sent_at < end)
    query = (select(table.c.conversation_id, table.c.direction, table.c.sent_at, table.c.agent, chat.c.buyer_id)
             .join(chat, chat.c.id == table.c.conversation_id, isouter=True)
             .where(table.c.conversation_id.in_(in_range)).order_by(table.c.conversation_id, table.c.id))
    current: str | None = None
    buyer = ""
    said: list[tuple[datetime, str, str]] = []
    with store.engine.connect() as connection:
        for cid, direction, at, agent, buyer_id in connection.execution_options(yield_per=10_000).execute(query):
            if cid != current:
                if current is not None:
                    yield current, buyer, said
                current, buyer, said = cid, buyer_id or "", []
            said.append((as_utc(at), direction, agent or ""))
    if current is not None:
        yield current, buyer, said


def orders_created(store: Store, start: datetime, end: datetime) -> list[tuple[str, datetime]]:
    """(buyer id, created at) of the orders created in [start, end)."""
    query = select(m.Order.buyer_id, m.Order.created_at).where(m.Order.created_at >= start, m.Order.created_at < end)
    with store.engine.connect() as connection:
        return [(r[0], as_utc(r[1])) for r in connection.execute(query)]


def chats(store: Store, ids: Sequence[str]) -> dict[str, ChatInfo]:
    found: dict[str, ChatInfo] = {}
    with store.engine.connect() as connection:
        for some in _chunks(ids):
            query = (select(m.Conversation.id, m.Conversation.buyer_id, m.Buyer.nick, m.Conversation.state,
                            m.Conversation.last_direction)
                     .join(m.Buyer, m.Buyer.id == m.Conversation.buyer_id, isouter=True)
                     .where(m.Conversation.id.in_(some)))
            found.update((r[0], ChatInfo(r[0], r[1], r[2] or "", r[3], r[4] or "")) for r in connection.execute(query))
    return found


def add_review(store: Store, conversation_id: str, agent: str, reviewer: str, at: datetime, score: int,
               checks: dict[str, Any], comment: str) -> ReviewRecord:
    with store.writing() as s:
        row = m.ChatReview(conversation_id=conversation_id, agent=agent, reviewer=reviewer, at=at, score=score,
                           checks=checks, comment=comment)
        s.add(row)
        s.flush()
        return _review(row)


def reviews(store: Store, *, conversation_ids: Sequence[str] | None = None, start: datetime | None = None,
            end: datetime | None = None) -> list[ReviewRecord]:
    query = select(m.ChatReview).order_by(m.ChatReview.id)
    if start is not None:
        query = query.where(m.ChatReview.at >= start)
    if end is not None:
        query = query.where(m.ChatReview.at < end)
    with store.reading() as s:
        if conversation_ids is None:
            return [_review(r) for r in s.scalars(query)]
        found = [_review(r) for some in _chunks(conversation_ids)
                 for r in s.scalars(query.where(m.ChatReview.conversation_id.in_(some)))]
    return sorted(found, key=lambda r: r.id)


def add_note(store: Store, message_id: int, reviewer: str, at: datetime, text: str, example: str) -> NoteRecord:
    with store.writing() as s:
        row = m.MessageNote(message_id=message_id, reviewer=reviewer, at=at, text=text, example=example)
        s.add(row)
        s.flush()
        return _note(row)


def notes(store: Store, message_ids: Sequence[int]) -> list[NoteRecord]:
    query = select(m.MessageNote).order_by(m.MessageNote.id)
    with store.reading() as s:
        found = [_note(r) for some in _chunks(message_ids) for r in s.scalars(query.where(m.MessageNote.message_id.in_(some)))]
    return sorted(found, key=lambda n: n.id)


def _review(r: m.ChatReview) -> ReviewRecord:
    return ReviewRecord(r.id, r.conversation_id, r.agent, r.reviewer, as_utc(r.at), r.score, dict(r.checks or {}),
                        r.comment)


def _note(r: m.MessageNote) -> NoteRecord:
    return NoteRecord(r.id, r.message_id, r.reviewer, as_utc(r.at), r.text, r.example)
