"""The window's phrase import with a big file: the preview counts the phrases with several texts, the bar counts
the phrases as they are written, and Cancel while they are written leaves the library exactly as it was."""

import pytest
from PySide6.QtWidgets import QDialog

from app.store import batches
from app.store.engine import open_store

from app.desk.phrases import PhraseBook

from app.ui.phrase_manager import PhraseManager

ENTRIES = 6_000  # 2,000 codes with three positions each


@pytest.fixture
def manager(qtbot, tmp_path):
    store = open_store(tmp_path / "k.db")
    win = PhraseManager(PhraseBook(store))
    qtbot.addWidget(win)
    win.show()
    yield win
    store.close()


@pytest.fixture
def big_file(tmp_path):
    path = tmp_path / "PhraseEdit.txt"
    lines = [f"q{n // 3},{n % 3 + 1}=亲，第{n}条回复" for n in range(ENTRIES)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))
    return path


def test_cancel_while_the_phrases_are_written_leaves_the_library_unchanged(qtbot, manager, big_file, monkeypatch):
    monkeypatch.setattr(batches, "MOST_ROWS", 50)  # many small batches: the cancel lands among them
    before = manager.book._store.phrases()
    preview = manager.import_file(big_file)
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=20_000)
    assert "2000 of them with several texts" in preview.summary.text()
    imported = []
    preview.sig_imported.connect(imported.append)
    preview.import_button.click()
    qtbot.waitUntil(lambda: preview.progress.value() > 0, timeout=20_000)  # the bar counts what is written
    assert preview.progress.maximum() == ENTRIES // 3
    with qtbot.waitSignal(preview.finished, timeout=20_000) as closed:  # once what was written is taken back
        preview.reject()  # Cancel
        assert "Cancelling" in preview.summary.text() and preview.isVisible()
    assert closed.args == [QDialog.DialogCode.Rejected.value] and imported == []
    assert manager.book._store.phrases() == before and manager.book.by_abbreviation("q0") is None


def test_a_big_file_imported_whole_counts_up_to_every_phrase(qtbot, manager, big_file):
    preview = manager.import_file(big_file)
    qtbot.waitUntil(lambda: preview.plan is not None, timeout=20_000)
    with qtbot.waitSignal(preview.sig_imported, timeout=60_000):
        preview.import_button.click()
    assert preview.progress.value() == ENTRIES // 3
    assert manager.book.by_abbreviation("q1").texts == ("亲，第3条回复", "亲，第4条回复", "亲，第5条回复")
