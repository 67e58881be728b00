"""No way of sending from the window sends a 【blank】 (issue 18: a buyer received 亲，您的订单【订单号】已经由【快递
公司】发出啦…): Enter, Ctrl+Alt+1…9, a suggestion then Enter, the palette's Alt+Enter and F5 all stop, the first
blank selected and named; brackets the buyer wrote and the agent quotes go out as typed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app import domain
from tests.conftest import ime_type, replies_stored
from tests.ui.conftest import NOW


@pytest.fixture
def window(desk):
    return desk(domain.Message("m1", "c1", "in", "【急】我的快递到哪了？", NOW))  # no order known: no order no.


def outbox(win) -> list[str]:
    """The replies on their way to the shop (a refused one waits for F5 outside it)."""
    replies_stored(win)
    return [m.text for m in win.session.store.outbox() if m.state == "pending"]


def stopped_on(win, blank: str) -> None:
    """Nothing was sent, the blank is selected in the reply box, and the status bar names it."""
    assert outbox(win) == []
    assert win.conversation.composer.textCursor().selectedText() == blank
    assert blank in win.statusBar().currentMessage() and "selected" in win.statusBar().currentMessage()


def test_enter_does_not_send_a_blank_and_sends_once_each_is_typed_over(qtbot, window):
    composer = window.conversation.composer
    qtbot.keyClicks(composer, "wl")
    qtbot.keyClick(composer, Qt.Key.Key_Space)  # 物流查询: order no., courier and tracking no. unknown here
    qtbot.keyClicks(composer, "3698123456789012345")  # typed over the selected 【订单号】
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    stopped_on(window, "【快递公司】")
    ime_type(composer, "中通快递")
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    stopped_on(window, "【运单号】")
    qtbot.keyClicks(composer, "7312345")
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    assert outbox(window) == ["亲，您的订单3698123456789012345已经由中通快递发出啦，运单号7312345，请耐心等待哦～"]
    assert composer.toPlainText() == ""


def test_a_blank_left_in_a_draft_is_still_one_after_switching_chats(qtbot, desk):
    win = desk(domain.Message("m1", "c1", "in", "到哪了", NOW))
    win.session.store.upsert_conversation(domain.Conversation("c2", domain.Buyer("b2", "tb_阿宝"), "active", NOW))
    win.session.store.ingest_message(domain.Message("m2", "c2", "in", "在吗", NOW + timedelta(seconds=1)))
    win.bridge.sig_conversation.emit(win.session.store.conversation("c2"))
    qtbot.waitUntil(lambda: win.queue_model.rowCount() == 2)
    win.firing.insert(win.phrases.by_abbreviation("wl"))
    first = win.queue_model.row_of("c1")
    qtbot.keyClick(win, Qt.Key.Key_1 + (1 - first), Qt.KeyboardModifier.AltModifier)  # the other chat
    qtbot.waitUntil(lambda: win.conversation.conversation_id == "c2")
    qtbot.keyClick(win, Qt.Key.Key_1 + first, Qt.KeyboardModifier.AltModifier)  # and back: the draft again
    qtbot.waitUntil(lambda: win.conversation.conversation_id == "c1")
    qtbot.keyClick(win.conversation.composer, Qt.Key.Key_Return)
    stopped_on(win, "【订单号】")


def test_brackets_the_buyer_wrote_are_text_when_the_agent_quotes_them(qtbot, window):
    composer = window.conversation.composer
    ime_type(composer, "亲，您说的【急】件我们马上查，【订单号】在“我的订单”里哦")
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    assert outbox(window) == ["亲，您说的【急】件我们马上查，【订单号】在“我的订单”里哦"]


def test_ctrl_alt_digit_inserts_but_does_not_send_a_slot_with_blanks(qtbot, window):
    window.conversation.slot_bar.group_box.setCurrentText("售中/物流")  # slot 2: 物流查询
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    stopped_on(window, "【订单号】")


def test_a_suggestion_goes_in_with_its_blank_selected_and_enter_will_not_send_it(qtbot, window):
    bar = window.conversation.suggestion_bar
    assert bar.phrase(0).title == "物流查询"
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    assert window.conversation.composer.textCursor().selectedText() == "【订单号】"
    qtbot.keyClick(window.conversation.composer, Qt.Key.Key_Return)
    stopped_on(window, "【订单号】")


def test_the_palettes_alt_enter_does_not_send_a_blank(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.palette.query, "wlcx")
    assert window.palette.model.titles()[0] == "物流查询"
    qtbot.keyClick(window.palette.query, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    stopped_on(window, "【订单号】")


def test_f5_does_not_resend_a_refused_reply_with_blanks_and_shift_f5_gives_them_back_to_fill(qtbot, window):
    store = window.session.store
    store.add_outgoing("c1", "亲，您的订单【订单号】已经由【快递公司】发出啦", "kd-old", NOW)  # as a desk used to send it
    store.mark_failed("kd-old", "the shop refused the reply")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert outbox(window) == []
    assert "【订单号】" in window.statusBar().currentMessage() and "Shift+F5" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    composer = window.conversation.composer
    # the blanks come back marked as the blanks they were (an invisible WORD JOINER each side)
    assert composer.toPlainText().replace("\u2060", "") == "亲，您的订单【订单号】已经由【快递公司】发出啦"
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    stopped_on(window, "【订单号】")


def test_a_phrase_never_set_up_goes_in_saying_so_and_is_not_sent(qtbot, window):
    window.conversation.slot_bar.group_box.setCurrentText("售后/退款")  # slot 2: 退货地址
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    composer = window.conversation.composer
    assert composer.textCursor().selectedText() == "【请在短语管理里填上店铺的退货地址、收件人和电话】"
    assert "not finished" in window.statusBar().currentMessage()
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    assert outbox(window) == [] and "never finished" in window.statusBar().currentMessage()
    composer.clear()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert outbox(window) == []
