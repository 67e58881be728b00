"""Importing a shop's past chats from the window (File → Import past chats…), as `kefudesk history import` does:
the file read and checked off the GUI thread, then a preview — how many messages in how many chats, and every bad
line with its number and why (the dry run). A file with a bad line imports nothing (all or nothing, as on the
command line). Import writes on a worker thread with a progress bar; Cancel stops it and the store keeps nothing
of it. Once written, the desk's suggestions learn the chats at once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.files.limits import read_limited
from app.files.refusals import UnreadableFile

from app.store.errors import StoreError
from app.store.history import HistoryImportStopped, add_history
from app.store.store import Store

from app.desk.history_import import ParsedHistory, format_for, learn_imported, parse
from app.desk.phrases import PhraseBook

from app.ui.background import in_background
from app.ui.import_preview import ImportPreview
from app.ui.labels import say_error

HISTORY_BYTES = 512 * 1_000_000  # as the command line allows: a year of a busy shop's chats is about 200 MB
translate = QCoreApplication.translate  # (lupdate finds the calls by this name)
SHOWN_MESSAGES = 500  # the preview's first messages: enough to see the columns were read right


def choose_history_file(parent: QWidget, store: Store, book: PhraseBook,
                        said: Callable[[str], object]) -> QFileDialog:
    """The file dialog; the chosen file opens in a HistoryImportDialog, and said(words) tells what was imported."""
    dialog = QFileDialog(parent, translate("HistoryImportDialog", "A shop's past chats"))
    dialog.setNameFilter(translate("HistoryImportDialog", "Past chats (*.jsonl *.json *.ndjson *.csv *.xlsx)"))
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda name: HistoryImportDialog.open_for(Path(name), store, book, parent, said))
    dialog.open()
    return dialog


class _Progress(QObject):
    """Carries the worker's count to the GUI thread. Parented to no window: the worker may still report after the
    dialog was closed (app/ui/background.py says why that matters)."""

    sig_written = Signal(int)


class HistoryImportDialog(ImportPreview):
    sig_imported = Signal(int, int)
    """(messages new in the store, messages that were already there): the import was committed."""

    def __init__(self, path: Path, store: Store, book: PhraseBook, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Import past chats — %1").replace("%1", path.name),
                         self.tr("Reading %1…").replace("%1", path.name), parent)
        self.setObjectName("historyImport")
        self.summary.setObjectName("historyImportSummary")
        self.path, self.store, self.book = path, store, book
        self.parsed: ParsedHistory | None = None
        self.importing = False
        self._stop = threading.Event()
        self.resize(860, 480)
        in_background(lambda: parse(read_limited(path, HISTORY_BYTES, "a history file",
                                                 "split it by month and import the parts"), format_for(path.name)),
                      self._read, self)

    @classmethod
    def open_for(cls, path: Path, store: Store, book: PhraseBook, parent: QWidget | None,
                 said: Callable[[str], object]) -> HistoryImportDialog:
        dialog = cls(path, store, book, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_imported.connect(lambda added, there: said(
            translate("HistoryImportDialog", "Past chats imported: %1 new message(s), %2 already there. The "
                      "suggestions learn from them now.").replace("%1", str(added)).replace("%2", str(there))))
        dialog.open()
        return dialog

    # --- the dry run -----------------------------------------------------------------------------------

    def _read(self, result: object) -> None:
        if isinstance(result, (UnreadableFile, OSError, StoreError)):
            self.failed(self.tr("%1 cannot be imported: %2").replace("%1", self.path.name)
                        .replace("%2", say_error(result)))
            return
        if not isinstance(result, ParsedHistory):
            self.failed(self.tr("%1 cannot be imported: %2").replace("%1", self.path.name).replace("%2", str(result)))
            return
        self.parsed = parsed = result
        self.progress.hide()
        chats, bad = len(parsed.conversations()), len(parsed.rejected)
        encoding = f" ({parsed.encoding})" if parsed.encoding else ""
        summary = (self.tr("%1%2: %3 message(s) in %4 chat(s), %5 bad line(s).").replace("%1", self.path.name)
                   .replace("%2", encoding).replace("%3", str(len(parsed.messages))).replace("%4", str(chats))
                   .replace("%5", str(bad)))
        if bad:
            summary += " " + self.tr("A history is imported whole or not at all: fix the bad lines and choose the "
                                     "file again.")
        self.summary.setText(summary)
        who = {"buyer": self.tr("buyer"), "agent": self.tr("agent")}
        self.add_tab(self.tr("Messages (%1)").replace("%1", str(len(parsed.messages))),
                     [self.tr("Chat"), self.tr("From"), self.tr("Buyer"), self.tr("Agent"), self.tr("Time"),
                      self.tr("Text")],
                     [[m.conversation, who.get(m.sender, m.sender), m.buyer, m.agent,
                       m.at.astimezone().strftime("%Y-%m-%d %H:%M") if m.at is not None else "", m.text]
                      for m in parsed.messages[:SHOWN_MESSAGES]])
        self.add_tab(self.tr("Bad lines (%1)").replace("%1", str(bad)), [self.tr("Line"), self.tr("Why"),
                                                                           self.tr("Text")],
                     [[str(r.line), str(r.reason), r.text] for r in parsed.rejected])
        if bad:
            self.tabs.setCurrentIndex(1)  # what to fix, first
        self.tabs.show()
        ready = not bad and bool(parsed.messages)
        self.import_button.setText(self.tr("Import %n message(s)", "", len(parsed.messages)))
        self.import_button.setEnabled(ready)
        (self.import_button if ready else self.tabs).setFocus()

    # --- the import --------------------------------------------------------------------------------------

    def _import(self) -> None:
        parsed = self.parsed
        if parsed is None or self.importing:
            return
        self.importing = True
        self.import_button.setEnabled(False)
        self.progress.setRange(0, len(parsed.messages))
        self.progress.setValue(0)
        self.progress.show()
        self.summary.setText(self.tr("Importing… Cancel stops it and nothing is kept."))
        relay = _Progress()
        relay.sig_written.connect(self.progress.setValue)
        store, book, stop = self.store, self.book, self._stop

        def told(written: int) -> bool:
            relay.sig_written.emit(written)
            return not stop.is_set()

        def work() -> int:
            added = add_history(store, parsed.messages, told)
            if added:  # the suggestions learn what is new; a file imported before teaches nothing twice
                learn_imported(book, parsed)
            return added

        in_background(work, self._done, self)

    def _done(self, result: object) -> None:
        self.importing = False
        self.progress.hide()
        if isinstance(result, HistoryImportStopped):
            super().reject()
            return
        if isinstance(result, BaseException):
            self.failed(self.tr("%1 was not imported: %2").replace("%1", self.path.name)
                        .replace("%2", say_error(result)))
            return
        assert self.parsed is not None and isinstance(result, int)
        self.sig_imported.emit(result, len(self.parsed.messages) - result)
        self.accept()

    def reject(self) -> None:
        """Cancel (or Esc) while writing stops the import; the dialog closes once the store has rolled it back."""
        if self.importing:
            self._stop.set()
            self.summary.setText(self.tr("Stopping… nothing of this file is kept."))
            return
        super().reject()
