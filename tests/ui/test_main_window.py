"""The window's keyboard paths and menus, on a real store with no shop connected."""

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from app.gateway.secrets import MemorySecretStore
from app.store.engine import open_store

from app.desk.session import DeskSession, ShopAccount

from app.ui.bridge import DeskBridge
from app.ui.main_window import MainWindow

from app import domain

NOW = datetime.now(UTC)


@pytest.fixture
def window(qtbot, tmp_path):
    store = open_store(tmp_path / "desk.db")
    for i, waited in enumerate((5, 50, None, 20)):
        cid = f"c{i}"
        store.upsert_conversation(domain.Conversation(cid, domain.Buyer(f"b{i}", f"买家{i}"), "active", NOW))
        store.ingest_message(domain.Message(f"m{i}", cid, "in", f"问题{i}", NOW - timedelta(seconds=waited or 90)))
        if waited is None:
            store.add_outgoing(cid, "好的亲", f"k{i}", NOW - timedelta(seconds=80))
    # nothing listens on port 9: the session stays offline, which is all these tests need
    session = DeskSession(store, ShopAccount("http://127.0.0.1:9", "s", "a"), MemorySecretStore(), DeskBridge())
    win = MainWindow(session, DeskBridge(), shop_name="测试店", demo=False)
    qtbot.addWidget(win)
    with qtbot.waitActive(win):  # window shortcuts fire only in the active window, as on a real desktop
        win.show()
        win.activateWindow()
    yield win
    session.stop()
    store.close()


def nick(win: MainWindow) -> str:
    return win.current_chat().buyer_nick


def test_the_queue_opens_longest_waiting_first_and_answered_chats_last(window):
    rows = [window.queue_model.chat_at(r).buyer_nick for r in range(window.queue_model.rowCount())]
    assert rows == ["买家1", "买家3", "买家0", "买家2"]


def test_alt_digits_ctrl_arrows_and_ctrl_shift_down_move_between_chats(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert nick(window) == "买家0"
    # Ctrl+↓ walks the buyers who wait for an answer: past the answered 买家2, round to the top
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert nick(window) == "买家1"
    qtbot.keyClick(window, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert nick(window) == "买家0"
    # Alt+↓ / Alt+↑ walk every chat, the answered ones too
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert nick(window) == "买家2"
    qtbot.keyClick(window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert nick(window) == "买家0"
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert nick(window) == "买家1"
    assert window.conversation.model.texts() == ["问题1"]


def test_escape_returns_to_the_reply_box(qtbot, window):
    window.select_row(0)
    window.queue_view.setFocus()
    qtbot.keyClick(window.queue_view, Qt.Key.Key_Escape)
    assert window.conversation.composer.hasFocus()


def test_every_menu_action_shows_its_shortcut(window):
    actions = [a for menu in window.menus.values() for a in menu.actions() if not a.isSeparator() and not a.menu()]
    assert len(actions) >= 15
    missing = [a.text() for a in actions if a.shortcut().isEmpty()]
    assert missing == []


def test_offline_is_said_in_the_status_bar_and_title(qtbot, window):
    qtbot.waitUntil(lambda: "offline" in window.windowTitle())
    assert "offline" in window.status_line.connection_label.text()


def test_a_long_history_opens_on_its_newest_page_and_older_pages_load_at_the_top(qtbot, window):
    store = window.session.store
    for i in range(450):
        store.ingest_message(domain.Message(f"long-{i}", "c2", "in" if i % 2 else "out", f"第{i}条",
                                            NOW - timedelta(seconds=900 - i)))
    window.conversation.conversation_id = ""  # force a fresh open of the chat
    window.select_row(window.queue_model.row_of("c2"))
    texts = window.conversation.model.texts
    assert len(texts()) == 200 and texts()[-1] == "第449条"
    bar = window.conversation.history.verticalScrollBar()
    bar.setValue(0)
    assert len(texts()) == 400 and texts()[0] == "第50条"
    assert bar.value() > 0, "the agent keeps reading where they were, the older page sits above"
    bar.setValue(0)
    assert texts()[:2] == ["问题2", "好的亲"] and len(texts()) == 452


def test_f6_steps_through_the_queue_views_and_a_buyer_with_an_issue_is_marked(qtbot, desk):
    from tests.ui.conftest import NOW as _NOW

    window = desk(domain.Message("m1", "c1", "in", "鞋子开胶了", _NOW))
    assert window.queue_views.currentIndex() == 0
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.queue_model.view == "mine" and window.queue_model.rowCount() == 1  # the gateway did not say
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.queue_model.view == "unanswered" and window.queue_model.rowCount() == 1
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.queue_model.view == "urgent" and window.queue_model.rowCount() == 0  # calm, no issue yet
    issue = window.issue_desk.open_issue(stage="after_sale", category="quality", buyer_id="b1",
                                         buyer_nick="tb_小美妈妈")
    window.issues.issue_saved(issue)
    assert window.queue_model.rowCount() == 1
    assert window.queue_model.flags_of(window.queue_model.chat_at(0)) >= {"trouble", "unfinished"}
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.queue_model.view == "all"


def test_an_error_nothing_caught_is_reported_without_stopping_the_desk(qtbot, desk, tmp_path):
    import threading

    from PySide6.QtWidgets import QMessageBox

    from app.ui.start import CrashNotice

    win = desk()
    notice = CrashNotice(win)
    report = tmp_path / "crash-1.txt"
    threading.Thread(target=notice.sig_report.emit, args=(report,)).start()  # as from a failing worker thread
    qtbot.waitUntil(lambda: win.findChild(QMessageBox, "crashNotice") is not None)
    box = win.findChild(QMessageBox, "crashNotice")
    assert str(report) in box.text() and "saved" in box.text()
    assert str(report) in win.statusBar().currentMessage()
    box.close()
    notice.show(report)  # a second one within the minute: the status bar only, no second box
    assert len([b for b in win.findChildren(QMessageBox, "crashNotice") if b.isVisible()]) == 0
    assert win.isVisible()


def test_a_shop_that_cannot_be_reached_is_said_in_the_agents_language(qtbot, desk):
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load(str(Path(__file__).resolve().parents[2] / "app" / "ui" / "i18n" / "kefudesk_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        from dataclasses import replace

        win = desk()
        win.session.account = replace(win.session.account, password="pw")  # a login to try
        win.session.start()  # the desk's shop is 127.0.0.1:9, where nothing listens
        qtbot.waitUntil(lambda: win.statusBar().currentMessage().startswith("连不上店铺"), timeout=10_000)
        assert "客服台先离线工作" in win.statusBar().currentMessage()
    finally:
        QCoreApplication.removeTranslator(translator)
