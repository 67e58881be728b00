"""The banned and urgent word lists edited in the running desk (Ctrl+Shift+G): a change works at once, without a
restart, and is audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.desk.guard import SendBlocked
from app.gateway import schema
from app.store.issues import IssueStore
from app.ui.word_lists import WordListsDialog
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
    hidden = [dialog.banned.list.item(i).isHidden() for i in range(dialog.banned.list.count())]
    assert hidden.count(False) == 1
    dialog.banned.list.setFocus()
    dialog.banned.list.selectAll()
    qtbot.keyClick(dialog.banned.list, Qt.Key.Key_Delete)
    assert "加微信" not in dialog.banned.words()
    assert win.session.send_reply("c1", "可以加微信吗").state == "pending"  # switched off: it goes
    changes = [e for e in IssueStore(win.session.store).audit_log() if e.what == "guard words changed"]
    assert changes[-1].who == "小李" and "加微信" in changes[-1].after["removed"]


def test_an_urgent_word_marks_the_buyer_in_the_queue_at_once(qtbot, desk):
    win = desk(schema.Message("m1", "c1", "in", "鞋子到底什么时候发，再不发我去黑猫", NOW - timedelta(seconds=5)))
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
