"""What the store hands out: plain frozen records, never ORM objects, so no caller holds a session.

Orders come out as the protocol's own app.domain.Order: the store adds only the receiver an order export
named, where the shop's gateway named none."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class MessageRecord:
    id: int  # local order of arrival
    conversation_id: str
    direction: str  # in / out / robot / system
    text: str
    sent_at: datetime
    server_id: str | None
    client_id: str | None
    state: str  # received / pending / sent / failed / withdrawn (a failed reply taken back to edit)
    error: str = ""
    image: str = ""  # the id (SHA-256) of an image sent with the message, in the data dir's image store
    agent: str = ""  # who sent an out or robot message (an agent id); "" for buyers' and when unknown


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
    agent: str = ""  # the agent id the chat is assigned to; "" when the gateway did not say


@dataclass(frozen=True)
class BuyerRecord:
    id: str
    nick: str
    phone: str


@dataclass(frozen=True)
class IssueRecord:
    id: int
    stage: str
    category: str
    severity: str
    order_no: str
    buyer_id: str
    buyer_nick: str
    conversation_id: str
    owner: str
    state: str
    note: str
    evidence: tuple[int, ...]
    follow_up_at: datetime | None
    satisfaction: int | None
    opened_at: datetime
    resolved_at: datetime | None
    photos: tuple[str, ...] = ()  # image ids in the store's image store


@dataclass(frozen=True)
class ActionRecord:
    id: int
    issue_id: int
    kind: str
    fields: dict[str, Any]
    amount_fen: int
    status: str  # done / awaiting_approval / refused
    by: str
    at: datetime
    decided_by: str = ""
    decided_at: datetime | None = None


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: datetime
    who: str
    what: str
    issue_id: int | None
    action_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
