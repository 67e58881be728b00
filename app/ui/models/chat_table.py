"""The owner's review's chat list: one chat a row with its figures (first answer, slow answers, buyer last,
overrides, refunds, angry, score); slow ones in red."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.desk.review import ChatRow

from app.ui.buyer_text import shown
from app.ui.models.record_table import RecordTable, local_minute

Index = QModelIndex | QPersistentModelIndex
SLOW = QColor("#C0392B")


def seconds(value: float | None) -> str:
    """A wait in whole seconds, empty where there was none."""
    return "" if value is None else f"{value:.0f}"


class ChatTable(RecordTable[ChatRow]):
    who: Callable[[str], str] = str  # an agent id as the owner reads it (the window sets it)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (local_minute(row.first_at), shown(row.buyer_nick),
                      "、".join(self.who(agent) for agent in row.agents),
                      str(row.messages), seconds(row.first_response_s), str(row.slow or ""),
                      "●" if row.buyer_last else "", str(row.overrides or ""), str(row.refunds or ""),
                      "●" if row.angry else "", "" if row.score is None else str(row.score))
            return values[column]
        if role == Qt.ItemDataRole.ForegroundRole and ((column == 5 and row.slow) or (column == 6 and row.buyer_last)):
            return QBrush(SLOW)
        return None
