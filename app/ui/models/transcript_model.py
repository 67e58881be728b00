"""A chat's transcript as the owner's review shows it: one message a row (time, who, the text with the owner's
notes, how long the buyer had waited for an answer, slow waits in red). Plain text only: a buyer's markup is
never rendered. Its words are the review window's (one translation context for the window and its table)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from app.desk.review import Line

from app.ui.buyer_text import cut_note, shown
from app.ui.models.chat_table import SLOW, seconds

Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate  # (lupdate finds the calls by this name)
LineRole = Qt.ItemDataRole.UserRole + 1
TRANSCRIPT_CHARS = 5000  # of one message: a 100 KB paste would take the table seconds to lay out, and nobody reads it
TIME, WHO, MESSAGE, WAITED = range(4)


class TranscriptModel(QAbstractTableModel):
    def __init__(self, who: Callable[[str], str], parent: object = None) -> None:
        """who(agent id): the agent as the owner reads them (their 花名)."""
        super().__init__(parent)
        self.who = who
        self.conversation_id = ""
        self.lines: list[Line] = []
        self._cells: list[tuple[str, str, str, str]] = []  # worked out once per line: views ask for them often

    def show_lines(self, conversation_id: str, lines: list[Line]) -> None:
        """The chat's lines, read again. The same messages (a note added) change in place, so the owner's place
        in the transcript stays; another chat is the one place a reset is right."""
        same = conversation_id == self.conversation_id and \
            [line.message.id for line in lines] == [line.message.id for line in self.lines]
        if same and lines:
            self.lines, self._cells = list(lines), [self._row(line) for line in lines]
            self.dataChanged.emit(self.index(0, 0), self.index(len(lines) - 1, WAITED))
            return
        self.beginResetModel()
        self.conversation_id = conversation_id
        self.lines, self._cells = list(lines), [self._row(line) for line in lines]
        self.endResetModel()

    def _row(self, line: Line) -> tuple[str, str, str, str]:
        x = line.message
        speaker = {"in": translate("ReviewWindow", "Buyer"), "out": translate("ReviewWindow", "Agent"),
                   "robot": translate("ReviewWindow", "Robot"),
                   "system": translate("ReviewWindow", "System")}.get(x.direction, x.direction)
        if x.direction == "out" and x.agent:
            speaker = f"{speaker} {self.who(x.agent)}"
        text = shown(x.text[:TRANSCRIPT_CHARS]) or translate("ReviewWindow", "[Picture]")
        if cut_note(x.text, TRANSCRIPT_CHARS):
            text += f"\n  ▸ {cut_note(x.text, TRANSCRIPT_CHARS)}"
        for note in line.notes:
            mark = {"good": translate("ReviewWindow", "good example"),
                    "bad": translate("ReviewWindow", "bad example")}.get(note.example, "")
            text += "\n  ▸ " + "；".join(p for p in (mark, note.text) if p)
        return x.sent_at.astimezone().strftime("%H:%M:%S"), speaker, text, seconds(line.waited_s)

    def line_at(self, index: Index) -> Line | None:
        return self.lines[index.row()] if index.isValid() and index.row() < len(self.lines) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (translate("ReviewWindow", "Time"), translate("ReviewWindow", "Who"),
                    translate("ReviewWindow", "Message"), translate("ReviewWindow", "Waited (s)"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        line = self.line_at(index)
        if line is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and line.slow and index.column() == WAITED:
            return QBrush(SLOW)
        if role == LineRole:
            return line
        return None
