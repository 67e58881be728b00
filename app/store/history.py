"""A shop's past chats in the store (table history_message): written by `kefudesk history import`, read back for
the suggestions to learn from, a buyer's past chats and the search. Apart from the live chats, so the KPIs never
count them. The search index follows an import as it follows the live messages (app/store/fts.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import bindparam, func, select, text

from app.store import models as m
from app.store.models import UTCDateTime
from app.store.store import Store

_SQLITE_INSERT = ("INSERT INTO history_message (conversation, seq, sender, text, at, buyer, agent) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (conversation, seq) DO NOTHING")
_SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"  # as SQLAlchemy's DateTime writes it in SQLite (UTCDateTime reads it back)
BATCH = 5_000  # rows per executemany: progress could be told between them


@dataclass(frozen=True)
class HistoryMessage:
    conversation: str
    seq: int  # its place in its conversation, from 1: with the conversation, its key
    sender: str  # buyer | agent
    text: str
    at: datetime | None = None  # UTC
    buyer: str = ""
    agent: str = ""


class HistoryImportStopped(Exception):
    """The import was stopped before it was committed: nothing of it was written."""


def add_history(store: Store, messages: Sequence[HistoryMessage],
                progress: Callable[[int], bool] | None = None) -> int:
    """Store the messages in one transaction (all or none); those already there are kept. Returns how many
    were new. progress(messages written so far) is told between batches; when it returns False the transaction is
    rolled back and HistoryImportStopped raised."""
    table = m.HistoryRow.__table__
    # one plain statement executed many times: the ORM's insert with ON CONFLICT took 50 µs a row
    statement = text("INSERT INTO history_message (conversation, seq, sender, text, at, buyer, agent) VALUES "
                     "(:conversation, :seq, :sender, :text, :at, :buyer, :agent) ON CONFLICT (conversation, seq) "
                     "DO NOTHING").bindparams(bindparam("at", type_=UTCDateTime))
    with store.writing() as s:
        before = s.scalar(select(func.count()).select_from(table)) or 0
        sqlite = s.get_bind().dialect.name == "sqlite"
        for start in range(0, len(messages), BATCH):
            batch = messages[start:start + BATCH]
            if sqlite:  # the driver's executemany in the session's transaction: SQLAlchemy's binding was 2/3 of it
                cursor = s.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
                cursor.executemany(_SQLITE_INSERT, [
                    (x.conversation[:100], x.seq, x.sender, x.text,
                     None if x.at is None else x.at.astimezone(UTC).strftime(_SQLITE_TIME), x.buyer[:100],
                     x.agent[:100]) for x in batch])
            else:
                s.execute(statement, [{"conversation": x.conversation[:100], "seq": x.seq, "sender": x.sender,
                                       "text": x.text, "at": x.at, "buyer": x.buyer[:100], "agent": x.agent[:100]}
                                      for x in batch])
            if progress is not None and not progress(start + len(batch)):
                raise HistoryImportStopped("the import was stopped: nothing was written")
        after = s.scalar(select(func.count()).select_from(table)) or 0
    return after - before


def history_conversations(store: Store, limit: int = 200_000) -> Iterator[list[tuple[str, str]]]:
    """The stored past chats, each as its (from, text) in order; at most limit messages (a bound on what the
    desk reads at start)."""
    query = (select(m.HistoryRow.conversation, m.HistoryRow.sender, m.HistoryRow.text)
             .order_by(m.HistoryRow.conversation, m.HistoryRow.seq).limit(limit))
    with store.reading() as s:
        current, said = None, []
        for conversation, sender, text in s.execute(query):
            if conversation != current and said:
                yield said
                said = []
            current = conversation
            said.append((sender, text))
        if said:
            yield said


def recent_chats(store: Store, limit: int = 200_000) -> Iterator[list[tuple[str, str]]]:
    """The live chats' last limit messages, each chat as its (from, text) in order: buyer for what came in, agent
    for what the desk sent (an agent's or the robot's)."""
    message = m.Message
    query = (select(message.conversation_id, message.direction, message.text)
             .where(message.direction.in_(("in", "out", "robot")), message.text != "")
             .order_by(message.id.desc()).limit(limit))
    chats: dict[str, list[tuple[str, str]]] = {}
    with store.reading() as s:
        for conversation, direction, text in s.execute(query):
            chats.setdefault(conversation, []).append(("buyer" if direction == "in" else "agent", text))
    for said in chats.values():
        yield said[::-1]


@dataclass(frozen=True)
class PastChat:
    """One of a buyer's earlier chats, for the buyer pane: a live one of this store or one imported as history."""

    conversation: str
    imported: bool  # from `kefudesk history import` (else a chat the desk itself held)
    started: datetime | None  # UTC; None for history the file gave no times
    messages: int
    opening: tuple[tuple[str, str], ...]  # its first few (buyer | agent, text), for a glance


OPENING = 6  # messages of a past chat shown at a glance


def past_chats(store: Store, buyer_id: str, buyer_nick: str, *, leave_out: str = "",
               limit: int = 20) -> list[PastChat]:
    """The buyer's earlier chats, newest first: the live ones by the shop's buyer id (but leave_out, the open one),
    then the imported ones by the nick the file gave (history names buyers by nick only); imported chats without
    times come last."""
    found: list[PastChat] = []
    message, history = m.Message, m.HistoryRow
    with store.reading() as s:
        if buyer_id:
            chats = s.execute(select(m.Conversation.id, m.Conversation.created_at)
                              .where(m.Conversation.buyer_id == buyer_id, m.Conversation.id != leave_out)
                              .order_by(m.Conversation.created_at.desc()).limit(limit)).all()
            for chat_id, started in chats:
                count = s.scalar(select(func.count()).where(message.conversation_id == chat_id)) or 0
                said = s.execute(select(message.direction, message.text)
                                 .where(message.conversation_id == chat_id, message.direction.in_(("in", "out", "robot")))
                                 .order_by(message.id).limit(OPENING)).all()
                found.append(PastChat(chat_id, False, started, count,
                                      tuple(("buyer" if d == "in" else "agent", t) for d, t in said)))
        if buyer_nick:
            imported = s.execute(select(history.conversation, func.min(history.at), func.count())
                                 .where(history.buyer == buyer_nick).group_by(history.conversation)
                                 .order_by(func.min(history.at).desc().nulls_last()).limit(limit)).all()
            for conversation, started, count in imported:
                said = s.execute(select(history.sender, history.text).where(history.conversation == conversation)
                                 .order_by(history.seq).limit(OPENING)).all()
                found.append(PastChat(conversation, True, started, count, tuple((a, b) for a, b in said)))
    never = datetime.min.replace(tzinfo=UTC)
    return sorted(found, key=lambda c: c.started or never, reverse=True)[:limit]
