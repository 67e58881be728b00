"""A read-only list of records, replaced as a whole when it is read again (a few dozen rows: a search's results,
the colleagues, an issue's actions and photos). Subclasses give data(); row_at() is the record behind a row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")


class RecordList(QAbstractListModel, Generic[Row]):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Another list: a reset is the honest signal, the rows are all new."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def row_at(self, index: Index) -> Row | None:
        return self.rows[index.row()] if index.isValid() and 0 <= index.row() < len(self.rows) else None
