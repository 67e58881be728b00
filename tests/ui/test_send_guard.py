"""The send guard in the desk with real widgets: Enter on a reply with an insult sends nothing, keeps the text and
paints the word red; Ctrl+Shift+Return asks why and sends it with the reason in the audit log; the same reply
twice in a row, nothing from the buyer between, needs a second Enter."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from app.store.audit_log import AuditLog

from app import domain
from tests.conftest import replies_stored
from tests.ui.conftest import NOW


def sent(window) -> list[str]:
    return [m.text for m in window.session.store.messages("c1") if m.direction == "out"]


def type_and_enter(qtbot, window, text: str) -> None:
    window.conversation.composer.setPlainText(text)  # typed through an input method: QTest cannot type CJK keys
    window.conversation.composer.setFocus()
    qtbot.keyClick(window.conversation.composer, Qt.Key.Key_Return)


def test_an_insult_is_not_sent_and_an_override_is_asked_for_and_audited(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "怎么还没发货", NOW))
    type_and_enter(qtbot, window, "😅你是不是神经病啊")
    assert sent(window) == []
    assert window.conversation.composer.toPlainText() == "😅你是不是神经病啊"  # nothing lost
    assert "not sent: the reply contains 神经病" in window.statusBar().currentMessage()
    [mark] = window.conversation.composer.extraSelections()
    assert mark.cursor.selectedText() == "神经病"  # after an emoji: Qt's UTF-16 positions are right

    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QInputDialog))
    ask = QApplication.activeModalWidget()
    ask.setTextValue("买家要求原话转述商品名")
    ask.accept()
    qtbot.waitUntil(lambda: sent(window) == ["😅你是不是神经病啊"])
    replies_stored(window)  # the audit entry is written right after the reply, on the same writer
    [entry] = [e for e in AuditLog(window.session.store).audit_log() if e.what == "guard override"]
    assert (entry.who, entry.after["words"], entry.after["why"]) == ("小李", ["神经病"], "买家要求原话转述商品名")


def test_a_dodged_word_is_stopped_and_painted_where_it_was_typed(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "能便宜点吗", NOW))
    type_and_enter(qtbot, window, "😅亲加\u200b薇 信，好評返現哦")  # issue 17: both went out before
    assert sent(window) == []
    assert [m.cursor.selectedText() for m in window.conversation.composer.extraSelections()] == [
        "加\u200b薇 信", "好評返現"]


def test_the_same_reply_twice_needs_a_second_enter(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    type_and_enter(qtbot, window, "在的亲")
    qtbot.waitUntil(lambda: sent(window) == ["在的亲"])
    type_and_enter(qtbot, window, "在的亲")
    assert sent(window) == ["在的亲"] and "same text as your last reply" in window.statusBar().currentMessage()
    qtbot.keyClick(window.conversation.composer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sent(window) == ["在的亲", "在的亲"])
    window.session.store.ingest_message(domain.Message("m2", "c1", "in", "有27码吗", NOW))
    type_and_enter(qtbot, window, "在的亲")  # the buyer spoke in between: the same words are a new answer
    qtbot.waitUntil(lambda: sent(window) == ["在的亲", "在的亲", "在的亲"])
    typing_clears_marks = window.conversation.composer
    typing_clears_marks.setPlainText("傻B")
    qtbot.keyClick(typing_clears_marks, Qt.Key.Key_Return)
    assert len(typing_clears_marks.extraSelections()) == 1
    qtbot.keyClick(typing_clears_marks, Qt.Key.Key_End)
    qtbot.keyClick(typing_clears_marks, Qt.Key.Key_Backspace)
    assert typing_clears_marks.extraSelections() == []


def test_a_phrase_fired_with_a_slot_and_send_meets_the_guard_too(qtbot, desk):
    from dataclasses import replace

    window = desk(domain.Message("m1", "c1", "in", "能便宜点吗", NOW))
    group = window.conversation.slot_bar.group
    phrase = window.phrases.in_slot(group, 1)
    window.session.store.update_phrases([replace(phrase, body="亲，好评返现5元哦")])  # an old phrase nobody checked
    window.phrases.reload()
    window.library.library_changed()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert sent(window) == []
    assert window.conversation.composer.toPlainText() == "亲，好评返现5元哦"  # kept for the agent to change
    assert "好评返现" in window.statusBar().currentMessage()
