"""Suggestions above the composer: they follow what the buyer asks, Alt+Q/W/E insert them, and firing teaches."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.ui.main_window import MainWindow

from app import domain
from tests.conftest import ime_type
from tests.ui.conftest import NOW


@pytest.fixture
def window(desk):
    return desk(domain.Message("m1", "c1", "in", "在吗", NOW - timedelta(seconds=20)),
                domain.Message("m2", "c1", "in", "什么时候发货", NOW))


def shown(win: MainWindow) -> list[str]:
    return [b.text() for b in win.conversation.suggestion_bar.buttons if b.isVisibleTo(win)]


def test_the_bar_answers_the_buyers_unanswered_messages_and_alt_q_inserts_at_the_caret(qtbot, window):
    assert shown(window)[0] == "Alt+Q 发货时间"
    composer = window.conversation.composer
    ime_type(composer, "您好，")
    qtbot.keyClick(composer, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    assert composer.toPlainText() == "您好，" + window.phrases.by_abbreviation("fh").body


def test_a_new_buyer_message_changes_the_suggestions(qtbot, window):
    window.conversation.composer.setPlainText("")
    # as the session reports messages from the shop: through the bridge's queued signal
    for message in (domain.Message("m3", "c1", "out", "亲，今天发哦", NOW),
                    domain.Message("m4", "c1", "in", "衣服少发了一件", NOW)):
        window.bridge.on_message(window.session.store.ingest_message(message)[0])
    qtbot.waitUntil(lambda: window.conversation.model.rowCount() == 4)
    assert shown(window)[0] == "Alt+Q 少发核实"


def test_alt_w_without_a_second_suggestion_says_so(qtbot, window):
    window.conversation.suggestion_bar.show_suggestions(window.conversation.suggestion_bar.suggestions[:1])
    qtbot.keyClick(window.conversation.composer, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert window.conversation.composer.toPlainText() == ""
    assert "No suggestion 2" in window.statusBar().currentMessage()


def test_a_phrase_fired_for_a_question_is_suggested_for_it_next_time(qtbot, window):
    coupon = window.phrases.by_abbreviation("yhq")
    assert coupon.title not in [s.phrase.title for s in window.phrases.suggest("什么时候发货")][:1]
    for _ in range(3):
        window.firing.insert(coupon)
    assert window.phrases.suggest("什么时候发货")[0].phrase == coupon
    qtbot.waitUntil(lambda: window.session.store.phrase_uses()[:1] == [(coupon.id, "在吗\n什么时候发货")])


def test_a_phrase_the_shop_never_finished_is_never_suggested(qtbot, desk):
    win = desk(domain.Message("m1", "c1", "in", "退货地址是哪里？寄到哪", NOW))
    assert win.phrases.suggest("退货地址")  # the library has answers for it
    assert all("退货地址" not in title for title in shown(win))


def test_a_buyer_asking_about_reviews_is_offered_the_review_invitation(qtbot, desk):
    win = desk(domain.Message("m1", "c1", "in", "收到了，给你们好评", NOW))
    assert "Alt+Q 邀请好评" in shown(win)


def test_a_complaining_buyer_is_never_offered_a_review_invitation(qtbot, desk):
    win = desk(domain.Message("m1", "c1", "in", "鞋子开胶了，我要投诉", NOW - timedelta(minutes=2)),
               domain.Message("m2", "c1", "out", "亲，非常抱歉，马上为您处理", NOW - timedelta(minutes=1)),
               domain.Message("m3", "c1", "in", "收到了，给你们好评？想得美", NOW))
    assert shown(win) and all("邀请好评" not in title for title in shown(win))
