"""The right pane: who the buyer is and their orders, from the shop, cached in the store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.gateway.schema import Order
from app.store.records import ConversationSummary, IssueRecord
from app.ui.buyer_text import tooltip
from app.ui.issue_dialogs import issue_line
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
        self.issues_label = QLabel(self.tr("Issues (Ctrl+N: new)"))
        self.issues_label.setObjectName("paneTitle")
        self.issues = QListWidget()
        self.issues.setObjectName("issuesList")
        self.issues.setMaximumHeight(160)
        self.issues.setToolTip(self.tr("Ctrl+Shift+I: record an action; Ctrl+Shift+J or Enter: details and photos"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        for widget in (self.title, self.nick, self.orders_label, self.table, self.empty, self.issues_label,
                       self.issues):
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

    def show_issues(self, issues: list[IssueRecord]) -> None:
        """The buyer's issues across their orders, open ones first (the desk sorts them)."""
        current = self.current_issue()
        self.issues.clear()
        for issue in issues:
            item = QListWidgetItem(issue_line(issue))
            item.setData(Qt.ItemDataRole.UserRole, issue)
            item.setToolTip(tooltip(issue.note))  # often a buyer's words pasted in: never markup
            self.issues.addItem(item)
            if current is not None and issue.id == current.id:
                self.issues.setCurrentItem(item)
        if self.issues.currentItem() is None and self.issues.count():
            self.issues.setCurrentRow(0)

    def current_issue(self) -> IssueRecord | None:
        item = self.issues.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
