"""A new issue, opened from a chat (buyer, order and the selected messages come with it) or from an order no. alone
typed or pasted in companion mode."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.store.records import IssueRecord

from app.desk.issues import CATEGORIES, SEVERITIES, STAGES, IssueDesk
from app.desk.refused import IssueRefused

from app.ui.dialog_buttons import ok_cancel
from app.ui.issue_dialogs.common import refusal
from app.ui.labels import label, problem_label
from app.ui.text_size import lines_high


class NewIssueDialog(QDialog):
    """Buyer, order and the selected messages come from the chat; typed or pasted in companion mode."""

    def __init__(self, desk: IssueDesk, *, buyer_nick: str = "", buyer_id: str = "", conversation_id: str = "",
                 orders: Sequence[str] = (), evidence: Sequence[int] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.buyer_id, self.conversation_id, self.evidence = buyer_id, conversation_id, tuple(evidence)
        self.created: IssueRecord | None = None
        self.setWindowTitle(self.tr("New issue"))
        self.stage = QComboBox()
        for stage in STAGES:
            self.stage.addItem(label(stage), stage)
        self.category = QComboBox()
        self.severity = QComboBox()
        for severity in SEVERITIES:
            self.severity.addItem(label(severity), severity)
        self.severity.setCurrentIndex(SEVERITIES.index("normal"))
        self.order = QComboBox()
        self.order.setEditable(True)  # an order no. typed or pasted from the marketplace's own client
        self.order.addItems(list(orders))
        self.buyer = QLineEdit(buyer_nick)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(lines_high(self.note, 5))
        self.follow_up = QDateTimeEdit(QDateTime.currentDateTime().addSecs(24 * 3600))
        self.follow_up.setCalendarPopup(True)
        self.follow_up.setAccessibleName(self.tr("Follow-up time"))  # its row's caption is a check box, not a label
        self.use_follow_up = QCheckBox(self.tr("Follow up"))
        self.problem = problem_label()
        form = QFormLayout(self)
        form.addRow(self.tr("&Stage"), self.stage)
        form.addRow(self.tr("&Category"), self.category)
        form.addRow(self.tr("Se&verity"), self.severity)
        form.addRow(self.tr("&Order no."), self.order)
        form.addRow(self.tr("&Buyer"), self.buyer)
        form.addRow(self.tr("&Note"), self.note)
        form.addRow(self.use_follow_up, self.follow_up)
        if evidence:
            form.addRow("", QLabel(self.tr("%n selected message(s) kept as evidence", "", len(evidence))))
        form.addRow(self.problem)
        buttons = ok_cancel(self, self.create)
        form.addRow(buttons)
        self.stage.currentIndexChanged.connect(self._fill_categories)
        self.stage.setCurrentIndex(STAGES.index("after_sale") if conversation_id else 0)
        self._fill_categories()

    def _fill_categories(self) -> None:
        self.category.clear()
        for category in CATEGORIES[self.stage.currentData()]:
            self.category.addItem(label(category), category)

    def create(self) -> None:
        follow_up = self.follow_up.dateTime().toPython() if self.use_follow_up.isChecked() else None
        if isinstance(follow_up, datetime) and follow_up.tzinfo is None:
            follow_up = follow_up.astimezone()
        try:
            self.created = self.desk.open_issue(
                stage=self.stage.currentData(), category=self.category.currentData(),
                severity=self.severity.currentData(), order_no=self.order.currentText().strip(),
                buyer_id=self.buyer_id, buyer_nick=self.buyer.text().strip(), conversation_id=self.conversation_id,
                note=self.note.toPlainText().strip(), evidence=self.evidence, follow_up_at=follow_up)
        except IssueRefused as refused:
            self.problem.setText(refusal(refused))
            return
        self.accept()
