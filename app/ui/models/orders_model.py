"""A buyer's orders as cards for the narrow right pane: order no. and status; items; amount and parcel."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from app.desk.money import yuan_text
from app.gateway.schema import Order
from app.ui.buyer_text import tooltip

Index = QModelIndex | QPersistentModelIndex
OrderRole = Qt.ItemDataRole.UserRole + 3


def order_card(order: Order) -> str:
    items = "；".join(f"{item.title} ×{item.qty}" for item in order.items)
    parcel = f"{order.courier} {order.tracking_no}".strip() or QCoreApplication.translate("OrdersModel", "not shipped yet")
    return "\n".join((
        QCoreApplication.translate("OrdersModel", "Order %1 · %2").replace("%1", order.no).replace("%2", order.status),
        items,
        f"¥{yuan_text(order.amount_fen)} · {parcel}",
    ))


class OrdersModel(QAbstractListModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.buyer_id = ""
        self._orders: list[Order] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._orders)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._orders):
            return None
        order = self._orders[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return order_card(order)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"{order_card(order)}\n{order.address}")  # the address is the buyer's text
        if role == OrderRole:
            return order
        return None

    def orders(self) -> list[Order]:
        return list(self._orders)

    def show_orders(self, buyer_id: str, orders: list[Order]) -> None:
        """Another buyer, or fresh data for this one: a small list, replaced whole."""
        self.beginResetModel()
        self.buyer_id = buyer_id
        self._orders = list(orders)
        self.endResetModel()
