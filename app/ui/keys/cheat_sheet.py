"""The cheat sheet (Help → Keyboard shortcuts, F1): every action of every window with the keys in force, to read,
print or save as HTML or PDF for the side of the monitor."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.keys.keymap import SHORTCUTS, Keymap, shown_all
from app.ui.keys.registry import WINDOWS, in_window, window_title


def sheet_html(keymap: Keymap | None = None) -> str:
    """The whole sheet as one HTML page: a table per window, an action per row."""
    keymap = keymap or SHORTCUTS.keymap
    title = html.escape(CheatSheet.tr_title())
    parts = [f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>", f"<h2>{title}</h2>"]
    for window in WINDOWS:
        rows = [f"<tr><td style='padding-right:16px'><b>{html.escape(shown_all(keymap.keys(a.id)))}</b></td>"
                f"<td>{html.escape(a.plain_label())}</td></tr>" for a in in_window(window) if keymap.keys(a.id)]
        if rows:
            parts.append(f"<h3>{html.escape(window_title(window))}</h3><table cellspacing='2'>{''.join(rows)}</table>")
    parts.append("</body></html>")
    return "".join(parts)


class CheatSheet(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cheatSheet")
        self.setWindowTitle(self.tr_title())
        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr_title())
        self.text.setHtml(sheet_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        print_button = QPushButton(self.tr("&Print…"))
        save_button = QPushButton(self.tr("&Save as HTML or PDF…"))
        buttons.addButton(print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(save_button, QDialogButtonBox.ButtonRole.ActionRole)
        print_button.clicked.connect(self.print_sheet)
        save_button.clicked.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 760)

    @staticmethod
    def tr_title() -> str:
        return QCoreApplication.translate("CheatSheet", "KefuDesk keyboard shortcuts")

    def document(self) -> QTextDocument:
        document = QTextDocument()
        document.setHtml(sheet_html())
        return document

    def print_sheet(self) -> QPrintDialog:
        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.document().print_(printer))
        dialog.open()
        return dialog

    def choose_file(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Save the shortcuts"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([self.tr("PDF (*.pdf)"), self.tr("Web page (*.html)")])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.save(Path(name)))
        dialog.open()
        return dialog

    def save(self, path: Path) -> None:
        """HTML for a .html/.htm name, otherwise an A4 PDF."""
        if path.suffix.lower() in (".html", ".htm"):
            path.write_text(sheet_html(), encoding="utf-8")
            return
        writer = QPdfWriter(str(path))
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         writer.pageLayout().margins()))
        self.document().print_(writer)
