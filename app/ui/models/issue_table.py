"""The issue list's rows: one issue a row, its follow-up in red and bold when it is overdue, urgent ones bold."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QWidget

from app.store.records import IssueRecord

from app.desk.issues import OPEN_STATES

from app.ui.buyer_text import tooltip
from app.ui.labels import label
from app.ui.models.record_table import OVERDUE, RecordTable, local_minute

Index = QModelIndex | QPersistentModelIndex


class IssueTable(RecordTable[IssueRecord]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([self.tr("No."), self.tr("Follow up"), self.tr("Stage"), self.tr("Category"),
                          self.tr("Severity"), self.tr("State"), self.tr("Order no."), self.tr("Buyer"),
                          self.tr("Owner"), self.tr("Opened"), self.tr("Note")], parent)

    @property
    def issues(self) -> list[IssueRecord]:
        return self.rows

    def overdue(self, issue: IssueRecord) -> bool:
        return (issue.state in OPEN_STATES and issue.follow_up_at is not None
                and issue.follow_up_at.astimezone() <= self.now.astimezone())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        issue = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(issue.id), local_minute(issue.follow_up_at), label(issue.stage), label(issue.category),
                    label(issue.severity), label(issue.state), issue.order_no, issue.buyer_nick, issue.owner,
                    local_minute(issue.opened_at), issue.note.replace("\n", " "))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 10:
            return tooltip(issue.note)  # often a buyer's words pasted in: shown as written, never as markup
        late = self.overdue(issue)
        if role == Qt.ItemDataRole.ForegroundRole and late and index.column() == 1:
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.FontRole and (late and index.column() == 1 or
                                                 issue.severity == "urgent" and index.column() == 4):
            font = QFont()
            font.setBold(True)
            return font
        return None
