"""Values that are the agent's decision are asked, not guessed (issue 18: 质量问题道歉 offered the order's ¥129.00 as
compensation): a phrase with {ask:…} opens a small form above the reply box, keyboard only, checked by the desk,
and the chat's answers come back next time."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from app.quickreplies.phrase import Phrase

from app import domain
from tests.conftest import ime_type, replies_stored
from tests.ui.conftest import NOW

ORDER = domain.Order("3698123456789012345", "b1", (domain.OrderItem("S-1", "小鹿运动鞋", 1, 12900),), 12900, "已签收",
                     NOW - timedelta(days=3), "中通快递", "7312345")


@pytest.fixture
def window(desk, qtbot):
    win = desk(domain.Message("m1", "c1", "in", "鞋子开胶了", NOW))
    win.session.store.upsert_orders([ORDER], NOW)
    win.session.request_orders("b1")
    qtbot.waitUntil(lambda: bool(win.buyer.model.orders()))  # {amount} would now be the order's 129.00
    return win


def pending(win) -> list[str]:
    replies_stored(win)
    return [m.text for m in win.session.store.outbox() if m.state == "pending"]


def test_an_asked_amount_is_typed_checked_and_written_as_money_never_the_orders_total(qtbot, window):
    composer, form = window.conversation.composer, window.conversation.ask_form
    ime_type(composer, "亲，")
    qtbot.keyClicks(composer, "zl")
    qtbot.keyClick(composer, Qt.Key.Key_Space)
    assert form.isVisible() and "129.00" not in composer.toPlainText()
    field = form.fields[0][1]
    assert form.fields[0][0].label == "补偿金额" and field.hasFocus()
    qtbot.keyClicks(field, "abc")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert form.isVisible() and "not an amount" in form.problem.text()
    field.clear()
    qtbot.keyClicks(field, "5")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert not form.isVisible() and composer.hasFocus()
    text = composer.toPlainText()
    assert text.startswith("亲，亲，真的非常抱歉") and "补偿5.00元" in text and "zl" not in text  # the word replaced
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    assert len(pending(window)) == 1 and "补偿5.00元" in pending(window)[0]


def test_esc_puts_nothing_in(qtbot, window):
    composer, form = window.conversation.composer, window.conversation.ask_form
    window.conversation.slot_bar.group_box.setCurrentText("售后/质量")
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert form.isVisible()
    qtbot.keyClick(form.fields[0][1], Qt.Key.Key_Escape)
    assert not form.isVisible() and composer.toPlainText() == "" and pending(window) == []
    assert composer.hasFocus()


def test_ctrl_alt_digit_asks_then_sends(qtbot, window):
    window.conversation.slot_bar.group_box.setCurrentText("售后/质量")  # slot 1: 质量问题道歉
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    field = window.conversation.ask_form.fields[0][1]
    qtbot.keyClicks(field, "8.5")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert len(pending(window)) == 1 and "补偿8.50元" in pending(window)[0]


def test_tab_walks_the_fields_and_a_choice_is_chosen_with_the_arrows(qtbot, window):
    window.phrases.add([Phrase(0, "换货寄回", "亲，换货已用{ask:快递|顺丰,圆通,中通}寄出，预计{ask:到货|date}到，"
                                         "备注：{ask:备注}", "售后/换货", "hh")])
    window.library.library_changed()
    composer, form = window.conversation.composer, window.conversation.ask_form
    qtbot.keyClicks(composer, "hh")
    qtbot.keyClick(composer, Qt.Key.Key_Tab)
    courier, day, note = (field for _ask, field in form.fields)
    assert isinstance(courier, QComboBox) and isinstance(day, QLineEdit) and courier.hasFocus()
    qtbot.keyClick(courier, Qt.Key.Key_Down)
    assert courier.currentText() == "圆通"
    qtbot.keyClick(courier, Qt.Key.Key_Tab)
    assert day.hasFocus()
    ime_type(day, "明天")
    qtbot.keyClick(day, Qt.Key.Key_Tab)
    assert note.hasFocus()
    qtbot.keyClick(note, Qt.Key.Key_Tab)
    assert courier.hasFocus()  # round again
    qtbot.keyClick(courier, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert note.hasFocus()
    qtbot.keyClick(note, Qt.Key.Key_Return)
    assert form.isVisible() and "备注" in form.problem.text() and note.hasFocus()  # every field is answered
    ime_type(note, "红色35码")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    from app.desk.asks import date_text

    today = datetime.now().astimezone().date()
    expected = date_text(today + timedelta(days=1), today)
    assert composer.toPlainText() == f"亲，换货已用圆通寄出，预计{expected}到，备注：红色35码"


def test_the_chats_answer_is_offered_again_and_kept_across_a_restart(qtbot, window):
    composer, form = window.conversation.composer, window.conversation.ask_form
    window.firing.insert(window.phrases.by_abbreviation("zl"))
    qtbot.keyClicks(form.fields[0][1], "5")
    qtbot.keyClick(form.fields[0][1], Qt.Key.Key_Return)
    composer.clear()
    window.firing.insert(window.phrases.by_abbreviation("zl"))
    field = form.fields[0][1]
    assert field.text() == "5.00" and field.selectedText() == "5.00"  # Enter keeps it, typing replaces it
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    memory = window.firing.memory
    qtbot.waitUntil(lambda: "5.00" in window.session.store.get_meta(memory.key))
    assert type(memory)(window.session.store, "小李").answers("c1") == {"补偿金额": "5.00"}
