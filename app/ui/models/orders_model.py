"""A buyer's orders as cards for the narrow right pane, a short line each: a problem-order mark, order no. and status,
the items with their size and colour, amount and pay time, receiver and address, the buyer's note and the seller's
memo, the parcel and its latest step. Buyer text is one plain line each here (whole in the tool tip and the
detail), never markup; a mobile number in it shows masked, as the receiver's phone does (app/desk/order_card.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain import Order, OrderItem, Parcel, ParcelEvent

from app.store.records import IssueRecord

from app.desk.money import yuan_text
from app.desk.order_card import latest_step, masked_numbers, receiver_line

from app.ui.buyer_text import one_line, tooltip
from app.ui.labels import label

Index = QModelIndex | QPersistentModelIndex
OrderRole = Qt.ItemDataRole.UserRole + 3
PROBLEM_BACKGROUND = QColor("#FDECEA")  # a problem order's card, the queue's trouble colour made pale
translate = QCoreApplication.translate  # (lupdate finds the calls by this name)
CARD_CHARS = 120  # one card line never needs more: the pane elides it, the tool tip and the detail show it all


@dataclass(frozen=True)
class ParcelState:
    """What the desk knows of a parcel: the courier's record, or why there is none (yet)."""

    parcel: Parcel | None = None
    problem: str = ""  # why there is no record, in the agent's language
    asking: bool = False  # the courier is being asked


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def item_line(item: OrderItem) -> str:
    """小鹿儿童运动鞋 透气网面 白蓝（颜色分类:白蓝;尺码:27）×1"""
    spec = f"（{one_line(item.spec, CARD_CHARS)}）" if item.spec.strip() else ""
    return f"{one_line(item.title, CARD_CHARS)}{spec} ×{item.qty}"


def step_line(event: ParcelEvent) -> str:
    """A courier's step: when (local), where, what."""
    where = one_line(event.where, CARD_CHARS)
    what = one_line(event.what, CARD_CHARS)
    return f"{local_time(event.at)} {where} {what}" if where and where not in what else f"{local_time(event.at)} {what}"


def parcel_line(order: Order, state: ParcelState | None) -> str:
    """The courier and tracking no., and the parcel's latest step (or why it is not shown)."""
    if not order.tracking_no:
        return translate("OrdersModel", "not shipped yet")
    head = " ".join(part for part in (one_line(order.courier, CARD_CHARS), order.tracking_no) if part)
    if state is None or state.asking:
        return f"{head} · " + translate("OrdersModel", "asking the courier…")
    if state.parcel is None:
        return f"{head} · " + translate("OrdersModel", "no courier record")
    step = latest_step(state.parcel)
    return f"{head} · " + (step_line(step) if step is not None else translate("OrdersModel", "no steps yet"))


def problem_line(issue: IssueRecord) -> str:
    return "⚠ " + translate("OrdersModel", "Problem order: %1").replace("%1", label(issue.category))


def card_lines(order: Order, state: ParcelState | None = None, problem: IssueRecord | None = None) -> list[str]:
    """The card's lines, each at most about CARD_CHARS long (the items one line each)."""
    lines = [problem_line(problem)] if problem is not None else []
    status = one_line(order.status, CARD_CHARS)
    lines.append(translate("OrdersModel", "Order %1 · %2").replace("%1", order.no).replace("%2", status))
    lines += [item_line(item) for item in order.items]
    money = f"¥{yuan_text(order.amount_fen)}"
    if order.paid_at is not None:
        money += " · " + translate("OrdersModel", "paid %1").replace("%1", local_time(order.paid_at))
    lines.append(money)
    receiver, address = one_line(receiver_line(order), CARD_CHARS), one_line(masked_numbers(order.address), CARD_CHARS)
    place = [part for part in (receiver, address) if part]
    if place:
        lines.append(translate("OrdersModel", "To: %1").replace("%1", " · ".join(place)))
    if note := one_line(masked_numbers(order.buyer_note or ""), CARD_CHARS):
        lines.append(translate("OrdersModel", "Buyer's note: %1").replace("%1", note))
    if memo := one_line(masked_numbers(order.seller_memo or ""), CARD_CHARS):
        lines.append(translate("OrdersModel", "Seller's memo: %1").replace("%1", memo))
    lines.append(parcel_line(order, state))
    return lines


def order_card(order: Order, state: ParcelState | None = None, problem: IssueRecord | None = None) -> str:
    return "\n".join(card_lines(order, state, problem))


class OrdersModel(QAbstractListModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.buyer_id = ""
        self._orders: list[Order] = []
        self._parcels: dict[str, ParcelState] = {}  # by tracking no.
        self._problems: dict[str, IssueRecord] = {}  # by order no.: the open in-sale issue

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._orders)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._orders):
            return None
        order = self._orders[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return order_card(order, self.parcel_state(order), self.problem(order.no))
        if role == Qt.ItemDataRole.ToolTipRole:  # the address and notes whole (numbers masked), never markup
            texts = [masked_numbers(text or "") for text in (order.address, order.buyer_note, order.seller_memo)]
            whole = [order_card(order, self.parcel_state(order), self.problem(order.no)), *texts]
            return tooltip("\n".join(part for part in whole if part.strip()))
        if role == Qt.ItemDataRole.BackgroundRole and order.no in self._problems:
            return PROBLEM_BACKGROUND
        if role == OrderRole:
            return order
        return None

    def orders(self) -> list[Order]:
        return list(self._orders)

    def row_of(self, order_no: str) -> int:
        return next((row for row, order in enumerate(self._orders) if order.no == order_no), -1)

    def show_orders(self, buyer_id: str, orders: list[Order]) -> None:
        """Another buyer, or fresh data for this one: a small list, replaced whole."""
        self.beginResetModel()
        self.buyer_id = buyer_id
        self._orders = list(orders)
        self.endResetModel()

    def parcel_state(self, order: Order) -> ParcelState | None:
        return self._parcels.get(order.tracking_no) if order.tracking_no else None

    def set_parcel(self, tracking_no: str, state: ParcelState) -> None:
        self._parcels[tracking_no] = state
        for row, order in enumerate(self._orders):
            if order.tracking_no == tracking_no:
                self.dataChanged.emit(self.index(row), self.index(row))

    def problem(self, order_no: str) -> IssueRecord | None:
        return self._problems.get(order_no)

    def set_problems(self, problems: dict[str, IssueRecord]) -> None:
        if problems == self._problems:
            return
        self._problems = dict(problems)
        if self._orders:
            self.dataChanged.emit(self.index(0), self.index(len(self._orders) - 1))
