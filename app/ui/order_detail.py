"""One order in full, in the right pane in place of the cards: items with their sizes and weights, what the parcel
should weigh and what the courier's scales said, the receiver, the buyer's note and the seller's memo, and the
logistics timeline newest first. Esc (or the back button) goes back to the cards.

The document is built with QTextCursor.insertText, which never reads markup: buyer text stays the characters typed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPushButton, QTextEdit, QVBoxLayout, QWidget

from app.domain import Order

from app.store.records import IssueRecord

from app.desk.checks import PACKAGING_G, items_weight
from app.desk.money import yuan_text
from app.desk.order_card import masked_numbers, receiver_line

from app.ui.buyer_text import one_line, shown
from app.ui.keys.registry import widget_keys
from app.ui.models.orders_model import ParcelState, item_line, local_time, problem_line, step_line

PROBLEM_COLOUR = QColor("#C0392B")
BACK_KEYS = widget_keys("desk.order_back")  # Esc


class OrderDetail(QWidget):
    sig_back = Signal()
    """The agent goes back to the cards (Esc or the back button)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderDetail")
        self.order: Order | None = None
        self.back = QPushButton(self.tr("← Back to the orders (Esc)"))
        self.back.setObjectName("orderDetailBack")
        self.back.clicked.connect(self.sig_back.emit)
        self.text = QTextEdit()
        self.text.setObjectName("orderDetailText")
        self.text.setAccessibleName(self.tr("Order details"))
        self.text.setReadOnly(True)
        self.text.setAcceptRichText(False)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.back)
        layout.addWidget(self.text, 1)
        for widget in (self.back, self.text):
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Esc is the window's "back to the reply box"; inside the detail it means back to the cards first
        if isinstance(event, QKeyEvent) and event.key() in BACK_KEYS and not event.modifiers():
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.sig_back.emit()
                return True
        return super().eventFilter(watched, event)

    def show_order(self, order: Order, state: ParcelState | None, problem: IssueRecord | None) -> None:
        """Lay the order out (again: fresh data keeps the reader's place)."""
        scroll = self.text.verticalScrollBar().value() if self.order and self.order.no == order.no else 0
        self.order = order
        self.text.clear()
        writer = _Writer(self.text.textCursor(), self.text.font())
        writer.title(self.tr("Order %1 · %2").replace("%1", order.no).replace("%2", one_line(order.status)))
        if problem is not None:
            writer.line(problem_line(problem), colour=PROBLEM_COLOUR, bold=True)
            if problem.note.strip():
                writer.line(masked_numbers(shown(problem.note)))
        times = [self.tr("Ordered %1").replace("%1", local_time(order.created_at))]
        if order.paid_at is not None:
            times.append(self.tr("paid %1").replace("%1", local_time(order.paid_at)))
        if order.ship_by is not None:
            times.append(self.tr("ship by %1").replace("%1", local_time(order.ship_by)))
        writer.line(" · ".join(times))
        writer.line(self.tr("Amount ¥%1").replace("%1", yuan_text(order.amount_fen)))
        self._items(writer, order)
        writer.heading(self.tr("Receiver"))
        receiver = one_line(receiver_line(order))
        address = masked_numbers(shown(order.address))
        if receiver:
            writer.line(receiver)
        writer.line(address or self.tr("No address (not shared with the desk)"))
        for heading, text in ((self.tr("Buyer's note (买家留言)"), order.buyer_note),
                              (self.tr("Seller's memo (卖家备注)"), order.seller_memo)):
            if (text or "").strip():
                writer.heading(heading)
                writer.line(masked_numbers(shown(text or "")))
        self._parcel(writer, order, state)
        self.text.moveCursor(QTextCursor.MoveOperation.Start)
        self.text.verticalScrollBar().setValue(scroll)

    def _items(self, writer: _Writer, order: Order) -> None:
        writer.heading(self.tr("Items"))
        for item in order.items:
            writer.line(item_line(item))
            facts = [self.tr("¥%1 each").replace("%1", yuan_text(item.price_fen))]
            if item.weight_g > 0:
                facts.append(self.tr("%1 g each").replace("%1", str(item.weight_g)))
            if item.sku:
                facts.append(self.tr("SKU %1").replace("%1", one_line(item.sku)))
            writer.line("    " + " · ".join(facts), grey=True)
        weight = items_weight(order)
        if weight is None:
            writer.line(self.tr("What the items weigh is not known."), grey=True)
        else:
            writer.line(self.tr("The items weigh %1 g; packed, the parcel should weigh %2–%3 g.")
                        .replace("%1", str(weight)).replace("%2", str(weight + PACKAGING_G[0]))
                        .replace("%3", str(weight + PACKAGING_G[1])))

    def _parcel(self, writer: _Writer, order: Order, state: ParcelState | None) -> None:
        writer.heading(self.tr("Parcel"))
        if not order.tracking_no:
            writer.line(self.tr("Not shipped yet."))
            return
        writer.line(" ".join(part for part in (one_line(order.courier), order.tracking_no) if part))
        if state is None or state.asking:
            writer.line(self.tr("Asking the courier…"), grey=True)
            return
        parcel = state.parcel
        if parcel is None:
            writer.line(self.tr("No courier record: %1").replace("%1", state.problem), grey=True)
            return

        def grams(value: int | None) -> str:
            return self.tr("%1 g").replace("%1", str(value)) if value is not None else self.tr("not weighed")
        station = one_line(parcel.last_station) or self.tr("the last station")
        writer.line(self.tr("Courier's scales: %1 at the origin, %2 at %3").replace("%1", grams(parcel.origin_weight_g))
                    .replace("%2", grams(parcel.last_weight_g)).replace("%3", station))
        if parcel.packing_slip:
            writer.line(self.tr("Packing slip:") + " " + "  ".join(
                f"{'✓' if line.ticked else '✗'} {one_line(line.title)} ×{line.qty}" for line in parcel.packing_slip))
        writer.heading(self.tr("Logistics"))
        if not parcel.events:
            writer.line(self.tr("The courier lists no steps yet."), grey=True)
        for number, event in enumerate(sorted(parcel.events, key=lambda event: event.at, reverse=True)):
            writer.line(step_line(event), bold=number == 0)


class _Writer:
    """Appends plain-text blocks to the detail's document (insertText: no markup is ever read)."""

    def __init__(self, cursor: QTextCursor, font: QFont) -> None:
        self.cursor = cursor
        self.size = font.pointSizeF()
        self.first = True

    def _block(self, text: str, fmt: QTextCharFormat) -> None:
        if not self.first:
            self.cursor.insertBlock()
        self.first = False
        self.cursor.setCharFormat(fmt)
        self.cursor.insertText(text, fmt)

    def title(self, text: str) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        if self.size > 0:
            fmt.setFontPointSize(self.size * 1.15)
        self._block(text, fmt)

    def heading(self, text: str) -> None:
        self._block("", QTextCharFormat())  # a blank line before each section
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        self._block(text, fmt)

    def line(self, text: str, *, colour: QColor | None = None, bold: bool = False, grey: bool = False) -> None:
        fmt = QTextCharFormat()
        if bold:
            fmt.setFontWeight(QFont.Weight.Bold)
        if colour is not None or grey:
            fmt.setForeground(colour or QColor("#707070"))
        self._block(text, fmt)
