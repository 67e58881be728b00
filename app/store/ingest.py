"""Incoming messages into the store, a batch per transaction: dedupe by server id, match the echo of our own
reply by its client id, keep each chat's summary in step. One message is a batch of one. The live stream's
messages come each with its chat: segments() cuts a group of them where writing the chats first would change
the outcome.

The batch makes the chats it does not know and holds its chats (another desk on the same server ingesting the
same messages waits for them), reads what it needs (stored messages with the batch's ids, the chats' summaries),
decides every message in order in memory, then writes with Core executemany: new messages (one multi-row
INSERT … ON CONFLICT DO NOTHING RETURNING), the chats' summaries. The outcome is exactly that of ingesting the
messages one by one, in order. (ORM objects for the chats took half as long again: the flush writes each changed
chat on its own.)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import Session

from app.store import models as m
from app.store.records import MessageRecord
from app.store.rollups import refresh as refresh_rollups
from app.store.upsert import insert_new

from app import domain

ANSWERS = ("out", "robot")  # a robot answer also stops the buyer's clock
# ids per IN (…) list: far below SQLite's and PostgreSQL's bound-parameter limits, whatever the batch size
CHUNK = 1000


def ingest(s: Session, msgs: Sequence[domain.Message]) -> list[tuple[MessageRecord, bool]]:
    """Store messages from the shop in the open transaction; (the row, whether it is new) for each, in order."""
    outcomes: list[tuple[MessageRecord, bool]] = []
    for start in range(0, len(msgs), CHUNK):  # a later chunk's look-up sees the earlier chunk's rows
        outcomes.extend(_Batch(s, msgs[start:start + CHUNK]).write())
    refresh_rollups(s, [record.conversation_id for record, _new in outcomes])  # the KPIs' days, in step
    return outcomes


def segments(items: Sequence[tuple[domain.Conversation | None, domain.Message]]
             ) -> Iterator[tuple[list[domain.Conversation], list[domain.Message]]]:
    """Cut the stream's messages, each with the chat it came with (or None), into runs whose chats can all be
    written before their messages, with the outcome of writing chat, message, chat, message… in order.

    A chat written again after one of its messages is a no-op only when it is the same chat as before and not
    closed (a message changes a chat's state only from closed to active, and the chat's own columns are not the
    ones a message writes); anything else starts a new run. A busy stream's run is the whole group."""
    chats: dict[str, domain.Conversation] = {}
    msgs: list[domain.Message] = []
    written: set[str] = set()  # chats with a message in this run
    for conv, msg in items:
        if conv is not None:
            before = chats.get(conv.id)
            repeat = before == conv and conv.state != "closed"
            if (before is not None and before != conv) or (conv.id in written and not repeat):
                yield list(chats.values()), msgs
                chats, msgs, written = {}, [], set()
            chats[conv.id] = conv
        msgs.append(msg)
        written.add(msg.conversation_id)
    if chats or msgs:
        yield list(chats.values()), msgs


class Summary(Protocol):
    """The chat columns a message changes: an m.Conversation, or the batch's plain copy of one."""

    state: str
    last_text: str
    last_direction: str
    last_at: datetime | None
    waiting_since: datetime | None
    first_response_at: datetime | None
    unread: int


def apply_to_conversation(conv: Summary, direction: str, text: str, at: datetime, *,
                          counts_unread: bool) -> None:
    """Keep the chat's summary in step with a new message (the queue reads only these columns)."""
    if direction == "system":
        return
    conv.last_text, conv.last_direction, conv.last_at = text, direction, at
    if direction == "in":
        if conv.waiting_since is None:
            conv.waiting_since = at
        if counts_unread:
            conv.unread = (conv.unread or 0) + 1
        if conv.state == "closed":
            conv.state = "active"  # a buyer writing again reopens the chat
    elif direction in ANSWERS:
        conv.waiting_since = None
        if conv.first_response_at is None:
            conv.first_response_at = at


def new_conversation(conversation_id: str, at: datetime) -> dict[str, Any]:
    """The columns of a chat known only from a message so far; its details (buyer, state) follow with its
    own event."""
    return {"id": conversation_id, "buyer_id": "", "state": "active", "created_at": at, "last_text": "",
            "last_direction": "", "last_at": None, "waiting_since": None, "first_response_at": None, "unread": 0}


_SUMMARY = ("state", "last_text", "last_direction", "last_at", "waiting_since", "first_response_at", "unread")


@dataclass
class _Chat:
    """A chat's summary as the batch keeps it, written back as a whole at the end."""

    id: str
    state: str
    last_text: str
    last_direction: str
    last_at: datetime | None
    waiting_since: datetime | None
    first_response_at: datetime | None
    unread: int
    changed: bool = False

    def summary(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _SUMMARY}


@dataclass
class _Row:
    """A message row as the batch sees it: read from the table (id known) or new in this batch (id None)."""

    id: int | None
    conversation_id: str
    direction: str
    text: str
    sent_at: datetime
    server_id: str | None
    client_id: str | None
    state: str
    error: str
    image: str
    agent: str = ""

    def now(self) -> tuple[datetime, str | None, str, str]:
        """What an echo can still change: the answer for a message is the row as it was then."""
        return self.sent_at, self.server_id, self.state, self.error

    def record(self, then: tuple[datetime, str | None, str, str]) -> MessageRecord:
        sent_at, server_id, state, error = then
        return MessageRecord(self.id or 0, self.conversation_id, self.direction, self.text, sent_at, server_id,
                             self.client_id, state, error, self.image, self.agent)

    def columns(self) -> dict[str, Any]:
        return {"conversation_id": self.conversation_id, "direction": self.direction, "text": self.text,
                "sent_at": self.sent_at, "server_id": self.server_id, "client_id": self.client_id,
                "state": self.state, "error": self.error, "image": self.image, "agent": self.agent}


