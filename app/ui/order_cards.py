"""The main window's order cards: the Orders menu and its keys (the buyer's orders, an order in full, copying its
number, tracking no. or address), each parcel's latest step from the courier, and the problem-order mark.

A helper given the window (STYLE.md: a big window split into helpers); the cards and the detail are the buyer
pane's widgets, this wires them to the desk.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication

from app.desk.order_card import address_text, open_problems

from app.ui.background import in_background
from app.ui.keys.keymap import SHORTCUTS
from app.ui.models.orders_model import ParcelState

from app import domain

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

FRESH_S = 600.0  # a courier's record is asked again after this long (a parcel moves a few times a day)
RETRY_S = 30.0  # and after a failure, this long (a shop that was unreachable may be back)


class ParcelLookup(QObject):
    """The couriers' records of the parcels on the cards, asked off the GUI thread through the desk's own parcel
    call (GET /v1/parcels) and kept a while, so going back and forth between chats does not ask again."""

    sig_parcel = Signal(str, object)
    """A parcel's state changed (tracking no., ParcelState)."""

    def __init__(self, fetch: Callable[[str], domain.Parcel], online: Callable[[], bool],
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fetch, self._online, self._clock = fetch, online, clock
        self._known: dict[str, tuple[float, ParcelState]] = {}  # tracking no. → (when, state)
        self._asking: dict[str, QObject] = {}  # tracking no. → the relay that brings the answer

    def state(self, tracking_no: str) -> ParcelState | None:
        known = self._known.get(tracking_no)
        return known[1] if known else None

    def want(self, tracking_nos: Iterable[str]) -> None:
        """Ask for these parcels unless a fresh enough answer is known or a question is out."""
        for tracking in dict.fromkeys(t for t in tracking_nos if t):
            known = self._known.get(tracking)
            if tracking in self._asking:
                continue
            if known is not None and self._clock() - known[0] < (FRESH_S if known[1].parcel else RETRY_S):
                continue
            self._ask(tracking)

    def _ask(self, tracking: str) -> None:
        previous = self.state(tracking)
        if not self._online():  # companion mode or a dropped shop: nobody to ask
            self._failed(tracking, previous, self.tr("not connected to the shop"))
            return
        if previous is None or previous.parcel is None:
            self._set(tracking, ParcelState(asking=True))
        fetch = self._fetch
        self._asking[tracking] = in_background(lambda: fetch(tracking), lambda result: self._answered(tracking, result),
                                               self)

    def _answered(self, tracking: str, result: object) -> None:
        relay = self._asking.pop(tracking, None)
        if relay is not None:
            relay.deleteLater()
        if isinstance(result, domain.Parcel):
            self._set(tracking, ParcelState(parcel=result))
        else:
            self._failed(tracking, self.state(tracking), str(result) or type(result).__name__)

    def _failed(self, tracking: str, previous: ParcelState | None, why: str) -> None:
        if previous is not None and previous.parcel is not None:
            # the record asked earlier is still the best there is: shown, and asked again after RETRY_S
            self._known[tracking] = (self._clock() - FRESH_S + RETRY_S, previous)
            return
        self._set(tracking, ParcelState(problem=why))

    def _set(self, tracking: str, state: ParcelState) -> None:
        self._known[tracking] = (self._clock(), state)
        self.sig_parcel.emit(tracking, state)


class OrderCards(QObject):
    """Given the window: its Orders menu, the copy buttons and keys, parcels and problem marks on the cards."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.pane = window.buyer
        session = window.session
        self.parcels = ParcelLookup(session.fetch_parcel, lambda: session.online, parent=self)
        self.parcels.sig_parcel.connect(self.pane.model.set_parcel)
        self.pane.sig_orders_shown.connect(self._orders_shown)
        self.pane.sig_issues_shown.connect(self._mark_problems)
        self.pane.copy_no.clicked.connect(self.copy_order_no)
        self.pane.copy_tracking.clicked.connect(self.copy_tracking_no)
        self.pane.copy_address.clicked.connect(self.copy_address)
        SHORTCUTS.add_actions(window, {  # the window's own menu entries (app/ui/keys/registry.py)
            "desk.orders": self.focus_orders, "desk.order_detail": self.toggle_detail,
            "desk.copy_order_no": self.copy_order_no, "desk.copy_tracking_no": self.copy_tracking_no,
            "desk.copy_address": self.copy_address}, window.menus)

    # --- what the cards show -------------------------------------------------------------------------

    def _orders_shown(self) -> None:
        orders = self.pane.model.orders()
        for order in orders:
            state = self.parcels.state(order.tracking_no) if order.tracking_no else None
            if state is not None:
                self.pane.model.set_parcel(order.tracking_no, state)
        self.parcels.want(order.tracking_no for order in orders)
        self._mark_problems()

    def _mark_problems(self) -> None:
        numbers = [order.no for order in self.pane.model.orders()]
        self.pane.model.set_problems(open_problems(self.window.issue_desk.repo, numbers))

    # --- the keys --------------------------------------------------------------------------------------

    def focus_orders(self) -> None:
        pane = self.pane
        if pane.detail_open():
            pane.detail.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        if not pane.model.rowCount():
            self._say(self.tr("No orders from this buyer."))
            return
        if not pane.table.currentIndex().isValid():
            pane.table.setCurrentIndex(pane.model.index(0))
        pane.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def toggle_detail(self) -> None:
        if not self.pane.toggle_detail():
            self._say(self.tr("No orders from this buyer."))
            return
        order = self.pane.detail.order
        if order is not None and order.tracking_no:  # the timeline as it is now
            self.parcels.want([order.tracking_no])

    def copy_order_no(self) -> None:
        order = self._order()
        if order is not None:
            self._copy(order.no, self.tr("Copied order no. %1.").replace("%1", order.no))

    def copy_tracking_no(self) -> None:
        order = self._order()
        if order is None:
            return
        if not order.tracking_no:
            self._say(self.tr("Order %1 has no tracking no. yet: not shipped.").replace("%1", order.no))
            return
        self._copy(order.tracking_no, self.tr("Copied tracking no. %1.").replace("%1", order.tracking_no))

    def copy_address(self) -> None:
        order = self._order()
        if order is None:
            return
        text = address_text(order)
        if not text:
            self._say(self.tr("Order %1 has no address the desk knows.").replace("%1", order.no))
            return
        self._copy(text, self.tr("Copied the address of order %1 (phone masked).").replace("%1", order.no))

    def _order(self) -> domain.Order | None:
        order = self.pane.current_order()
        if order is None:
            self._say(self.tr("No orders from this buyer."))
        return order

    def _copy(self, text: str, said: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._say(said)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 5_000)
