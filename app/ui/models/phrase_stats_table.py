"""The phrase analytics tab's rows: one phrase a row, its uses, sends, edits, what the buyers did next, when it is
forgotten and the phrase it nearly duplicates (app/desk/phrase_analytics.py; docs/phrases.md)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from app.desk.phrase_analytics import NEVER, NO_LONGER, OUTCOMES, PhraseReport, PhraseStats

from app.ui.models.record_table import RecordTable

Index = QModelIndex | QPersistentModelIndex
StatsRole = Qt.ItemDataRole.UserRole + 1

HEADERS = (QT_TRANSLATE_NOOP("PhraseStatsTable", "Title"), QT_TRANSLATE_NOOP("PhraseStatsTable", "Group"),
           QT_TRANSLATE_NOOP("PhraseStatsTable", "Uses"), QT_TRANSLATE_NOOP("PhraseStatsTable", "Sent"),
           QT_TRANSLATE_NOOP("PhraseStatsTable", "Edited (%)"), QT_TRANSLATE_NOOP("PhraseStatsTable", "Paid"),
           QT_TRANSLATE_NOOP("PhraseStatsTable", "Asked again"), QT_TRANSLATE_NOOP("PhraseStatsTable", "Refund"),
           QT_TRANSLATE_NOOP("PhraseStatsTable", "Went quiet"), QT_TRANSLATE_NOOP("PhraseStatsTable", "By agent"),
           QT_TRANSLATE_NOOP("PhraseStatsTable", "Forgotten"), QT_TRANSLATE_NOOP("PhraseStatsTable", "Nearly the same as"))
TITLE, GROUP, USES, SENT, EDITED, *_OUTCOME_COLUMNS, BY_AGENT, FORGOTTEN, SIMILAR = range(len(HEADERS))
FORGOTTEN_TEXT = {NEVER: QT_TRANSLATE_NOOP("PhraseStatsTable", "never used"),
                  NO_LONGER: QT_TRANSLATE_NOOP("PhraseStatsTable", "not in these days")}


class PhraseStatsTable(RecordTable[PhraseStats]):
    def __init__(self, parent: object = None) -> None:
        super().__init__([QCoreApplication.translate("PhraseStatsTable", h) for h in HEADERS], parent)
        self.similar: dict[int, str] = {}  # phrase id → the titles of the phrases it nearly duplicates

    def show(self, report: PhraseReport) -> None:
        similar: dict[int, list[str]] = {}
        for pair in report.near:
            similar.setdefault(pair.phrase.id, []).append(pair.other.title)
            similar.setdefault(pair.other.id, []).append(pair.phrase.title)
        self.similar = {pid: "、".join(titles) for pid, titles in similar.items()}
        self.set_rows(report.stats, self.now)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index)
        if row is None:
            return None
        if role == StatsRole:
            return row
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if USES <= column < BY_AGENT \
                else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == TITLE:
            return row.phrase.title
        if column == GROUP:
            return row.phrase.group
        if column == USES:
            return str(row.uses)
        if column == SENT:
            return str(row.sent)
        if column == EDITED:
            return f"{100 * row.edited_share:.0f}" if row.sent else ""
        if column < BY_AGENT:
            return str(row.outcomes.get(OUTCOMES[column - EDITED - 1], 0))
        if column == BY_AGENT:
            return "、".join(f"{agent} {n}" for agent, n in row.by_agent.items())
        if column == FORGOTTEN:
            text = FORGOTTEN_TEXT.get(row.forgotten)
            return QCoreApplication.translate("PhraseStatsTable", text) if text else ""
        return self.similar.get(row.phrase.id, "")
