"""The daily tables from the desk with real widgets: Ctrl+E shows today's refund table, saves it as an XLSX that
openpyxl reads back with the same values, and reconciles finance's result sheet, naming what differs."""

from datetime import timedelta
from decimal import Decimal

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.ui.report_dialog import ReportDialog

from app import domain
from tests.ui.conftest import NOW

ORDER = domain.Order("3912345678901234567", "b1", (domain.OrderItem("S1", "小鹿运动鞋", 1, 12900),), 12900,
                     "交易成功", NOW - timedelta(days=3))


def refund_today(window) -> None:
    window.session.store.upsert_orders([ORDER], NOW)
    desk = window.issue_desk
    issue = desk.open_issue(stage="after_sale", category="damage", order_no=ORDER.no, buyer_nick="tb_小美妈妈",
                            buyer_id="b1")
    outcome = desk.act(issue.id, "partial_refund", {"amount": "5.50", "reason": "鞋盒压坏", "real_name": "王小美",
                                                    "alipay": "xm@example.com"})
    assert outcome.needs_approval == ""


def open_reports(qtbot, window) -> ReportDialog:
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.findChild(ReportDialog), ReportDialog))
    dialog = window.findChild(ReportDialog)
    qtbot.waitUntil(lambda: dialog.table is not None)
    return dialog


def test_ctrl_e_shows_todays_refund_table_and_saves_it_as_xlsx_with_the_same_values(qtbot, desk, tmp_path):
    window = desk()
    refund_today(window)
    dialog = open_reports(qtbot, window)
    assert dialog.preview.model().rowCount() == 1
    assert [dialog.preview.model().index(0, c).data() for c in (0, 1, 3, 5)] == ["tb_小美妈妈", "王小美", "5.50", ORDER.no]
    target = tmp_path / "out" / "退款信息表.xlsx"
    dialog.save(target)
    qtbot.waitUntil(lambda: "Saved 1 row" in dialog.summary.text())
    sheet = load_workbook(target).active
    assert sheet.title == "退款信息表"
    row = [c.value for c in sheet[2]]
    assert row[:6] == ["tb_小美妈妈", "王小美", "xm@example.com", Decimal("5.50"), "鞋盒压坏", ORDER.no]
    assert sheet.cell(2, 4).number_format == "0.00"


def test_another_table_or_day_is_shown_when_picked_and_an_unwritable_target_is_named(qtbot, desk, tmp_path):
    window = desk()
    refund_today(window)
    dialog = open_reports(qtbot, window)
    dialog.day.setDate(dialog.day.date().addDays(-1))
    qtbot.waitUntil(lambda: dialog.table is not None and dialog.preview.model().rowCount() == 0)
    assert "0 row(s)" in dialog.summary.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("reships"))
    qtbot.waitUntil(lambda: dialog.table is not None and dialog.table.name == "补发表")
    assert not dialog.reconcile_button.isEnabled()
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder should be")
    dialog.save(blocked / "补发表.xlsx")
    qtbot.waitUntil(lambda: "Not saved" in dialog.summary.text())
    assert str(blocked) in dialog.summary.text()


def test_finances_sheet_is_reconciled_and_the_differing_amount_shown(qtbot, desk, tmp_path):
    window = desk()
    refund_today(window)
    dialog = open_reports(qtbot, window)
    sheet = tmp_path / "财务结果.csv"
    sheet.write_text(f"订单号,金额,支付宝\n{ORDER.no},5.00,xm@example.com\n1000000000000000009,3.00,x@y.z\n",
                     encoding="utf-8")
    dialog.reconcile_with(sheet)
    qtbot.waitUntil(lambda: "of 2 line(s) matched" in dialog.summary.text())
    rows = [[dialog.preview.model().index(r, c).data() for c in range(3)] for r in range(dialog.preview.model().rowCount())]
    assert rows[0] == [ORDER.no, "differs", "amount ¥5.50 → ¥5.00"]
    assert rows[1][:2] == ["1000000000000000009", "no such refund on the desk"]
    assert dialog.preview.model().index(0, 1).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c0392b"
