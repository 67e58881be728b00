"""The phrase palette: a popup over the reply box that filters the library as the agent types.

↑/↓ choose, Enter inserts, Alt+Enter inserts and sends, Esc closes. Matching is PhraseBook's (one home). When
nothing matches the palette says so, and (where the window offers it) Enter saves a new phrase instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListView, QVBoxLayout, QWidget

from app.quickreplies.match import Match
from app.quickreplies.phrase import Phrase

Index = QModelIndex | QPersistentModelIndex
PhraseRole = Qt.ItemDataRole.UserRole + 4
NEW_PHRASE_ROW = 1  # with no match: row 0 says so, row 1 offers to save a new phrase


def one_line(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class PaletteModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._matches: list[Match] = []
        self._query = ""
        self.offer_new = False  # with no match, a row that saves a new phrase

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid():
            return 0
        return len(self._matches) or (2 if self.offer_new else 1)

    def matched(self) -> bool:
        return bool(self._matches)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not self._matches and index.row() != NEW_PHRASE_ROW:
            return Qt.ItemFlag.NoItemFlags  # the "nothing matches" line is a note, never chosen
        return super().flags(index)

    def _no_match(self, row: int, role: int) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if row == NEW_PHRASE_ROW:
            return self.tr("Save as a new phrase… (Enter)")
        if not self._query.strip():
            return self.tr("No phrases yet")
        return self.tr("No phrase matches “%1”").replace("%1", one_line(self._query, 40))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if not self._matches:
            return self._no_match(index.row(), role)
        phrase = self._matches[index.row()].phrase
        if role == Qt.ItemDataRole.DisplayRole:
            abbreviation = f"  [{phrase.abbreviation}]" if phrase.abbreviation else ""
            picture = "🖼 " if phrase.image else ""  # an image phrase: its picture goes with the reply
            return f"{picture}{phrase.title}{abbreviation}\n{one_line(phrase.body)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return phrase.body
        if role == PhraseRole:
            return phrase
        return None

    def show_matches(self, matches: list[Match], query: str = "") -> None:
        # a new result list per keystroke: a reset is the honest signal here, and the list is short
        self.beginResetModel()
        self._matches = matches
        self._query = query
        self.endResetModel()

    def titles(self) -> list[str]:
        return [m.phrase.title for m in self._matches]


class PhrasePalette(QFrame):
    sig_chosen = Signal(object, bool)
    """(Phrase, send): the agent picked a phrase; send is True for Alt+Enter."""
    sig_new_phrase = Signal(str)
    """(what was typed): nothing matched and the agent chose to save a new phrase (offered when offer_new())."""

    def __init__(self, search: Callable[[str], list[Match]], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("phrasePalette")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._search = search
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Search phrases: title, pinyin (tkdz), abbreviation…"))
        self.model = PaletteModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the search box
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        self.query.textChanged.connect(self.refresh)
        self.query.installEventFilter(self)
        self.results.doubleClicked.connect(lambda index: self._choose(index.row(), send=False))
        self.shifted = False  # the last choice was made with Shift+Enter (over other applications: type it)
        self.resize(520, 360)

    def open_at(self, anchor: QWidget, text: str = "") -> None:
        """Show above the anchor (the reply box), with the search box focused."""
        self.query.setText(text)
        self.refresh()
        corner = anchor.mapToGlobal(anchor.rect().topLeft())
        self.move(corner.x(), max(0, corner.y() - self.height()))
        self.show()
        self.query.setFocus()

    def offer_new(self) -> None:
        """With no match, offer to save a new phrase (the desk's palette; the system-wide one only says so)."""
        self.model.offer_new = True

    def refresh(self) -> None:
        self.model.show_matches(self._search(self.query.text()), self.query.text())
        if self.model.matched():
            self.results.setCurrentIndex(self.model.index(0))
        elif self.model.offer_new:
            self.results.setCurrentIndex(self.model.index(NEW_PHRASE_ROW))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.query and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            row = self.results.currentIndex().row()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                count = self.model.rowCount()
                if count and self.model.matched():  # the no-match note is never chosen
                    self.results.setCurrentIndex(self.model.index((row + step) % count))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.shifted = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self._choose(row, send=bool(event.modifiers() & Qt.KeyboardModifier.AltModifier))
                return True
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
        return super().eventFilter(watched, event)

    def _choose(self, row: int, *, send: bool) -> None:
        if not self.model.matched():
            if self.model.offer_new and row == NEW_PHRASE_ROW:
                self.hide()
                self.sig_new_phrase.emit(self.query.text().strip())
            return  # Enter on the note alone does nothing: the agent may still change the search
        phrase = self.model.index(row).data(PhraseRole) if row >= 0 else None
        self.hide()
        if isinstance(phrase, Phrase):
            self.sig_chosen.emit(phrase, send)
