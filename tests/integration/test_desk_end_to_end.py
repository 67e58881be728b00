"""The walking skeleton end to end: a real simulator on a loopback socket, a real store file, real widgets."""

from __future__ import annotations

import httpx
import pytest
from PySide6.QtCore import Qt

from app.shopsim.runner import SimServer

from tests.conftest import ime_type, replies_stored

pytestmark = pytest.mark.integration


def queue_nicks(window) -> list[str]:
    model = window.queue_model
    return [model.chat_at(row).buyer_nick for row in range(model.rowCount())]


def received_texts(control) -> list[str]:
    return [m["text"] for m in control.get("/sim/received").json()["messages"]]


def test_a_buyer_writes_the_agent_answers_once_and_both_survive_a_restart(qtbot, open_desk, control, tmp_path):
    desk = open_desk()
    control.post("/sim/say", json={"buyer_nick": "tb_小美妈妈", "text": "在吗？宝宝脚长14.5cm穿多大码"})
    qtbot.waitUntil(lambda: queue_nicks(desk.window) == ["tb_小美妈妈"], timeout=5000)
    control.post("/sim/say", json={"buyer_nick": "糖糖爸爸8899", "text": "我的快递到哪了"})
    model = desk.window.queue_model
    qtbot.waitUntil(lambda: [model.chat_at(r).last_direction for r in range(model.rowCount())] == ["in", "in"],
                    timeout=5000)
    # the first buyer has waited longest: on top, and the desk opened it
    assert queue_nicks(desk.window) == ["tb_小美妈妈", "糖糖爸爸8899"]
    desk.window.go_longest_waiting()
    assert desk.window.current_chat().buyer_nick == "tb_小美妈妈"
    chat_id = desk.window.current_chat().id

    composer = desk.window.conversation.composer
    ime_type(composer, "亲，14.5cm的脚长建议拿25码哦～")
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    assert composer.toPlainText() == ""
    qtbot.waitUntil(lambda: "亲，14.5cm的脚长建议拿25码哦～" in received_texts(control), timeout=5000)
    # answered: it sinks below the buyer who still waits
    qtbot.waitUntil(lambda: queue_nicks(desk.window) == ["糖糖爸爸8899", "tb_小美妈妈"], timeout=5000)
    assert desk.window.current_chat().buyer_nick == "糖糖爸爸8899"  # on to the buyer who still waits
    qtbot.waitUntil(lambda: [m.state for m in desk.store.messages(chat_id) if m.direction == "out"] == ["sent"],
                    timeout=5000)
    desk.close()
    assert received_texts(control).count("亲，14.5cm的脚长建议拿25码哦～") == 1

    again = open_desk(tmp_path / "desk.db")
    chat = next(c for c in again.store.conversation_summaries() if c.buyer_nick == "tb_小美妈妈")
    texts = [(m.direction, m.text) for m in again.store.messages(chat.id)]
    assert texts == [("in", "在吗？宝宝脚长14.5cm穿多大码"), ("out", "亲，14.5cm的脚长建议拿25码哦～")]
    assert received_texts(control).count("亲，14.5cm的脚长建议拿25码哦～") == 1  # reconnecting resent nothing


