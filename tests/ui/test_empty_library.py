"""A new shop's library is empty (the starter phrases are the demo's): every place an agent meets the library says
so and where phrases come from, and nothing fails for want of a phrase."""

from PySide6.QtCore import Qt

from app import domain
from tests.ui.conftest import NOW


def test_an_empty_library_is_said_in_the_slots_the_suggestions_and_the_palette(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "什么时候发货呀", NOW), starter=False)
    assert window.phrases.phrases == []
    conversation = window.conversation
    assert "No phrases yet" in conversation.slot_bar.slots.text() and "Ctrl+Shift+K" in conversation.slot_bar.slots.text()
    qtbot.waitUntil(lambda: "No phrases to suggest yet" in conversation.suggestion_bar.label.text())
    assert not any(b.isVisible() for b in conversation.suggestion_bar.buttons)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # a slot key with no slot: nothing
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.palette.isVisible()
    assert [window.palette.model.index(r).data() for r in range(window.palette.model.rowCount())][0] == "No phrases yet"
    qtbot.keyClicks(window.palette.query, "hi")
    assert window.palette.model.index(0).data() == "No phrase matches “hi”"
    qtbot.keyClick(window.palette.query, Qt.Key.Key_Escape)
    assert conversation.composer.toPlainText() == ""  # nothing was inserted


def test_the_first_phrases_imported_into_an_empty_library_replace_the_hints(qtbot, desk, tmp_path):
    window = desk(domain.Message("m1", "c1", "in", "什么时候发货呀", NOW), starter=False)
    manager = window.library.open_phrase_manager()
    assert manager.table.model().rowCount() == 0
    source = tmp_path / "mine.csv"
    source.write_text("title,body,group,abbreviation,slot\n发货时间,亲，今天16点前拍下当天发货哦～,物流,fh,1\n", encoding="utf-8")
    preview = manager.import_file(source)
    qtbot.waitUntil(lambda: preview.plan is not None)
    preview.import_button.click()
    qtbot.waitUntil(lambda: window.phrases.by_abbreviation("fh") is not None)
    conversation = window.conversation
    qtbot.waitUntil(lambda: conversation.slot_bar.slots.text() == "1 发货时间")
    qtbot.waitUntil(lambda: conversation.suggestion_bar.label.text() == "Suggested:")
    assert conversation.suggestion_bar.phrase(0).title == "发货时间"
