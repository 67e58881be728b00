"""The store's service API: short transactions, idempotent ingest, plain records out.

Every method opens its own session, so any thread may call it; SQLite serialises the writers. Ingesting
the same server message twice, or the echo of our own reply, never creates a second row.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import case, delete, func, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.quickreplies.phrase import Phrase
from app.store import models as m
from app.store.errors import StoreError
from app.store.images import ImageStore
from app.store.ingest import ANSWERS, CHUNK, apply_to_conversation, ingest, new_conversation, segments
from app.store.models import as_utc as models_utc
from app.store.records import BuyerRecord, ConversationSummary, MessageRecord
from app.store.rollups import buyers as rollup_buyers
from app.store.rollups import refresh as refresh_rollups
from app.store.upsert import insert_new, upsert

from app import domain

# The execution option that marks a write transaction's connection: on SQLite its BEGIN takes the write lock
# (app/store/engine.py), so a check read before the write (a refund cap's sum) still holds when it commits.
WRITES = "kefudesk_writes"
_SHOP, _AGENT, _BUYER, _CHAT = (m.Shop.__table__, m.Agent.__table__, m.Buyer.__table__, m.Conversation.__table__)
_MESSAGE_COLUMNS = ("id", "conversation_id", "direction", "text", "sent_at", "server_id", "client_id", "state", "error",
                    "image", "agent")


class _Sessions(sessionmaker[Session]):
    """The store's sessions: a plain one reads; one opened with begin() writes (writing() and every method that
    opens its own), on a connection marked WRITES. One place, so no write can forget the lock."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine, expire_on_commit=False)
        self._writer = engine.execution_options(**{WRITES: True})
        self._writing = threading.local()

    @contextlib.contextmanager
    def begin(self) -> Iterator[Session]:  # type: ignore[override]
        if getattr(self._writing, "now", False):  # said at once, not a "database is locked" after the busy timeout
            raise RuntimeError("a store write inside another on the same thread would wait for itself")
        self._writing.now = True
        try:
            with self(bind=self._writer) as session, session.begin():
                yield session
        finally:
            self._writing.now = False


