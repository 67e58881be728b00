"""挂起 with a real simulator: F9 tells the shop the agent is suspended, new buyers are held while the open chats
go on, F9 again brings the held buyers in; the status survives a reconnect."""

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.integration


def test_f9_suspends_new_chats_and_resumes_them(qtbot, open_desk, control, sim):
    desk = open_desk()
    window = desk.window
    control.post("/sim/say", json={"buyer_nick": sim.world.buyers[0].nick, "text": "在吗"})
    qtbot.waitUntil(lambda: window.queue_model.rowCount() == 1)

    qtbot.keyClick(window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: sim.world.agent_status == "suspended")
    assert "Suspended" in window.status_line.status_button.text()
    tick = control.post("/sim/tick", json={"steps": 30}).json()
    assert tick["held"] > 0
    # the open chat goes on while suspended; once its next words are in, anything the shop sent before them is too
    cid = desk.store.conversation_summaries()[0].id
    control.post("/sim/say", json={"conversation_id": cid, "text": "还在吗"})
    qtbot.waitUntil(lambda: desk.store.conversation(cid).last_text == "还在吗")
    assert window.queue_model.rowCount() == 1  # nobody new while suspended

    qtbot.keyClick(window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: sim.world.agent_status == "online")
    qtbot.waitUntil(lambda: window.queue_model.rowCount() == 1 + tick["held"], timeout=10_000)
    assert "Taking chats" in window.status_line.status_button.text()


def test_a_suspended_status_is_told_again_after_the_stream_reconnects(qtbot, open_desk, control, sim):
    desk = open_desk()
    qtbot.keyClick(desk.window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: sim.world.agent_status == "suspended")
    sim.world.agent_status = "online"  # as a gateway that restarted and forgot
    control.post("/sim/drop-streams")
    qtbot.waitUntil(lambda: sim.world.agent_status == "suspended", timeout=15_000)
