"""The clipboard history's settings (issue 8): on or off, how long and how much it keeps, and the applications
whose copies it never keeps (password managers by default)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.desk.clipboard import ClipHistory, ClipSettings, ClipSettingsInvalid

from app.ui.dialog_buttons import ok_cancel
from app.ui.labels import problem_label, say


class ClipboardDialog(QDialog):
    def __init__(self, history: ClipHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.setWindowTitle(self.tr("Clipboard history"))
        settings = history.settings
        self.enabled = QCheckBox(self.tr("&Keep what I copy in any application"))
        self.enabled.setChecked(settings.enabled)
        self.days = QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setSuffix(self.tr(" days"))
        self.days.setValue(settings.keep_days)
        self.items = QSpinBox()
        self.items.setRange(10, 100_000)
        self.items.setValue(settings.keep_items)
        self.excluded = QPlainTextEdit("\n".join(settings.excluded))
        self.excluded.setTabChangesFocus(True)
        self.problem = problem_label()
        intro = QLabel(self.tr("Copies from these applications are never kept, so a copied password never lands in a "
                               "searchable list: one name a line, matched in the application's name. Pinned "
                               "entries stay whatever the limits."))
        intro.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.enabled)
        form.addRow(self.tr("Keep for at &most"), self.days)
        form.addRow(self.tr("Keep at most &this many"), self.items)
        form.addRow(intro)
        form.addRow(self.tr("&Never from"), self.excluded)
        form.addRow(self.problem)
        form.addRow(ok_cancel(self, self.save, save=True))

    def save(self) -> None:
        names = tuple(n.strip() for n in self.excluded.toPlainText().splitlines() if n.strip())
        try:
            self.history.save_settings(ClipSettings(self.enabled.isChecked(), self.days.value(), self.items.value(),
                                                    names))
        except ClipSettingsInvalid as invalid:
            self.problem.setText(self.tr("Not saved: %1").replace("%1", say(invalid.args[0])))
            return
        self.accept()
