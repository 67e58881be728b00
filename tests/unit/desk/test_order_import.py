"""The marketplace's order export into the store: GBK or UTF-8 CSV and XLSX, Excel's ="…" guards, bad rows by
line, all-or-nothing, re-import updates, the column mapping remembered; and what it gives the refund table."""

import io
from datetime import UTC, datetime

import pytest
from openpyxl import Workbook

from app.store.engine import open_store

from app.desk.issues import IssueDesk
from app.desk.order_import import OrderFileError, contact, plan_import, run_import
from app.desk.reports import Reports

from app import config
from tests.conftest import as_excel_kept

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
TAOBAO = ("订单编号,买家会员名,买家支付宝账号,买家实际支付金额,订单状态,收货人姓名,收货地址,联系手机,宝贝标题,订单创建时间,物流单号,物流公司\n"
          '="3912345678901234567",tb_小美妈妈,xm@example.com,129.00,卖家已发货,王小美,浙江省杭州市文三路88号,'
          "13800000000,小鹿运动鞋 白蓝,2026-11-20 10:11:00,73123456789012,中通快递\n"
          "'1000000000000000001,糖糖爸爸,tt@example.com,29.9,买家已付款,李糖,上海市,13900000000,纯棉袜,2026-11-23 09:00,,\n"
          "ABC,坏行,x,1,?,?,?,?,?,2026-11-23 09:00,,\n"
          "1000000000000000002,金额坏,x,十二块,?,?,?,?,?,2026-11-23 09:00,,\n")


@pytest.fixture
def store():
    s = open_store(config.store_path())
    yield s
    s.close()


def test_a_taobao_export_in_gbk_is_read_with_its_bad_rows_named(store):
    plan = plan_import(store, TAOBAO.encode("gbk"), "csv", now=NOW)
    assert plan.encoding == "gb18030" and (plan.new, plan.updated) == (2, 0)
    first = plan.rows[0]
    assert first.order.no == "3912345678901234567" and first.order.amount_fen == 12900
    assert (first.receiver_name, first.alipay, first.phone) == ("王小美", "xm@example.com", "13800000000")
    assert first.order.created_at == datetime(2026, 11, 20, 10, 11).astimezone().astimezone(UTC)
    assert plan.rows[1].order.no == "1000000000000000001" and plan.rows[1].order.amount_fen == 2990
    assert [(r.line, r.reason.split(":")[0]) for r in plan.rejected] == [
        (4, "order no. 'ABC' is not a number"), (5, "'十二块' is not an amount")]


def test_importing_again_updates_and_never_duplicates(store):
    plan = plan_import(store, TAOBAO.encode("utf-8-sig"), "csv", now=NOW)
    assert run_import(store, plan, now=NOW) == 2
    changed = TAOBAO.replace("卖家已发货", "交易成功")
    again = plan_import(store, changed.encode("utf-8"), "csv", now=NOW)
    assert (again.new, again.updated) == (0, 2)
    run_import(store, again, now=NOW)
    assert store.order("3912345678901234567").status == "交易成功"
    assert len(store.orders_for_buyer("tb_小美妈妈")) == 1


def test_an_unknown_layout_names_what_is_missing_and_a_mapping_is_remembered(store):
    odd = "单号,旺旺,金额\n3912345678901234567,tb_小美妈妈,129\n".encode()
    with pytest.raises(OrderFileError, match="no column for no, buyer_nick.*--map no=订单编号"):
        plan_import(store, odd, "csv")
    plan = plan_import(store, odd, "csv", mapping={"no": "单号", "buyer_nick": "旺旺", "amount": "金额"})
    run_import(store, plan)
    assert plan_import(store, odd, "csv").updated == 1  # the mapping was remembered for this shop


def test_xlsx_exports_with_numbers_and_dates_in_cells(store):
    book = Workbook()
    sheet = book.active
    sheet.append(["订单编号", "买家会员名", "实付金额", "下单时间"])
    sheet.append(["3912345678901234567", "tb_小美妈妈", "129.00", datetime(2026, 11, 20, 10, 11)])
    out = io.BytesIO()
    book.save(out)
    plan = plan_import(store, out.getvalue(), "xlsx")
    assert plan.rows[0].order.amount_fen == 12900 and not plan.rejected
    with pytest.raises(OrderFileError, match="not an Excel .xlsx"):
        plan_import(store, b"\xd0\xcf\x11\xe0 xls", "xlsx")


