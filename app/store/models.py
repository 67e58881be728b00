"""The tables (SQLAlchemy 2 declarative). Money is integer fen; every time is UTC, tz-aware in Python."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def as_utc(value: datetime) -> datetime:
    """A stored time (naive UTC, or aware) as an aware UTC datetime."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC (naive in SQLite) and always gives back an aware UTC datetime; naive input is refused."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: the store keeps UTC times only")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value)


class Base(DeclarativeBase):
    type_annotation_map: dict[Any, Any] = {datetime: UTCDateTime}


class Shop(Base):
    __tablename__ = "shop"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    gateway_url: Mapped[str] = mapped_column(String(500), default="")


class Agent(Base):
    __tablename__ = "agent"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    shop_id: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="presale")


class Buyer(Base):
    __tablename__ = "buyer"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    nick: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40), default="")


class Conversation(Base):
    __tablename__ = "conversation"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    buyer_id: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime]
    last_text: Mapped[str] = mapped_column(Text, default="")
    last_direction: Mapped[str] = mapped_column(String(10), default="")
    last_at: Mapped[datetime | None]
    waiting_since: Mapped[datetime | None] = mapped_column(index=True)
    first_response_at: Mapped[datetime | None]
    unread: Mapped[int] = mapped_column(Integer, default=0)
    agent: Mapped[str] = mapped_column(String(100), default="", server_default="")  # assigned to; "": not said


class Message(Base):
    __tablename__ = "message"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(String(100), ForeignKey("conversation.id"))
    direction: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    server_id: Mapped[str | None] = mapped_column(String(100), unique=True)
    client_id: Mapped[str | None] = mapped_column(String(100), unique=True)
    sent_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(10), index=True)
    error: Mapped[str] = mapped_column(Text, default="")
    image: Mapped[str] = mapped_column(String(64), default="", server_default="")  # SHA-256 in the image store
    agent: Mapped[str] = mapped_column(String(100), default="", server_default="")  # who sent an answer

    __table_args__ = (Index("ix_message_conversation", "conversation_id", "id"), Index("ix_message_sent_at", "sent_at"))


class Order(Base):
    __tablename__ = "shop_order"  # "order" is an SQL keyword
    no: Mapped[str] = mapped_column(String(64), primary_key=True)
    buyer_id: Mapped[str] = mapped_column(String(100), index=True)
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    amount_fen: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime]
    courier: Mapped[str] = mapped_column(String(60), default="")
    tracking_no: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    ship_by: Mapped[datetime | None]
    fetched_at: Mapped[datetime]
    # since 0012, for the order card: the shop's (or an export's) pay time, the buyer's note and the seller's memo;
    # the receiver as the shop's gateway gave it (an export's receiver is in order_contact)
    paid_at: Mapped[datetime | None]
    buyer_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    seller_memo: Mapped[str] = mapped_column(Text, default="", server_default="")
    receiver_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    receiver_phone: Mapped[str] = mapped_column(String(40), default="", server_default="")


class PhraseRow(Base):
    __tablename__ = "phrase"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    group_name: Mapped[str] = mapped_column(String(100), default="")
    abbreviation: Mapped[str] = mapped_column(String(40), default="", index=True)
    slot: Mapped[int | None] = mapped_column(Integer)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    uses: Mapped[int] = mapped_column(Integer, default=0)
    last_used: Mapped[datetime | None]
    owner: Mapped[str] = mapped_column(String(100), default="", server_default="")
    image: Mapped[str] = mapped_column(String(64), default="", server_default="")
    # since 0016: the texts after body (an input method's positions 2, 3…), and whether each new buyer gets the next
    variants: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    rotate: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class PhraseUse(Base):
    """One firing of a phrase and the buyer message it answered: what suggestions learn from."""

    __tablename__ = "phrase_use"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    phrase_id: Mapped[int] = mapped_column(ForeignKey("phrase.id", ondelete="CASCADE"), index=True)
    prompt: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(index=True)
    # since 0015, for phrase analytics: who fired it in which chat; once the reply went out, its message and whether
    # the agent changed the phrase's text first (a reply kept on this computer while the server was away: sent,
    # no message id)
    agent: Mapped[str] = mapped_column(String(100), default="", server_default="")
    conversation_id: Mapped[str] = mapped_column(String(100), default="", server_default="")
    message_id: Mapped[int | None] = mapped_column(Integer)
    sent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    edited: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class PhraseDismissal(Base):
    """A reply proposed as a phrase (mined from what agents typed) that the shop dismissed: never proposed again.
    key: the reply as mining compares it (app/quickreplies/mining.py normalised)."""

    __tablename__ = "phrase_dismissal"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime]


