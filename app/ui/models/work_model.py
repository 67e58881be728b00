"""The worklist's rows: one next step on a problem order a row (message, wait, phone, follow up), overdue ones red
and bold."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QWidget

from app.desk.worklist import WorkItem

from app.ui.labels import label
from app.ui.models.record_table import OVERDUE, RecordTable, local_minute

Index = QModelIndex | QPersistentModelIndex


def step_label(step: str) -> str:
    return {
        "message": QCoreApplication.translate("Worklist", "To message"),
        "waiting": QCoreApplication.translate("Worklist", "Waiting for an answer"),
        "phone": QCoreApplication.translate("Worklist", "To phone"),
        "follow_up": QCoreApplication.translate("Worklist", "Follow up"),
    }.get(step, step)


class WorkModel(RecordTable[WorkItem]):
    """The worklist as a table; rebuilt as a whole when the list is recomputed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([self.tr("Due"), self.tr("Step"), self.tr("Category"), self.tr("Order no."),
                          self.tr("Buyer"), self.tr("Phone"), self.tr("Attempts"), self.tr("Last contact"),
                          self.tr("Detail")], parent)

    @property
    def items(self) -> list[WorkItem]:
        return self.rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            issue = item.issue
            return (local_minute(item.due_at), step_label(item.step), label(issue.category), issue.order_no,
                    issue.buyer_nick, item.phone, str(item.attempts), local_minute(item.last_contact_at),
                    issue.note)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 8:
            return item.issue.note
        overdue = item.overdue(self.now)
        if role == Qt.ItemDataRole.ForegroundRole and overdue and index.column() in (0, 1):
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.FontRole and overdue and index.column() in (0, 1):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None
