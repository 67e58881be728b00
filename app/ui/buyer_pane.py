"""The right pane: who the buyer is and their orders, from the shop, cached in the store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from app.gateway.schema import Order
from app.store.records import ConversationSummary
from app.ui.models.orders_model import OrdersModel


class BuyerPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("buyerPane")
        self.title = QLabel(self.tr("Buyer"))
        self.title.setObjectName("paneTitle")
        self.nick = QLabel()
        self.nick.setTextFormat(Qt.TextFormat.PlainText)  # a nick is the buyer's text, never markup
        self.nick.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.orders_label = QLabel(self.tr("Orders"))
        self.orders_label.setObjectName("paneTitle")
        self.model = OrdersModel(self)
        self.table = QListView()
        self.table.setObjectName("ordersList")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)  # three fixed lines a card; long item lists elide, whole in the tooltip
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAlternatingRowColors(True)
        self.table.setSpacing(2)
        self.empty = QLabel(self.tr("No orders from this buyer yet."))
        self.empty.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        for widget in (self.title, self.nick, self.orders_label, self.table, self.empty):
            layout.addWidget(widget)
        layout.setStretch(3, 1)
        self.show_chat(None)

    def show_chat(self, chat: ConversationSummary | None) -> None:
        self.nick.setText(chat.buyer_nick if chat else self.tr("No chat selected"))
        buyer_id = chat.buyer_id if chat else ""
        if buyer_id != self.model.buyer_id:
            self.model.show_orders(buyer_id, [])
        self.empty.setVisible(self.model.rowCount() == 0)

    def show_orders(self, buyer_id: str, orders: list[Order]) -> None:
        if buyer_id != self.model.buyer_id:
            return  # an answer for a buyer we have since left
        self.model.show_orders(buyer_id, orders)
        self.empty.setVisible(not orders)
