"""A buyer's orders as a table: order no., items, amount, status, courier and tracking no."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.store.records import OrderRecord

Index = QModelIndex | QPersistentModelIndex


def yuan(fen: int) -> str:
    """Integer fen shown as yuan with two decimals; no float ever touches the amount."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}¥{whole}.{cents:02d}"


class OrdersModel(QAbstractTableModel):
    # marked for lupdate here, translated when painted so a language switch takes effect
    HEADERS = (
        QT_TRANSLATE_NOOP("OrdersModel", "Order no."),
        QT_TRANSLATE_NOOP("OrdersModel", "Items"),
        QT_TRANSLATE_NOOP("OrdersModel", "Amount"),
        QT_TRANSLATE_NOOP("OrdersModel", "Status"),
        QT_TRANSLATE_NOOP("OrdersModel", "Parcel"),
    )

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.buyer_id = ""
        self._orders: list[OrderRecord] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._orders)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("OrdersModel", self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        order = self._orders[index.row()]
        column = index.column()
        if column == 0:
            return order.no
        if column == 1:
            return "；".join(f"{item.title} ×{item.qty}" for item in order.items)
        if column == 2:
            return yuan(order.amount_fen)
        if column == 3:
            return order.status
        return f"{order.courier} {order.tracking_no}".strip()

    def show_orders(self, buyer_id: str, orders: list[OrderRecord]) -> None:
        self.beginResetModel()
        self.buyer_id = buyer_id
        self._orders = list(orders)
        self.endResetModel()
