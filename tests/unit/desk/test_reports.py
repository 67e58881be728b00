"""The floor's tables from the issues: the right rows for the local day, DOMAIN.md's columns, exact money,
and XLSX files that open (openpyxl reads back the same values)."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook

from app import config
from app.cli import main
from app.desk.issues import IssueDesk
from app.desk.money import Money
from app.desk.reports import Reports, write_xlsx
from app.gateway import schema
from app.store.engine import open_store
from tests.conftest import as_excel_kept

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)  # 11:00 in China
ORDER = schema.Order("3912345678901234567", "b1", (schema.OrderItem("S1", "小鹿运动鞋", 1, 12900),), 12900,
                     "交易成功", NOW - timedelta(days=3), "中通快递", "7312", "浙江省杭州市文三路88号")
DAY = NOW.astimezone().strftime("%Y-%m-%d")


@pytest.fixture
def store():
    s = open_store(config.store_path())
    s.upsert_orders([ORDER], NOW)
    yield s
    s.close()


def day_of_work(store) -> IssueDesk:
    clock = [NOW]
    desk = IssueDesk(store, "小李", clock=lambda: clock[0])
    issue = desk.open_issue(stage="after_sale", category="missing_item", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
    desk.act(issue.id, "partial_refund", {"amount": "5.90", "reason": "少发袜子", "real_name": "王小美",
                                          "alipay": "xm@example.com"})
    desk.act(issue.id, "partial_refund", {"amount": "50", "reason": "等审批"})  # over the cap: not in the table
    desk.act(issue.id, "reship", {"items": "袜子×1", "reason": "少发", "courier": "中通快递", "new_tracking_no": "7399"})
    desk.act(issue.id, "return", {"shipping_paid_by": "buyer", "reason": "尺码小", "return_tracking_no": "SF1"})
    clock[0] = NOW + timedelta(days=1)  # tomorrow's refund is tomorrow's table
    desk.act(issue.id, "partial_refund", {"amount": "1", "reason": "明天的"})
    return desk


def test_the_refund_table_has_the_days_done_refunds_with_finances_columns(store):
    day_of_work(store)
    table = Reports(store).refunds(DAY)
    assert table.headers == ("旺旺名", "真名", "支付宝", "金额", "原因", "订单号", "时间")
    assert table.rows == [("tb_小美妈妈", "王小美", "xm@example.com", Money(590), "少发袜子", ORDER.no,
                           NOW.astimezone().strftime("%Y-%m-%d %H:%M:%S"))]


def test_reships_and_returns_carry_what_the_warehouse_needs(store):
    day_of_work(store)
    reports = Reports(store)
    assert reports.reships(DAY).rows == [(ORDER.no, "tb_小美妈妈", "浙江省杭州市文三路88号", "袜子×1", "少发", "中通快递", "7399")]
    assert reports.returns(DAY).rows == [(ORDER.no, "tb_小美妈妈", "小鹿运动鞋×1", "尺码小", "SF1", "买家", "否")]


def test_an_xlsx_opens_with_the_same_values_and_money_as_yuan(store, tmp_path):
    day_of_work(store)
    target = tmp_path / "out" / "退款.xlsx"
    write_xlsx(Reports(store).refunds(DAY), target)
    sheet = load_workbook(target).active
    assert sheet.title == "退款信息表"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("旺旺名", "真名", "支付宝", "金额", "原因", "订单号", "时间")
    assert rows[1][3] == pytest.approx(5.90) and sheet.cell(2, 4).number_format == "0.00"
    assert rows[1][5] == ORDER.no  # an 19-digit order no. stays text, not 3.91E+18
    assert not list(target.parent.glob("*.part"))


def test_the_cli_prints_or_writes_the_table_and_refuses_a_bad_date(store, tmp_path, capsys):
    day_of_work(store)
    assert main(["report", "reships", "--date", DAY]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split("\t") == ["订单号", "买家", "地址", "商品", "原因", "快递公司", "新运单号"] and len(out) == 2
    assert main(["report", "refunds", "--date", DAY, "--out", str(tmp_path / "r.xlsx")]) == 0
    assert "退款信息表: 1 row(s) written" in capsys.readouterr().out
    assert main(["report", "refunds", "--date", "24/11/2026"]) == 2
    assert "not a date such as 2026-11-24" in capsys.readouterr().err
    assert main(["report", "refunds", "--out", str(tmp_path / "r.csv")]) == 2


def test_finances_result_sheet_marks_each_refund_matched_or_what_differs(store, tmp_path, capsys):
    from app.desk.reconcile import reconcile

    desk = day_of_work(store)
    other = desk.open_issue(stage="after_sale", category="damage", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
    desk.clock = lambda: NOW
    desk.act(other.id, "partial_refund", {"amount": "3", "reason": "破损", "alipay": "xm@example.com"})
    sheet = ("订单号,金额,支付宝\n"
             f"{ORDER.no},5.90,xm@example.com\n"
             f"{ORDER.no},3.50,xm@example.com\n"
             "1999999999999999999,8.00,who@example.com\n").encode("gbk")
    marks = reconcile(store, sheet, "csv", DAY, who="财务")
    assert [(m.result, m.detail) for m in marks] == [
        ("matched", ""), ("mismatched", "amount ¥3.00 → ¥3.50"), ("not_in_desk", "¥8.00")]
    assert [e.what for e in desk.repo.audit_log() if e.what.startswith("refund reconciled")] == [
        "refund reconciled: matched", "refund reconciled: mismatched"]
    path = tmp_path / "result.csv"
    path.write_bytes(sheet)
    assert main(["report", "refunds", "--date", DAY, "--reconcile", str(path)]) == 1
    assert "1 matched, 2 to look at" in capsys.readouterr().out


def test_finances_workbook_with_amounts_its_formulas_made_matches_the_refunds(store):
    from openpyxl import Workbook

    from app.desk.reconcile import reconcile

    desk = day_of_work(store)
    other = desk.open_issue(stage="after_sale", category="damage", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
    desk.clock = lambda: NOW
    desk.act(other.id, "partial_refund", {"amount": "2.97", "reason": "三双袜子各赔0.99"})
    book = Workbook()
    sheet = book.active
    sheet.append(["订单号", "金额"])
    sheet.append([ORDER.no, 5.9])
    sheet.append([ORDER.no, 2.97])
    data = io.BytesIO()
    book.save(data)
    # =0.99*3 in finance's sheet: Excel keeps the double it computed, 2.9699999999999998 (openpyxl would round it)
    marks = reconcile(store, as_excel_kept(data.getvalue(), {"2.97": "2.9699999999999998"}), "xlsx", DAY, who="财务")
    assert [(m.result, m.detail) for m in marks] == [("matched", ""), ("matched", "")]



def test_a_refund_approved_the_next_day_is_in_that_days_table_and_in_no_other(store):
    IssueDesk(store, "店长", clock=lambda: NOW).add_profile("店长", "supervisor", "secret-1")
    clock = [NOW]
    desk = IssueDesk(store, "小李", clock=lambda: clock[0])
    issue = desk.open_issue(stage="after_sale", category="damage", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
    asked = desk.act(issue.id, "partial_refund", {"amount": "50", "reason": "鞋底开胶"})  # over the agent's cap
    assert asked.needs_approval and Reports(store).refunds(DAY).rows == []  # the day's table, sent to finance
    clock[0] = NOW + timedelta(days=1)  # approved the next morning: payable from then
    desk.approve(asked.action.id, "店长", "secret-1")
    tomorrow = clock[0].astimezone().strftime("%Y-%m-%d")
    [row] = Reports(store).refunds(tomorrow).rows  # it was in no table finance ever got
    assert row[3] == Money(5000) and row[6] == clock[0].astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert Reports(store).refunds(DAY).rows == []  # the day's table made again does not pay it twice


def test_finances_sheet_in_its_own_order_still_matches_each_refund_of_an_order(store):
    from app.desk.reconcile import reconcile

    desk = day_of_work(store)  # ¥5.90 on the order
    other = desk.open_issue(stage="after_sale", category="damage", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
    desk.clock = lambda: NOW
    desk.act(other.id, "partial_refund", {"amount": "3", "reason": "破损"})
    sheet = f"订单号,金额\n{ORDER.no},3.00\n{ORDER.no},5.90\n".encode()  # sorted by amount, not by time
    marks = reconcile(store, sheet, "csv", DAY, who="财务")
    assert [(m.result, m.detail) for m in marks] == [("matched", ""), ("matched", "")]  # ¥5.90 → ¥3.00 and back