class Store:
    def __init__(self, engine: Engine, path: Path | None, images_dir: Path | None = None) -> None:
        self.engine = engine
        self.path = path
        # picture files beside the database (a team server's desks each keep their own copies for now)
        self.images = ImageStore(images_dir or (path.parent if path else Path.home() / ".kefudesk") / "images")
        self._sessions = _Sessions(engine)
        # SQLite allows one writer; serialising here avoids busy retries between our own threads
        self._write_lock = threading.RLock()
        # open_store found a -wal beside the file (a desk killed, or another program using it): the background
        # check of every page runs this start whenever it last ran (app/store/integrity.py)
        self.left_open = False

    def close(self) -> None:
        self.engine.dispose()

    @contextlib.contextmanager
    def writing(self) -> Iterator[Session]:
        """One write transaction, serialised with every other writer of this store: all of it or none."""
        with self._write_lock, self._sessions.begin() as s:
            yield s

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        with self._sessions() as s:
            yield s

    # --- shop and agent --------------------------------------------------------------------------

    # Writes of what the shop sends are upserts (app/store/upsert.py): another desk on the same team server may
    # write the same shop, agent, buyer, chat, order or key at the same moment.

    def ensure_shop(self, shop_id: str, name: str, gateway_url: str) -> None:
        with self._write_lock, self._sessions.begin() as s:
            upsert(s, _SHOP, ["id"], [{"id": shop_id, "name": name, "gateway_url": gateway_url}])

    def ensure_agent(self, agent_id: str, shop_id: str, name: str) -> None:
        self.ensure_agents(shop_id, {agent_id: name})

    def ensure_agents(self, shop_id: str, names: dict[str, str]) -> None:
        """Keep each agent's display name (花名) by the id the records name them with; one transaction, and none
        when every name is already as given (the shop's agent list is read at every connect)."""
        names = {agent_id: name for agent_id, name in names.items() if agent_id and name}
        if not names or self.agent_names(list(names)) == names:
            return
        with self._write_lock, self._sessions.begin() as s:  # the role is the store's: set once, at the first login
            upsert(s, _AGENT, ["id"], [{"id": agent_id, "shop_id": shop_id, "name": name, "role": "presale"}
                                       for agent_id, name in sorted(names.items())], ["shop_id", "name"])

    def agent_names(self, ids: Sequence[str] | None = None) -> dict[str, str]:
        """Display names by agent id (all known ones, or these)."""
        query = select(m.Agent.id, m.Agent.name)
        if ids is not None:
            query = query.where(m.Agent.id.in_(list(ids)))
        with self._sessions() as s:
            return {agent_id: name for agent_id, name in s.execute(query) if name}

    # --- conversations and messages --------------------------------------------------------------

    def upsert_conversation(self, conv: domain.Conversation) -> None:
        with self._write_lock, self._sessions.begin() as s:
            _upsert_chats(s, [conv])

    def ingest_live(self, items: Sequence[tuple[domain.Conversation | None, domain.Message]],
                    resume: tuple[str, str] | None) -> list[tuple[MessageRecord, bool]]:
        """The live stream's messages, each with the chat it came with, in one transaction with the stream's
        resume point (key, event id): the shop resends from there, so a message is acknowledged exactly when it is
        committed. The same rows as upsert_conversation and ingest_message for each in order; (the row, whether
        it is new) for each message, in order."""
        with self._write_lock, self._sessions.begin() as s:
            outcomes: list[tuple[MessageRecord, bool]] = []
            for chats, msgs in segments(items):
                _upsert_chats(s, _changed_chats(s, chats))
                outcomes.extend(ingest(s, msgs))
            if resume is not None:
                upsert(s, m.Meta.__table__, ["key"], [{"key": resume[0], "value": resume[1]}])
            return outcomes

    def ingest_message(self, msg: domain.Message) -> tuple[MessageRecord, bool]:
        """Store a message from the shop. Returns (the row, whether it is new)."""
        return self.ingest_messages([msg])[0]

    def ingest_messages(self, msgs: Sequence[domain.Message]) -> list[tuple[MessageRecord, bool]]:
        """Store messages from the shop in one transaction, all or none: the same rows, answers and chat
        summaries as ingest_message for each in order (replays and repeats within the batch are not new),
        at a fraction of the cost. Returns (the row, whether it is new) for each message, in order."""
        if not msgs:
            return []
        with self._write_lock, self._sessions.begin() as s:
            return ingest(s, msgs)

    def _conversation_row(self, s: Session, conversation_id: str, at: datetime) -> m.Conversation:
        conv = s.get(m.Conversation, conversation_id)
        if conv is None:  # a reply in a chat we have not been told about yet; the details follow
            s.execute(insert_new(s, _CHAT, ["id"]), [new_conversation(conversation_id, at)])
            conv = s.get(m.Conversation, conversation_id, with_for_update=True)
            assert conv is not None
        return conv

    def add_outgoing(self, conversation_id: str, text: str, client_id: str, at: datetime,
                     image: str = "", *, direction: str = "out", agent: str = "") -> MessageRecord:
        """Commit the agent's reply (and its image's id) as pending before it goes on the wire; direction
        "robot" for the robot's answer; agent: who sends it (their agent id)."""
        if direction not in ANSWERS:
            raise ValueError(f"an outgoing message is out or robot, not {direction!r}")
        with self._write_lock, self._sessions.begin() as s:
            existing = s.scalar(select(m.Message).where(m.Message.client_id == client_id))
            if existing is not None:
                return _message(existing)
            conv = self._conversation_row(s, conversation_id, at)
            row = m.Message(conversation_id=conversation_id, direction=direction, text=text, server_id=None,
                            client_id=client_id, sent_at=at, state="pending", error="", image=image, agent=agent)
            s.add(row)
            apply_to_conversation(conv, direction, text, at, counts_unread=False)
            s.flush()
            refresh_rollups(s, [conversation_id])  # the agent's or the robot's answer in the KPIs' days
            return _message(row)

    def mark_sent(self, client_id: str, server_id: str, sent_at: datetime) -> MessageRecord:
        with self._write_lock, self._sessions.begin() as s:
            ours = s.scalar(select(m.Message).where(m.Message.client_id == client_id))
            if ours is None:
                raise KeyError(f"no outgoing message with client id {client_id}")
            other = s.scalar(select(m.Message).where(m.Message.server_id == server_id, m.Message.id != ours.id))
            if other is not None:  # the shop's echo arrived without our key: keep our row, drop the copy
                _unindex(s, [(other.id, other.text)])
                s.delete(other)
                s.flush()
            ours.server_id, ours.state, ours.sent_at, ours.error = server_id, "sent", sent_at, ""
            refresh_rollups(s, {ours.conversation_id, other.conversation_id if other else ours.conversation_id})
            return _message(ours)

    def mark_failed(self, client_id: str, error: str) -> MessageRecord | None:
        """The shop refused the reply: it stays, marked failed, for the agent to edit or resend."""
        with self._write_lock, self._sessions.begin() as s:
            ours = s.scalar(select(m.Message).where(m.Message.client_id == client_id))
            if ours is None:
                return None
            if ours.state != "sent":
                ours.state, ours.error = "failed", error[:1000]
            return _message(ours)

    def requeue(self, client_id: str) -> MessageRecord | None:
        """A refused reply goes out again, in its place in the outbox (the agent pressed resend)."""
        return self._refused_to(client_id, "pending")

    def withdraw(self, client_id: str) -> MessageRecord | None:
        """A refused reply the agent takes back to edit: it stays in the history, marked withdrawn, never sent."""
        return self._refused_to(client_id, "withdrawn")

    def _refused_to(self, client_id: str, state: str) -> MessageRecord | None:
        with self._write_lock, self._sessions.begin() as s:
            ours = s.scalar(select(m.Message).where(m.Message.client_id == client_id))
            if ours is None or ours.state != "failed":
                return None
            ours.state = state
            if state == "pending":
                ours.error = ""
            return _message(ours)

    def outbox(self) -> list[MessageRecord]:
        with self._sessions() as s:
            rows = s.scalars(select(m.Message).where(m.Message.state.in_(("pending", "failed"))).order_by(m.Message.id))
            return [_message(r) for r in rows]

    def messages(self, conversation_id: str, limit: int = 2000, before_id: int | None = None) -> list[MessageRecord]:
        """The last `limit` messages of a chat (older than before_id when given), oldest first.

        A Core query, not ORM objects: a chat switch reads hundreds of rows and the identity map only costs.
        """
        table = m.Message.__table__
        query = select(*(table.c[name] for name in _MESSAGE_COLUMNS)).where(table.c.conversation_id == conversation_id)
        if before_id is not None:
            query = query.where(table.c.id < before_id)
        with self.engine.connect() as connection:
            rows = connection.execute(query.order_by(table.c.id.desc()).limit(limit)).all()
        utc = models_utc
        return [MessageRecord(r[0], r[1], r[2], r[3], utc(r[4]), r[5], r[6], r[7], r[8] or "", r[9] or "", r[10] or "")
                for r in reversed(rows)]

    def messages_by_id(self, ids: Sequence[int]) -> list[MessageRecord]:
        """These messages (by local id), in id order; ids not in the store are left out."""
        with self._sessions() as s:
            rows = s.scalars(select(m.Message).where(m.Message.id.in_(list(ids))).order_by(m.Message.id))
            return [_message(r) for r in rows]

    def next_message(self, conversation_id: str, after_id: int, direction: str) -> MessageRecord | None:
        """The first message of that direction in the chat after message after_id (the buyer's answer to it)."""
        query = (select(m.Message).where(m.Message.conversation_id == conversation_id, m.Message.id > after_id,
                                         m.Message.direction == direction).order_by(m.Message.id).limit(1))
        with self.reading() as s:
            row = s.scalar(query)
            return _message(row) if row is not None else None

    def outbox_count(self) -> int:
        """Replies not yet acknowledged by the shop (pending); cheap enough to ask on every message."""
        with self._sessions() as s:
            return int(s.scalar(select(func.count(m.Message.id)).where(m.Message.state == "pending")) or 0)

    def message_count(self, conversation_id: str | None = None) -> int:
        with self._sessions() as s:
            query = select(func.count(m.Message.id))
            if conversation_id is not None:
                query = query.where(m.Message.conversation_id == conversation_id)
            return int(s.scalar(query) or 0)

    def conversation_summaries(self) -> list[ConversationSummary]:
        """Every chat that is not closed."""
        with self._sessions() as s:
            rows = s.execute(select(m.Conversation, m.Buyer.nick).outerjoin(m.Buyer, m.Buyer.id == m.Conversation.buyer_id)
                             .where(m.Conversation.state != "closed")).all()
            return [_summary(conv, nick) for conv, nick in rows]

    def conversation(self, conversation_id: str) -> ConversationSummary | None:
        with self._sessions() as s:
            row = s.execute(select(m.Conversation, m.Buyer.nick).outerjoin(m.Buyer, m.Buyer.id == m.Conversation.buyer_id)
                            .where(m.Conversation.id == conversation_id)).first()
            return _summary(row[0], row[1]) if row else None

    def conversations(self, ids: Sequence[str]) -> list[ConversationSummary]:
        """These chats, in the order asked (unknown ids left out): one read for a group of live messages."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, ConversationSummary] = {}
        with self.engine.connect() as connection:  # Core rows: ORM objects cost as much as the group's commit
            for start in range(0, len(wanted), CHUNK):
                query = (select(*_SUMMARY_COLUMNS).select_from(_CHAT.outerjoin(_BUYER, _BUYER.c.id == _CHAT.c.buyer_id))
                         .where(_CHAT.c.id.in_(wanted[start:start + CHUNK])))
                for r in connection.execute(query):
                    found[r[0]] = ConversationSummary(r[0], r[1], r[2] or "?", r[3], r[4], r[5], r[6], r[7], r[8], r[9],
                                                      r[10], r[11] or "")
        return [found[chat_id] for chat_id in wanted if chat_id in found]

    def mark_read(self, conversation_id: str) -> None:
        with self._write_lock, self._sessions.begin() as s:
            conv = s.get(m.Conversation, conversation_id)
            if conv is not None:
                conv.unread = 0

    # --- drafts ----------------------------------------------------------------------------------

    def save_draft(self, conversation_id: str, text: str, at: datetime) -> None:
        with self._write_lock, self._sessions.begin() as s:
            if not text:
                s.execute(delete(m.Draft).where(m.Draft.conversation_id == conversation_id))
            else:
                upsert(s, m.Draft.__table__, ["conversation_id"],
                       [{"conversation_id": conversation_id, "text": text, "updated_at": at}])

    def draft(self, conversation_id: str) -> str:
        with self._sessions() as s:
            row = s.get(m.Draft, conversation_id)
            return row.text if row else ""

    # --- orders and buyers -----------------------------------------------------------------------

    def upsert_orders(self, orders: Iterable[domain.Order], fetched_at: datetime) -> None:
        """The shop's orders as it sent them. A field a gateway does not say (None: an older gateway) keeps what
        the store has, such as an order export's buyer note: it is neither inserted nor updated."""
        rows: dict[str, dict[str, Any]] = {}
        for order in orders:  # the last of one order no. wins, as one by one would
            said = {name: value for name in _SAID_OR_KEPT if (value := getattr(order, name)) is not None}
            rows[order.no] = {"no": order.no, "buyer_id": order.buyer_id, "items": [asdict(i) for i in order.items],
                              "amount_fen": order.amount_fen, "status": order.status, "created_at": order.created_at,
                              "courier": order.courier, "tracking_no": order.tracking_no, "address": order.address,
                              "ship_by": order.ship_by, "fetched_at": fetched_at, **said}
        # one statement per set of columns said (a multi-row upsert names the same columns in every row)
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for row in rows.values():
            by_columns.setdefault(tuple(row), []).append(row)
        with self._write_lock, self._sessions.begin() as s:
            for group in by_columns.values():
                upsert(s, m.Order.__table__, ["no"], group)

    def orders_for_buyer(self, buyer_id: str) -> list[domain.Order]:
        with self._sessions() as s:
            rows = s.execute(_with_contact().where(m.Order.buyer_id == buyer_id).order_by(m.Order.created_at.desc()))
            return [_order(o, contact) for o, contact in rows]

    def order(self, order_no: str) -> domain.Order | None:
        with self._sessions() as s:
            row = s.execute(_with_contact().where(m.Order.no == order_no)).first()
            return None if row is None else _order(*row)

    def buyer(self, buyer_id: str) -> BuyerRecord | None:
        with self._sessions() as s:
            row = s.get(m.Buyer, buyer_id)
            return BuyerRecord(row.id, row.nick, row.phone) if row else None

    # --- the phrase library ----------------------------------------------------------------------

    def phrases(self) -> list[Phrase]:
        r = m.PhraseRow
        query = (select(r.id, r.title, r.body, r.group_name, r.abbreviation, r.slot, r.tags, r.uses, r.last_used,
                        r.owner, r.image, r.variants, r.rotate).order_by(r.group_name, r.slot, r.id))
        with self._sessions() as s:  # plain rows, not ORM objects: 10,000 phrases read 3× faster
            return [Phrase(i, t, b, g, a, slot, tuple(tags or ()), uses or 0, last, owner or "", image or "",
                           tuple(variants or ()), bool(rotate))
                    for i, t, b, g, a, slot, tags, uses, last, owner, image, variants, rotate in s.execute(query)]

    def add_phrases(self, phrases: Iterable[Phrase], *, keep_ids: bool = False) -> list[int]:
        """Add phrases in one transaction: all of them or none. Ids are given by the store, unless keep_ids
        (undoing a delete puts the very same rows back). Returns the ids in order."""
        phrases = list(phrases)
        if not phrases:
            return []
        with self._write_lock, self._sessions.begin() as s:
            return insert_phrases(s, phrases, keep_ids=keep_ids)

    def update_phrases(self, phrases: Iterable[Phrase]) -> None:
        """Write edited phrases back (matched by id), all or none; usage counts are the store's, not the caller's."""
        with self._write_lock, self._sessions.begin() as s:
            for p in phrases:
                row = s.get(m.PhraseRow, p.id)
                if row is None:
                    raise StoreError(f"phrase {p.id} is no longer in the library (deleted elsewhere?)")
                for name, value in _phrase_columns(p).items():
                    if name not in ("uses", "last_used"):
                        setattr(row, name, value)

    def delete_phrases(self, ids: Iterable[int]) -> list[Phrase]:
        """Delete phrases, all or none; returns what was deleted so it can be put back (undo)."""
        with self._write_lock, self._sessions.begin() as s:
            rows = list(s.scalars(select(m.PhraseRow).where(m.PhraseRow.id.in_(list(ids)))))
            gone = [_phrase(r) for r in rows]
            for row in rows:
                s.delete(row)
            return gone

    def phrase_used(self, phrase_id: int, at: datetime, prompt: str = "", *, conversation_id: str = "",
                    agent: str = "") -> None:
        """Count a firing; prompt is the buyer message it answered (kept for suggestions when given), the chat
        and the agent for phrase analytics (its send is written when it goes out: phrase_stats.phrase_sent)."""
        with self._write_lock, self._sessions.begin() as s:
            row = s.get(m.PhraseRow, phrase_id)
            if row is not None:
                row.uses, row.last_used = (row.uses or 0) + 1, at
                s.add(m.PhraseUse(phrase_id=phrase_id, prompt=prompt.strip()[:500], at=at,
                                  conversation_id=conversation_id, agent=agent))

    def phrase_uses(self, limit: int = 5000) -> list[tuple[int, str]]:
        """(phrase id, buyer message answered), newest first: the history suggestions learn from (firings that
        answered no buyer message teach nothing)."""
        with self._sessions() as s:
            query = (select(m.PhraseUse.phrase_id, m.PhraseUse.prompt).where(m.PhraseUse.prompt != "")
                     .order_by(m.PhraseUse.id.desc()).limit(limit))
            return [(pid, prompt) for pid, prompt in s.execute(query)]

    # --- housekeeping ----------------------------------------------------------------------------

    def get_meta(self, key: str, default: str = "") -> str:
        with self._sessions() as s:
            row = s.get(m.Meta, key)
            return row.value if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self._write_lock, self._sessions.begin() as s:
            upsert(s, m.Meta.__table__, ["key"], [{"key": key, "value": value}])

    def ping(self) -> None:
        """Ask the database for nothing; raises as any call would (StoreUnreachable: a team's server is away)."""
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def integrity_ok(self) -> bool:
        with self.engine.connect() as connection:
            return connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def insert_phrases(s: Session, phrases: Sequence[Phrase], *, keep_ids: bool = False) -> list[int]:
    """Add phrases in the session's transaction; their ids, in order."""
    rows = [_phrase_columns(p) | ({"id": p.id} if keep_ids else {}) for p in phrases]
    # one multi-row INSERT … RETURNING, in order: 10,000 imported phrases in a fraction of a second
    statement = insert(m.PhraseRow).returning(m.PhraseRow.id, sort_by_parameter_order=True)
    return list(s.scalars(statement, rows))