def test_a_draft_survives_switching_chats_and_restarting(qtbot, open_desk, control, tmp_path):
    desk = open_desk()
    for nick, text in (("买家甲", "有优惠券吗"), ("买家乙", "能改地址吗")):
        control.post("/sim/say", json={"buyer_nick": nick, "text": text})
    model = desk.window.queue_model
    # both buyers have written (Ctrl+↓ walks the buyers who wait for an answer)
    qtbot.waitUntil(lambda: [model.chat_at(r).last_direction for r in range(model.rowCount())] == ["in", "in"],
                    timeout=5000)
    desk.window.select_row(0)
    first = desk.window.current_chat()
    ime_type(desk.window.conversation.composer, "亲，店铺首页可以领券")
    qtbot.keyClick(desk.window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # Ctrl+↓: next chat
    assert desk.window.current_chat().id != first.id
    assert desk.window.conversation.composer.toPlainText() == ""
    qtbot.keyClick(desk.window, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # Ctrl+↑: back
    assert desk.window.conversation.composer.toPlainText() == "亲，店铺首页可以领券"
    desk.close()

    again = open_desk(tmp_path / "desk.db")
    again.window.select_row(again.window.queue_model.row_of(first.id))
    assert again.window.conversation.composer.toPlainText() == "亲，店铺首页可以领券"


def test_replies_written_while_the_shop_is_down_go_out_in_order_once_it_is_back(qtbot, open_desk, sim):
    desk = open_desk()
    with httpx.Client(base_url=sim.url, timeout=5) as control:
        control.post("/sim/say", json={"buyer_nick": "断网测试", "text": "在吗"})
    qtbot.waitUntil(lambda: desk.window.queue_model.rowCount() == 1, timeout=5000)
    desk.window.select_row(0)
    port = sim.port
    sim.stop()  # the shop gateway goes away (server restart, network cut)
    qtbot.waitUntil(lambda: "offline" in desk.window.status_line.connection_label.text(), timeout=5000)
    composer = desk.window.conversation.composer
    for text in ("第一条回复", "第二条回复", "第三条回复"):
        ime_type(composer, text)
        qtbot.keyClick(composer, Qt.Key.Key_Return)
    replies_stored(desk.window)
    assert desk.session.pending_count == 3
    assert "3" in desk.window.status_line.outbox_label.text()

    back = SimServer(port=port, world=sim.world, rate=0, reply_delay=None, ping_interval=1.0).start()
    try:
        qtbot.waitUntil(lambda: "online" in desk.window.status_line.connection_label.text() and desk.session.pending_count == 0,
                        timeout=15_000)
        with httpx.Client(base_url=back.url, timeout=5) as control:
            texts = received_texts(control)
        assert [t for t in texts if t.endswith("条回复")] == ["第一条回复", "第二条回复", "第三条回复"]
        qtbot.waitUntil(lambda: desk.window.status_line.outbox_label.text() == "", timeout=5000)
    finally:
        desk.close()
        back.stop()


def test_buyer_markup_is_shown_as_the_characters_typed(qtbot, open_desk, control):
    desk = open_desk()
    hostile = "<b>加粗</b><img src=x onerror=alert(1)>"
    control.post("/sim/say", json={"buyer_nick": "<i>nick</i>", "text": hostile})
    qtbot.waitUntil(lambda: desk.window.queue_model.rowCount() == 1, timeout=5000)
    desk.window.select_row(0)
    qtbot.waitUntil(lambda: desk.window.conversation.model.texts() == [hostile], timeout=5000)
    label = desk.window.buyer.nick
    assert label.textFormat() == Qt.TextFormat.PlainText
    # as plain text the tags take room on screen; interpreted as markup they would vanish
    assert label.sizeHint().width() >= label.fontMetrics().horizontalAdvance("<i>nick</i>")


def test_the_status_bar_says_demo_shop_and_online_once_connected(qtbot, open_desk, sim):
    desk = open_desk()
    qtbot.waitUntil(lambda: "online" in desk.window.status_line.connection_label.text(), timeout=5000)
    assert sim.shop_name in desk.window.status_line.mode_label.text() and "Demo" in desk.window.status_line.mode_label.text()
    assert "demo shop" in desk.window.windowTitle() and "online" in desk.window.windowTitle()
    assert desk.window.statusBar().currentMessage() == ""


def test_going_online_keeps_other_notices_in_the_status_bar(qtbot, open_desk):
    desk = open_desk()
    desk.window.statusBar().showMessage("No OS keyring: the login is kept for this session only.", 15_000)
    desk.window.status_line.on_connection(True, "")
    assert desk.window.statusBar().currentMessage().startswith("No OS keyring")


def test_chats_the_shop_no_longer_has_leave_the_queue_on_connect(qtbot, open_desk, tmp_path):
    from datetime import UTC, datetime

    from app.store.engine import open_store

    from app import domain

    path = tmp_path / "ghosts.db"
    old = open_store(path)  # a chat left over from yesterday's run, which the shop has since closed
    old.upsert_conversation(domain.Conversation("yesterday-c1", domain.Buyer("b0", "昨天的买家"), "active",
                                                datetime(2026, 11, 23, tzinfo=UTC)))
    old.ingest_message(domain.Message("yesterday-m1", "yesterday-c1", "in", "在吗", datetime(2026, 11, 23, tzinfo=UTC)))
    old.close()
    desk = open_desk(path)
    qtbot.waitUntil(lambda: desk.window.queue_model.row_of("yesterday-c1") == -1, timeout=5000)
    assert desk.store.conversation("yesterday-c1").state == "closed"
    assert [m.text for m in desk.store.messages("yesterday-c1")] == ["在吗"]  # closed, never deleted


def test_a_reply_the_store_cannot_keep_is_not_sent_on_its_message_and_f5_stores_it_once(qtbot, open_desk, control,
                                                                                       monkeypatch):
    """The reply box clears at once (the store is written off the GUI thread); the store's refusal shows on that
    message, NOT SENT with the reason, the text still the chat's draft; F5 stores it, once, and it goes out."""
    desk = open_desk()
    control.post("/sim/say", json={"buyer_nick": "磁盘满了", "text": "在吗"})
    qtbot.waitUntil(lambda: desk.window.queue_model.rowCount() == 1, timeout=5000)
    desk.window.select_row(0)
    cid = desk.window.conversation.conversation_id
    add_outgoing = desk.store.add_outgoing

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(desk.store, "add_outgoing", disk_full)  # stands in for a full disk, which we cannot make here
    composer = desk.window.conversation.composer
    ime_type(composer, "亲，在的")
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    assert composer.toPlainText() == ""
    replies_stored(desk.window)
    shown = desk.window.statusBar().currentMessage()
    assert "not saved" in shown and "No space left" in shown and "F5" in shown
    assert [m.state for m in shown_replies(desk.window)] == ["failed"]
    assert desk.store.draft(cid) == "亲，在的"  # a desk killed now finds the reply in the box
    assert desk.store.outbox() == []

    monkeypatch.setattr(desk.store, "add_outgoing", add_outgoing)  # room on the disk again
    qtbot.keyClick(desk.window, Qt.Key.Key_F5)
    replies_stored(desk.window)
    qtbot.waitUntil(lambda: [m["text"] for m in control.get("/sim/received").json()["messages"]] == ["亲，在的"],
                    timeout=5000)
    assert [m.text for m in desk.store.messages(cid) if m.direction == "out"] == ["亲，在的"]  # stored once
    qtbot.waitUntil(lambda: [m.state for m in shown_replies(desk.window)] == ["sent"], timeout=5000)
    assert all(m.id > 0 for m in shown_replies(desk.window))  # the stored row took the place of the one shown
    qtbot.waitUntil(lambda: desk.store.draft(cid) == "", timeout=5000)


def shown_replies(window) -> list:
    from app.ui.models.message_model import MessageRole

    model = window.conversation.model
    return [m for m in (model.index(row).data(MessageRole) for row in range(model.rowCount())) if m.direction == "out"]
