"""The proposed phrases (mined from what agents typed): the reply a row with how often it was typed; its text is
edited in place (F2) before it is accepted."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from app.quickreplies.mining import Mined

from app.ui.models.record_table import RecordTable

Index = QModelIndex | QPersistentModelIndex
MinedRole = Qt.ItemDataRole.UserRole + 1
TEXT, COUNT, VARIANTS = range(3)
HEADERS = (QT_TRANSLATE_NOOP("MinedTable", "Reply typed by hand"), QT_TRANSLATE_NOOP("MinedTable", "Times"),
           QT_TRANSLATE_NOOP("MinedTable", "Other wordings"))


class MinedTable(RecordTable[Mined]):
    def __init__(self, parent: object = None) -> None:
        super().__init__([QCoreApplication.translate("MinedTable", h) for h in HEADERS], parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index)
        if row is None:
            return None
        if role == MinedRole:
            return row
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        return (row.text, str(row.count), " / ".join(row.variants[:3]))[column]

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == TEXT else flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        row = self.row_at(index)
        if row is None or index.column() != TEXT or not str(value).strip():
            return False
        self.rows[index.row()] = replace(row, text=str(value).strip())
        self.dataChanged.emit(index, index)
        return True

    def take(self, row: int) -> None:
        """The proposal is accepted or dismissed: out of the list, the rest where they are."""
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        self.endRemoveRows()
