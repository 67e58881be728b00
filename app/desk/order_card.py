"""What an order card shows and copies, below any UI: the receiver's phone masked as the marketplaces' own order pages
and privacy waybills (隐私面单) show it (138****5678), the address line an agent pastes to confirm it with the buyer,
a parcel's latest step, and which orders are problem orders (an open in-sale issue)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.store.issues import IssueStore
from app.store.records import IssueRecord

from app.desk.issues import OPEN_STATES

from app import domain

# a mainland mobile number inside free text (an address a buyer typed with the number in it), +86 and - allowed
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?(1[3-9][0-9])[- ]?[0-9]{4}[- ]?([0-9]{4})(?![0-9])")
_KEPT_HEAD, _KEPT_TAIL = 3, 4
_MASKED_FROM = 11  # digits: a mobile number, or a landline with its area code


def masked_phone(phone: str) -> str:
    """A phone as the floor shows it: a mobile number (or a landline with its area code) by its first three and last
    four digits (13812345678 → 138****5678, 0571-88886666 → 057****6666), a shorter one by its last four; one the
    platform already masked (138****5678) as it came."""
    digits = re.sub(r"[^0-9]", "", phone)
    if len(digits) == 13 and digits.startswith("86"):  # +86 in front of a mobile number
        digits = digits[2:]
    if len(digits) >= _MASKED_FROM:
        return f"{digits[:_KEPT_HEAD]}****{digits[-_KEPT_TAIL:]}"
    if "*" in phone:
        return " ".join(phone.split())
    if len(digits) >= _KEPT_TAIL:
        return f"****{digits[-_KEPT_TAIL:]}"
    return "****" if phone.strip() else ""


def masked_numbers(text: str) -> str:
    """The text with every mobile number in it masked (addresses sometimes carry the receiver's)."""
    return _MOBILE.sub(r"\1****\2", text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def receiver_line(order: domain.Order) -> str:
    """The receiver and their masked phone ("王芳 138****5678"), "" when the store knows neither."""
    parts = [_one_line(order.receiver_name or ""), masked_phone(order.receiver_phone or "")]
    return " ".join(part for part in parts if part)


def address_text(order: domain.Order) -> str:
    """What copying the address puts on the clipboard: receiver, masked phone and address, as the marketplaces'
    own "copy address" writes them (王芳，138****5678，浙江省杭州市西湖区文三路88号). The phone is masked because this
    text goes into chats and notes, which are kept and exported; the full number is only where a call needs it
    (the problem-order worklist). "" when the order has no address."""
    address = masked_numbers(_one_line(order.address))
    if not address:
        return ""
    parts = [_one_line(order.receiver_name or ""), masked_phone(order.receiver_phone or ""), address]
    return "，".join(part for part in parts if part)


def latest_step(parcel: domain.Parcel) -> domain.ParcelEvent | None:
    """The courier's newest step (the protocol lists them oldest first; a gateway that does not is still read
    right)."""
    return max(parcel.events, key=lambda event: event.at, default=None)


def open_problems(repo: IssueStore, order_nos: Sequence[str]) -> dict[str, IssueRecord]:
    """Order no. → its newest open in-sale issue (a problem order: 问题订单), for the orders that have one."""
    found: dict[str, IssueRecord] = {}
    if not order_nos:
        return found
    for issue in sorted(repo.issues_for_orders(list(order_nos), "in_sale"), key=lambda issue: issue.id):
        if issue.state in OPEN_STATES:
            found[issue.order_no] = issue
    return found
