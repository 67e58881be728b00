"""The shop's records as every layer sees them — Buyer, Conversation, Message, Order, the events — with how the
Shop Gateway protocol writes each as JSON and the limits it holds them to. The client (app.gateway), the
simulator (app.shopsim), the store, the desk and the window all speak in these; none of them owns them.

docs/gateway-protocol.md is the prose; this module is the one place the field names and checks live.
Every parser raises ProtocolError naming the field, so a broken server yields a clear message, not a crash.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

PROTOCOL_VERSION = "1"

DIRECTIONS = ("in", "out", "robot", "system")  # in: buyer → shop; out: agent → buyer
AGENT_STATUSES = ("online", "suspended", "offline")
CONVERSATION_STATES = ("waiting", "active", "closed")
AGENT_ROLES = ("agent", "supervisor")
MAX_NOTE_CHARS = 500  # a transfer's note

EVENT_TYPES = (
    "message.created",
    "conversation.assigned",
    "conversation.transferred",
    "conversation.closed",
    "order.updated",
    "agent.status",
    "ping",
)

MAX_TEXT_CHARS = 5000
# what the desk's store keeps (app/store/models.py): a team's PostgreSQL server refuses a longer id or a larger
# amount, and one such event would stop the desk's stream there, so it is a protocol error here instead
ID_CHARS = 100  # ids of buyers, chats, messages, agents
ORDER_NO_CHARS = 64
STATUS_CHARS = 40
COURIER_CHARS = 60  # a courier's name and a tracking no.
NAME_CHARS = 100  # an order's receiver (收货人)
PHONE_CHARS = 40  # the receiver's phone
SPEC_CHARS = 200  # an order line's SKU properties (颜色分类:白蓝;尺码:27)
ORDER_NOTE_CHARS = 1000  # the buyer's note (买家留言) and the seller's memo (卖家备注) on an order
MAX_AMOUNT_FEN = 2**31 - 1  # ¥21,474,836.47
FIRST_YEAR = 1970  # a protocol time before this is a broken clock, not a shop's record
MAX_IMAGE_BYTES = 5 * 1024 * 1024  # what marketplaces accept in chat
IMAGE_TYPES = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff", "image/gif": b"GIF8"}
_SHA256 = re.compile(r"[0-9a-f]{64}")


def image_type(data: bytes) -> str:
    """The image's media type from its first bytes (PNG, JPEG, GIF, WebP), "" when it is not one of them."""
    for media_type, magic in IMAGE_TYPES.items():
        if data.startswith(magic):
            return media_type
    return "image/webp" if data[:4] == b"RIFF" and data[8:12] == b"WEBP" else ""


def is_image_id(value: str) -> bool:
    """Images are named by the SHA-256 of their bytes (lower-case hex): the same picture is one image."""
    return isinstance(value, str) and bool(_SHA256.fullmatch(value))  # fullmatch: $ would let a newline end it


class ProtocolError(ValueError):
    """A message from the other side does not follow the protocol; the text names the field."""


def utc_iso(moment: datetime) -> str:
    """Format a UTC moment the way the protocol writes times: ISO 8601 with a Z."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: protocol times are UTC")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(value: Any, where: str) -> datetime:
    if not isinstance(value, str):
        raise ProtocolError(f"{where}: expected an ISO 8601 time string, got {type(value).__name__}")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ProtocolError(f"{where}: not an ISO 8601 time: {value[:40]!r}") from exc
    if moment.tzinfo is None:
        raise ProtocolError(f"{where}: time has no zone; the protocol requires UTC with Z")
    try:  # a zone can push the calendar's first or last day out of range
        moment = moment.astimezone(UTC)
    except OverflowError as exc:
        raise ProtocolError(f"{where}: {value[:40]!r} is outside the calendar") from exc
    if moment.year < FIRST_YEAR:  # also what utc_iso could not write back with four digits
        raise ProtocolError(f"{where}: {value[:40]!r} is before {FIRST_YEAR}; not a time a shop records")
    return moment


def _obj(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ProtocolError(f"{where}: expected a JSON object, got {type(data).__name__}")
    return data


def _str(data: dict[str, Any], key: str, where: str, *, optional: bool = False, max_len: int = 200) -> str:
    value = data.get(key)
    if value is None and optional:
        return ""
    if not isinstance(value, str):
        raise ProtocolError(f"{where}.{key}: expected a string")
    if len(value) > max_len:
        raise ProtocolError(f"{where}.{key}: longer than {max_len} characters")
    return unicode_text(value)


def unicode_text(value: str) -> str:
    """The text with lone surrogates (valid JSON escapes such as \\ud800, but not Unicode) and NUL characters
    replaced by U+FFFD: the store could not write them, and the rest of a buyer's message is worth keeping."""
    if "\x00" in value:  # PostgreSQL's text cannot hold a NUL (a team's store would refuse the whole event)
        value = value.replace("\x00", "\ufffd")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def _said(data: dict[str, Any], key: str, where: str, max_len: int) -> str | None:
    """An optional string that a gateway may not know of: None when it is missing or null (not said), so the
    store keeps what an order export gave; "" when the gateway says it is empty."""
    return None if data.get(key) is None else _str(data, key, where, max_len=max_len)


