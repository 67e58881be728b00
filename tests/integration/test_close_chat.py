"""Closing chats with a real simulator: Ctrl+W closes a chat the agent answered last; one whose buyer spoke last
asks why and keeps the reason in the audit log; the buyer writing again opens the chat again."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from app.store.audit_log import AuditLog

pytestmark = pytest.mark.integration


def test_ctrl_w_closes_answered_chats_asks_why_for_unanswered_ones_and_a_new_message_reopens(
        qtbot, open_desk, control, sim):
    desk = open_desk()
    window = desk.window
    first = control.post("/sim/say", json={"buyer_nick": sim.world.buyers[0].nick, "text": "在吗"}).json()
    second = control.post("/sim/say", json={"buyer_nick": sim.world.buyers[1].nick, "text": "有27码吗"}).json()
    qtbot.waitUntil(lambda: window.queue_model.rowCount() == 2)
    answered_id = first["conversation"]["id"]
    window.select_row(window.queue_model.row_of(answered_id))
    window.session.send_reply(answered_id, "在的亲")
    qtbot.waitUntil(lambda: [m.text for m in sim.world.received] == ["在的亲"], timeout=10_000)

    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: sim.world.chats[answered_id].conversation.state == "closed")
    qtbot.waitUntil(lambda: window.queue_model.row_of(answered_id) == -1)

    unanswered_id = second["conversation"]["id"]
    window.select_row(window.queue_model.row_of(unanswered_id))
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QInputDialog))
    ask = QApplication.activeModalWidget()
    assert "the buyer spoke last" in ask.labelText()
    ask.setTextValue("买家已电话沟通")
    ask.accept()
    qtbot.waitUntil(lambda: sim.world.chats[unanswered_id].conversation.state == "closed")
    [entry] = [e for e in AuditLog(desk.store).audit_log() if e.what == "chat closed unanswered"]
    assert entry.after["why"] == "买家已电话沟通"

    control.post("/sim/say", json={"conversation_id": answered_id, "text": "还有一个问题"})
    qtbot.waitUntil(lambda: window.queue_model.row_of(answered_id) >= 0, timeout=10_000)
    assert sim.world.chats[answered_id].conversation.state == "waiting"
