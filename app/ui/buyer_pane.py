"""The right pane: who the buyer is, their orders as cards (from the shop, cached in the store) or one order in full,
the buttons that copy an order's number, tracking no. and address, the buyer's issues, and their past chats (the
store's earlier ones and those imported as history)."""

from __future__ import annotations

import logging
from collections import OrderedDict

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import Order

from app.store.history import PastChat, past_chats
from app.store.records import ConversationSummary, IssueRecord
from app.store.store import Store

from app.ui.background import Latest
from app.ui.buyer_text import tooltip
from app.ui.issue_dialogs.common import issue_line
from app.ui.models.orders_model import OrderRole, OrdersModel
from app.ui.order_detail import OrderDetail

log = logging.getLogger("kefudesk.buyer_pane")

CARD_ROOM = 4  # pixels below a card's last line


class CardDelegate(QStyledItemDelegate):
    """Cards as wide as the pane, never wider: a long line is elided (whole in the tool tip and the detail) instead
    of the whole list scrolling sideways."""

    def __init__(self, parent: QListView) -> None:
        super().__init__(parent)
        # sizes by (card text, font, room): the cards are laid out again on every chat opened and every answer from
        # the shop, and laying out a card's lines was 3-4 % of the GUI thread's late samples in the soak
        self._sizes: OrderedDict[tuple[str, str, int], QSize] = OrderedDict()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        view = self.parent()
        room = max(view.viewport().width() - 2 * view.spacing(), 1) if isinstance(view, QListView) else 0
        key = (str(index.data(Qt.ItemDataRole.DisplayRole) or ""), option.font.key(), room)
        hint = self._sizes.get(key)
        if hint is None:
            hint = super().sizeHint(option, index)
            if room:
                hint.setWidth(min(hint.width(), room))
            # the lines' heights are fractions (CJK fallback fonts) and the sum was rounded down: the style then cut
            # the card's last line, the parcel's. A little room keeps every line.
            hint.setHeight(hint.height() + CARD_ROOM)
            self._sizes[key] = hint
            if len(self._sizes) > 500:
                self._sizes.popitem(last=False)
        return QSize(hint)


