"""From/to day pickers as the owner's windows use them: calendar pop-ups, one signal when either changes, and
the local days they cover (or why they cover none)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QObject, Signal
from PySide6.QtWidgets import QDateEdit


class DayRange(QObject):
    changed = Signal()

    def __init__(self, first: QDate, last: QDate, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.first = QDateEdit(first)
        self.last = QDateEdit(last)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.changed.emit())

    def days(self) -> tuple[date, date]:
        return self.first.date().toPython(), self.last.date().toPython()

    def problem(self) -> str:
        """Why the range covers no day, in the user's language, or ""."""
        first, last = self.days()
        if last < first:
            return QCoreApplication.translate("DayRange", "The last day is before the first: change one of them.")
        return ""
