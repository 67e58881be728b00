"""The phrase manager's analytics window (Ctrl+Shift+A in the phrase manager): a tab with each phrase's use over
the chosen days (app/desk/phrase_analytics.py) and a tab of the replies agents typed by hand many times, proposed as
phrases — accept (the phrase editor opens with the text), edit it in place first (F2), or dismiss it for good.
Both are read off the GUI thread; Ctrl+Tab goes from one tab to the other."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.quickreplies.duplicates import NearDuplicate
from app.quickreplies.mining import Mined
from app.quickreplies.phrase import Phrase

from app.desk.mined_phrases import MinedPhrases
from app.desk.phrase_analytics import PhraseReport, phrase_report
from app.desk.phrases import PhraseBook

from app.ui.background import Latest
from app.ui.day_range import DayRange
from app.ui.models.mined_table import MinedRole, MinedTable
from app.ui.models.phrase_stats_table import PhraseStatsTable
from app.ui.record_view import record_view

DAYS = 30  # the days shown at first: a month of the shop's phrases


class PhraseInsights(QDialog):
    sig_accept = Signal(object)
    """A proposed reply accepted: a new Phrase (id 0) for the phrase manager's editor; once saved there it is in the
    library, and refresh_proposals() no longer proposes it."""

    def __init__(self, book: PhraseBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.mined = MinedPhrases(book.store, book)
        self.setObjectName("phraseInsights")
        self.setWindowTitle(self.tr("Phrase analytics — KefuDesk"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._use_tab(), self.tr("&Use"))
        self.tabs.addTab(self._proposed_tab(), self.tr("P&roposed phrases"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self._stats_answer = Latest(self)
        self._near: list[NearDuplicate] | None = None
        self._mined_answer = Latest(self)
        self.resize(1100, 600)
        self.refresh()
        self.refresh_proposals()

    def _use_tab(self) -> QWidget:
        today = QDate.currentDate()
        self.range = DayRange(today.addDays(1 - DAYS), today, self)
        self.range.changed.connect(self.refresh)
        self.stats = PhraseStatsTable(self)
        self.stats_view = record_view(self.stats, "phraseStats")
        self.stats_view.setAccessibleName(self.tr("Phrase use"))
        self.stats_note = QLabel()
        self.stats_note.setWordWrap(True)
        days = QHBoxLayout()
        for text, edit in ((self.tr("&From"), self.range.first), (self.tr("&To"), self.range.last)):
            label = QLabel(text)
            label.setBuddy(edit)
            days.addWidget(label)
            days.addWidget(edit)
        days.addStretch(1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(days)
        layout.addWidget(self.stats_view, 1)
        layout.addWidget(self.stats_note)
        return tab

    def _proposed_tab(self) -> QWidget:
        self.proposals = MinedTable(self)
        self.proposals_view: QTableView = record_view(self.proposals, "minedPhrases")
        self.proposals_view.setAccessibleName(self.tr("Proposed phrases"))
        self.proposals_view.setEditTriggers(QTableView.EditTrigger.EditKeyPressed
                                            | QTableView.EditTrigger.DoubleClicked)
        self.accept_button = QPushButton(self.tr("&Accept…"))
        self.accept_button.clicked.connect(self.accept_current)
        self.dismiss_button = QPushButton(self.tr("&Dismiss"))
        self.dismiss_button.clicked.connect(self.dismiss_current)
        self.proposals_note = QLabel()
        self.proposals_note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.proposals_note, 1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.dismiss_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.proposals_view, 1)
        layout.addLayout(buttons)
        return tab

    # --- the use of each phrase ---------------------------------------------------------------------------

    def refresh(self) -> None:
        problem = self.range.problem()
        if problem:
            self.stats_note.setText(problem)
            return
        first, last = self.range.days()
        phrases, store, near = list(self.book.phrases), self.book.store, self._near
        self.stats_note.setText(self.tr("Reading the phrases' use…"))
        self._stats_answer.ask(lambda: phrase_report(store, phrases, first, last, near=near), self._show_stats)

    def _show_stats(self, report: PhraseReport | Exception) -> None:
        if isinstance(report, Exception):
            self.stats_note.setText(self.tr("The phrases' use could not be read: %1").replace("%1", str(report)))
            return
        self._near = report.near  # the library's, whatever the days: found once a window
        self.stats.show(report)
        forgotten = sum(1 for s in report.stats if s.forgotten)
        self.stats_note.setText(self.tr("%1 phrase(s) not used in these days; %2 pair(s) of phrases nearly the same. "
                                        "Asked again, paid, refund and quiet: what the buyer did in the 24 hours "
                                        "after the reply (docs/phrases.md).")
                                .replace("%1", str(forgotten)).replace("%2", str(len(report.near))))

    # --- proposed phrases ---------------------------------------------------------------------------------

    def refresh_proposals(self) -> None:
        self.proposals_note.setText(self.tr("Reading the replies typed by hand…"))
        self._mined_answer.ask(self.mined.proposals, self._show_proposals)

    def _show_proposals(self, found: list[Mined] | Exception) -> None:
        if isinstance(found, Exception):
            self.proposals_note.setText(self.tr("The typed replies could not be read: %1").replace("%1", str(found)))
            return
        self.proposals.set_rows(found, self.proposals.now)
        if found:
            self.proposals_view.selectRow(0)
        self.proposals_note.setText(self.tr("%1 reply(ies) typed by hand many times. F2 edits one; Accept makes it "
                                            "a phrase, Dismiss never proposes it again.").replace("%1", str(len(found))))

    def _current(self) -> tuple[int, Mined] | None:
        index = self.proposals_view.currentIndex()
        mined = index.data(MinedRole) if index.isValid() else None
        if mined is None:
            self.proposals_note.setText(self.tr("Select a proposed phrase first."))
            return None
        return index.row(), mined

    def accept_current(self) -> None:
        current = self._current()
        if current is None:
            return
        self.sig_accept.emit(Phrase(0, current[1].text[:20], current[1].text, ""))  # proposed again if not saved

    def dismiss_current(self) -> None:
        current = self._current()
        if current is None:
            return
        row, mined = current
        self.mined.dismiss([mined])
        self.proposals.take(row)
        self.proposals_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Del dismisses the selected proposal, as it deletes a phrase in the phrase manager."""
        if event.key() == Qt.Key.Key_Delete and self.tabs.currentIndex() == 1 \
                and self.proposals_view.state() != QTableView.State.EditingState:
            self.dismiss_current()
            return
        super().keyPressEvent(event)

