"""The colleagues a chat can be transferred to, as the shop lists them (online first): each with their role and
whether they are there; an offline one greyed. Its words are the transfer dialog's (one translation context)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from app.ui.models.record_list import RecordList

from app import domain

Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate  # (lupdate finds the calls by this name)


class ColleagueList(RecordList[domain.Colleague]):
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        colleague = self.row_at(index)
        if colleague is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            states = {"online": translate("TransferDialog", "online"),
                      "suspended": translate("TransferDialog", "suspended"),
                      "offline": translate("TransferDialog", "offline")}
            roles = {"agent": "", "supervisor": translate("TransferDialog", "supervisor")}
            extra = "、".join(x for x in (roles.get(colleague.role, ""), states.get(colleague.status, "")) if x)
            return f"{colleague.name}  ({extra})"
        if role == Qt.ItemDataRole.ForegroundRole and colleague.status == "offline":
            return QBrush(Qt.GlobalColor.gray)
        if role == Qt.ItemDataRole.UserRole:
            return colleague.id
        return None
