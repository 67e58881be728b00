"""The KPI dashboard's rows: one agent and period a row, a column per figure (docs/kpis.md); COLUMNS is also what
the dashboard's chart plots."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt

from app.desk.kpis import Figures
from app.desk.money import Money

from app.ui.models.record_table import RecordTable

Index = QModelIndex | QPersistentModelIndex

# (title, value of a row) for each column; the chart plots one of them. An amount is a Money: its cell reads 5.00
COLUMNS: tuple[tuple[str, Callable[[Figures], float | Money | None]], ...] = (
    (QT_TRANSLATE_NOOP("KpiWindow", "Served"), lambda f: len(f.served)),
    (QT_TRANSLATE_NOOP("KpiWindow", "First answer, median (s)"), lambda f: f.first_median),
    (QT_TRANSLATE_NOOP("KpiWindow", "First answer, p90 (s)"), lambda f: f.first_p90),
    (QT_TRANSLATE_NOOP("KpiWindow", "Answer, mean (s)"), lambda f: f.mean),
    (QT_TRANSLATE_NOOP("KpiWindow", "Answer, median (s)"), lambda f: f.median),
    (QT_TRANSLATE_NOOP("KpiWindow", "Answer, p90 (s)"), lambda f: f.p90),
    (QT_TRANSLATE_NOOP("KpiWindow", "First within 30 s (%)"), lambda f: None if f.first_within_30 is None else 100 * f.first_within_30),
    (QT_TRANSLATE_NOOP("KpiWindow", "Within 40 s (%)"), lambda f: None if f.within_40 is None else 100 * f.within_40),
    (QT_TRANSLATE_NOOP("KpiWindow", "Closed with buyer last"), lambda f: len(f.closed_buyer_last)),
    (QT_TRANSLATE_NOOP("KpiWindow", "Conversion (%)"), lambda f: None if f.conversion is None else 100 * f.conversion),
    (QT_TRANSLATE_NOOP("KpiWindow", "Refunds"), lambda f: f.refunds),
    (QT_TRANSLATE_NOOP("KpiWindow", "Refunded (¥)"), lambda f: Money(f.refund_fen)),
    (QT_TRANSLATE_NOOP("KpiWindow", "Returns"), lambda f: f.returns),
    (QT_TRANSLATE_NOOP("KpiWindow", "Reships"), lambda f: f.reships),
    (QT_TRANSLATE_NOOP("KpiWindow", "Bad reviews changed"), lambda f: f.reviews_changed),
    (QT_TRANSLATE_NOOP("KpiWindow", "Quality score"), lambda f: f.quality),
)

class KpiTable(RecordTable[Figures]):
    who: Callable[[str], str] = str  # an agent id as the owner reads it (the window sets it)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index)
        if row is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if column >= 2 else None
        if column == 0:
            return self.who(row.agent)
        if column == 1:
            return row.period.isoformat()
        value = COLUMNS[column - 2][1](row)
        if value is None:
            return ""
        if isinstance(value, Money):
            return str(value)
        return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
