"""What the store hands out: plain frozen records, never ORM objects, so no caller holds a session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.gateway.schema import OrderItem


@dataclass(frozen=True)
class MessageRecord:
    id: int  # local order of arrival
    conversation_id: str
    direction: str  # in / out / robot / system
    text: str
    sent_at: datetime
    server_id: str | None
    client_id: str | None
    state: str  # received / pending / sent / failed
    error: str = ""


@dataclass(frozen=True)
class ConversationSummary:
    id: str
    buyer_id: str
    buyer_nick: str
    state: str
    created_at: datetime
    last_text: str
    last_direction: str
    last_at: datetime | None
    waiting_since: datetime | None  # the first buyer message the agent has not answered yet
    first_response_at: datetime | None
    unread: int


@dataclass(frozen=True)
class OrderRecord:
    no: str
    buyer_id: str
    items: tuple[OrderItem, ...]
    amount_fen: int
    status: str
    created_at: datetime
    courier: str
    tracking_no: str
    address: str


@dataclass(frozen=True)
class BuyerRecord:
    id: str
    nick: str
    phone: str
