"""A shop word list (banned words, urgent words) as its dialog lists it: sorted, each word with its kind after it;
UserRole is the word itself. Read-only: the dialog changes the list through the desk and shows it again."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from app.ui.models.record_list import RecordList

Index = QModelIndex | QPersistentModelIndex


class WordListModel(RecordList[tuple[str, str]]):
    """Rows of (word, note)."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index)
        if row is None:
            return None
        word, note = row
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{word}    ({note})" if note else word
        if role == Qt.ItemDataRole.UserRole:
            return word
        return None
