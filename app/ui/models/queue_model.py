"""The queue of conversations as a list model, kept in queue order with row moves (never a full reset)."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from app.desk.queue import ANGRY_WORDS, flags, queue_key, shown_by
from app.gateway.schema import now_utc
from app.store.records import ConversationSummary
from app.ui.buyer_text import tooltip

ChatRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class QueueModel(QAbstractListModel):
    def __init__(self, clock: Callable[[], datetime] = now_utc, parent: object = None) -> None:
        super().__init__(parent)
        self._chats: list[ConversationSummary] = []  # the rows shown: open chats the view lets through
        self._keys: list[tuple[int, float, str]] = []
        self._open: dict[str, ConversationSummary] = {}  # every open chat, shown or not
        self._last_at: dict[str, datetime] = {}  # the newest message time seen per chat, closed ones too
        self.clock = clock
        self.view = "all"
        self.in_trouble: frozenset[str] = frozenset()  # buyer ids with an open issue
        self.angry_words: tuple[str, ...] = ANGRY_WORDS  # the shop's urgent words
        self.me = ""  # this desk's agent id: chats assigned to others are not "mine"

    def flags_of(self, chat: ConversationSummary) -> frozenset[str]:
        return flags(chat, self.clock(), angry_words=self.angry_words, in_trouble=self.in_trouble, me=self.me)

    def set_me(self, agent_id: str) -> None:
        if agent_id != self.me:
            self.me = agent_id
            self._refresh_flags()

    def set_angry_words(self, words: tuple[str, ...]) -> None:
        if words != self.angry_words:
            self.angry_words = words
            self._refresh_flags()

    def set_view(self, view: str) -> None:
        """all / unanswered / urgent: the rows are rebuilt from every open chat (a user's choice, not a tick)."""
        self.view = view
        self._rebuild()

    def set_in_trouble(self, buyer_ids: frozenset[str]) -> None:
        if buyer_ids != self.in_trouble:
            self.in_trouble = buyer_ids
            self._refresh_flags()

    def _refresh_flags(self) -> None:
        if self.view == "all":
            if self._chats:
                self.dataChanged.emit(self.index(0), self.index(len(self._chats) - 1))
        else:
            self._rebuild()

    def _rebuild(self) -> None:
        self.beginResetModel()
        shown = sorted((c for c in self._open.values() if self._shows(c)), key=queue_key)
        self._chats, self._keys = shown, [queue_key(c) for c in shown]
        self.endResetModel()

    def _shows(self, chat: ConversationSummary) -> bool:
        return self.view == "all" or shown_by(self.view, self.flags_of(chat))

    def open_chats(self) -> list[ConversationSummary]:
        """Every open chat, the ones the view hides included."""
        return list(self._open.values())

    def hidden_count(self) -> int:
        return len(self._open) - len(self._chats)

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
            return tooltip(chat.last_text[:200])  # a tool tip that looks like HTML would be rendered as HTML
        return None

    def chat_at(self, row: int) -> ConversationSummary | None:
        return self._chats[row] if 0 <= row < len(self._chats) else None

    def row_of(self, conversation_id: str) -> int:
        for row, chat in enumerate(self._chats):
            if chat.id == conversation_id:
                return row
        return -1

    def upsert(self, chat: ConversationSummary) -> None:
        """Insert, update, move or (when closed) remove one chat, keeping queue order. A summary older than the
        one already shown is dropped: read on the stream's thread before the agent's reply was stored, it can
        arrive after the reply's and would put an answered buyer back on top (seen in the soak: 2 of 3,000)."""
        newest = self._last_at.get(chat.id)
        if newest is not None and chat.last_at is not None and chat.last_at < newest:
            return
        if chat.last_at is not None:
            self._last_at[chat.id] = chat.last_at
        row = self.row_of(chat.id)
        if chat.state == "closed":
            self._open.pop(chat.id, None)
        else:
            self._open[chat.id] = chat
        if chat.state == "closed" or not self._shows(chat):
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
        return sum(chat.unread for chat in self._open.values())  # a filtered-out chat's unread still counts
