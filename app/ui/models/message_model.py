"""The open conversation's messages as a list model: appended and updated row by row."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from app.store.records import MessageRecord

MessageRole = Qt.ItemDataRole.UserRole + 2
BUYER_SAID_CHARS = 2000

Index = QModelIndex | QPersistentModelIndex


class MessageModel(QAbstractListModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.conversation_id = ""
        self._messages: list[MessageRecord] = []
        self._rows: dict[int, int] = {}
        self._kept = 0  # rows of replies kept on this computer, waiting for the team's server to store them

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._messages)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._messages):
            return None
        message = self._messages[index.row()]
        if role == MessageRole:
            return message
        if role == Qt.ItemDataRole.DisplayRole:
            return message.text
        return None

    def show_conversation(self, conversation_id: str, messages: list[MessageRecord]) -> None:
        """A different chat: the one place a reset is right."""
        self.beginResetModel()
        self.conversation_id = conversation_id
        self._messages = list(messages)
        self._rows = {m.id: row for row, m in enumerate(self._messages)}
        self._kept = sum(m.id < 0 for m in self._messages)
        self.endResetModel()

    def prepend(self, older: list[MessageRecord]) -> None:
        """An older page, scrolled into view: inserted above without disturbing the rows below."""
        older = [m for m in older if m.id not in self._rows]
        if not older:
            return
        self.beginInsertRows(QModelIndex(), 0, len(older) - 1)
        self._messages[:0] = older
        self._rows = {m.id: row for row, m in enumerate(self._messages)}
        self.endInsertRows()

    def oldest_id(self) -> int | None:
        return self._messages[0].id if self._messages else None

    def upsert(self, message: MessageRecord) -> None:
        if message.conversation_id != self.conversation_id:
            return
        row = self._rows.get(message.id)
        if row is None and message.client_id and message.id > 0:
            # a reply kept on this computer while the team's server was away (a local id below 0), now stored
            row = next((r for r, m in enumerate(self._messages)
                        if m.id < 0 and m.client_id == message.client_id), None) if self._kept else None
            if row is not None:
                self._kept -= 1
                del self._rows[self._messages[row].id]
                self._rows[message.id] = row
        if row is not None:
            self._messages[row] = message
            index = self.index(row)
            self.dataChanged.emit(index, index)
            return
        row = len(self._messages)
        self.beginInsertRows(QModelIndex(), row, row)
        self._messages.append(message)
        self._rows[message.id] = row
        self._kept += message.id < 0
        self.endInsertRows()

    def buyer_said(self) -> str:
        """What the buyer is waiting for an answer to, a message a line: their messages since the agent last
        wrote (or, when the agent wrote last, the buyer's last message). At most the last BUYER_SAID_CHARS
        characters: suggestions and learning need the newest words, and a 100 KB paste must not stall them."""
        waiting: list[str] = []
        length = 0
        for message in reversed(self._messages):
            if length >= BUYER_SAID_CHARS:
                break
            if message.direction == "in":
                waiting.append(message.text[-BUYER_SAID_CHARS:])
                length += len(waiting[-1]) + 1
            elif message.direction in ("out", "robot"):
                break
        if waiting:
            return "\n".join(reversed(waiting))[-BUYER_SAID_CHARS:]
        return next((m.text[-BUYER_SAID_CHARS:] for m in reversed(self._messages) if m.direction == "in"), "")

    def texts(self) -> list[str]:
        return [m.text for m in self._messages]