class BuyerPane(QWidget):
    sig_orders_shown = Signal()
    """The cards show another buyer's orders, or fresh ones (the problem marks and parcels are looked up)."""
    sig_issues_shown = Signal()
    """The buyer's issues were listed again (one may have made an order a problem order, or stopped it being one)."""

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
        self.table.setAccessibleName(self.tr("Orders"))  # the caption is outside its stack: no buddy reaches it
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)  # a short line per fact; long ones elide, whole in the tool tip and the detail
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAlternatingRowColors(True)
        self.table.setSpacing(2)
        self.table.setItemDelegate(CardDelegate(self.table))
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setResizeMode(QListView.ResizeMode.Adjust)  # the cards follow the pane's width
        self.table.setToolTip(self.tr("Enter or F8: the order in full"))
        self.empty = QLabel(self.tr("No orders from this buyer yet."))
        self.empty.setEnabled(False)
        self.detail = OrderDetail()
        self._came_from: QWidget | None = None  # where the focus was when the detail opened
        cards = QWidget()
        cards_layout = QVBoxLayout(cards)
        cards_layout.setContentsMargins(0, 0, 0, 0)
        cards_layout.addWidget(self.table, 1)
        cards_layout.addWidget(self.empty)
        self.stack = QStackedWidget()  # the cards, or one order in full
        self.stack.addWidget(cards)
        self.stack.addWidget(self.detail)
        # one click copies the selected order's (or the open detail's) number, tracking no. or address
        self.copy_no = QPushButton(self.tr("Order no."))
        self.copy_no.setObjectName("copyOrderNo")
        self.copy_no.setToolTip(self.tr("Copy the order no. (Ctrl+Shift+C)"))
        self.copy_tracking = QPushButton(self.tr("Tracking no."))
        self.copy_tracking.setObjectName("copyTrackingNo")
        self.copy_tracking.setToolTip(self.tr("Copy the tracking no. (Ctrl+Shift+E)"))
        self.copy_address = QPushButton(self.tr("Address"))
        self.copy_address.setObjectName("copyAddress")
        self.copy_address.setToolTip(self.tr("Copy receiver, phone (masked) and address (Ctrl+Shift+A)"))
        self.details_button = QPushButton(self.tr("Details"))
        self.details_button.setObjectName("orderDetails")
        self.details_button.setToolTip(self.tr("The order in full: items, weights, logistics (F8; Esc goes back)"))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(QLabel(self.tr("Copy:")))
        for button in (self.copy_no, self.copy_tracking, self.copy_address):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys do it: a click must not take the focus away
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.details_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons.addWidget(self.details_button)
        self.detail.sig_back.connect(self.close_detail)
        self.table.activated.connect(lambda index: self.open_detail(index.data(OrderRole)))  # Enter, double-click
        self.details_button.clicked.connect(self.toggle_detail)
        self.model.dataChanged.connect(lambda *_args: self._refresh_detail())
        self.table.selectionModel().currentChanged.connect(lambda *_args: self._enable_buttons())
        self.issues_label = QLabel(self.tr("Issues (Ctrl+N: new)"))
        self.issues_label.setObjectName("paneTitle")
        self.issues = QListWidget()
        self.issues.setObjectName("issuesList")
        self.issues_label.setBuddy(self.issues)
        self.issues.setMaximumHeight(160)
        self.issues.setToolTip(self.tr("Ctrl+Shift+I: record an action; Ctrl+Shift+J or Enter: details and photos"))
        self.past_label = QLabel(self.tr("Past chats"))
        self.past_label.setObjectName("paneTitle")
        self.past = QListWidget()
        self.past.setObjectName("pastChatsList")
        self.past_label.setBuddy(self.past)
        self.past.setMaximumHeight(120)
        self._store: Store | None = None  # where past chats are read from (read_past_chats_from)
        self._past_for = ""  # the chat whose past chats are shown or on their way
        self._past_reading = Latest(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        for widget in (self.title, self.nick, self.orders_label, self.stack):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        for widget in (self.issues_label, self.issues, self.past_label, self.past):
            layout.addWidget(widget)
        layout.setStretch(3, 1)
        self.show_chat(None)

    def read_past_chats_from(self, store: Store) -> None:
        """List each opened chat's buyer's past chats from this store (off the GUI thread)."""
        self._store = store

    def show_chat(self, chat: ConversationSummary | None) -> None:
        self.nick.setText(chat.buyer_nick if chat else self.tr("No chat selected"))
        self._ask_past_chats(chat)
        buyer_id = chat.buyer_id if chat else ""
        if buyer_id != self.model.buyer_id:
            self.close_detail()  # another buyer's order has no place beside this chat
            self.model.show_orders(buyer_id, [])
            self._shown()

    def show_orders(self, buyer_id: str, orders: list[Order]) -> None:
        if buyer_id != self.model.buyer_id:
            return  # an answer for a buyer we have since left
        chosen = self.current_order()
        self.model.show_orders(buyer_id, orders)
        row = self.model.row_of(chosen.no) if chosen is not None else -1
        if self.detail.order is not None and row < 0:
            self.close_detail()  # the order is gone from the shop's list
        self._select(max(row, 0))
        self._refresh_detail()
        self._shown()

    def _shown(self) -> None:
        has = self.model.rowCount() > 0
        self.empty.setVisible(not has)
        self._enable_buttons()
        self.sig_orders_shown.emit()

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(self.model.index(row),
                                                        QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _enable_buttons(self) -> None:
        order = self.current_order()
        self.copy_no.setEnabled(order is not None)
        self.copy_tracking.setEnabled(order is not None and bool(order.tracking_no))
        self.copy_address.setEnabled(order is not None and bool(order.address.strip()))
        self.details_button.setEnabled(order is not None)
        self.details_button.setText(self.tr("Back") if self.detail_open() else self.tr("Details"))

    # --- one order ---------------------------------------------------------------------------------

    def current_order(self) -> Order | None:
        """The order the copy keys and buttons act on: the one open in full, else the selected card (the newest
        when none is selected)."""
        if self.detail_open() and self.detail.order is not None:
            return self.detail.order
        row = self.table.currentIndex().row()
        if not 0 <= row < self.model.rowCount():
            row = 0
        return self.model.index(row).data(OrderRole) if self.model.rowCount() else None

    def detail_open(self) -> bool:
        return self.stack.currentWidget() is self.detail

    def open_detail(self, order: Order | None) -> bool:
        """Show the order in full in place of the cards, the focus in it (Esc goes back); False without an order."""
        if order is None:
            return False
        self._select(self.model.row_of(order.no))
        self.detail.show_order(order, self.model.parcel_state(order), self.model.problem(order.no))
        if not self.detail_open():
            focus = QApplication.focusWidget()
            self._came_from = focus if focus is not None and not self.detail.isAncestorOf(focus) else None
        self.stack.setCurrentWidget(self.detail)
        self.detail.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._enable_buttons()
        return True

    def close_detail(self) -> None:
        """Back to the cards; the focus, if it was in the detail, back where the agent opened it from (the reply
        box for F8 while typing, the cards for Enter on one)."""
        if not self.detail_open():
            return
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.detail.isAncestorOf(focus)
        self.stack.setCurrentIndex(0)
        self.detail.order = None
        back, self._came_from = self._came_from, None
        if had_focus:
            try:
                usable = back is not None and back.isVisible()
            except RuntimeError:  # the widget was deleted meanwhile (a dialog closed)
                usable = False
            (back if usable and back is not None else self.table).setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._enable_buttons()

    def toggle_detail(self) -> bool:
        """F8 and the Details button: open the current order in full, or go back to the cards."""
        if self.detail_open():
            self.close_detail()
            return True
        return self.open_detail(self.current_order())

    def _refresh_detail(self) -> None:
        """Fresh data (the order again from the shop, its parcel, a problem mark) shows in the open detail too."""
        if not self.detail_open() or self.detail.order is None:
            return
        row = self.model.row_of(self.detail.order.no)
        if row >= 0:
            order = self.model.index(row).data(OrderRole)
            self.detail.show_order(order, self.model.parcel_state(order), self.model.problem(order.no))

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
        self.sig_issues_shown.emit()

    def current_issue(self) -> IssueRecord | None:
        item = self.issues.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    # --- past chats ----------------------------------------------------------------------------------

    def _ask_past_chats(self, chat: ConversationSummary | None) -> None:
        chat_id = chat.id if chat else ""
        if chat_id == self._past_for:
            return
        self._past_for = chat_id
        self.show_past_chats([])  # another buyer's chats have no place beside this one while these are read
        store = self._store
        if chat is None or store is None:
            return
        self._past_reading.ask(lambda: past_chats(store, chat.buyer_id, chat.buyer_nick, leave_out=chat.id),
                               self._past_read)

    def _past_read(self, found: object) -> None:
        if isinstance(found, Exception):  # a store that went away: the list stays empty, the chat still works
            log.warning("past chats not read: %s", found)
            return
        self.show_past_chats(found if isinstance(found, list) else [])

    def show_past_chats(self, chats: list[PastChat]) -> None:
        """The buyer's earlier chats, newest first, imported history marked; hidden when there are none."""
        self.past.clear()
        for chat in chats:
            parts = [chat.started.astimezone().strftime("%Y-%m-%d") if chat.started is not None else "",
                     self.tr("history") if chat.imported else "", self.tr("%n message(s)", "", chat.messages),
                     next((text for sender, text in chat.opening if sender == "buyer"), "")]
            item = QListWidgetItem(" · ".join(" ".join(p.split()) for p in parts if p))
            item.setData(Qt.ItemDataRole.UserRole, chat)
            who = {"buyer": self.tr("buyer"), "agent": self.tr("agent")}
            item.setToolTip(tooltip("\n".join(f"{who.get(sender, sender)}: {text}" for sender, text in chat.opening)))
            self.past.addItem(item)
        self.past_label.setVisible(bool(chats))
        self.past.setVisible(bool(chats))