class PhraseRotation(Base):
    """The text (0 the body) of a rotating phrase that buyer_id got last, and when; under buyer_id "" the text the
    last new buyer got in turn (app/store/rotation.py). Goes with its phrase (ON DELETE CASCADE)."""

    __tablename__ = "phrase_rotation"
    phrase_id: Mapped[int] = mapped_column(ForeignKey("phrase.id", ondelete="CASCADE"), primary_key=True)
    buyer_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    variant: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    at: Mapped[datetime]


class HistoryRow(Base):
    """One message of a shop's past chats brought in from a file (`kefudesk history import`): kept apart from the
    live chats, so the KPIs never count it; keyed by its conversation and place in it, so a second import adds
    nothing."""

    __tablename__ = "history_message"
    conversation: Mapped[str] = mapped_column(String(100), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    sender: Mapped[str] = mapped_column(String(10))  # buyer | agent
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    buyer: Mapped[str] = mapped_column(String(100), default="", index=True)  # the buyer pane's past chats (0017)
    agent: Mapped[str] = mapped_column(String(100), default="")


class Draft(Base):
    __tablename__ = "draft"
    conversation_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


class Meta(Base):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AgentProfile(Base):
    """A person on this desk: their role decides which money actions need a supervisor."""

    __tablename__ = "agent_profile"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))  # agent / supervisor
    password_hash: Mapped[str] = mapped_column(String(300), default="")  # scrypt$…; "" for no password


class Issue(Base):
    """A problem with an order (or a buyer), from pre-sale to a bad review: one record, its actions below."""

    __tablename__ = "issue"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    stage: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(40), index=True)
    severity: Mapped[str] = mapped_column(String(10))
    order_no: Mapped[str] = mapped_column(String(64), default="", index=True)
    buyer_id: Mapped[str] = mapped_column(String(100), default="", index=True)
    buyer_nick: Mapped[str] = mapped_column(String(100), default="", index=True)
    conversation_id: Mapped[str] = mapped_column(String(100), default="")
    owner: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(20), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[list[int]] = mapped_column(JSON, default=list)  # message ids from the chat
    photos: Mapped[list[str]] = mapped_column(JSON, default=list)  # image ids (SHA-256) in the image store
    follow_up_at: Mapped[datetime | None]
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    opened_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]


class IssueAction(Base):
    """A typed step on an issue (refund, reship, return…); money in fen; counts only once 'done'."""

    __tablename__ = "issue_action"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    amount_fen: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), index=True)  # done / awaiting_approval / refused
    by: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(index=True)
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    decided_at: Mapped[datetime | None]