class _Batch:
    def __init__(self, s: Session, msgs: Sequence[domain.Message]) -> None:
        self.s, self.msgs = s, msgs
        self.by_server: dict[str, _Row] = {}
        self.by_client: dict[str, _Row] = {}
        self.chats: dict[str, _Chat] = {}

    def write(self) -> list[tuple[MessageRecord, bool]]:
        self._hold_chats()
        self._read_stored()
        decided = [self._decide(msg) for msg in self.msgs]
        new = {row.server_id: row for row, _then, created in decided if created}
        if new:
            # matched by server id, not by position: sort_by_parameter_order makes SQLAlchemy insert row by row on SQLite
            statement = insert_new(self.s, _MESSAGE, ["server_id"]).returning(_MESSAGE.c.server_id, _MESSAGE.c.id)
            for server_id, row_id in self.s.execute(statement, [row.columns() for row in new.values()]):
                new[server_id].id = row_id
            kept = [server_id for server_id, row in new.items() if row.id is None]
            if kept:  # stored meanwhile without this chat's lock (a reply marked sent by the shop's id): the same row
                decided = self._as_stored(decided, kept)
        changed = [chat for chat in self.chats.values() if chat.changed]
        if changed:
            self.s.execute(_WRITE_SUMMARY, [{"chat_id": chat.id, **chat.summary()} for chat in changed])
        return [(row.record(then), created) for row, then, created in decided]

    def _hold_chats(self) -> None:
        """Make the batch's chats that are not stored yet, then hold every one of them until the batch commits.
        Another desk on the same server ingesting the same messages waits here, then finds them stored and takes
        them as replays (SQLite: the transaction already holds the whole store). Chats are made and held in the
        order of their ids, so two desks can never each hold one the other waits for."""
        first: dict[str, datetime] = {}
        for msg in self.msgs:
            first.setdefault(msg.conversation_id, msg.sent_at)
        chat_ids = sorted(first)
        self.s.execute(insert_new(self.s, _CHAT, ["id"]), [new_conversation(chat_id, first[chat_id])
                                                           for chat_id in chat_ids])
        held = (select(_CHAT.c.id, *(_CHAT.c[n] for n in _SUMMARY)).where(_CHAT.c.id.in_(chat_ids))
                .order_by(_CHAT.c.id).with_for_update())
        for r in self.s.execute(held):
            self.chats[r[0]] = _Chat(*r)

    def _as_stored(self, decided: list[tuple[_Row, tuple[datetime, str | None, str, str], bool]],
                   kept: list[str]) -> list[tuple[_Row, tuple[datetime, str | None, str, str], bool]]:
        """The messages the insert found stored under their server id, as the stored rows (and not new)."""
        stored = {r[5]: _Row(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8] or "", r[9] or "", r[10] or "")
                  for r in self.s.execute(select(*(_MESSAGE.c[name] for name in _ROW))
                                          .where(_MESSAGE.c.server_id.in_(kept)))}
        return [(stored[row.server_id], stored[row.server_id].now(), False) if created and row.id is None
                else (row, then, created) for row, then, created in decided]

    def _read_stored(self) -> None:
        server_ids = list({msg.id for msg in self.msgs})
        client_ids = list({msg.client_id for msg in self.msgs if msg.client_id})
        where = _MESSAGE.c.server_id.in_(server_ids)
        if client_ids:
            where = or_(where, _MESSAGE.c.client_id.in_(client_ids))
        for r in self.s.execute(select(*(_MESSAGE.c[name] for name in _ROW)).where(where)):
            row = _Row(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8] or "", r[9] or "", r[10] or "")
            if row.server_id:
                self.by_server[row.server_id] = row
            if row.client_id:
                self.by_client[row.client_id] = row

    def _decide(self, msg: domain.Message) -> tuple[_Row, tuple[datetime, str | None, str, str], bool]:
        row = self.by_server.get(msg.id)
        if row is not None:  # a replay
            return row, row.now(), False
        row = self.by_client.get(msg.client_id) if msg.client_id else None
        if row is not None:  # the echo of our own reply: it has now reached the shop
            if row.server_id:
                del self.by_server[row.server_id]
            row.server_id, row.state, row.sent_at, row.error = msg.id, "sent", msg.sent_at, ""
            self.by_server[msg.id] = row
            if row.id is not None:  # rare: written at once, before the batch's inserts, as one by one would
                self.s.execute(update(_MESSAGE).where(_MESSAGE.c.id == row.id)
                               .values(server_id=row.server_id, state="sent", sent_at=row.sent_at, error=""))
            return row, row.now(), False
        row = _Row(None, msg.conversation_id, msg.direction, msg.text, msg.sent_at, msg.id, msg.client_id or None,
                   "received" if msg.direction == "in" else "sent", "", msg.image, msg.agent)
        self.by_server[msg.id] = row
        if row.client_id:
            self.by_client[row.client_id] = row
        chat = self.chats[msg.conversation_id]  # made by _hold_chats if it was not stored
        apply_to_conversation(chat, msg.direction, msg.text, msg.sent_at, counts_unread=True)
        chat.changed = True
        return row, row.now(), True


_MESSAGE = m.Message.__table__
_ROW = ("id", "conversation_id", "direction", "text", "sent_at", "server_id", "client_id", "state", "error", "image",
        "agent")
_CHAT = m.Conversation.__table__
_WRITE_SUMMARY = (update(_CHAT).where(_CHAT.c.id == bindparam("chat_id"))
                  .values({name: bindparam(name) for name in _SUMMARY}))
