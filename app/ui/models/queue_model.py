"""The queue of conversations as a list model, kept in queue order with row moves (never a full reset), and how
many open chats each view (all / mine / unanswered / urgent) holds, counted as chats change."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.domain import now_utc

from app.store.records import ConversationSummary

from app.desk.queue import ANGRY_WORDS, FILTERS, flags, queue_key, shown_by

from app.ui.buyer_text import tooltip

ChatRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class QueueModel(QAbstractListModel):
    sig_counts = Signal()
    """The number of chats in some view changed (counts() has the new ones)."""

    def __init__(self, clock: Callable[[], datetime] = now_utc, parent: object = None) -> None:
        super().__init__(parent)
        self._chats: list[ConversationSummary] = []  # the rows shown: open chats the view lets through
        self._keys: list[tuple[int, float, str]] = []
        # each shown chat's sort key, which ends with its id and so is found in _keys by bisection: row_of() is a
        # lookup, not a scan (5,000 open chats put in the queue one by one at start took 2.3 s scanning)
        self._key_of: dict[str, tuple[int, float, str]] = {}
        self._open: dict[str, ConversationSummary] = {}  # every open chat, shown or not
        self._last_at: dict[str, datetime] = {}  # the newest message time seen per chat, closed ones too
        self.clock = clock
        self.view = "all"
        self.in_trouble: frozenset[str] = frozenset()  # buyer ids with an open issue
        self.angry_words: tuple[str, ...] = ANGRY_WORDS  # the shop's urgent words
        self.urgent_words_ready = True  # their tables are built: the queue marks buyers angry by word
        self.me = ""  # this desk's agent id: chats assigned to others are not "mine"
        self._views_of: dict[str, frozenset[str]] = {}  # open chat → the views that show it
        self._counts: dict[str, int] = dict.fromkeys(FILTERS, 0)

    def flags_of(self, chat: ConversationSummary) -> frozenset[str]:
        angry_words = self.angry_words if self.urgent_words_ready else ()
        return flags(chat, self.clock(), angry_words=angry_words, in_trouble=self.in_trouble, me=self.me)

    def set_me(self, agent_id: str) -> None:
        if agent_id != self.me:
            self.me = agent_id
            self._refresh_flags()

    def set_angry_words(self, words: tuple[str, ...], *, ready: bool = True) -> None:
        """The shop's urgent words; ready: their tables are built (app.desk.queue.build_word_tables). Until then a
        buyer is marked angry only for !!!/???: building them on the GUI thread held the first paint."""
        if words != self.angry_words or ready != self.urgent_words_ready:
            self.angry_words, self.urgent_words_ready = words, ready
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
        before = dict(self._counts)
        self._views_of = {}
        self._counts = dict.fromkeys(FILTERS, 0)
        for chat in self._open.values():
            self._count(chat.id, self._views(chat))
        if self._counts != before:
            self.sig_counts.emit()
        if self.view == "all":
            if self._chats:
                self.dataChanged.emit(self.index(0), self.index(len(self._chats) - 1))
        else:
            self._rebuild()

    def _rebuild(self) -> None:
        self.beginResetModel()
        shown = sorted((c for c in self._open.values() if self._shows(c)), key=queue_key)
        self._chats, self._keys = shown, [queue_key(c) for c in shown]
        self._key_of = {c.id: key for c, key in zip(shown, self._keys, strict=True)}
        self.endResetModel()

    def _shows(self, chat: ConversationSummary) -> bool:
        return self.view == "all" or shown_by(self.view, self.flags_of(chat))

    def _views(self, chat: ConversationSummary) -> frozenset[str]:
        chat_flags = self.flags_of(chat)
        return frozenset(view for view in FILTERS if shown_by(view, chat_flags))

    def _count(self, conversation_id: str, views: frozenset[str]) -> bool:
        """Move one chat's contribution to the counts from the views it was in to these; True if any changed."""
        before = self._views_of.pop(conversation_id, frozenset())
        if views:
            self._views_of[conversation_id] = views
        for view in before - views:
            self._counts[view] -= 1
        for view in views - before:
            self._counts[view] += 1
        return before != views

    def counts(self) -> dict[str, int]:
        """How many open chats each view shows (the views' rules, not the clock: late is not a view)."""
        return dict(self._counts)

    def open_chats(self) -> list[ConversationSummary]:
        """Every open chat, the ones the view hides included."""
        return list(self._open.values())

    def open_chat(self, conversation_id: str) -> ConversationSummary | None:
        """An open chat as the queue knows it, whether the view shows it or not."""
        return self._open.get(conversation_id)

    def restore(self, chat: ConversationSummary) -> None:
        """Put back the store's summary of a chat shown newer than it (a reply shown answered that the store
        refused), which upsert() would drop as older."""
        self._last_at.pop(chat.id, None)
        self.upsert(chat)

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
        key = self._key_of.get(conversation_id)
        return -1 if key is None else bisect.bisect_left(self._keys, key)

    def load(self, chats: Iterable[ConversationSummary]) -> None:
        """The open chats the desk starts with, put in at once: one sort and one reset, not a row insert each."""
        for chat in chats:
            if chat.last_at is not None:
                self._last_at[chat.id] = chat.last_at
            if chat.state != "closed":
                self._open[chat.id] = chat
                self._count(chat.id, self._views(chat))
        self._rebuild()
        self.sig_counts.emit()

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
        if self._count(chat.id, frozenset() if chat.state == "closed" else self._views(chat)):
            self.sig_counts.emit()
        if chat.state == "closed" or not self._shows(chat):
            if row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._chats[row], self._keys[row], self._key_of[chat.id]
                self.endRemoveRows()
            return
        key = queue_key(chat)
        if row < 0:
            new = bisect.bisect_left(self._keys, key)
            self.beginInsertRows(QModelIndex(), new, new)
            self._chats.insert(new, chat)
            self._keys.insert(new, key)
            self._key_of[chat.id] = key
            self.endInsertRows()
            return
        rest = self._keys[:row] + self._keys[row + 1:]
        new = bisect.bisect_left(rest, key)
        if new == row:
            self._chats[row], self._keys[row], self._key_of[chat.id] = chat, key, key
            index = self.index(row)
            self.dataChanged.emit(index, index)
            return
        # Qt wants the destination in pre-move coordinates: one past the target when moving down
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), new if new < row else new + 1)
        del self._chats[row], self._keys[row]
        self._chats.insert(new, chat)
        self._keys.insert(new, key)
        self._key_of[chat.id] = key
        self.endMoveRows()

    def tick(self) -> None:
        """Repaint the wait times; one timer for the whole queue calls this once a second."""
        if self._chats:
            self.dataChanged.emit(self.index(0), self.index(len(self._chats) - 1), [Qt.ItemDataRole.DisplayRole])

    def longest_waiting_row(self) -> int:
        return 0 if self._chats and self._chats[0].waiting_since is not None else -1

    def waiting_row(self, start: int, step: int = 1, *, skip: str = "") -> int:
        """The first row from start on (step 1: down, -1: up, wrapping round) whose buyer waits for an answer,
        other than the chat skip; -1 when no shown buyer waits."""
        count = len(self._chats)
        for offset in range(count):
            row = (start + offset * step) % count
            chat = self._chats[row]
            if chat.waiting_since is not None and chat.id != skip:
                return row
        return -1

    def unread_total(self) -> int:
        return sum(chat.unread for chat in self._open.values())  # a filtered-out chat's unread still counts
