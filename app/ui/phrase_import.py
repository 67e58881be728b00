"""Importing a phrase file with a preview: the file is read and checked off the GUI thread (Cancel stops
waiting for it), then the agent sees what is new (and how many texts it brings as variants), what is a duplicate and
which lines are bad — and nothing is added until they press Import, which adds all the new phrases or none: a bar
counts them as they are written, and Cancel then stops the writing and takes back what was written."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QWidget,
)

from app.files.limits import read_limited

from app.quickreplies.formats.base import PhraseFileError
from app.quickreplies.formats.registry import BY_CONTENT, byte_limit, format_for
from app.store.errors import StoreError

from app.desk.phrases import ImportCancelled, ImportPlan, PhraseBook

from app.ui.background import in_background
from app.ui.import_preview import ImportPreview
from app.ui.labels import say, say_error


def _head(path: Path) -> bytes | None:
    """The start of a file whose name does not say its format (an input method's PhraseEdit.txt, 百度.ini,
    UserDefinedPhrase.dat): its content does. 64 KB, read at once: less than a screenful of work."""
    if path.suffix.lower() not in BY_CONTENT:
        return None
    with path.open("rb") as handle:
        return handle.read(64 * 1024)


class _Written(QObject):
    """Carries the writer thread's count to the GUI thread (a queued signal)."""

    sig_count = Signal(int)


class ImportDialog(ImportPreview):
    sig_imported = Signal(list)
    """The ids of the phrases added."""

    def __init__(self, book: PhraseBook, path: Path, fmt: str = "", parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Import phrases — %1").replace("%1", path.name),
                         self.tr("Reading %1…").replace("%1", str(path)), parent)
        self.book = book
        self.path = path
        self.plan: ImportPlan | None = None
        self._cancel: threading.Event | None = None  # set while the phrases are written: Cancel sets it
        self._written = _Written(self)
        self._written.sig_count.connect(self.progress.setValue)
        self.resize(860, 520)
        try:
            self.format = fmt or format_for(path, _head(path))
        except (PhraseFileError, OSError) as exc:
            self._failed(exc)
            return
        in_background(lambda: book.plan_import(read_limited(path, *byte_limit(self.format)), self.format),
                      self._planned, self)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, OSError) and not getattr(exc, "key", ""):
            self.failed(self.tr("Cannot read %1: %2").replace("%1", str(self.path)).replace("%2", exc.strerror or str(exc)))
        else:
            self.failed(self.tr("%1 cannot be imported: %2").replace("%1", self.path.name).replace("%2", say_error(exc)))

    def _planned(self, result: object) -> None:
        if isinstance(result, BaseException):
            self._failed(result)
            return
        assert isinstance(result, ImportPlan)
        plan = self.plan = result
        self.progress.hide()
        encoding = f", {plan.parsed.encoding}" if plan.parsed.encoding else ""
        self.summary.setText(
            self.tr("%1 (%2): %3 new, %4 duplicate(s) not imported again, %5 bad line(s).")
            .replace("%1", self.path.name).replace("%2", plan.parsed.format + encoding)
            .replace("%3", str(len(plan.new))).replace("%4", str(len(plan.duplicates)))
            .replace("%5", str(len(plan.bad)))
            + (" " + self.tr("%n of them with several texts (variants 1, 2, 3… of one phrase).", "", varied)
               if (varied := sum(1 for p in plan.new if p.variants)) else ""))
        self.add_tab(self.tr("New (%1)").replace("%1", str(len(plan.new))),
                     [self.tr("Title"), self.tr("Abbreviation"), self.tr("Group"), self.tr("Texts"), self.tr("Text")],
                     [[p.title, p.abbreviation, p.group, str(len(p.texts)), p.body] for p in plan.new])
        self.add_tab(self.tr("Bad lines (%1)").replace("%1", str(len(plan.bad))),
                     [self.tr("Line"), self.tr("Why"), self.tr("Source")],
                     [[str(r.line), say(r.reason), r.text] for r in plan.bad])
        self.add_tab(self.tr("Duplicates (%1)").replace("%1", str(len(plan.duplicates))),
                     [self.tr("Line"), self.tr("Title"), self.tr("Same as"), self.tr("Why")],
                     [[str(plan.parsed.line_of(d.phrase)), d.phrase.title, d.existing.title, d.why]
                      for d in plan.duplicates])
        if plan.notes:
            self.add_tab(self.tr("Notes (%1)").replace("%1", str(len(plan.notes))),
                         [self.tr("Line"), self.tr("Note"), self.tr("Phrase")],
                         [[str(r.line), r.reason, r.text] for r in plan.notes])
        if plan.bad and not plan.new:
            self.tabs.setCurrentIndex(1)
        self.tabs.show()
        self.import_button.setText(self.tr("Import %n phrase(s)", "", len(plan.new)))
        self.import_button.setEnabled(bool(plan.new))
        self.import_button.setFocus()

    def _import(self) -> None:
        if self.plan is None or not self.plan.new:
            return
        plan = self.plan
        self.import_button.setEnabled(False)
        self.progress.setRange(0, len(plan.new))  # counted as written: the bar moves
        self.progress.setValue(0)
        self.progress.show()
        cancel = self._cancel = threading.Event()
        in_background(lambda: self.book.run_import(plan, progress=self._written.sig_count.emit,
                                                   cancelled=cancel.is_set), self._done, self)

    def reject(self) -> None:
        """Cancel: while the phrases are written, stop and take back what was written (the dialog closes once it
        has); before, close at once — nothing was written."""
        if self._cancel is not None:
            self._cancel.set()
            self.summary.setText(self.tr("Cancelling: taking back the phrases written so far…"))
            self.buttons.setEnabled(False)
            return
        super().reject()

    def _done(self, result: object) -> None:
        self.progress.hide()
        self._cancel = None  # a cancel that came after the last batch was too late: the import is whole, and stays
        self.buttons.setEnabled(True)
        if isinstance(result, ImportCancelled):
            super().reject()  # every batch written was taken back
            return
        if isinstance(result, (StoreError, OSError)):
            self.summary.setText(self.tr("Not imported: %1").replace("%1", str(result)))
            self.import_button.setEnabled(True)
            return
        if isinstance(result, BaseException):
            raise result
        self.sig_imported.emit(result)
        self.accept()
