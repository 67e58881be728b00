"""ok_cancel (app/ui/dialog_buttons.py): OK or Save runs the dialog's own slot, which decides whether it closes;
Cancel closes it without running anything."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from app.ui.dialog_buttons import ok_cancel


def test_save_runs_the_slot_and_the_dialog_stays_open_until_it_accepts(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    pressed: list[str] = []
    buttons = ok_cancel(dialog, lambda: pressed.append("save"), save=True)
    dialog.show()
    buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert pressed == ["save"] and dialog.isVisible()  # refused, say: still open
    assert buttons.button(QDialogButtonBox.StandardButton.Ok) is None


def test_cancel_closes_without_running_the_slot(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    pressed: list[str] = []
    buttons = ok_cancel(dialog, lambda: pressed.append("ok"))
    dialog.show()
    with qtbot.waitSignal(dialog.rejected):
        buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert pressed == [] and not dialog.isVisible()


def test_ok_that_accepts_closes_the_dialog(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = ok_cancel(dialog, dialog.accept)
    dialog.show()
    with qtbot.waitSignal(dialog.accepted):
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()