def test_an_amount_a_formula_made_reads_as_the_sheet_shows_it(store):
    book = Workbook()
    sheet = book.active
    sheet.append(["订单编号", "买家会员名", "实付金额"])
    for no, amount in (("3912345678901234567", 59.7), ("3912345678901234568", 12.5), ("3912345678901234569", 129.0)):
        sheet.append([no, "tb_小美妈妈", amount])
    out = io.BytesIO()
    book.save(out)
    # three pairs at 19.90: Excel keeps =19.9*3 as the double it computed, 59.699999999999996, and shows 59.7
    plan = plan_import(store, as_excel_kept(out.getvalue(), {"59.7": "59.699999999999996"}), "xlsx")
    assert not plan.rejected, plan.rejected  # "'59.699999999999996' is not an amount" before
    assert [r.order.amount_fen for r in plan.rows] == [5970, 1250, 12900]


def test_the_refund_table_gets_the_real_name_and_alipay_from_the_export(store):
    run_import(store, plan_import(store, TAOBAO.encode("gbk"), "csv", now=NOW), now=NOW)
    desk = IssueDesk(store, "小李", clock=lambda: NOW)
    issue = desk.open_issue(stage="after_sale", category="missing_item", order_no="3912345678901234567")
    assert issue.buyer_id == "tb_小美妈妈"
    assert desk.prefill(issue.id, "partial_refund") == {"real_name": "王小美", "alipay": "xm@example.com"}
    desk.act(issue.id, "partial_refund", {"amount": "3", "reason": "少发"})
    [row] = Reports(store).refunds(NOW.astimezone().strftime("%Y-%m-%d")).rows
    assert row[:3] == ("tb_小美妈妈", "王小美", "xm@example.com")
    assert contact(store, "nope") == {}


def test_a_nul_from_a_workbook_is_refused_before_the_server_would(store):
    book = Workbook()
    book.active.append(["订单编号", "买家会员名", "收货地址"])
    book.active.append(["3912345678901234567", "tb_小美妈妈", "文三路_x0000_88号"])  # Excel's escape for U+0000
    out = io.BytesIO()
    book.save(out)
    plan = plan_import(store, out.getvalue(), "xlsx")
    assert [(r.line, r.reason) for r in plan.rejected] == [
        (2, "收货地址 holds a NUL character (\\x00), which the store cannot keep: not imported")]



def test_taobaos_pay_time_buyer_note_and_seller_memo_columns_reach_the_order_card(store):
    export = ("订单编号,买家会员名,买家实际支付金额,订单创建时间,订单付款时间,买家留言,订单备注,收货人姓名,联系手机\n"
              "3912345678901234567,tb_小美妈妈,129.00,2026-11-20 10:11:00,2026-11-20 10:14:30,不要放快递柜,老客户 送袜子,"
              "王小美,13800000000\n"
              "1000000000000000001,糖糖爸爸,29.90,2026-11-23 09:00,,,,,\n")
    plan = plan_import(store, export.encode("gbk"), "csv", now=NOW)
    assert {"paid_at": "订单付款时间", "buyer_note": "买家留言", "seller_memo": "订单备注"}.items() <= plan.mapping.items()
    run_import(store, plan, now=NOW)
    order = store.order("3912345678901234567")
    assert order.paid_at == datetime(2026, 11, 20, 10, 14, 30).astimezone().astimezone(UTC)
    assert (order.buyer_note, order.seller_memo) == ("不要放快递柜", "老客户 送袜子")
    assert (order.receiver_name, order.receiver_phone) == ("王小美", "13800000000")  # from the export's contact
    empty = store.order("1000000000000000001")
    assert (empty.paid_at, empty.buyer_note, empty.seller_memo) == (None, None, None)
