"""Wangwang's emoticon codes in a chat are drawn as emoji (or [name] where no font has the emoji); the text
stays plain and the store keeps the codes."""

from PySide6.QtGui import QFontMetrics

from app.ui.delegates import preview_text
from app.ui.emoticons import TABLE, read_table, with_faces

from app import domain
from tests.ui.conftest import NOW


def test_the_table_holds_wangwangs_99_codes_in_order_with_their_names():
    faces = read_table()
    assert [f.number for f in faces] == list(range(99))
    assert len({f.code for f in faces}) == 99 and all(f.code.startswith("/:") for f in faces)
    assert (faces[0].code, faces[0].name, faces[7].code, faces[7].name) == ("/:^_^", "微笑", "/:087", "飞吻")
    assert "Util.charToFace" in TABLE.read_text(encoding="utf-8")  # the source is named beside the data


def test_codes_become_emoji_or_names_longest_code_first_and_other_text_is_untouched():
    assert with_faces("好的/:^_^谢谢/:087", lambda emoji: True) == "好的😊谢谢😘"
    assert with_faces("好的/:^_^谢谢/:087", lambda emoji: False) == "好的[微笑]谢谢[飞吻]"
    assert with_faces("/:O=O /:O", lambda emoji: True) == "😎 😲"  # 老大 is not 惊愕 followed by "=O"
    assert with_faces("/:075 付款了", lambda emoji: True) == "[支付宝] 付款了"  # no emoji: its name
    assert with_faces("http://a.cn/x 1:0 :/ /:", lambda emoji: True) == "http://a.cn/x 1:0 :/ /:"
    assert with_faces("<b>/:^_^</b>", lambda emoji: True) == "<b>😊</b>"  # still plain text, never markup


def test_a_buyers_codes_are_drawn_as_faces_in_the_chat_and_the_queue_and_stored_as_sent(qtbot, desk):
    said = "/:^_^ 好的，/:087 谢谢/:-F"
    window = desk(domain.Message("m1", "c1", "in", said, NOW))
    bubble = window.conversation.delegate.shown_text(window.conversation.model.index(0).data())
    assert "/:" not in bubble and bubble.startswith(("😊 好的，", "[微笑] 好的，"))
    metrics = QFontMetrics(window.conversation.history.font())
    assert all(metrics.inFontUcs4(ord(c)) for c in bubble if not c.isspace())  # never a box
    assert "/:" not in preview_text(window.current_chat())
    assert [m.text for m in window.session.store.messages("c1", limit=5)] == [said]