# the order's fields a gateway may leave unsaid (None), which then keep the stored value
_SAID_OR_KEPT = ("paid_at", "buyer_note", "seller_memo", "receiver_name", "receiver_phone")


def _with_contact() -> Any:
    return select(m.Order, m.OrderContact).outerjoin(m.OrderContact, m.OrderContact.order_no == m.Order.no)


def _order(o: m.Order, contact: m.OrderContact | None = None) -> domain.Order:
    """The stored order; its receiver is the shop's, or else the one the order export named (the gateway's wins).
    A field the store has nothing for comes out None, as from a gateway that does not say it."""
    receiver = o.receiver_name or (contact.receiver_name if contact else "")
    phone = o.receiver_phone or (contact.phone if contact else "")
    return domain.Order(no=o.no, buyer_id=o.buyer_id, items=tuple(domain.OrderItem(**i) for i in o.items),
                        amount_fen=o.amount_fen, status=o.status, created_at=o.created_at, courier=o.courier,
                        tracking_no=o.tracking_no, address=o.address, ship_by=o.ship_by, paid_at=o.paid_at,
                        buyer_note=o.buyer_note or None, seller_memo=o.seller_memo or None,
                        receiver_name=receiver or None, receiver_phone=phone or None)


def _phrase(r: m.PhraseRow) -> Phrase:
    return Phrase(r.id, r.title, r.body, r.group_name, r.abbreviation, r.slot, tuple(r.tags or ()), r.uses or 0,
                  r.last_used, r.owner or "", r.image or "", tuple(r.variants or ()), bool(r.rotate))


