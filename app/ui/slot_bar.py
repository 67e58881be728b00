"""The row above the reply box: the current phrase group and its nine slots (Ctrl+1..9 insert them)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.quickreplies.phrase import Phrase

from app.ui.keys.keymap import SHORTCUTS


class SlotBar(QWidget):
    sig_group_changed = Signal(str)
    """The agent picked another phrase group for the slots."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group_box = QComboBox()
        self.group_box.setObjectName("slotGroup")
        self.group_box.setToolTip(self.tr("Phrase group for Ctrl+1..9 (Ctrl+G: next group)"))
        self.slots = QLabel()
        self.slots.setObjectName("slotTitles")
        self.slots.setTextFormat(Qt.TextFormat.PlainText)
        self.slots.setEnabled(False)  # drawn in the muted colour: a hint, not content
        self.slots.setWordWrap(True)  # the empty library's hint wraps rather than widening the window (200 %)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.group_box)
        layout.addWidget(self.slots, 1)
        self.group_box.currentTextChanged.connect(self.sig_group_changed)

    @property
    def group(self) -> str:
        return self.group_box.currentText()

    def set_groups(self, groups: list[str], current: str) -> None:
        self.group_box.blockSignals(True)
        self.group_box.clear()
        self.group_box.addItems(groups)
        self.group_box.setCurrentText(current if current in groups else (groups[0] if groups else ""))
        self.group_box.blockSignals(False)

    def next_group(self) -> None:
        count = self.group_box.count()
        if count:
            self.group_box.setCurrentIndex((self.group_box.currentIndex() + 1) % count)

    def show_slots(self, phrases: list[Phrase]) -> None:
        if not phrases and not self.group_box.count():  # a new shop's library: say where phrases come from
            self.slots.setText(self.tr("No phrases yet: the phrase manager (%1) adds or imports them")
                               .replace("%1", SHORTCUTS.shown("desk.phrase_manager")))
            return
        self.slots.setText("   ".join(f"{p.slot} {'🖼' if p.image else ''}{p.title}"
                                       for p in sorted(phrases, key=lambda p: p.slot or 0)))
