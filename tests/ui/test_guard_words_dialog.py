"""The banned and urgent word lists edited in the running desk (Ctrl+Shift+G): a change works at once, without a
restart, and is audited; on a store with a supervisor, removing a banned word takes the supervisor's password."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.store.audit_log import AuditLog

from app.desk.guard import SendBlocked

from app.ui.guard_words_dialog import SupervisorRemoves, WordListsDialog

from app import domain
from tests.conftest import ime_type
from tests.ui.conftest import NOW


def open_lists(qtbot, win) -> WordListsDialog:
    qtbot.keyClick(win, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), WordListsDialog))
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_a_banned_word_added_in_the_desk_blocks_the_next_send_at_once(qtbot, desk):
    win = desk()
    dialog = open_lists(qtbot, win)
    assert "加微信" in dialog.banned.words()
    dialog.banned.entry.setText("拼多多、 闲鱼")  # typed through an input method: QTest cannot type CJK
    qtbot.keyClick(dialog.banned.entry, Qt.Key.Key_Return)
    assert {"拼多多", "闲鱼"} <= set(dialog.banned.words()) and dialog.banned.entry.text() == ""
    with pytest.raises(SendBlocked):
        win.session.send_reply("c1", "亲，闲鱼上更便宜")

    dialog.banned.entry.setText("加微信")  # finds it in the list
    hidden = [dialog.banned.list.isRowHidden(i) for i in range(dialog.banned.list.model().rowCount())]
    assert hidden.count(False) == 1
    dialog.banned.list.setFocus()
    dialog.banned.list.selectAll()
    qtbot.keyClick(dialog.banned.list, Qt.Key.Key_Delete)
    assert "加微信" not in dialog.banned.words()
    assert win.session.send_reply("c1", "可以加微信吗").state == "pending"  # switched off: it goes
    changes = [e for e in AuditLog(win.session.store).audit_log() if e.what == "guard words changed"]
    assert changes[-1].who == "小李" and "加微信" in changes[-1].after["removed"]


def test_an_urgent_word_marks_the_buyer_in_the_queue_at_once(qtbot, desk):
    win = desk(domain.Message("m1", "c1", "in", "鞋子到底什么时候发，再不发我去黑猫", NOW - timedelta(seconds=5)))
    assert "angry" not in win.queue_model.flags_of(win.queue_model.chat_at(0))
    dialog = open_lists(qtbot, win)
    qtbot.keyClick(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.tabs.currentWidget() is dialog.urgent)
    dialog.urgent.entry.setText("黑猫")
    dialog.urgent.add()
    assert "angry" in win.queue_model.flags_of(win.queue_model.chat_at(0))
    dialog.urgent.entry.setText("x" * 41)
    dialog.urgent.add()
    assert "1–40 characters" in dialog.urgent.problem.text()
    dialog.reject()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    reopened = open_lists(qtbot, win)  # kept in the store
    assert "黑猫" in reopened.urgent.words() and "投诉" in reopened.urgent.words()


def test_removing_a_banned_word_takes_a_supervisor_typed_at_the_keyboard(qtbot, desk):
    """An agent cannot switch the guard off for themselves: Delete on a banned word asks for a supervisor's name
    and password; a wrong one is said and the word stays banned, the right one removes it at once."""
    win = desk()
    win.issue_desk.add_profile("店长", "supervisor", "secret-1")
    lists = open_lists(qtbot, win)
    ime_type(lists.banned.entry, "加微信")  # finds it in the list
    for _ in range(5):  # Tab past Add and Remove to the list
        if lists.banned.list.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert lists.banned.list.hasFocus()
    qtbot.keyClick(lists.banned.list, Qt.Key.Key_Home)
    assert [i.data(Qt.ItemDataRole.UserRole) for i in lists.banned.list.selectionModel().selectedIndexes()] == ["加微信"]
    qtbot.keyClick(lists.banned.list, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), SupervisorRemoves))
    asking = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: asking.fields.supervisor.hasFocus())
    ime_type(QApplication.focusWidget(), "店长")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert asking.fields.password.hasFocus()

    qtbot.keyClicks(asking.fields.password, "guess-1")
    qtbot.keyClick(asking.fields.password, Qt.Key.Key_Return)
    assert asking.problem.text() == "Not removed: wrong password for 店长"
    assert asking.isVisible() and asking.fields.password.text() == "" and asking.fields.password.hasFocus()
    assert "加微信" in lists.banned.words()
    with pytest.raises(SendBlocked):
        win.session.send_reply("c1", "可以加微信吗")

    qtbot.keyClicks(asking.fields.password, "secret-1")
    qtbot.keyClick(asking.fields.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is lists)
    assert "加微信" not in lists.banned.words()
    qtbot.waitUntil(lists.banned.list.hasFocus)  # back where the agent was
    assert win.session.send_reply("c1", "可以加微信吗").state == "pending"  # switched off: it goes
    last = [e for e in AuditLog(win.session.store).audit_log() if e.what == "guard words changed"][-1]
    assert (last.who, last.after["desk"]) == ("店长", "小李")


def test_escape_leaves_the_banned_word_in_place(qtbot, desk):
    win = desk()
    win.issue_desk.add_profile("店长", "supervisor", "secret-1")
    lists = open_lists(qtbot, win)
    lists.banned.list.setFocus()
    qtbot.keyClick(lists.banned.list, Qt.Key.Key_End)
    [word] = [i.data(Qt.ItemDataRole.UserRole) for i in lists.banned.list.selectionModel().selectedIndexes()]
    qtbot.keyClick(lists.banned.list, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), SupervisorRemoves))
    asking = QApplication.activeModalWidget()
    qtbot.waitUntil(asking.isActiveWindow)
    qtbot.keyClick(asking, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is lists)
    assert word in lists.banned.words() and word in win.session.guard.words