def _phrase_columns(p: Phrase) -> dict[str, Any]:
    return {"title": p.title, "body": p.body, "group_name": p.group, "abbreviation": p.abbreviation, "slot": p.slot,
            "tags": list(p.tags), "uses": p.uses, "last_used": p.last_used, "owner": p.owner, "image": p.image,
            "variants": list(p.variants), "rotate": p.rotate}


_SUMMARY_COLUMNS = (_CHAT.c.id, _CHAT.c.buyer_id, _BUYER.c.nick, _CHAT.c.state, _CHAT.c.created_at, _CHAT.c.last_text,
                    _CHAT.c.last_direction, _CHAT.c.last_at, _CHAT.c.waiting_since, _CHAT.c.first_response_at,
                    _CHAT.c.unread, _CHAT.c.agent)


def _message(row: m.Message) -> MessageRecord:
    return MessageRecord(id=row.id, conversation_id=row.conversation_id, direction=row.direction, text=row.text,
                         sent_at=row.sent_at, server_id=row.server_id, client_id=row.client_id, state=row.state,
                         error=row.error or "", image=row.image or "", agent=row.agent or "")


def _summary(conv: m.Conversation, nick: str | None) -> ConversationSummary:
    return ConversationSummary(id=conv.id, buyer_id=conv.buyer_id, buyer_nick=nick or "?", state=conv.state,
                               created_at=conv.created_at, last_text=conv.last_text, last_direction=conv.last_direction,
                               last_at=conv.last_at, waiting_since=conv.waiting_since,
                               first_response_at=conv.first_response_at, unread=conv.unread, agent=conv.agent or "")


