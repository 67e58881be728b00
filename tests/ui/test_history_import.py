"""Importing a shop's past chats from the window: the file chosen from the File menu's key, a preview with the
counts and every bad line (nothing importable while one is bad), the import on a worker thread with progress, Cancel
keeping nothing, and the suggestions learning the imported answers at once."""

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.quickreplies.phrase import Phrase
from app.store.engine import open_store
from app.store.history import history_conversations

from app.ui.history_import import HistoryImportDialog

from app import domain
from tests.conftest import with_starter_phrases
from tests.ui.conftest import NOW

SHIPPING = "亲，付款后48小时内从杭州仓库发出，默认中通快递哦"


def write_history(path, questions=("什么时候发货", "今天能发货吗", "几号发货呀", "发货了吗亲", "下单后多久发货"),
                  bad: bool = False):
    lines = []
    for n, question in enumerate(questions):
        lines += [{"conversation": f"c{n}", "from": "买家", "text": question, "time": "2026-03-01T10:00:00+08:00"},
                  {"conversation": f"c{n}", "from": "客服", "text": SHIPPING}]
    text = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n"
    if bad:
        text += '{"conversation": "c9", "from": "店小二", "text": "在的"}\n'
    path.write_text(text, encoding="utf-8")
    return path


def preview_of(qtbot, window, path) -> HistoryImportDialog:
    """Ctrl+Alt+H (File → Import past chats…), the file chosen, its preview read."""
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.findChild(QFileDialog) is not None)
    chooser = window.findChild(QFileDialog)
    chooser.fileSelected.emit(str(path))  # as choosing the file in it does
    chooser.close()
    qtbot.waitUntil(lambda: window.findChild(HistoryImportDialog) is not None)
    dialog = window.findChild(HistoryImportDialog)
    qtbot.waitUntil(lambda: dialog.parsed is not None)
    return dialog


def test_the_preview_shows_the_bad_lines_and_a_file_with_one_imports_nothing(qtbot, desk, tmp_path):
    window = desk()
    dialog = preview_of(qtbot, window, write_history(tmp_path / "chats.jsonl", bad=True))
    assert "10 message(s) in 5 chat(s), 1 bad line(s)" in dialog.summary.text()
    assert "whole or not at all" in dialog.summary.text()
    bad = dialog.tabs.widget(1)
    assert dialog.tabs.currentIndex() == 1 and bad.model().index(0, 0).data() == "11"
    assert "店小二" in bad.model().index(0, 1).data()
    assert not dialog.import_button.isEnabled()
    dialog.reject()
    assert list(history_conversations(window.session.store)) == []


def test_an_import_from_the_window_is_stored_and_the_suggestions_learn_it_at_once(qtbot, desk, tmp_path):
    store = with_starter_phrases(open_store(tmp_path / "desk.db"))  # the desk's file, its library the shop's
    store.add_phrases([Phrase(0, "仓库说明", SHIPPING, "物流")])
    store.close()
    window = desk(domain.Message("m1", "c1", "in", "什么时候能发货呢", NOW))
    book = window.phrases
    _ = book.history  # the learnt index, as the desk's warm-up builds it after the start
    assert book.suggest("什么时候能发货呢")[0].phrase.title == "发货时间"  # the starter phrase, by its words
    dialog = preview_of(qtbot, window, write_history(tmp_path / "chats.jsonl"))
    assert "10 message(s) in 5 chat(s), 0 bad line(s)" in dialog.summary.text()
    assert dialog.tabs.widget(0).model().rowCount() == 10
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Import 10 message(s)"
    with qtbot.waitSignal(dialog.sig_imported) as imported:
        dialog.import_button.click()
    assert imported.args == [10, 0]
    qtbot.waitUntil(lambda: "Past chats imported: 10 new message(s)" in window.statusBar().currentMessage())
    assert len(list(history_conversations(window.session.store))) == 5
    assert book.suggest("什么时候能发货呢")[0].phrase.title == "仓库说明"  # the shop's own answer, learnt now


def test_cancel_during_the_import_keeps_nothing(qtbot, desk, tmp_path):
    window = desk()
    store = window.session.store
    questions = [f"第{n}个问题：什么时候发货" for n in range(6_000)]  # 12,000 messages: more than one batch
    dialog = preview_of(qtbot, window, write_history(tmp_path / "big.jsonl", questions))
    with store.writing():  # the worker waits for the store: Cancel is pressed before its first batch is told
        dialog.import_button.click()
        assert dialog.progress.isVisible() and dialog.importing
        dialog.reject()
        assert "Stopping" in dialog.summary.text() and dialog.isVisible()  # not closed before the store let go
    closed = []
    dialog.finished.connect(closed.append)
    qtbot.waitUntil(lambda: closed == [HistoryImportDialog.DialogCode.Rejected])  # once the store rolled it back
    assert list(history_conversations(store)) == []
    assert "Past chats imported" not in window.statusBar().currentMessage()
