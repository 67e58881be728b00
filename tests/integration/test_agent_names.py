"""The shop names its agents: the desk keeps the names from its login and the shop's agent list, and the buyer
reads the agent's 花名 in {agent}, not the login."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.integration


def test_the_buyer_reads_the_agents_display_name_and_the_store_keeps_the_colleagues(qtbot, open_desk, control):
    desk = open_desk()
    qtbot.waitUntil(lambda: desk.store.agent_names().get("agent-xiaowang") == "小王")  # the shop's agent list
    names = desk.store.agent_names()
    assert (names["agent-demo"], names["demo"], names["agent-zhuguan"]) == ("小雪", "小雪", "主管")

    control.post("/sim/say", json={"buyer_nick": "tb_问尺码", "text": "在吗"})
    window = desk.window
    qtbot.waitUntil(lambda: window.queue_model.rowCount() == 1 and window.queue_model.chat_at(0).waiting_since is not None)
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    composer = window.conversation.composer
    qtbot.keyClicks(composer, "hi ")  # 欢迎语: 亲，您好呀～我是{agent}…
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: control.get("/sim/received").json()["messages"] != [])
    [received] = control.get("/sim/received").json()["messages"]
    assert "我是小雪" in received["text"] and "我是demo" not in received["text"]
