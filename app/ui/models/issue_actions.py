"""What was done on an issue, one action a line: when, what, the money, who, and whether it waits for approval or
was refused. Its words are the issue window's (one translation context)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from app.store.records import ActionRecord

from app.desk.money import yuan_text

from app.ui.labels import label
from app.ui.models.record_list import RecordList

Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate  # (lupdate finds the calls by this name)


def action_line(action: ActionRecord) -> str:
    money = f"  ¥{yuan_text(action.amount_fen)}" if action.amount_fen else ""
    status = {"awaiting_approval": translate("IssueDetails", "waiting for approval"),
              "refused": translate("IssueDetails", "refused")}.get(action.status, "")
    when = action.at.astimezone().strftime("%m-%d %H:%M")
    return f"{when}  {label(action.kind)}{money}  {action.by}  {status}".rstrip()


class IssueActions(RecordList[ActionRecord]):
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        action = self.row_at(index)
        return action_line(action) if action is not None and role == Qt.ItemDataRole.DisplayRole else None
