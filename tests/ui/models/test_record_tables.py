"""The read-only record tables (app/ui/models/record_table.py and the tables built on it: the issue list, the
worklist, the owner's review and the KPI dashboard) as Qt models, with rows in them: Qt's model checks pass, and
what the cells say and how they are coloured."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QModelIndex, Qt

from app.store.records import IssueRecord

from app.desk.kpis import Figures
from app.desk.review import ChatRow
from app.desk.worklist import WorkItem

from app.ui.models.chat_table import SLOW, ChatTable
from app.ui.models.issue_table import IssueTable
from app.ui.models.kpi_table import COLUMNS, KpiTable
from app.ui.models.record_table import OVERDUE, local_minute
from app.ui.models.work_model import WorkModel

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
DISPLAY, FOREGROUND = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole


def issue(number: int, follow_up_at: datetime | None, severity: str = "normal", state: str = "open") -> IssueRecord:
    return IssueRecord(number, "after_sale", "refund", severity, f"10{number}", "b1", "tb_小美妈妈", "c1", "小李", state,
                       "买家说<b>鞋子</b>开胶", (), follow_up_at, None, NOW - timedelta(days=1), None)


def colour(model, row: int, column: int) -> str | None:  # noqa: ANN001
    brush = model.index(row, column).data(FOREGROUND)
    return brush.color().name() if brush is not None else None


def test_the_issue_table_passes_qts_checks_and_an_overdue_follow_up_is_red(qtmodeltester):
    model = IssueTable()
    model.set_rows([issue(1, NOW - timedelta(hours=1)), issue(2, NOW + timedelta(hours=1), "urgent"),
                    issue(3, NOW - timedelta(hours=1), state="resolved")], NOW)
    qtmodeltester.check(model)
    assert model.columnCount() == 11 and model.headerData(0, Qt.Orientation.Horizontal) == "No."
    assert [model.index(r, 0).data() for r in range(3)] == ["1", "2", "3"]
    assert model.index(0, 1).data() == local_minute(NOW - timedelta(hours=1))
    assert colour(model, 0, 1) == OVERDUE.name() and colour(model, 1, 1) is None
    assert colour(model, 2, 1) is None  # resolved: nothing is overdue any more
    assert model.index(1, 4).data(Qt.ItemDataRole.FontRole).bold()  # urgent
    assert model.row_at(model.index(1, 0)).id == 2 and model.row_at(QModelIndex()) is None
    model.set_rows([], NOW)
    assert model.rowCount() == 0


def test_the_worklist_passes_qts_checks_and_an_overdue_step_is_red(qtmodeltester):
    model = WorkModel()
    late = WorkItem(issue(1, None), "phone", NOW - timedelta(minutes=5), 2, NOW - timedelta(hours=2), "138****0000")
    later = WorkItem(issue(2, None), "message", NOW + timedelta(hours=3), 0, None, "")
    model.set_rows([late, later], NOW)
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in (1, 5, 6)] == ["To phone", "138****0000", "2"]
    assert colour(model, 0, 0) == OVERDUE.name() and colour(model, 1, 0) is None
    assert model.index(1, 0).data(Qt.ItemDataRole.UserRole) is later


def test_the_review_chat_list_passes_qts_checks_and_slow_answers_are_red(qtmodeltester):
    model = ChatTable([str(c) for c in range(11)])
    model.who = {"a1": "小李"}.get
    slow = ChatRow("c1", "tb_小美妈妈", ("a1",), NOW, 6, 55.4, 2, True, 1, 0, True, False, 80)
    calm = ChatRow("c2", "jd_阿强", ("a1",), NOW, 2, 12.0, 0, False, 0, 1, False, False, None)
    model.set_rows([slow, calm], NOW)
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(11)] == [
        local_minute(NOW), "tb_小美妈妈", "小李", "6", "55", "2", "●", "1", "", "●", "80"]
    assert colour(model, 0, 5) == SLOW.name() and colour(model, 0, 6) == SLOW.name()
    assert colour(model, 1, 5) is None and model.index(1, 10).data() == ""


def test_the_kpi_table_passes_qts_checks_and_reads_each_figure(qtmodeltester):
    model = KpiTable(["Agent", "Period", *(title for title, _value in COLUMNS)])
    model.who = {"a1": "小李"}.get
    figures = Figures("a1", date(2026, 11, 24), served={"c1", "c2"}, first_times=[10.0, 20.0, 30.0], refunds=1,
                      refund_fen=500)
    model.set_rows([figures, Figures("a1", date(2026, 11, 25))], NOW)
    qtmodeltester.check(model)
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row[:4] == ["小李", "2026-11-24", "2", "20"]
    assert row[2 + [t for t, _v in COLUMNS].index("Refunded (¥)")] == "5.00"
    assert model.index(1, 3).data() == ""  # no answers that day: no median
    assert model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)

