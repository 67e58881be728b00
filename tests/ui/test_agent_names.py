"""Names, not ids: the review and the KPI dashboard show each agent by their 花名, and {agent} in a reply reads it,
from the names the shop gave at an earlier login (this desk is offline)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.gateway.secrets import MemorySecretStore
from app.store.engine import open_store

from app.desk.session import DeskSession, ShopAccount

from app.ui.bridge import DeskBridge
from app.ui.kpi_window import KpiWindow
from app.ui.main_window import MainWindow
from app.ui.review_window import ReviewWindow

from app import domain
from tests.conftest import earlier_today, replies_stored, with_starter_phrases

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

@pytest.fixture
def window(qtbot, tmp_path):
    """The demo's agent (login demo, 小雪 at the shop) after a shift: 小王 answered the buyer first, then this desk
    (all today: the review counts local days)."""
    start = earlier_today(timedelta(minutes=20), timedelta(seconds=61))
    store = with_starter_phrases(open_store(tmp_path / "desk.db"))
    # what a login and the shop's agent list left in the store (LoginKeeper.login, DeskSession._learn_names)
    for agent_id, name in (("agent-demo", "小雪"), ("demo", "小雪"), ("agent-xiaowang", "小王")):
        store.ensure_agent(agent_id, "demo", name)
    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_小美妈妈"), "active", start))
    for i, (direction, agent, seconds, text) in enumerate((
            ("in", "", 0, "鞋子开胶了"), ("out", "agent-xiaowang", 20, "亲，我帮您看一下哦～"),
            ("in", "", 60, "怎么处理"))):
        store.ingest_message(domain.Message(f"n{i}", "c1", direction, text, start + timedelta(seconds=seconds),
                                            agent=agent))
    bridge = DeskBridge()
    session = DeskSession(store, ShopAccount("http://127.0.0.1:9", "demo", "demo"), MemorySecretStore(), bridge)
    win = MainWindow(session, bridge, shop_name="小鹿童鞋", demo=True)
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    win.select_row(0)
    yield win
    session.stop()
    store.close()


def opened(qtbot, cls):
    qtbot.waitUntil(lambda: any(isinstance(w, cls) and w.isVisible() for w in QApplication.topLevelWidgets()))
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible())


def test_a_reply_review_and_kpis_name_agents_by_their_display_names(qtbot, window):
    composer = window.conversation.composer
    qtbot.keyClicks(composer, "hi ")  # 欢迎语: 亲，您好呀～我是{agent}…
    assert "我是小雪" in composer.toPlainText()
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    replies_stored(window)
    [sent] = window.session.store.outbox()
    assert "我是小雪" in sent.text and "demo" not in sent.text

    qtbot.keyClick(window, Qt.Key.Key_T, CTRL_SHIFT)
    review = opened(qtbot, ReviewWindow)
    qtbot.waitUntil(lambda: review.model.rowCount() == 1)
    assert review.model.index(0, 2).data() == "小王、小雪"
    agents = [review.agent.itemText(i) for i in range(review.agent.count())]
    assert "小王" in agents and "小雪" in agents and "agent-xiaowang" not in agents and "demo" not in agents
    review.table.selectRow(0)
    qtbot.waitUntil(lambda: review.transcript.model().rowCount() == 4)
    speakers = [review.transcript.model().index(r, 1).data() for r in range(4)]
    assert speakers[1].endswith("小王") and speakers[3].endswith("小雪")
    assert [review.scored_agent.itemText(i) for i in range(review.scored_agent.count())] == ["小王", "小雪"]
    review.close()
    with qtbot.waitActive(window):  # back to the desk (a window manager would hand it the keyboard)
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_D, CTRL_SHIFT)
    kpis = opened(qtbot, KpiWindow)
    qtbot.waitUntil(lambda: kpis.model.rowCount() == 2)
    assert sorted(kpis.model.index(r, 0).data() for r in range(2)) == ["小王", "小雪"]
    assert sorted(bars.label() for bars in kpis.chart.series()[0].barSets()) == ["小王", "小雪"]
