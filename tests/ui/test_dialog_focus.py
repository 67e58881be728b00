"""After one of the desk's dialogs closes, the desk is the active window and the keyboard is where it was (found by
the shift test, issue 18: after Ctrl+W asked why and the agent pressed Enter, no window was active and every key
the agent typed for the next buyer went nowhere). Not when the agent has gone to another window meanwhile."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QWidget

from app import domain
from tests.conftest import ime_type
from tests.ui.conftest import NOW

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
ORDER = domain.Order("3698123456789012345", "b1", (domain.OrderItem("S-1", "小鹿运动鞋", 1, 12900),), 12900, "已签收",
                     NOW - timedelta(days=3), "中通快递", "7312345")


def dialog_has_the_keyboard(qtbot) -> QDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QDialog) and QApplication.focusWidget()
                    is not None and QApplication.focusWidget().window() is QApplication.activeModalWidget())
    return QApplication.activeModalWidget()


def press(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key where the keyboard is, as a real one goes (the test fails if no widget has it)."""
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard"
    qtbot.keyClick(widget, key, modifiers)


@pytest.fixture
def window(desk):
    win = desk(domain.Message("m1", "c1", "in", "不用了", NOW))
    win.conversation.composer.setFocus()
    return win


def test_the_reply_box_has_the_keyboard_after_ctrl_w_asked_why(qtbot, window):
    press(qtbot, Qt.Key.Key_W, CTRL)  # the buyer spoke last: why close it?
    assert isinstance(dialog_has_the_keyboard(qtbot), QInputDialog)
    ime_type(QApplication.focusWidget(), "买家已在别家买到")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert window.session.store.conversation("c1").state == "closed"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.conversation.composer)
    assert QApplication.activeWindow() is window


@pytest.mark.parametrize("keys", [(Qt.Key.Key_W, CTRL), (Qt.Key.Key_T, CTRL), (Qt.Key.Key_N, CTRL)],
                         ids=["why close", "transfer", "new issue"])
def test_esc_on_a_dialog_gives_the_keyboard_back_to_the_reply_box(qtbot, window, keys):
    press(qtbot, *keys)
    dialog_has_the_keyboard(qtbot)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.conversation.composer)


def test_send_anyway_gives_the_keyboard_back_once_sent(qtbot, window):
    composer = window.conversation.composer
    ime_type(composer, "亲，加微信发你图片")
    press(qtbot, Qt.Key.Key_Return)
    assert [m.direction for m in window.session.store.messages("c1")] == ["in"]  # the guard stopped it
    press(qtbot, Qt.Key.Key_Return, CTRL | SHIFT)
    assert isinstance(dialog_has_the_keyboard(qtbot), QInputDialog)
    ime_type(QApplication.focusWidget(), "买家要图片，平台内发不了")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [m.direction for m in window.session.store.messages("c1")] == ["in", "out"])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is composer)


def test_the_keyboard_goes_back_to_where_it_was_in_the_desk(qtbot, window):
    window.session.store.upsert_orders([ORDER], NOW)
    window.session.request_orders("b1")
    qtbot.waitUntil(lambda: bool(window.buyer.model.orders()))
    press(qtbot, Qt.Key.Key_O, CTRL)  # the order cards
    cards = QApplication.focusWidget()
    assert cards is not window.conversation.composer and cards.window() is window
    press(qtbot, Qt.Key.Key_N, CTRL)  # a new issue about the order, then not after all
    dialog_has_the_keyboard(qtbot)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is cards)


def test_a_dialog_closing_while_the_agent_is_in_another_window_leaves_them_there(qtbot, window):
    press(qtbot, Qt.Key.Key_N, CTRL)
    dialog = dialog_has_the_keyboard(qtbot)
    elsewhere = QWidget()  # another application's window, as far as the desk can tell
    qtbot.addWidget(elsewhere)
    dialog.setModal(False)  # (a modal dialog would keep the keyboard: the agent could not have left it)
    with qtbot.waitActive(elsewhere):
        elsewhere.show()
        elsewhere.activateWindow()
    dialog.reject()
    for _ in range(3):
        QApplication.processEvents()
    assert QApplication.activeWindow() is elsewhere