def _said_time(data: dict[str, Any], key: str, where: str) -> datetime | None:
    return None if data.get(key) is None else parse_time(data[key], f"{where}.{key}")


def _int(data: dict[str, Any], key: str, where: str, *, optional: bool = False) -> int:
    value = data.get(key)
    if value is None and optional:
        return 0
    if not isinstance(value, int) or isinstance(value, bool):
        raise ProtocolError(f"{where}.{key}: expected an integer")
    return value


def _choice(data: dict[str, Any], key: str, where: str, allowed: tuple[str, ...]) -> str:
    value = _str(data, key, where)
    if value not in allowed:
        raise ProtocolError(f"{where}.{key}: {value!r} is not one of {', '.join(allowed)}")
    return value


@dataclass(frozen=True)
class Buyer:
    id: str
    nick: str

    @classmethod
    def from_json(cls, data: Any, where: str = "buyer") -> Buyer:
        d = _obj(data, where)
        return cls(id=_str(d, "id", where, max_len=ID_CHARS), nick=_str(d, "nick", where))


@dataclass(frozen=True)
class Conversation:
    id: str
    buyer: Buyer
    state: str
    created_at: datetime
    agent: str = ""  # the id of the agent the chat is assigned to; "" when the gateway does not say

    @classmethod
    def from_json(cls, data: Any, where: str = "conversation") -> Conversation:
        d = _obj(data, where)
        return cls(
            id=_str(d, "id", where, max_len=ID_CHARS),
            buyer=Buyer.from_json(d.get("buyer"), f"{where}.buyer"),
            state=_choice(d, "state", where, CONVERSATION_STATES),
            created_at=parse_time(d.get("created_at"), f"{where}.created_at"),
            agent=_str(d, "agent", where, optional=True, max_len=ID_CHARS),
        )

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "buyer": asdict(self.buyer), "state": self.state,
                "created_at": utc_iso(self.created_at), "agent": self.agent or None}


@dataclass(frozen=True)
class Colleague:
    """Another agent (or a supervisor) of the shop, someone a chat can be transferred to."""

    id: str
    name: str
    role: str  # agent / supervisor
    status: str  # online / suspended / offline

    @classmethod
    def from_json(cls, data: Any, where: str = "agent") -> Colleague:
        d = _obj(data, where)
        return cls(id=_str(d, "id", where, max_len=ID_CHARS), name=_str(d, "name", where),
                   role=_choice(d, "role", where, AGENT_ROLES), status=_choice(d, "status", where, AGENT_STATUSES))

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Transfer:
    """Who handed a chat to whom, and the note that came with it."""

    from_agent: str
    to_agent: str
    note: str


