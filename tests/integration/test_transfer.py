"""Transferring a chat between two desks logged in to one simulator over loopback HTTP: the note reaches the
colleague with the history, the chat leaves the giver's queue, and the buyer's next words go to the colleague."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.gateway.secrets import MemorySecretStore
from app.store.engine import open_store

from app.desk.session import DeskSession, ShopAccount, TransferRefused

from app.ui.transfer_dialog import TransferDialog

from tests.integration.conftest import RecordingListener

pytestmark = pytest.mark.integration


@pytest.fixture
def desks(qtbot, sim, tmp_path):
    """desks(login): a headless desk logged in as that agent of the simulated shop, with its own store."""
    opened = []

    def open_as(login: str) -> tuple[DeskSession, RecordingListener]:
        store = open_store(tmp_path / f"{login}.db")
        listener = RecordingListener()
        session = DeskSession(store, ShopAccount(sim.url, sim.shop_id, login, sim.credentials[1]),
                              MemorySecretStore(), listener)
        session.start()
        qtbot.waitUntil(lambda: session.online, timeout=10_000)
        opened.append((session, store))
        return session, listener

    yield open_as
    for session, store in opened:
        session.stop()
        store.close()


def texts(session: DeskSession, cid: str) -> list[tuple[str, str]]:
    return [(m.direction, m.text) for m in session.store.messages(cid)]


def test_a_transferred_chat_arrives_with_its_history_and_note_and_leaves_the_giver(qtbot, desks, sim, control):
    me, _mine = desks("demo")
    wang, heard = desks("xiaowang")
    cid = control.post("/sim/say", json={"buyer_nick": "tb_退款宝妈", "text": "我要退款，鞋子开胶了"}).json()[
        "conversation"]["id"]
    qtbot.waitUntil(lambda: me.store.conversation(cid) is not None)
    assert wang.store.conversation(cid) is None  # not 小王's chat: his stream does not carry it
    me.send_reply(cid, "亲，非常抱歉，我转给售后同事处理")
    qtbot.waitUntil(lambda: len(sim.world.received) == 1)

    colleagues = me.list_colleagues()
    assert [c.name for c in colleagues][:2] == ["主管", "小王"]  # online first; the desk's own agent is not listed
    assert "小雪" not in [c.name for c in colleagues]
    me.transfer(cid, "agent-xiaowang", "开胶退款，已道歉，请跟进")

    assert me.store.conversation(cid).state == "closed"  # gone from the giver's queue at once
    qtbot.waitUntil(lambda: bool(heard.transfers), timeout=5000)  # told after the history is stored
    assert texts(wang, cid) == [("in", "我要退款，鞋子开胶了"), ("out", "亲，非常抱歉，我转给售后同事处理"),
                                ("system", "会话已由 小雪 转接给 小王。备注：开胶退款，已道歉，请跟进")]
    assert wang.store.conversation(cid).agent == "agent-xiaowang"
    assert heard.transfers == [(cid, "agent-demo", "开胶退款，已道歉，请跟进", True)]

    control.post("/sim/say", json={"conversation_id": cid, "text": "还在吗"})
    qtbot.waitUntil(lambda: ("in", "还在吗") in texts(wang, cid))
    wang.send_reply(cid, "在的亲，我是售后小王")
    qtbot.waitUntil(lambda: len(sim.world.received) == 2)
    # a new buyer, said after: once the giver's desk has it, anything its stream carried before is in too
    later = control.post("/sim/say", json={"buyer_nick": "tb_后来的", "text": "在吗"}).json()["conversation"]["id"]
    qtbot.waitUntil(lambda: me.store.conversation(later) is not None)
    assert ("in", "还在吗") not in texts(me, cid)  # the buyer's next words went to the colleague only
    assert me.store.conversation(cid).state == "closed"


def test_a_transfer_the_shop_refuses_names_why_and_the_chat_stays(qtbot, desks, control):
    me, _heard = desks("demo")
    cid = control.post("/sim/say", json={"buyer_nick": "tb_小美妈妈", "text": "在吗"}).json()["conversation"]["id"]
    qtbot.waitUntil(lambda: me.store.conversation(cid) is not None)
    with pytest.raises(TransferRefused, match="one of the shop's agents"):
        me.transfer(cid, "agent-nobody", "")
    with pytest.raises(TransferRefused, match="already yours"):
        me.transfer(cid, "agent-demo", "")
    assert me.store.conversation(cid).state != "closed"


def test_ctrl_t_transfers_the_open_chat_from_the_desk(qtbot, open_desk, control, sim):
    desk = open_desk()
    window = desk.window
    cid = control.post("/sim/say", json={"buyer_nick": "tb_果果妈", "text": "发票怎么开"}).json()["conversation"]["id"]
    qtbot.waitUntil(lambda: window.queue_model.rowCount() == 1)
    window.select_row(0)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), TransferDialog))
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: dialog.colleagues.model().rowCount() == 3)
    names = [dialog.colleagues.model().index(i).data() for i in range(dialog.colleagues.model().rowCount())]
    assert names[0].startswith("主管") and "supervisor" in names[0]
    qtbot.keyClick(dialog.colleagues, Qt.Key.Key_Home)  # the keyboard picks the colleague; the note is typed
    dialog.note.setPlainText("要开发票，请主管处理")  # through an input method: QTest cannot type Chinese
    qtbot.keyClick(dialog.colleagues, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # &Transfer
    qtbot.waitUntil(lambda: not isinstance(QApplication.activeModalWidget(), TransferDialog), timeout=5000)
    qtbot.waitUntil(lambda: window.queue_model.rowCount() == 0)
    assert sim.world.chats[cid].conversation.agent == "agent-zhuguan"
    assert "主管" in window.statusBar().currentMessage()
