"""The robot's answers of a day for the owner to review: when, the buyer, what they asked, what the robot answered,
by which rule, and what the buyer wrote next. A line break reads " / " in its cell; the tool tip shows the text
whole, as typed (never as markup). Its words are the review dialog's (one translation context)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from app.desk.robot import RobotReview

from app.ui.buyer_text import tooltip
from app.ui.models.record_table import RecordTable

Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate  # (lupdate finds the calls by this name)


class RobotAnswers(RecordTable[RobotReview]):
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        review = self.row_at(index)
        if review is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        value = (review.at.astimezone().strftime("%H:%M:%S"), review.buyer_nick, review.question, review.answer,
                 review.rule, review.then or translate("RobotReviewDialog", "(nothing yet)"))[index.column()]
        return value.replace("\n", " / ") if role == Qt.ItemDataRole.DisplayRole else tooltip(value)
