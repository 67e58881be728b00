"""Editing a phrase's texts in the real editor: added, written, reordered and removed from the keyboard, numbered as
the palette shows them, checked as they are typed, and saved with the rotate choice."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.quickreplies.phrase import Phrase
from app.store.engine import open_store

from app.desk.phrases import PhraseBook

from app.ui.phrase_editor import PhraseEditor

from tests.conftest import ime_type


@pytest.fixture
def book(tmp_path):
    store = open_store(tmp_path / "k.db")
    yield PhraseBook(store)
    store.close()


def editor_for(qtbot, book: PhraseBook, phrase: Phrase) -> PhraseEditor:
    editor = PhraseEditor(book, phrase)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def ok(editor: PhraseEditor):
    return editor.buttons.button(QDialogButtonBox.StandardButton.Ok)


def labels(editor: PhraseEditor) -> list[str]:
    return [editor.texts.list.item(n).text() for n in range(editor.texts.list.count())]


def test_texts_are_added_written_reordered_and_removed_from_the_keyboard(qtbot, book):
    [pid] = book.add([Phrase(0, "发货", "今天发", "售前", "fhv")])
    editor = editor_for(qtbot, book, next(p for p in book.phrases if p.id == pid))
    texts = editor.texts.list
    qtbot.keyClick(texts, Qt.Key.Key_Insert)  # a new text 2, the text box on it
    assert labels(editor) == ["1  今天发", "2  (empty)"] and editor.body.toPlainText() == ""
    assert not ok(editor).isEnabled() and "Text 2 is empty" in editor.problem.text()
    ime_type(editor.body, "明天发")
    assert labels(editor) == ["1  今天发", "2  明天发"] and ok(editor).isEnabled()
    qtbot.keyClick(texts, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # 明天发 becomes the first
    assert labels(editor) == ["1  明天发", "2  今天发"] and editor.body.toPlainText() == "明天发"
    qtbot.keyClick(texts, Qt.Key.Key_Insert)
    ime_type(editor.body, "今天发")
    assert labels(editor) == ["1  明天发", "2  今天发", "3  今天发"]  # inserted after the current text
    assert "Text 3 is the same as an earlier one" in editor.problem.text() and not ok(editor).isEnabled()
    qtbot.keyClick(texts, Qt.Key.Key_Delete)
    assert labels(editor) == ["1  明天发", "2  今天发"] and ok(editor).isEnabled()
    editor.rotate.setChecked(True)
    edited = editor.phrase()
    assert (edited.texts, edited.rotate) == (("明天发", "今天发"), True)
    book.update([edited])
    saved = next(p for p in book.phrases if p.id == pid)
    assert (saved.body, saved.variants, saved.rotate) == ("明天发", ("今天发",), True)


def test_a_phrases_texts_open_numbered_and_clicking_one_shows_it_for_editing(qtbot, book):
    editor = editor_for(qtbot, book, Phrase(0, "发货", "今天发", variants=("明天发\n第二行", "后天发"), rotate=True))
    assert labels(editor) == ["1  今天发", "2  明天发", "3  后天发"] and editor.rotate.isChecked()
    editor.texts.list.setCurrentRow(1)
    assert editor.body.toPlainText() == "明天发\n第二行"
    editor.texts.remove.click()
    assert editor.phrase().texts == ("今天发", "后天发") and editor.texts.remove.isEnabled()
    editor.texts.remove.click()
    assert editor.phrase().texts == ("今天发",) and not editor.texts.remove.isEnabled()  # the last text stays