@dataclass(frozen=True)
class Message:
    id: str  # the server's id, unique per shop
    conversation_id: str
    direction: str
    text: str
    sent_at: datetime
    client_id: str = ""  # the idempotency key the desk chose; empty for buyer messages
    image: str = ""  # an image id (SHA-256) sent with or as the message; "" for text only
    agent: str = ""  # who sent an out or robot message (an agent id); "" for buyers' and when not said

    @classmethod
    def from_json(cls, data: Any, where: str = "message") -> Message:
        d = _obj(data, where)
        image = _str(d, "image", where, optional=True, max_len=64)
        if image and not is_image_id(image):
            raise ProtocolError(f"{where}.image: not an image id (64 lower-case hex digits)")
        return cls(
            id=_str(d, "id", where, max_len=ID_CHARS),
            conversation_id=_str(d, "conversation_id", where, max_len=ID_CHARS),
            direction=_choice(d, "direction", where, DIRECTIONS),
            text=_str(d, "text", where, max_len=MAX_TEXT_CHARS, optional=bool(image)),
            sent_at=parse_time(d.get("sent_at"), f"{where}.sent_at"),
            client_id=_str(d, "client_id", where, optional=True, max_len=ID_CHARS),
            image=image,
            agent=_str(d, "agent", where, optional=True, max_len=ID_CHARS),
        )

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "conversation_id": self.conversation_id, "direction": self.direction,
                "text": self.text, "sent_at": utc_iso(self.sent_at), "client_id": self.client_id or None,
                "image": self.image or None, "agent": self.agent or None}


@dataclass(frozen=True)
class OrderItem:
    sku: str
    title: str
    qty: int
    price_fen: int
    weight_g: int = 0  # grams per unit, for the missing-item and return checks; 0: unknown
    spec: str = ""  # the SKU's properties as the platform writes them (颜色分类:白蓝;尺码:27); "": not said

    @classmethod
    def from_json(cls, data: Any, where: str = "item") -> OrderItem:
        d = _obj(data, where)
        qty = _int(d, "qty", where)
        price = _int(d, "price_fen", where)
        if qty <= 0 or price < 0:
            raise ProtocolError(f"{where}: qty must be positive and price_fen not negative")
        weight = _int(d, "weight_g", where, optional=True)
        if weight < 0:
            raise ProtocolError(f"{where}.weight_g: must not be negative")
        return cls(sku=_str(d, "sku", where), title=_str(d, "title", where), qty=qty, price_fen=price, weight_g=weight,
                   spec=_str(d, "spec", where, optional=True, max_len=SPEC_CHARS))


@dataclass(frozen=True)
class Order:
    no: str
    buyer_id: str
    items: tuple[OrderItem, ...]
    amount_fen: int
    status: str
    created_at: datetime
    courier: str = ""
    tracking_no: str = ""
    address: str = ""
    ship_by: datetime | None = None  # the time the shop promised to ship by (承诺发货时间), if the platform says
    # newer, optional fields: None when the gateway does not say (an older one), so the store keeps what an order
    # export gave instead of erasing it; "" when the gateway says there is none
    paid_at: datetime | None = None  # 付款时间
    buyer_note: str | None = None  # 买家留言, the buyer's words
    seller_memo: str | None = None  # 卖家备注, the shop's own note on the order
    receiver_name: str | None = None  # 收货人
    receiver_phone: str | None = None  # the receiver's phone, as the platform gives it (often already masked)

    @classmethod
    def from_json(cls, data: Any, where: str = "order") -> Order:
        d = _obj(data, where)
        raw_items = d.get("items")
        if not isinstance(raw_items, list):
            raise ProtocolError(f"{where}.items: expected a list")
        amount = _int(d, "amount_fen", where)
        if not 0 <= amount <= MAX_AMOUNT_FEN:
            raise ProtocolError(f"{where}.amount_fen: must be between 0 and {MAX_AMOUNT_FEN}")
        return cls(
            no=_str(d, "no", where, max_len=ORDER_NO_CHARS),
            buyer_id=_str(d, "buyer_id", where, max_len=ID_CHARS),
            items=tuple(OrderItem.from_json(item, f"{where}.items[{i}]") for i, item in enumerate(raw_items)),
            amount_fen=amount,
            status=_str(d, "status", where, max_len=STATUS_CHARS),
            created_at=parse_time(d.get("created_at"), f"{where}.created_at"),
            courier=_str(d, "courier", where, optional=True, max_len=COURIER_CHARS),
            tracking_no=_str(d, "tracking_no", where, optional=True, max_len=COURIER_CHARS),
            address=_str(d, "address", where, optional=True, max_len=500),
            ship_by=parse_time(d["ship_by"], f"{where}.ship_by") if d.get("ship_by") is not None else None,
            paid_at=_said_time(d, "paid_at", where),
            buyer_note=_said(d, "buyer_note", where, ORDER_NOTE_CHARS),
            seller_memo=_said(d, "seller_memo", where, ORDER_NOTE_CHARS),
            receiver_name=_said(d, "receiver_name", where, NAME_CHARS),
            receiver_phone=_said(d, "receiver_phone", where, PHONE_CHARS),
        )

    def to_json(self) -> dict[str, Any]:
        return {"no": self.no, "buyer_id": self.buyer_id, "items": [asdict(i) for i in self.items],
                "amount_fen": self.amount_fen, "status": self.status, "created_at": utc_iso(self.created_at),
                "courier": self.courier, "tracking_no": self.tracking_no, "address": self.address,
                "ship_by": utc_iso(self.ship_by) if self.ship_by else None,
                "paid_at": utc_iso(self.paid_at) if self.paid_at else None, "buyer_note": self.buyer_note,
                "seller_memo": self.seller_memo, "receiver_name": self.receiver_name,
                "receiver_phone": self.receiver_phone}


