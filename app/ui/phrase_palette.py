"""The phrase palette: a popup over the reply box that filters the library as the agent types.

↑/↓ choose, Enter inserts, Alt+Enter inserts and sends, Esc closes. A phrase with several texts shows them under it
as 1, 2, 3: choosing one of those rows, or Alt+1…9 on the phrase, inserts that text. Matching is PhraseBook's (one
home). When nothing matches the palette says so, and (where the window offers it) Enter saves a new phrase instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListView, QVBoxLayout, QWidget

from app.quickreplies.match import Match
from app.quickreplies.phrase import Phrase

from app.ui.models.palette_model import NEW_PHRASE_ROW, PaletteModel, PhraseRole

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


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
        # every row is a title line and a body line: one row's height is every row's, so a keystroke's new list
        # is laid out without measuring each row's text
        self.results.setUniformItemSizes(True)
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
        # a phrase's row is two lines, a variant's one: rows of one height only while no match has variants
        self.results.setUniformItemSizes(not self.model.has_variants())
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
            if key in _DIGITS and event.modifiers() & Qt.KeyboardModifier.AltModifier:
                self._choose_variant(row, _DIGITS[key])
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

    def _choose_variant(self, row: int, number: int) -> None:
        """Alt+number: that text of the phrase the current row belongs to (nothing if it has no such text)."""
        if not self.model.matched() or row < 0:
            return
        phrase = self.model.index(self.model.phrase_row(row)).data(PhraseRole)
        if isinstance(phrase, Phrase) and number <= len(phrase.texts):
            self.hide()
            self.sig_chosen.emit(phrase.as_variant(number - 1), False)