class AuditEntry(Base):
    """Append-only (triggers refuse UPDATE and DELETE): every money action, override and approval. Each row is
    chained to the one before it (app/store/audit_chain.py writes every row and checks the chain)."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime]
    who: Mapped[str] = mapped_column(String(100))
    what: Mapped[str] = mapped_column(String(60))
    issue_id: Mapped[int | None] = mapped_column(Integer)
    action_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64), server_default="")  # the previous row's row_hash
    row_hash: Mapped[str] = mapped_column(String(64), server_default="")  # HMAC of this row and prev_hash

    # one row per predecessor: two writers that read the same last row cannot both append after it
    __table_args__ = (Index("ux_audit_prev_hash", "prev_hash", unique=True),)


class AuditKey(Base):
    """The store's own random key for the audit chain's HMAC (one row, made by migration 0011)."""

    __tablename__ = "audit_key"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)  # always 1
    key: Mapped[str] = mapped_column(String(64))  # 32 random bytes, hex


class OrderContact(Base):
    """What the marketplace's order export says about who bought and where it goes (personal data: kept in
    this store only, for the refund table and the warehouse)."""

    __tablename__ = "order_contact"
    order_no: Mapped[str] = mapped_column(String(64), primary_key=True)
    buyer_nick: Mapped[str] = mapped_column(String(100), default="", index=True)
    receiver_name: Mapped[str] = mapped_column(String(100), default="")
    alipay: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    imported_at: Mapped[datetime]


class ChatReview(Base):
    """A 质检 score of one chat: the checklist's items ticked, the score they make, and the reviewer's comment."""

    __tablename__ = "chat_review"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(String(100), index=True)
    agent: Mapped[str] = mapped_column(String(100), index=True)
    reviewer: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(index=True)
    score: Mapped[int] = mapped_column(Integer)
    checks: Mapped[dict[str, Any]] = mapped_column(JSON)
    comment: Mapped[str] = mapped_column(Text)


class MessageNote(Base):
    """A reviewer's comment on one message, and whether it is a good or bad example for training ("" neither)."""

    __tablename__ = "message_note"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    message_id: Mapped[int] = mapped_column(Integer, index=True)
    reviewer: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text)
    example: Mapped[str] = mapped_column(String(10))


class Clip(Base):
    """One entry of the clipboard history: text, or a picture by its id in the image store."""

    __tablename__ = "clip"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(10))  # text / image
    text: Mapped[str] = mapped_column(Text)
    image: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(200))  # the application it was copied in, when known
    pinned: Mapped[bool] = mapped_column(Boolean)



class KpiZone(Base):
    """A time zone whose local days the KPI rollups are kept in (app/store/rollups.py); ready once built."""

    __tablename__ = "kpi_zone"
    zone: Mapped[str] = mapped_column(String(64), primary_key=True)
    ready: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class KpiAnswer(Base):
    """One answered run of a chat (docs/kpis.md), kept per zone: who answered, on which local day, after how
    long, and whether it was the answerer's first in the chat (first) or first that day (day_first); the chat's
    buyer, whose orders make the conversions."""

    __tablename__ = "kpi_answer"
    conversation_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    zone: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    buyer_id: Mapped[str] = mapped_column(String(100))
    agent: Mapped[str] = mapped_column(String(100))
    day: Mapped[date] = mapped_column(Date)
    answered_at: Mapped[datetime]
    seconds: Mapped[float] = mapped_column(Float)
    first: Mapped[bool] = mapped_column(Boolean)
    day_first: Mapped[bool] = mapped_column(Boolean)

    __table_args__ = (Index("ix_kpi_answer_cell", "zone", "day", "agent"),
                      Index("ix_kpi_answer_buyer", "zone", "day_first", "buyer_id", "answered_at"))


class KpiDay(Base):
    """One agent's answers of one local day, rolled up: the chats served (sorted ids, newline-separated), per chat
    its first response (-1: none that day) and its longest other response (-1: none), and every response time
    and every first response time, sorted (little-endian float64). A range merges its days."""

    __tablename__ = "kpi_day"
    zone: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    agent: Mapped[str] = mapped_column(String(100), primary_key=True)
    chats: Mapped[str] = mapped_column(Text)
    chat_first: Mapped[bytes] = mapped_column(LargeBinary)
    chat_longest: Mapped[bytes] = mapped_column(LargeBinary)
    times: Mapped[bytes] = mapped_column(LargeBinary)
    first_times: Mapped[bytes] = mapped_column(LargeBinary)
