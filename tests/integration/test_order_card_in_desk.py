"""The order card against the simulator, over real sockets: the shop's orders arrive with their sizes, pay time,
receiver and notes (GET /v1/orders), each shipped parcel's latest step comes from the courier (GET /v1/parcels),
and the detail shows the whole timeline, newest first, with the courier's weights."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app.desk.order_card import latest_step, masked_phone

from app.ui.models.orders_model import step_line

pytestmark = pytest.mark.integration


def test_the_card_and_the_detail_show_what_the_shop_and_the_courier_say(qtbot, sim, open_desk, control):
    buyer = next(b for b in sim.world.buyers if b.orders and all(o.tracking_no for o in b.orders))
    orders = sim.world.orders_of(buyer.id)  # newest first, as the cards
    desk = open_desk()
    control.post("/sim/say", json={"buyer_nick": buyer.nick, "text": "我的快递到哪了"})
    qtbot.waitUntil(lambda: desk.window.queue_model.rowCount() == 1)
    with qtbot.waitActive(desk.window):  # keys go where the agent's focus is, in the active window
        desk.window.activateWindow()
    desk.window.select_row(0)
    model = desk.window.buyer.model
    parcels = [sim.world.parcel(order.tracking_no) for order in orders]
    latest = [f"{order.courier} {order.tracking_no} · {step_line(latest_step(parcel))}"
              for order, parcel in zip(orders, parcels, strict=True)]

    def lasts() -> list[str]:
        return [model.index(row).data(Qt.ItemDataRole.DisplayRole).splitlines()[-1] for row in range(model.rowCount())]
    qtbot.waitUntil(lambda: lasts() == latest)  # the courier's newest step on every card
    first, card = orders[0], model.index(0).data(Qt.ItemDataRole.DisplayRole)
    assert all(f"（{item.spec}） ×{item.qty}" in card for item in first.items)
    assert f"To: {first.receiver_name} {masked_phone(first.receiver_phone)} · {first.address}" in card
    assert first.receiver_phone not in card

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert QGuiApplication.clipboard().text() == (f"{first.receiver_name}，{masked_phone(first.receiver_phone)}，"
                                                  f"{first.address}")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F8)
    detail = desk.window.buyer.detail.text.toPlainText()
    timeline = [step_line(event) for event in sorted(parcels[0].events, key=lambda e: e.at, reverse=True)]
    assert "\n".join(timeline) in detail  # every step, newest first
    assert (f"Courier's scales: {parcels[0].origin_weight_g} g at the origin, {parcels[0].last_weight_g} g at "
            f"{parcels[0].last_station}") in detail
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not desk.window.buyer.detail_open()
