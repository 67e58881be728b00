"""The shape every import dialog shares (phrases, the marketplace's order export, problem orders): a summary line, a
busy bar while the file is read and checked off the GUI thread, the preview in tabs, and Cancel / Import — Import
enabled only once there is something to write. The dialogs give the reading, the preview and the writing."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.models.preview_table import PreviewTable


class ImportPreview(QDialog):
    def __init__(self, title: str, reading: str, parent: QWidget | None = None) -> None:
        """reading: what the summary says while the file is read and checked."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.summary = QLabel(reading)
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: reading and checking has no meaningful percentage
        self.tabs = QTabWidget()
        self.tabs.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    def add_tab(self, title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> QTableView:
        """One tab of the preview: the rows under their headers, read-only, each column as wide as its text; a
        screen reader names the table by its tab's title."""
        table = QTableView()
        table.setAccessibleName(title)
        table.setModel(PreviewTable(headers, rows, table))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.resizeColumnsToContents()
        self.tabs.addTab(table, title)
        return table

    def _import(self) -> None:
        """Import pressed: write what the preview showed (the dialog's own)."""
        raise NotImplementedError

    def failed(self, text: str) -> None:
        """The file could not be read or written: why, in red, and that nothing was imported."""
        self.progress.hide()
        self.summary.setText(text + "\n" + self.tr("Nothing was imported."))
        self.summary.setStyleSheet("color: #C0392B")
