"""Rows of text under their headers, shown before anything is written: what an import would write, reject or note
(each cell whole in its tool tip, a long line being cut at the column's edge), a daily table before it is saved
as a workbook, finance's sheet checked against the desk (a row's colour says how it compares). Read-only."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.ui.models.record_table import RecordTable

Index = QModelIndex | QPersistentModelIndex


class PreviewTable(RecordTable[list[str]]):
    def __init__(self, headers: Sequence[str] = (), rows: Sequence[Sequence[str]] = (), parent: object = None, *,
                 tooltips: bool = True) -> None:
        super().__init__(headers, parent)
        self.tooltips = tooltips
        self.rows = [list(row) for row in rows]
        self.colours: list[str] = []

    def show_rows(self, headers: Sequence[str], rows: Sequence[Sequence[str]],
                  colours: Sequence[str] | None = None) -> None:
        """Another table: its headers, its rows, and a colour per row ("" for none)."""
        self.beginResetModel()
        self.headers, self.rows, self.colours = list(headers), [list(row) for row in rows], list(colours or [])
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index)
        if row is None or index.column() >= len(row):
            return None
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.ToolTipRole and self.tooltips:
            return row[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.row() < len(self.colours) and self.colours[index.row()]:
            return QBrush(QColor(self.colours[index.row()]))
        return None
