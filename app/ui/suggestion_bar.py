"""The row above the reply box with the three phrases most likely to answer the buyer, each with the key that
inserts it (Alt+Q/W/E unless the agent changed them)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from app.quickreplies.phrase import Phrase
from app.quickreplies.suggest import Suggestion

from app.ui.keys.keymap import SHORTCUTS

SHOWN = 3  # as many as the registry has keys for: desk.suggestion_1 … 3


class SuggestionBar(QWidget):
    sig_chosen = Signal(object)
    """A suggested Phrase was clicked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suggestions: list[Suggestion] = []
        self.label = QLabel(self.tr("Suggested:"))
        self.label.setEnabled(False)
        self.buttons: list[QToolButton] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        for number in range(SHOWN):
            button = QToolButton()
            button.setObjectName(f"suggestion{number + 1}")
            button.setAutoRaise(True)
            button.clicked.connect(lambda _checked=False, n=number: self.choose(n))
            self.buttons.append(button)
            layout.addWidget(button)
        layout.addStretch(1)
        self.show_suggestions([])

    def show_suggestions(self, suggestions: list[Suggestion], *, empty_library: bool = False) -> None:
        """empty_library: there are no phrases to suggest at all (a new shop's library), said instead."""
        self.suggestions = suggestions[:SHOWN]
        for number, button in enumerate(self.buttons):
            if number < len(self.suggestions):
                found = self.suggestions[number]
                title = found.phrase.title if len(found.phrase.title) <= 14 else found.phrase.title[:13] + "…"
                button.setText(f"{SHORTCUTS.shown(f'desk.suggestion_{number + 1}')} {title}".strip())
                why = "; ".join(found.reasons)
                button.setToolTip(f"{found.phrase.body}\n\n{why}" if why else found.phrase.body)
                button.show()
            else:
                button.hide()
        self.label.setWordWrap(empty_library and not self.suggestions)  # the hint never widens the window (200 %)
        if self.suggestions:
            self.label.setText(self.tr("Suggested:"))
        elif empty_library:
            self.label.setText(self.tr("No phrases to suggest yet (%1: the phrase manager)")
                               .replace("%1", SHORTCUTS.shown("desk.phrase_manager")))
        else:
            self.label.setText(self.tr("No suggestion for this message"))

    def phrase(self, number: int) -> Phrase | None:
        return self.suggestions[number].phrase if 0 <= number < len(self.suggestions) else None

    def choose(self, number: int) -> None:
        phrase = self.phrase(number)
        if phrase is not None:
            self.sig_chosen.emit(phrase)
