"""Esc closes the desk's tool windows and the keyboard is back in the reply box; a cell being edited or an open
popup takes the first Esc."""

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox

from app import domain
from tests.ui.conftest import NOW

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
TOOLS = {  # the window, the keys that open it from the desk
    "phrase manager": (Qt.Key.Key_K, CTRL_SHIFT),
    "all issues": (Qt.Key.Key_L, CTRL_SHIFT),
    "problem-order worklist": (Qt.Key.Key_W, CTRL_SHIFT),
    "transcripts and 质检": (Qt.Key.Key_T, CTRL_SHIFT),
    "KPI dashboard": (Qt.Key.Key_D, CTRL_SHIFT),
    "search all chats": (Qt.Key.Key_F, CTRL_SHIFT),
    "banned and urgent words": (Qt.Key.Key_G, CTRL_SHIFT),
    "clipboard history": (Qt.Key.Key_H, CTRL_SHIFT),
    "robot first answer": (Qt.Key.Key_B, CTRL_SHIFT),
    "robot's answers": (Qt.Key.Key_Y, CTRL_SHIFT),
    "daily tables": (Qt.Key.Key_E, CTRL),
}


def gone(widget) -> bool:
    return not shiboken6.isValid(widget) or not widget.isVisible()


def open_tool(qtbot, window, keys):
    qtbot.keyClick(window, *keys)
    qtbot.waitUntil(lambda: QApplication.activeWindow() not in (None, window))
    return QApplication.activeWindow()


@pytest.mark.parametrize("name", TOOLS)
def test_esc_closes_a_tool_window_and_the_reply_box_has_the_keyboard(qtbot, desk, name):
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    tool = open_tool(qtbot, window, TOOLS[name])
    qtbot.keyClick(QApplication.focusWidget() or tool, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(tool))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.conversation.composer)


def test_esc_first_leaves_the_cell_being_edited_then_closes_the_phrase_manager(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    manager = open_tool(qtbot, window, TOOLS["phrase manager"])
    table = manager.table
    table.setFocus()
    table.setCurrentIndex(manager.proxy.index(0, 1))
    title = table.currentIndex().data()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert table.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "zz")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert manager.isVisible() and table.currentIndex().data() == title  # the edit was cancelled, nothing else
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    qtbot.keyClick(table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(manager))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.conversation.composer)


def test_esc_first_closes_an_open_list_then_the_search_window(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    search = open_tool(qtbot, window, TOOLS["search all chats"])
    combo = search.findChild(QComboBox)
    combo.setFocus()
    combo.showPopup()
    qtbot.waitUntil(lambda: combo.view().isVisible())
    qtbot.keyClick(combo.view(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not combo.view().isVisible())
    assert search.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is search)
    qtbot.keyClick(QApplication.focusWidget() or search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gone(search))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.conversation.composer)
