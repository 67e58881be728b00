"""The shop's limits for agents (price rounding, partial refunds, gifts), changed on the spot by a supervisor with
their own password; the desk checks the values and writes the change to the audit log."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.desk.issues import IssueDesk
from app.desk.money import yuan_text
from app.desk.policy import parse_policy
from app.desk.refused import IssueRefused

from app.ui.dialog_buttons import ok_cancel
from app.ui.labels import problem_label, say
from app.ui.supervisor_fields import SupervisorFields


def _percent(value: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0.1, 100.0)
    box.setDecimals(1)
    box.setSingleStep(0.5)
    box.setSuffix(" %")
    box.setValue(value * 100)
    return box


class PolicyDialog(QDialog):
    def __init__(self, desk: IssueDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle(self.tr("Limits for agents"))
        policy = desk.policy
        self.rounding_share = _percent(policy.rounding_max_share)
        self.rounding_per_day = QSpinBox()
        self.rounding_per_day.setRange(0, 100)
        self.rounding_per_day.setValue(policy.rounding_per_day)
        self.refund_max = QLineEdit(yuan_text(policy.partial_refund_max_fen))
        self.refund_share = _percent(policy.partial_refund_max_share)
        self.gift_max = QLineEdit(yuan_text(policy.gift_max_fen))
        self.problem = problem_label("policyProblem")
        form = QFormLayout(self)
        intro = QLabel(self.tr("Over these limits an agent's action waits for a supervisor's approval and counts for "
                               "nothing until approved."))
        intro.setWordWrap(True)
        form.addRow(intro)
        form.addRow(self.tr("Price &rounding, at most"), self.rounding_share)
        form.addRow(self.tr("Roundings per agent per &day"), self.rounding_per_day)
        form.addRow(self.tr("Partial re&fund, at most (yuan)"), self.refund_max)
        form.addRow(self.tr("Partial refund, at most (s&hare of the order)"), self.refund_share)
        form.addRow(self.tr("&Gift or coupon, at most (yuan)"), self.gift_max)
        fields = SupervisorFields(form)
        self.supervisor, self.password = fields.supervisor, fields.password
        form.addRow(self.problem)
        form.addRow(ok_cancel(self, self.save, save=True))

    def save(self) -> None:
        try:
            policy = parse_policy({"rounding_max_share": f"{self.rounding_share.value()}%",
                                   "rounding_per_day": self.rounding_per_day.value(),
                                   "partial_refund_max_fen": self.refund_max.text(),
                                   "partial_refund_max_share": f"{self.refund_share.value()}%",
                                   "gift_max_fen": self.gift_max.text()}, self.desk.policy)
            self.desk.set_policy(policy, self.supervisor.text().strip(), self.password.text())
        except IssueRefused as refused:
            self.problem.setText(self.tr("Not saved: %1").replace("%1", say(refused.reason)))
            self.password.clear()
            return
        self.accept()
