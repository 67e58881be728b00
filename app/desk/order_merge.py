"""An order export merged into the orders the store already has, by rules: what the shop's gateway sent (order.updated
events, GET /v1/orders) wins wherever it has a value, the export fills the gaps, and a field where both have a
different value keeps the shop's and is a conflict the preview lists. The shop's buyer id links an order to its
chat, and its amount, items (SKU, price, weight) and ship-by time drive refund caps and weight checks: an export,
which has none of them, must never overwrite them.

An order an earlier export wrote (companion mode) is the export's: a newer export updates it, though an empty cell
never erases a value. Which one an order is, the store shows without a column of its own: an import writes the
order's fetched_at and its contact's imported_at as the same moment, and the gateway's next write of the order
changes fetched_at alone (and keeps its own buyer id, not the export's nick)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store import models as m

from app.desk.money import yuan_text

from app import domain

# the export's fields and the order columns they go to (the contact's own columns are the export's alone)
COLUMNS = {"buyer_nick": "buyer_id", "items": "items", "amount": "amount_fen", "status": "status",
           "created_at": "created_at", "courier": "courier", "tracking_no": "tracking_no", "address": "address",
           "paid_at": "paid_at", "buyer_note": "buyer_note", "seller_memo": "seller_memo"}
TIMES = ("created_at", "paid_at")
SAME_TIME = timedelta(minutes=1)  # exports write local minutes; within one, two times are the same time


@dataclass(frozen=True)
class Conflict:
    """A field where the shop and the export disagree: the shop's value is kept, the export's is not written."""

    line: int
    order_no: str
    field: str  # a field of the export: buyer_nick, amount, items, status…
    shop: str  # as shown: ¥129.00, the items' titles, the time in local time
    export: str


@dataclass(frozen=True)
class Known:
    """An order the store has, as the merge needs it."""

    row: m.Order
    contact: m.OrderContact | None
    shop_nick: str  # the nick the gateway gave its buyer, "" when the store does not know it

    @property
    def from_shop(self) -> bool:
        """Whether the gateway wrote the order last (else an export did)."""
        contact = self.contact
        return contact is None or contact.imported_at != self.row.fetched_at or contact.buyer_nick != self.row.buyer_id


def known_orders(s: Session, numbers: Sequence[str]) -> dict[str, Known]:
    """The orders of numbers the store has, with their contact and the shop's nick of their buyer."""
    found: dict[str, Known] = {}
    for start in range(0, len(numbers), 500):
        chunk = list(numbers[start:start + 500])
        query = (select(m.Order, m.OrderContact, m.Buyer.nick)
                 .outerjoin(m.OrderContact, m.OrderContact.order_no == m.Order.no)
                 .outerjoin(m.Buyer, m.Buyer.id == m.Order.buyer_id)
                 .where(m.Order.no.in_(chunk)))
        for row, contact, nick in s.execute(query):
            found[row.no] = Known(row, contact, nick or "")
    return found


def merge(known: Known, export: Mapping[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """(the order columns to change, the conflicts as (field, shop's value, export's value)) for the export's
    non-empty fields (export: field → the value its column takes, as COLUMNS names them)."""
    row = known.row
    if not known.from_shop:  # the export's own order: the newer export is the newer word
        return {COLUMNS[field]: value for field, value in export.items()}, []
    changes: dict[str, Any] = {}
    conflicts: list[tuple[str, str, str]] = []
    for field, value in export.items():
        if field == "buyer_nick":  # the shop's buyer id stays: it links the order to the chat
            if known.shop_nick and _text(known.shop_nick) != _text(value):
                conflicts.append((field, known.shop_nick, value))
            continue
        ours = getattr(row, COLUMNS[field])
        if field in ("amount", "created_at") or _has(ours):  # the shop always gives an amount and a time
            if not _same(field, ours, value):
                conflicts.append((field, shown(field, ours), shown(field, value)))
        else:
            changes[COLUMNS[field]] = value
    return changes, conflicts


def as_written(known: Known, changes: Mapping[str, Any]) -> domain.Order:
    """The known order as the store holds it once the changes are written (for the preview)."""
    row = known.row
    value = {column: changes.get(column, getattr(row, column)) for column in COLUMNS.values()}
    return domain.Order(row.no, value["buyer_id"], tuple(domain.OrderItem(**item) for item in value["items"]),
                        value["amount_fen"], value["status"], value["created_at"], value["courier"],
                        value["tracking_no"], value["address"], row.ship_by, value["paid_at"],
                        value["buyer_note"] or None, value["seller_memo"] or None)


def _has(value: object) -> bool:
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def _text(text: str) -> str:
    """Text as compared: case, spaces and the punctuation exports and platforms differ in do not count."""
    return re.sub(r"[\s,，、;；.。·:：()（）\-]", "", text).casefold()


def _titles(items: Sequence[Mapping[str, Any]]) -> list[str]:
    return sorted(_text(part) for item in items for part in re.split(r"[，,;；]", str(item.get("title", "")))
                  if _text(part))


def _same(field: str, ours: Any, theirs: Any) -> bool:
    if field == "items":
        return bool(_titles(ours) == _titles(theirs))
    if field in TIMES:
        return bool(abs(ours - theirs) < SAME_TIME)
    if field == "amount":
        return bool(ours == theirs)
    return _text(str(ours)) == _text(str(theirs))


def shown(field: str, value: Any) -> str:
    """A field's value as the preview shows it."""
    if field == "amount":
        return f"¥{yuan_text(value)}"
    if field in TIMES and isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    if field == "items":
        return "、".join(str(item.get("title", "")) for item in value)
    return str(value)
