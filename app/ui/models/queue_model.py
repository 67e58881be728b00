"""The queue of conversations as a list model, kept in queue order with row moves (never a full reset)."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from app.desk.queue import queue_key
from app.gateway.schema import now_utc
from app.store.records import ConversationSummary

ChatRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class QueueModel(QAbstractListModel):
    def __init__(self, clock: Callable[[], datetime] = now_utc, parent: object = None) -> None:
        super().__init__(parent)
        self._chats: list[ConversationSummary] = []
        self._keys: list[tuple[int, float, str]] = []
        self.clock = clock

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._chats)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._chats):
            return None
        chat = self._chats[index.row()]
        if role == ChatRole:
            return chat
        if role == Qt.ItemDataRole.DisplayRole:
            return chat.buyer_nick
        if role == Qt.ItemDataRole.ToolTipRole:
            return chat.last_text[:200]
        return None

    def chat_at(self, row: int) -> ConversationSummary | None:
        return self._chats[row] if 0 <= row < len(self._chats) else None

    def row_of(self, conversation_id: str) -> int:
        for row, chat in enumerate(self._chats):
            if chat.id == conversation_id:
                return row
        return -1

    def upsert(self, chat: ConversationSummary) -> None:
        """Insert, update, move or (when closed) remove one chat, keeping queue order."""
        row = self.row_of(chat.id)
        if chat.state == "closed":
            if row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._chats[row], self._keys[row]
                self.endRemoveRows()
            return
        key = queue_key(chat)
        if row < 0:
            new = bisect.bisect_left(self._keys, key)
            self.beginInsertRows(QModelIndex(), new, new)
            self._chats.insert(new, chat)
            self._keys.insert(new, key)
            self.endInsertRows()
            return
        rest = self._keys[:row] + self._keys[row + 1:]
        new = bisect.bisect_left(rest, key)
        if new == row:
            self._chats[row], self._keys[row] = chat, key
            index = self.index(row)
            self.dataChanged.emit(index, index)
            return
        # Qt wants the destination in pre-move coordinates: one past the target when moving down
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), new if new < row else new + 1)
        del self._chats[row], self._keys[row]
        self._chats.insert(new, chat)
        self._keys.insert(new, key)
        self.endMoveRows()

    def tick(self) -> None:
        """Repaint the wait times; one timer for the whole queue calls this once a second."""
        if self._chats:
            self.dataChanged.emit(self.index(0), self.index(len(self._chats) - 1), [Qt.ItemDataRole.DisplayRole])

    def longest_waiting_row(self) -> int:
        return 0 if self._chats and self._chats[0].waiting_since is not None else -1

    def unread_total(self) -> int:
        return sum(chat.unread for chat in self._chats)
