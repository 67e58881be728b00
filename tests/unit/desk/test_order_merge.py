"""An order export merged into orders the shop's gateway already sent: the shop's data wins wherever it has a value
(the buyer id that links the order to its chat, SKU, price, weight, ship-by time, amount), the export fills what the
shop left empty, and every field where the two differ is listed in the dry run and counted in its summary. An order
only an export ever wrote is updated by a newer export, and an empty cell never erases a value."""

from datetime import UTC, datetime, timedelta

import pytest

from app.store.engine import open_store

from app.desk.order_import import contact, plan_import, run_import

from app import config, domain
from app.cli.main import main

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
NO = "3912345678901234567"
SHIP_BY = NOW + timedelta(days=2)
SHOP_ORDER = domain.Order(NO, "b1", (domain.OrderItem("SKU-42-WB", "小鹿运动鞋 白蓝", 1, 12900, 420),), 12900, "等待发货",
                          datetime(2026, 11, 20, 2, 11, tzinfo=UTC), "", "", "浙江省杭州市文三路88号", SHIP_BY)
HEADER = "订单编号,买家会员名,买家支付宝账号,买家实际支付金额,订单状态,收货人姓名,收货地址,联系手机,宝贝标题,订单创建时间,物流单号,物流公司\n"


def export(amount: str = "120.00", status: str = "等待发货", tracking: str = "73123456789012",
           courier: str = "中通快递", phone: str = "13800000000") -> bytes:
    created = SHOP_ORDER.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    return (HEADER + f"{NO},tb_小美妈妈,xm@example.com,{amount},{status},王小美,浙江省 杭州市 文三路88号,{phone},"
            f"小鹿运动鞋 白蓝,{created},{tracking},{courier}\n").encode("gbk")


@pytest.fixture
def store():
    s = open_store(config.store_path())
    s.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_小美妈妈"), "active", NOW))
    s.upsert_orders([SHOP_ORDER], NOW)  # the gateway's order.updated, at the same moment as the imports below
    yield s
    s.close()


def test_the_shops_order_keeps_its_data_and_the_export_fills_only_its_gaps(store):
    plan = plan_import(store, export(), "csv", now=NOW)
    assert (plan.new, plan.updated) == (0, 1)
    assert [(c.line, c.field, c.shop, c.export) for c in plan.conflicts] == [(2, "amount", "¥129.00", "¥120.00")]
    run_import(store, plan, now=NOW)
    order = store.order(NO)
    assert order.buyer_id == "b1" and store.orders_for_buyer("b1") == [order]  # still the chat's order
    assert order.items == SHOP_ORDER.items  # SKU, price and weight: what the weight check and refunds use
    assert (order.amount_fen, order.ship_by, order.address) == (12900, SHIP_BY, SHOP_ORDER.address)
    assert (order.courier, order.tracking_no) == ("中通快递", "73123456789012")  # the shop had none: filled
    assert contact(store, NO) == {"buyer_nick": "tb_小美妈妈", "real_name": "王小美", "alipay": "xm@example.com",
                                  "phone": "13800000000"}

    again = plan_import(store, export(status="卖家已发货"), "csv", now=NOW)  # still the shop's order
    assert [c.field for c in again.conflicts] == ["amount", "status"]
    run_import(store, again, now=NOW)
    assert store.order(NO).status == "等待发货" and store.order(NO).amount_fen == 12900


def test_the_gateways_next_word_wins_over_what_the_export_filled(store):
    run_import(store, plan_import(store, export(), "csv", now=NOW), now=NOW)
    shipped = domain.Order(*[getattr(SHOP_ORDER, f) for f in ("no", "buyer_id", "items", "amount_fen")], "已发货",
                           SHOP_ORDER.created_at, "顺丰速运", "SF1001", SHOP_ORDER.address, SHIP_BY)
    store.upsert_orders([shipped], NOW + timedelta(hours=1))
    plan = plan_import(store, export(), "csv", now=NOW + timedelta(hours=2))
    assert {(c.field, c.shop, c.export) for c in plan.conflicts} >= {("courier", "顺丰速运", "中通快递"),
                                                                     ("tracking_no", "SF1001", "73123456789012")}
    run_import(store, plan, now=NOW + timedelta(hours=2))
    assert (store.order(NO).courier, store.order(NO).tracking_no) == ("顺丰速运", "SF1001")


