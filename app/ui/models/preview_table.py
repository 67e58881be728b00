"""What an import would write, reject or note, before anything is written: rows of text under their headers, each
cell's whole text in its tool tip (a long line is cut at the column's edge). Read-only; a new file is a new table."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from app.ui.models.record_table import RecordTable

Index = QModelIndex | QPersistentModelIndex


class PreviewTable(RecordTable[list[str]]):
    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[str]], parent: object = None) -> None:
        super().__init__(headers, parent)
        self.rows = [list(row) for row in rows]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index)
        if row is None or index.column() >= len(row):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[index.column()]
        return None
