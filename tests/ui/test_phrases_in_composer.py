"""Firing phrases through the real composer: abbreviations, the palette, insert-and-send, blanks."""


import pytest
from PySide6.QtCore import Qt

from app.ui.main_window import MainWindow

from app import domain
from tests.conftest import ime_type, replies_stored
from tests.ui.conftest import NOW


@pytest.fixture
def window(desk):
    return desk(domain.Message("m1", "c1", "in", "什么时候发货", NOW))


def body(win: MainWindow, abbreviation: str) -> str:
    return win.phrases.by_abbreviation(abbreviation).body


def test_an_abbreviation_and_space_expands_in_place_and_ctrl_z_restores_it(qtbot, window):
    composer = window.conversation.composer
    ime_type(composer, "亲，")
    qtbot.keyClicks(composer, "fh")
    qtbot.keyClick(composer, Qt.Key.Key_Space)
    assert composer.toPlainText() == "亲，" + body(window, "fh")
    qtbot.keyClick(composer, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert composer.toPlainText() == "亲，fh"


def test_a_word_that_is_not_an_abbreviation_gets_its_space(qtbot, window):
    composer = window.conversation.composer
    qtbot.keyClicks(composer, "ok")
    qtbot.keyClick(composer, Qt.Key.Key_Space)
    assert composer.toPlainText() == "ok "


def test_ctrl_k_finds_by_pinyin_initials_and_enter_inserts_at_the_caret(qtbot, window):
    composer = window.conversation.composer
    ime_type(composer, "亲，")
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.palette.isVisible()
    qtbot.keyClicks(window.palette.query, "tklc")
    assert window.palette.model.titles()[0] == "退款流程"
    qtbot.keyClick(window.palette.query, Qt.Key.Key_Return)
    assert not window.palette.isVisible()
    assert composer.toPlainText() == "亲，" + body(window, "tk")


def test_slash_in_an_empty_box_opens_the_palette_and_alt_enter_sends_the_whole_draft(qtbot, window):
    composer = window.conversation.composer
    composer.setFocus()
    qtbot.keyClick(composer, Qt.Key.Key_Slash)
    assert window.palette.isVisible() and composer.toPlainText() == ""
    qtbot.keyClicks(window.palette.query, "fahuo")
    qtbot.keyClick(window.palette.query, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    replies_stored(window)
    outbox = [m.text for m in window.session.store.outbox()]
    assert outbox == [body(window, "fh")] and composer.toPlainText() == ""


def test_a_missing_order_number_is_selected_and_blocks_insert_and_send(qtbot, window):
    composer = window.conversation.composer
    phrase = window.phrases.by_abbreviation("wl")  # 物流查询 uses {order_no}, {courier}, {tracking_no}
    window.firing.insert(phrase, send=True)
    assert window.session.store.outbox() == []
    assert composer.textCursor().selectedText() == "【订单号】"
    assert "blank" in window.statusBar().currentMessage()


def test_values_come_from_the_open_chat(qtbot, window):
    window.firing.insert(window.phrases.by_abbreviation("hi"))
    assert "我是小李" in window.conversation.composer.toPlainText()


def test_ctrl_digit_inserts_the_current_groups_slot_and_ctrl_alt_digit_sends(qtbot, window):
    bar = window.conversation.slot_bar
    bar.group_box.setCurrentText("售中/物流")
    assert "1 发货时间" in bar.slots.text()
    composer = window.conversation.composer
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert composer.toPlainText() == body(window, "fh")
    composer.clear()
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)  # next group
    assert bar.group != "售中/物流"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    sent = window.phrases.in_slot(bar.group, 1)
    replies_stored(window)
    assert [m.text for m in window.session.store.outbox()] == [window.phrases.fill(sent, window.firing.template_values()).text]


def test_the_slot_group_is_remembered(qtbot, window):
    window.conversation.slot_bar.group_box.setCurrentText("售后/退款")
    qtbot.waitUntil(lambda: window.session.store.get_meta("ui.slot_group") == "售后/退款")


def test_an_empty_slot_says_so(qtbot, window):
    window.conversation.slot_bar.group_box.setCurrentText("售中/地址")  # one phrase, in slot 1
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.conversation.composer.toPlainText() == ""
    assert "slot 9" in window.statusBar().currentMessage()
