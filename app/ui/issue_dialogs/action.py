"""A typed action recorded on an issue (refund, reship, return…): a form built from the action's field list, the
agent's limit shown before anything is recorded, and the desk's refusal when it says no."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QCoreApplication, QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.store.records import IssueRecord

from app.desk.action_fields import ACTION_FIELDS, Field
from app.desk.issues import MONEY_KINDS, IssueDesk, Outcome
from app.desk.money import parse_yuan, yuan_text
from app.desk.refused import IssueRefused

from app.ui.dialog_buttons import ok_cancel
from app.ui.issue_dialogs.common import issue_line, refusal
from app.ui.labels import label, problem_label, say


def _input(spec: Field) -> QWidget:
    if spec.kind == "bool":
        return QCheckBox()
    if spec.kind == "choice":
        box = QComboBox()
        for choice in spec.choices:
            box.addItem(label(choice), choice)
        return box
    if spec.kind == "int":
        spin = QSpinBox()
        spin.setRange(spec.low if spec.low is not None else 0, spec.high if spec.high is not None else 1_000_000)
        return spin
    if spec.kind == "time":
        edit = QDateTimeEdit(QDateTime.currentDateTime().addSecs(int(timedelta(days=1).total_seconds())))
        edit.setCalendarPopup(True)
        return edit
    edit = QLineEdit()
    if spec.kind == "money":
        edit.setPlaceholderText("12.50")
    if spec.kind == "list":
        edit.setPlaceholderText(QCoreApplication.translate("IssueLabel", "separated by commas"))
    return edit


class ActionDialog(QDialog):
    """A form built from the action's field list; the desk checks it, the dialog shows why it refused."""

    def __init__(self, desk: IssueDesk, issue: IssueRecord, kind: str, parent: QWidget | None = None,
                 approve: Callable[[Outcome], bool] | None = None, preset: dict[str, object] | None = None) -> None:
        super().__init__(parent)
        self.desk, self.issue, self.kind = desk, issue, kind
        self.approve = approve
        self.outcome: Outcome | None = None
        self.setWindowTitle(self.tr("%1 — issue #%2").replace("%1", label(kind)).replace("%2", str(issue.id)))
        self.inputs: dict[str, QWidget] = {}
        form = QFormLayout(self)
        form.addRow(QLabel(issue_line(issue)))
        if kind in MONEY_KINDS:
            flags = desk.flags(issue.id)
            if flags:
                warning = QLabel("⚠ " + "\n⚠ ".join(say(flag) for flag in flags))
                warning.setObjectName("actionFlags")
                warning.setTextFormat(Qt.TextFormat.PlainText)
                warning.setWordWrap(True)
                warning.setStyleSheet("color: #C0392B; font-weight: bold")
                form.addRow(warning)
        known = desk.prefill(issue.id, kind) | (preset or {})
        for spec in ACTION_FIELDS[kind]:
            widget = self.inputs[spec.name] = _input(spec)
            widget.setObjectName(spec.name)
            if spec.name in known and isinstance(widget, QLineEdit):
                value = known[spec.name]  # an amount comes as fen, and is typed (and read back) as yuan
                widget.setText(yuan_text(value) if spec.kind == "money" and isinstance(value, int) else str(value))
            elif spec.name in known and isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(known[spec.name])))
            elif spec.name in known and isinstance(widget, QCheckBox):
                widget.setChecked(bool(known[spec.name]))
            form.addRow(label(spec.name) + (" *" if spec.required else ""), widget)
        # the agent's limit before anything is recorded, and whether the amount typed goes over it
        self.limit = QLabel()
        self.limit.setObjectName("actionLimit")
        self.limit.setTextFormat(Qt.TextFormat.PlainText)
        self.limit.setWordWrap(True)
        self._limit = say(desk.limit(kind))
        self.problem = problem_label()
        form.addRow(self.problem)
        buttons = ok_cancel(self, self.record)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok_text = self.ok.text()
        amount = self.inputs.get("amount") or self.inputs.get("value")
        if self._limit and isinstance(amount, QLineEdit):
            form.insertRow(form.rowCount() - 1, self.limit)
            amount.textChanged.connect(lambda _text: self._show_limit())
            self._show_limit()
        form.addRow(buttons)

    def _show_limit(self) -> None:
        amount = self.inputs.get("amount") or self.inputs.get("value")
        over = ""
        if isinstance(amount, QLineEdit) and amount.text().strip():
            try:
                over = self.desk.over_limit(self.issue.id, self.kind, parse_yuan(amount.text()))
            except ValueError:  # not an amount yet: recording says what an amount looks like
                over = ""
        if over:
            self.limit.setText(self.tr("Over your limit: %1. A supervisor approves it before it is recorded; until "
                                       "then it counts for nothing.").replace("%1", say(over)))
            self.limit.setStyleSheet("color: #B9770E; font-weight: bold")
            self.ok.setText(self.tr("Ask a supervisor…"))
        else:
            self.limit.setText(self.tr("%1. Over it, a supervisor approves before anything is recorded.")
                               .replace("%1", self._limit[:1].upper() + self._limit[1:]))
            self.limit.setStyleSheet("color: #505050")
            self.ok.setText(self._ok_text)

    def values(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for spec in ACTION_FIELDS[self.kind]:
            widget = self.inputs[spec.name]
            if isinstance(widget, QCheckBox):
                out[spec.name] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                out[spec.name] = widget.currentData()
            elif isinstance(widget, QSpinBox):
                out[spec.name] = widget.value() if widget.value() or spec.required else None
            elif isinstance(widget, QDateTimeEdit):
                out[spec.name] = widget.dateTime().toPython()
            elif isinstance(widget, QLineEdit):
                text = widget.text().strip()
                out[spec.name] = [p.strip() for p in text.split(",") if p.strip()] if spec.kind == "list" else text
        return out

    def record(self) -> None:
        try:
            self.outcome = self.desk.act(self.issue.id, self.kind, self.values())
        except IssueRefused as refused:
            self.problem.setText(refusal(refused))
            return
        if self.outcome.needs_approval and self.approve is not None:
            self.approve(self.outcome)
        self.accept()
