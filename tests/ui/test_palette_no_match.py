"""The palette with nothing to show says so, and Enter saves what the agent was looking for as a new phrase."""

from PySide6.QtCore import Qt

from app.ui.phrase_editor import PhraseEditor
from app.ui.phrase_palette import PhrasePalette

from app import domain
from tests.conftest import ime_type
from tests.ui.conftest import NOW, when_modal


def rows(palette: PhrasePalette) -> list[str]:
    return [palette.model.index(r).data() for r in range(palette.model.rowCount())]


def test_no_match_is_said_and_enter_saves_the_search_as_a_new_phrase(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "你们有实体店吗", NOW))
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.palette.query, "xyzzy")
    assert rows(window.palette) == ["No phrase matches “xyzzy”", "Save as a new phrase… (Enter)"]
    qtbot.keyClick(window.palette.query, Qt.Key.Key_Down)  # the note is never chosen
    assert window.palette.results.currentIndex().row() == 1
    seen = {}

    def fill_in(editor: PhraseEditor) -> None:
        seen.update(title=editor.title.text(), body=editor.body.toPlainText(), group=editor.group.currentText())
        editor.body.setPlainText("亲，我们只有网店哦，没有实体店～")
        editor.accept()

    when_modal(PhraseEditor, fill_in)
    qtbot.keyClick(window.palette.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Saved as phrase" in window.statusBar().currentMessage())
    assert seen == {"title": "xyzzy", "body": "xyzzy", "group": window.conversation.slot_bar.group}
    assert not window.palette.isVisible()
    saved = [p for p in window.phrases.phrases if p.title == "xyzzy"]
    assert [p.body for p in saved] == ["亲，我们只有网店哦，没有实体店～"]
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.palette.query, "xyzzy")
    assert window.palette.model.titles() == ["xyzzy"]  # found next time


def test_with_a_reply_typed_the_new_phrase_is_the_reply_with_the_buyers_details_as_variables(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "你们有实体店吗", NOW))
    ime_type(window.conversation.composer, "tb_小美妈妈 亲，我们只有网店哦")
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    ime_type(window.palette.query, "实体店地址在哪")
    assert rows(window.palette)[-1] == "Save as a new phrase… (Enter)"
    seen = {}

    def look(editor: PhraseEditor) -> None:
        seen.update(title=editor.title.text(), body=editor.body.toPlainText())
        editor.reject()

    when_modal(PhraseEditor, look)
    qtbot.keyClick(window.palette.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == {"title": "实体店地址在哪", "body": "{buyer} 亲，我们只有网店哦"}
    assert window.conversation.composer.toPlainText() == "tb_小美妈妈 亲，我们只有网店哦"  # the reply is untouched


def test_the_system_wide_palette_says_nothing_matches_without_offering_to_save(qtbot):
    palette = PhrasePalette(lambda query: [])
    qtbot.addWidget(palette)
    palette.query.setText("xyzzy")
    assert rows(palette) == ["No phrase matches “xyzzy”"]
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)  # nothing to choose: nothing happens
    assert rows(palette) == ["No phrase matches “xyzzy”"]
