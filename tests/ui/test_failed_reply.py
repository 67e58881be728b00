"""A reply the shop refused (NOT SENT) is resent with F5 or taken back into the reply box with Shift+F5; the
history keeps it, and nothing the agent typed is overwritten."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from app import domain
from tests.ui.conftest import NOW


def refused(window, text: str, key: str) -> None:
    store = window.session.store
    store.add_outgoing("c1", text, key, NOW)
    store.mark_failed(key, "the shop refused the reply: text too long for this platform")


def states(window) -> dict[str, str]:
    return {m.client_id: m.state for m in window.session.store.messages("c1") if m.direction == "out"}


def test_f5_resends_and_shift_f5_brings_the_refused_reply_back_to_edit(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "发什么快递", NOW - timedelta(minutes=1)))
    refused(window, "亲，默认中通快递哦", "kd-a")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert states(window)["kd-a"] == "pending"  # back in the outbox, in its place
    assert window.session.store.outbox()[0].client_id == "kd-a"

    refused(window, "亲，可以改顺丰，需补差价10元", "kd-b")
    window.conversation.composer.setPlainText("还没写完的话")
    qtbot.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert "not empty" in window.statusBar().currentMessage()
    assert window.conversation.composer.toPlainText() == "还没写完的话"  # the draft is not overwritten
    assert states(window)["kd-b"] == "failed"

    window.conversation.composer.clear()
    qtbot.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert window.conversation.composer.toPlainText() == "亲，可以改顺丰，需补差价10元"
    assert states(window)["kd-b"] == "withdrawn"  # kept in the history, never sent
    assert all(m.client_id != "kd-b" for m in window.session.store.outbox())
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert "No reply of this chat waits" in window.statusBar().currentMessage()