@dataclass(frozen=True)
class ParcelEvent:
    at: datetime
    where: str
    what: str

    @classmethod
    def from_json(cls, data: Any, where: str = "event") -> ParcelEvent:
        d = _obj(data, where)
        return cls(parse_time(d.get("at"), f"{where}.at"), _str(d, "where", where, optional=True),
                   _str(d, "what", where, max_len=500))

    def to_json(self) -> dict[str, Any]:
        return {"at": utc_iso(self.at), "where": self.where, "what": self.what}


@dataclass(frozen=True)
class PackedLine:
    """One line of the warehouse's packing slip (拣货单): ticked when the packer marked it packed."""

    title: str
    sku: str
    qty: int
    ticked: bool

    @classmethod
    def from_json(cls, data: Any, where: str = "line") -> PackedLine:
        d = _obj(data, where)
        qty = _int(d, "qty", where)
        if qty <= 0:
            raise ProtocolError(f"{where}.qty: must be positive")
        ticked = d.get("ticked")
        if not isinstance(ticked, bool):
            raise ProtocolError(f"{where}.ticked: expected true or false")
        return cls(_str(d, "title", where), _str(d, "sku", where, optional=True), qty, ticked)

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "sku": self.sku, "qty": self.qty, "ticked": self.ticked}


def _grams(d: dict[str, Any], key: str, where: str) -> int | None:
    if d.get(key) is None:
        return None
    value = _int(d, key, where)
    if value < 0:
        raise ProtocolError(f"{where}.{key}: must not be negative")
    return value


@dataclass(frozen=True)
class Parcel:
    """A courier's record: its events, the weights its scales took at the origin and at the last station (None
    when not weighed), and the warehouse's packing slip when the gateway has it."""

    tracking_no: str
    courier: str
    events: tuple[ParcelEvent, ...]
    origin_weight_g: int | None = None
    last_weight_g: int | None = None
    last_station: str = ""
    packing_slip: tuple[PackedLine, ...] = ()

    @classmethod
    def from_json(cls, data: Any, where: str = "parcel") -> Parcel:
        d = _obj(data, where)
        events, slip = d.get("events", []), d.get("packing_slip") or []
        for key, value in (("events", events), ("packing_slip", slip)):
            if not isinstance(value, list):
                raise ProtocolError(f"{where}.{key}: expected a list")
        return cls(
            tracking_no=_str(d, "tracking_no", where),
            courier=_str(d, "courier", where, optional=True),
            events=tuple(ParcelEvent.from_json(e, f"{where}.events[{i}]") for i, e in enumerate(events)),
            origin_weight_g=_grams(d, "origin_weight_g", where),
            last_weight_g=_grams(d, "last_weight_g", where),
            last_station=_str(d, "last_station", where, optional=True),
            packing_slip=tuple(PackedLine.from_json(x, f"{where}.packing_slip[{i}]") for i, x in enumerate(slip)),
        )

    def to_json(self) -> dict[str, Any]:
        return {"tracking_no": self.tracking_no, "courier": self.courier, "events": [e.to_json() for e in self.events],
                "origin_weight_g": self.origin_weight_g, "last_weight_g": self.last_weight_g,
                "last_station": self.last_station, "packing_slip": [x.to_json() for x in self.packing_slip]}


