"""What the status bar says about a recorded action: recorded, or — over the agent's limit — waiting for a
supervisor's approval until one decides, then approved (recorded) or refused. Nothing over a limit is called
recorded before a supervisor approved it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from app.desk.issues import Outcome
from app.desk.money import yuan_text

from app.ui.issue_dialogs.approval import ApprovalDialog
from app.ui.labels import label, say

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class Approvals(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def _what(self, outcome: Outcome) -> str:
        action = outcome.action
        money = f" ¥{yuan_text(action.amount_fen)}" if action.amount_fen else ""
        return f"{label(action.kind)}{money}"

    def saved(self, outcome: Outcome | None) -> None:
        """The action form was accepted: recorded, or waiting for approval (the approval dialog is open)."""
        bar = self.window.statusBar()
        if outcome is not None and outcome.needs_approval:
            # no time-out: it stays until the supervisor decides or something newer is said
            bar.showMessage(self.tr("Waiting for a supervisor's approval: %1 is not recorded until approved (%2).")
                            .replace("%1", self._what(outcome)).replace("%2", say(outcome.needs_approval)))
            return
        bar.showMessage(self.tr("Recorded."), 4_000)

    def ask(self, outcome: Outcome) -> ApprovalDialog:
        """The supervisor's approval on the spot, with their own password; Later leaves the request waiting."""
        dialog = ApprovalDialog(self.window.issue_desk, outcome, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.decided(dialog, outcome))
        dialog.open()
        return dialog

    def decided(self, dialog: ApprovalDialog, outcome: Outcome) -> None:
        window = self.window
        window.issues.refresh_issues()
        window.issues.refresh_trouble()
        bar = window.statusBar()
        what = self._what(outcome)
        if dialog.decided == "approved":
            bar.showMessage(self.tr("Approved by %1: %2 recorded.").replace("%1", dialog.decided_by)
                            .replace("%2", what), 15_000)
        elif dialog.decided == "refused":
            bar.showMessage(self.tr("Refused by %1: %2 not recorded.").replace("%1", dialog.decided_by)
                            .replace("%2", what), 15_000)
        else:
            bar.showMessage(self.tr("Waiting for a supervisor's approval: %1 is not recorded until approved.")
                            .replace("%1", what))
