"""The buttons at the foot of a form dialog: OK (or Save) and Cancel, Enter on the first and Esc on Cancel. The
dialog's own slot decides whether it closes: a refused entry keeps it open, saying why."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox


def ok_cancel(dialog: QDialog, ok: Callable[[], object], *, save: bool = False) -> QDialogButtonBox:
    """OK (Save when save) runs ok(); Cancel rejects the dialog."""
    first = QDialogButtonBox.StandardButton.Save if save else QDialogButtonBox.StandardButton.Ok
    buttons = QDialogButtonBox(first | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(ok)
    buttons.rejected.connect(dialog.reject)
    return buttons
