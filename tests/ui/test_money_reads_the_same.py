"""One refund of ¥5.00 reads 5.00 wherever it reaches a person: the printed reports (the refund table and the
KPIs), both workbooks (the number 5.00 in a 0.00 cell), the KPI dashboard, the daily tables' preview and the
issue's window. The KPI report and its workbook said 500 (fen) and the dashboard 5."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.store.engine import open_store

from app.desk.issues import IssueDesk
from app.desk.review import ReviewDesk

from app.ui.issue_dialogs.approval import ApprovalDialog
from app.ui.issue_dialogs.details import IssueDetails
from app.ui.kpi_window import KpiWindow
from app.ui.report_dialog import ReportDialog

from app import config, domain
from app.cli.main import main

NOW = datetime.now(UTC)
DAY = NOW.astimezone().date().isoformat()
ORDER = domain.Order("3912345678901234567", "b1", (domain.OrderItem("S1", "小鹿运动鞋", 1, 12900),), 12900,
                     "交易成功", NOW - timedelta(days=3))
REFUND_TABLE, KPI_COLUMN = "金额", "退款金额 refund amount"


def printed(capsys, args: list[str], column: str) -> str:
    assert main(args) == 0
    header, row = capsys.readouterr().out.splitlines()
    return row.split("\t")[header.split("\t").index(column)]


def workbook_cell(path, column: str):
    sheet = load_workbook(path).active
    headers = [cell.value for cell in sheet[1]]
    return sheet.cell(2, headers.index(column) + 1)


def test_one_refund_of_five_yuan_reads_5_00_everywhere(qtbot, tmp_path, capsys):
    store = open_store(config.store_path())  # the store `kefudesk report` opens too
    store.upsert_orders([ORDER], NOW)
    desk = IssueDesk(store, "小李", clock=lambda: NOW)
    issue = desk.open_issue(stage="after_sale", category="missing_item", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
    assert desk.act(issue.id, "partial_refund", {"amount": "5", "reason": "少发袜子"}).needs_approval == ""

    assert printed(capsys, ["report", "refunds", "--date", DAY], REFUND_TABLE) == "5.00"
    assert printed(capsys, ["report", "kpi", "--from", DAY], KPI_COLUMN) == "5.00"  # 500 before
    for args, column in ((["report", "refunds", "--date", DAY], REFUND_TABLE), (["report", "kpi", "--from", DAY],
                                                                                 KPI_COLUMN)):
        path = tmp_path / f"{args[1]}.xlsx"
        assert main([*args, "--out", str(path)]) == 0
        cell = workbook_cell(path, column)
        assert (cell.data_type, cell.value, cell.number_format) == ("n", 5, "0.00"), args  # the KPI's: 500.00

    dashboard = KpiWindow(ReviewDesk(store, "店长", clock=lambda: NOW), lambda *_args: None)
    qtbot.addWidget(dashboard)
    qtbot.waitUntil(lambda: dashboard.model.rowCount() == 1)
    headers = [dashboard.model.headerData(c, Qt.Orientation.Horizontal) for c in range(dashboard.model.columnCount())]
    assert dashboard.model.index(0, headers.index("Refunded (¥)")).data() == "5.00"  # 5 before

    tables = ReportDialog(store, "小李")
    qtbot.addWidget(tables)
    qtbot.waitUntil(lambda: tables.table is not None)
    shown = [tables.preview.model().headerData(c, Qt.Orientation.Horizontal) for c in range(tables.preview.model().columnCount())]
    assert tables.preview.model().index(0, shown.index(REFUND_TABLE)).data() == "5.00"

    window = IssueDetails(desk, desk.repo.issue(issue.id), lambda _image: None)
    qtbot.addWidget(window)
    assert [window.history.model().index(r).data() for r in range(window.history.model().rowCount())
            if "¥" in window.history.model().index(r).data()] == [f"{_local(NOW)}  Partial refund  ¥5.00  小李"]
    big = desk.act(issue.id, "partial_refund", {"amount": "50", "reason": "再退"})  # over the agent's ¥6.00
    approval = ApprovalDialog(desk, big)
    qtbot.addWidget(approval)
    assert any("Partial refund of ¥50.00 needs approval" in label.text() for label in approval.findChildren(QLabel))
    store.close()


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%m-%d %H:%M")
