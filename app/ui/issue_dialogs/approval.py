"""A supervisor's approval (or refusal) of an over-limit action, on the spot, with their own password."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from app.desk.issues import IssueDesk, Outcome
from app.desk.money import yuan_text
from app.desk.refused import IssueRefused

from app.ui.issue_dialogs.common import refusal
from app.ui.labels import label, say
from app.ui.supervisor_fields import SupervisorFields


class ApprovalDialog(QDialog):
    """A supervisor approves (or refuses) an over-limit action on the spot with their own password."""

    def __init__(self, desk: IssueDesk, outcome: Outcome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.outcome = desk, outcome
        self.decided = ""
        self.decided_by = ""  # the supervisor who decided
        self.setWindowTitle(self.tr("Supervisor approval"))
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #C0392B")
        form = QFormLayout(self)
        why = QLabel(self.tr("%1 of ¥%2 needs approval: %3").replace("%1", label(outcome.action.kind))
                     .replace("%2", yuan_text(outcome.action.amount_fen)).replace("%3", say(outcome.needs_approval)))
        why.setWordWrap(True)
        form.addRow(why)
        fields = SupervisorFields(form)
        self.supervisor, self.password = fields.supervisor, fields.password
        form.addRow(self.problem)
        buttons = QDialogButtonBox()
        self.approve_button = buttons.addButton(self.tr("&Approve"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.refuse_button = buttons.addButton(self.tr("&Refuse"), QDialogButtonBox.ButtonRole.DestructiveRole)
        later = buttons.addButton(self.tr("&Later"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setToolTip(self.tr("The request waits; it counts for nothing until a supervisor approves it"))
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.refuse_button.clicked.connect(lambda: self.decide(False))
        later.clicked.connect(self.reject)
        form.addRow(buttons)

    def decide(self, approve: bool) -> None:
        try:
            decided = self.desk.approve(self.outcome.action.id, self.supervisor.text().strip(), self.password.text(),
                                        approve=approve)
        except IssueRefused as refused:
            self.problem.setText(refusal(refused))
            self.password.clear()
            return
        finally:
            self.password.clear()  # never kept in the widget
        self.decided = "approved" if approve else "refused"
        self.decided_by = decided.decided_by
        self.accept()
