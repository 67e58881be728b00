"""A read-only table of records, replaced as a whole when its list is read again (a few hundred rows): the part
the issue list, the worklist, the owner's review, the KPI dashboard and the import previews share. Subclasses give the headers and
data(); the time and colour their cells share are here too."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app import domain

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")
OVERDUE = QColor("#C0392B")  # a follow-up or a step past its time


def local_minute(moment: datetime | None) -> str:
    """A stored UTC time as the agent reads it in a table cell: local, to the minute."""
    return moment.astimezone().strftime("%m-%d %H:%M") if moment else ""


class RecordTable(QAbstractTableModel, Generic[Row]):
    def __init__(self, headers: Sequence[str], parent: object = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[Row] = []
        self.now = domain.now_utc()  # when the rows were read: what "overdue" is measured against

    def set_rows(self, rows: list[Row], now: datetime) -> None:
        self.beginResetModel()
        self.rows, self.now = rows, now
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def row_at(self, index: Index) -> Row | None:
        return self.rows[index.row()] if index.isValid() and index.row() < len(self.rows) else None