PROBLEM_CATEGORIES = ("multiple_addresses", "unclear_address", "out_of_area", "out_of_stock", "free_shipping_not_met",
                      "buyer_note", "tracking_timeout", "address_change", "lost_parcel")


@dataclass(frozen=True)
class ProblemOrder:
    """A line of the shop back-end's problem-order list (问题订单)."""

    order_no: str
    category: str
    buyer_nick: str
    detail: str
    reported_at: datetime
    phone: str = ""

    @classmethod
    def from_json(cls, data: Any, where: str = "problem") -> ProblemOrder:
        d = _obj(data, where)
        return cls(
            order_no=_str(d, "order_no", where, max_len=64),
            category=_choice(d, "category", where, PROBLEM_CATEGORIES),
            buyer_nick=_str(d, "buyer_nick", where, optional=True),
            detail=_str(d, "detail", where, optional=True, max_len=2000),
            reported_at=parse_time(d.get("reported_at"), f"{where}.reported_at"),
            phone=_str(d, "phone", where, optional=True, max_len=40),
        )

    def to_json(self) -> dict[str, Any]:
        return {"order_no": self.order_no, "category": self.category, "buyer_nick": self.buyer_nick,
                "detail": self.detail, "reported_at": utc_iso(self.reported_at), "phone": self.phone}


@dataclass(frozen=True)
class Session:
    token: str
    agent_id: str
    agent_name: str
    shop_id: str
    shop_name: str

    @classmethod
    def from_json(cls, data: Any, where: str = "session") -> Session:
        d = _obj(data, where)
        agent = _obj(d.get("agent"), f"{where}.agent")
        shop = _obj(d.get("shop"), f"{where}.shop")
        return cls(
            token=_str(d, "token", where, max_len=4096),
            agent_id=_str(agent, "id", f"{where}.agent"),
            agent_name=_str(agent, "name", f"{where}.agent"),
            shop_id=_str(shop, "id", f"{where}.shop"),
            shop_name=_str(shop, "name", f"{where}.shop"),
        )


@dataclass(frozen=True)
class Event:
    """One Server-Sent Event: its id (for Last-Event-ID), its type and its parsed payload."""

    id: str
    type: str
    conversation: Conversation | None = None
    message: Message | None = None
    order: Order | None = None
    conversation_id: str = ""
    status: str = ""
    transfer: Transfer | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_sse(cls, event_id: str, event_type: str, data: Any) -> Event:
        event_id, event_type = unicode_text(event_id), unicode_text(event_type)
        where = f"event {event_type[:60] or '?'} #{event_id[:60] or '?'}"
        if event_type not in EVENT_TYPES:
            raise ProtocolError(f"{where}: unknown event type")
        d = _obj(data, where)
        if event_type == "message.created":
            return cls(event_id, event_type, message=Message.from_json(d.get("message"), f"{where}.message"),
                       conversation=Conversation.from_json(d["conversation"], f"{where}.conversation")
                       if d.get("conversation") is not None else None, raw=d)
        if event_type == "conversation.assigned":
            conv = Conversation.from_json(d.get("conversation"), f"{where}.conversation")
            return cls(event_id, event_type, conversation=conv, conversation_id=conv.id, raw=d)
        if event_type == "conversation.transferred":
            conv = Conversation.from_json(d.get("conversation"), f"{where}.conversation")
            transfer = Transfer(_str(d, "from", where, optional=True), _str(d, "to", where),
                                _str(d, "note", where, optional=True, max_len=MAX_NOTE_CHARS))
            return cls(event_id, event_type, conversation=conv, conversation_id=conv.id, transfer=transfer, raw=d)
        if event_type == "conversation.closed":
            return cls(event_id, event_type, conversation_id=_str(d, "conversation_id", where), raw=d)
        if event_type == "order.updated":
            return cls(event_id, event_type, order=Order.from_json(d.get("order"), f"{where}.order"), raw=d)
        if event_type == "agent.status":
            return cls(event_id, event_type, status=_choice(d, "status", where, AGENT_STATUSES), raw=d)
        return cls(event_id, event_type, raw=d)


def error_body(code: str, message: str) -> dict[str, Any]:
    """The protocol's error shape: {"error": {"code": ..., "message": ...}}."""
    return {"error": {"code": code, "message": message}}


def now_utc() -> datetime:
    return datetime.now(UTC)
