"""The owner's review, KPI dashboard and search windows from the keyboard, on a real desk and store."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.ui.kpi_window import KpiWindow
from app.ui.models.search_results import marked
from app.ui.review_window import ReviewWindow
from app.ui.search_window import SearchWindow

from app import domain
from tests.conftest import earlier_today

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def day(win) -> datetime:
    """A day's two chats, today (the review counts local days, whatever the hour the test runs); their start."""
    start = earlier_today(timedelta(minutes=30), timedelta(seconds=111))
    store = win.session.store
    store.upsert_conversation(domain.Conversation("c2", domain.Buyer("b2", "果果妈"), "active", start))
    for i, (cid, direction, agent, seconds, text) in enumerate((
            ("c1", "in", "", 0, "我要退款<b>!!!</b>"), ("c1", "out", "小李", 55, "亲，马上为您退款"),
            ("c2", "in", "", 100, "有27码吗"), ("c2", "out", "小王", 110, "有的亲"))):
        store.ingest_message(domain.Message(f"r{i}", cid, direction, text, start + timedelta(seconds=seconds),
                                            agent=agent))
    return start


def opened(qtbot, cls):
    qtbot.waitUntil(lambda: any(isinstance(w, cls) and w.isVisible() for w in QApplication.topLevelWidgets()))
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible())


def test_the_review_shows_the_days_chats_their_waits_and_saves_a_score(qtbot, desk, tmp_path):
    win = desk()
    start = day(win)
    qtbot.keyClick(win, Qt.Key.Key_T, CTRL_SHIFT)
    review = opened(qtbot, ReviewWindow)
    qtbot.waitUntil(lambda: review.model.rowCount() == 2)
    assert {review.model.index(r, 1).data() for r in range(2)} == {"tb_小美妈妈", "果果妈"}
    row = next(r for r in range(2) if review.model.index(r, 1).data() == "tb_小美妈妈")
    review.table.selectRow(row)
    qtbot.waitUntil(lambda: review.transcript.model().rowCount() == 2)
    assert review.transcript.model().index(0, 2).data() == "我要退款<b>!!!</b>"  # shown as text, never as markup
    assert review.transcript.model().index(1, 3).data() == "55"
    assert review.transcript.model().index(1, 3).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c0392b"  # over 30 s: slow
    review.checks[2].setChecked(True)
    review.checks[3].setChecked(True)
    qtbot.keyClick(review, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Scored 40 for 小李" in review.status.text() and "chat" in review.status.text())
    assert review.model.index(review.table.currentIndex().row(), 10).data() == "40"
    qtbot.waitUntil(lambda: review.transcript.model().rowCount() == 2)
    review.transcript.setCurrentIndex(review.transcript.model().index(1, 0))
    qtbot.keyClick(review, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "good example" in review.transcript.model().index(1, 2).data())
    review.only["slow"].setChecked(True)
    qtbot.waitUntil(lambda: review.model.rowCount() == 1)
    out = tmp_path / "day.html"
    review.export(out, "小李", start.astimezone().date())
    qtbot.waitUntil(lambda: out.exists() and "Exported" in review.status.text())
    assert "&lt;b&gt;!!!&lt;/b&gt;" in out.read_text(encoding="utf-8")


def test_the_kpi_dashboard_charts_a_figure_and_drills_into_its_chats(qtbot, desk):
    win = desk()
    day(win)
    qtbot.keyClick(win, Qt.Key.Key_D, CTRL_SHIFT)
    kpis = opened(qtbot, KpiWindow)
    qtbot.waitUntil(lambda: kpis.model.rowCount() == 2)
    agents = [kpis.model.index(r, 0).data() for r in range(2)]
    assert sorted(agents) == ["小李", "小王"]
    li = agents.index("小李")
    assert kpis.model.index(li, 3).data() == "55"  # first answer, median
    [series] = kpis.chart.series()
    assert sorted(series.barSets()[i].label() for i in range(series.count())) == ["小李", "小王"]
    kpis.table.setCurrentIndex(kpis.model.index(li, 3))
    kpis.table.setFocus()
    qtbot.keyClick(kpis.table, Qt.Key.Key_Return)
    review = opened(qtbot, ReviewWindow)
    assert review.only["slow"].isChecked() and review.agent.currentData() == "小李"
    qtbot.waitUntil(lambda: review.model.rowCount() == 1)


def test_search_finds_short_queries_marks_the_hit_and_opens_the_chat(qtbot, desk):
    win = desk()
    day(win)
    qtbot.keyClick(win, Qt.Key.Key_F, CTRL_SHIFT)
    search = opened(qtbot, SearchWindow)
    search.query.setText("退款")  # typed through an input method
    qtbot.waitUntil(lambda: search.results.model().rowCount() == 2)
    assert search.results.model().index(0).data() == "亲，马上为您退款"  # newest first
    html = search.results.model().index(1).data(Qt.ItemDataRole.UserRole + 1)
    assert "我要<b style='color:#C0392B'>退款</b>&lt;b&gt;!!!&lt;/b&gt;" in html
    search.query.setText("有")
    search.agent.setText("小王")
    qtbot.waitUntil(lambda: [search.results.model().index(i).data() for i in range(search.results.model().rowCount())] == ["有的亲"])
    search.agent.clear()
    search.buyer.setText("果果妈")
    qtbot.waitUntil(lambda: search.results.model().rowCount() == 2)
    search.first.setDate(search.first.date().addDays(-400))
    search.last.setDate(search.last.date().addDays(-200))
    qtbot.keyClick(search, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # only those days: long ago
    qtbot.waitUntil(lambda: search.only_days.isChecked() and search.results.model().rowCount() == 0)
    search.only_days.setChecked(False)
    search.buyer.clear()
    search.query.setText("退款")
    qtbot.waitUntil(lambda: search.results.model().rowCount() == 2 and search.results.model().index(0).data() == "亲，马上为您退款")
    search.results.setFocus()
    qtbot.keyClick(search.results, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # Enter: the desk's chat
    review = opened(qtbot, ReviewWindow)
    qtbot.waitUntil(lambda: review.current_chat() is not None and review.current_chat().conversation_id == "c1")
    assert marked("x" * 100 + "退款", ((100, 102),)).startswith("…")