def _changed_chats(s: Session, convs: Sequence[domain.Conversation]) -> list[domain.Conversation]:
    """The chats whose stored columns or buyer's nick differ from what the shop sent (writing the others would
    change nothing: a busy stream resends every chat with each message), the chats held until the commit."""
    by_id = {conv.id: conv for conv in convs}
    ids = sorted(by_id)
    same: set[str] = set()
    for start in range(0, len(ids), CHUNK):
        query = (select(_CHAT.c.id, _CHAT.c.buyer_id, _CHAT.c.state, _CHAT.c.created_at, _CHAT.c.agent, _BUYER.c.nick)
                 .select_from(_CHAT.outerjoin(_BUYER, _BUYER.c.id == _CHAT.c.buyer_id))
                 .where(_CHAT.c.id.in_(ids[start:start + CHUNK])).order_by(_CHAT.c.id).with_for_update(of=_CHAT))
        for chat_id, buyer_id, state, created_at, agent, nick in s.execute(query):
            conv = by_id[chat_id]
            if (buyer_id, state, created_at, nick) == (conv.buyer.id, conv.state, conv.created_at, conv.buyer.nick) \
                    and conv.agent in ("", agent):
                same.add(chat_id)
    return [conv for conv in convs if conv.id not in same]


def _upsert_chats(s: Session, convs: Sequence[domain.Conversation]) -> None:
    """The chats as the shop sent them, and their buyers' nicks (the last one given wins, as one by one would);
    in the order of their ids, as ingest holds chats, so two desks on a team server never wait for each other."""
    if not convs:
        return
    buyers = {conv.buyer.id: {"id": conv.buyer.id, "nick": conv.buyer.nick, "phone": ""} for conv in convs}
    upsert(s, _BUYER, ["id"], [buyers[buyer_id] for buyer_id in sorted(buyers)], ["nick"])
    chats = [new_conversation(conv.id, conv.created_at) | {"buyer_id": conv.buyer.id, "state": conv.state,
                                                           "agent": conv.agent}
             for conv in sorted(convs, key=lambda conv: conv.id)]
    # a gateway that does not say whose the chat is keeps what an earlier event said
    upsert(s, _CHAT, ["id"], chats, ["buyer_id", "state", "created_at"], overrides=lambda new: {
        "agent": case((new["agent"] != "", new["agent"]), else_=_CHAT.c.agent)})
    rollup_buyers(s, {conv.id: conv.buyer.id for conv in convs})  # the KPIs' conversions join orders by buyer


def _unindex(s: Session, rows: list[tuple[int, str]]) -> None:
    from app.store.fts import unindex  # fts reads the Store type; imported late to keep the modules acyclic

    unindex(s, rows)