def test_the_dry_run_lists_each_conflict_and_counts_them(store, tmp_path, capsys):
    store.close()
    source = tmp_path / "ExportOrderList.csv"
    source.write_bytes(export(status="交易成功"))
    assert main(["orders", "import", str(source), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "0 new order(s), 1 to update, 2 conflict(s) with the shop's data, 0 bad row(s)" in out
    assert (f"line 2: order {NO}: 买家实际支付金额 is '¥129.00' at the shop, '¥120.00' in the export: the shop's is "
            "kept") in out
    assert "订单状态 is '等待发货' at the shop, '交易成功' in the export" in out


def test_a_buyer_the_shop_knows_by_another_nick_is_a_conflict(store):
    plan = plan_import(store, export().decode("gbk").replace("tb_小美妈妈", "tb_别人").encode("gbk"), "csv", now=NOW)
    assert ("buyer_nick", "tb_小美妈妈", "tb_别人") in {(c.field, c.shop, c.export) for c in plan.conflicts}


def test_an_order_only_an_export_wrote_is_updated_and_an_empty_cell_erases_nothing(tmp_path):
    store = open_store(tmp_path / "companion.db")  # companion mode: no gateway, the exports are the orders
    run_import(store, plan_import(store, export(), "csv", now=NOW), now=NOW)
    later = plan_import(store, export(amount="119.00", status="卖家已发货", tracking="", courier="", phone=""), "csv",
                        now=NOW + timedelta(days=1))
    assert (later.updated, later.conflicts) == (1, [])
    run_import(store, later, now=NOW + timedelta(days=1))
    order = store.order(NO)
    assert (order.buyer_id, order.status, order.amount_fen) == ("tb_小美妈妈", "卖家已发货", 11900)
    assert (order.courier, order.tracking_no) == ("中通快递", "73123456789012")  # the second export had none
    assert contact(store, NO)["phone"] == "13800000000"
    store.close()


def test_the_exports_pay_time_buyer_note_and_seller_memo_fill_what_the_shop_left_unsaid(store):
    """Taobao's 订单付款时间, 买家留言 and 订单备注 (the seller's memo) reach the order card: where the shop's gateway said
    nothing (an older gateway) the export's are written, where it said something its word is kept and listed."""
    from dataclasses import replace

    store.upsert_orders([replace(SHOP_ORDER, seller_memo="已补运费，发顺丰")], NOW)
    paid = SHOP_ORDER.created_at + timedelta(minutes=3)
    header = HEADER.strip() + ",订单付款时间,买家留言,订单备注\n"
    row = export().decode("gbk").split("\n")[1] + f",{paid.astimezone():%Y-%m-%d %H:%M:%S},请发顺丰 谢谢,改发圆通\n"
    plan = plan_import(store, (header + row).encode("gbk"), "csv", now=NOW)
    assert ("seller_memo", "已补运费，发顺丰", "改发圆通") in {(c.field, c.shop, c.export) for c in plan.conflicts}
    run_import(store, plan, now=NOW)
    order = store.order(NO)
    assert (order.paid_at, order.buyer_note, order.seller_memo) == (paid, "请发顺丰 谢谢", "已补运费，发顺丰")
    store.upsert_orders([replace(SHOP_ORDER, status="已发货")], NOW + timedelta(hours=1))  # says none of them
    order = store.order(NO)
    assert (order.status, order.paid_at, order.buyer_note, order.seller_memo) == (
        "已发货", paid, "请发顺丰 谢谢", "已补运费，发顺丰")
    later = plan_import(store, (header + row.replace(f"{paid.astimezone():%H:%M}", "23:59")).encode("gbk"), "csv",
                        now=NOW + timedelta(hours=2))
    [when] = [c for c in later.conflicts if c.field == "paid_at"]  # a time the two differ in, shown in local time
    assert (when.shop, when.export) == (f"{paid.astimezone():%Y-%m-%d %H:%M}", f"{paid.astimezone():%Y-%m-%d} 23:59")
