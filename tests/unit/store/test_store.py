import threading
from datetime import datetime

import pytest

from app.store.engine import open_store

from app import domain
from tests.unit.store.conftest import T0, at, buyer_says


def test_replaying_a_message_never_duplicates_it(store):
    first = store.ingest_message(buyer_says("m1", "在吗", 1))
    again = store.ingest_message(buyer_says("m1", "在吗", 1))
    assert first[1] is True and again[1] is False
    assert store.message_count("c1") == 1


def test_a_reply_and_its_echo_are_one_row_whichever_arrives_first(store):
    store.add_outgoing("c1", "亲，在的呢", "k1", at(2))
    store.mark_sent("k1", "m2", at(3))
    store.ingest_message(domain.Message("m2", "c1", "out", "亲，在的呢", at(3), "k1"))
    assert [(m.server_id, m.state) for m in store.messages("c1")] == [("m2", "sent")]

    store.add_outgoing("c1", "还有其他问题吗", "k2", at(4))
    store.ingest_message(domain.Message("m3", "c1", "out", "还有其他问题吗", at(5), "k2"))  # echo first
    store.mark_sent("k2", "m3", at(5))
    assert [(m.server_id, m.state) for m in store.messages("c1")] == [("m2", "sent"), ("m3", "sent")]
    assert store.outbox() == []


def test_the_buyers_clock_starts_at_the_first_unanswered_message_and_a_reply_stops_it(store):
    store.ingest_message(buyer_says("m1", "在吗", 10))
    store.ingest_message(buyer_says("m2", "35码有吗", 20))
    chat = store.conversation("c1")
    assert chat.waiting_since == at(10) and chat.unread == 2 and chat.last_text == "35码有吗"
    store.add_outgoing("c1", "有的亲", "k1", at(25))
    chat = store.conversation("c1")
    assert chat.waiting_since is None and chat.first_response_at == at(25) and chat.last_direction == "out"
    store.mark_read("c1")
    assert store.conversation("c1").unread == 0


def test_the_outbox_keeps_the_order_replies_were_written_in(store):
    for i in range(5):
        store.add_outgoing("c1", f"回复{i}", f"k{i}", at(i))
    store.mark_failed("k1", "422 invalid")
    assert [(m.text, m.state) for m in store.outbox()] == [
        ("回复0", "pending"), ("回复1", "failed"), ("回复2", "pending"), ("回复3", "pending"), ("回复4", "pending")]
    assert store.add_outgoing("c1", "回复0", "k0", at(9)).id == store.outbox()[0].id  # same key: same row


def test_drafts_survive_closing_the_store(tmp_path):
    path = tmp_path / "kefudesk.db"
    s = open_store(path)
    s.save_draft("c1", "亲，尺码表发您了\n请看下", at(1))
    s.close()
    s = open_store(path)
    assert s.draft("c1") == "亲，尺码表发您了\n请看下"
    s.save_draft("c1", "", at(2))
    assert s.draft("c1") == ""
    s.close()


def test_orders_update_in_place_with_money_in_fen(store):
    item = domain.OrderItem("SKU1", "儿童运动鞋 白色 25码", 1, 12900)
    order = domain.Order("3698123456789012345", "b1", (item,), 12900, "等待发货", T0)
    store.upsert_orders([order], at(1))
    store.upsert_orders([domain.Order(order.no, "b1", (item,), 12900, "已发货", T0, "中通快递", "7312345678901")], at(2))
    orders = store.orders_for_buyer("b1")
    assert len(orders) == 1
    assert (orders[0].status, orders[0].tracking_no, orders[0].amount_fen) == ("已发货", "7312345678901", 12900)
    assert orders[0].items == (item,)


def test_the_order_cards_fields_are_kept_and_an_older_gateway_leaves_them_alone(store):
    from dataclasses import replace

    from app.store import models as m

    item = domain.OrderItem("XL-RUN-01", "小鹿儿童运动鞋", 1, 12900, 420, "颜色分类:白蓝;尺码:27")
    full = domain.Order("3698123456789012345", "b1", (item,), 12900, "已发货", T0, "中通快递", "7312345678901",
                        "浙江省杭州市西湖区文三路88号", paid_at=at(60), buyer_note="请发顺丰", seller_memo="已补运费",
                        receiver_name="王芳", receiver_phone="13812345678")
    store.upsert_orders([full], at(100))
    assert store.order(full.no) == full and store.orders_for_buyer("b1") == [full]
    older = domain.Order(full.no, "b1", (item,), 12900, "交易成功", T0, "中通快递", "7312345678901",
                         "浙江省杭州市西湖区文三路88号")  # a gateway that does not know the card's fields
    store.upsert_orders([older], at(200))
    assert store.order(full.no) == replace(full, status="交易成功")
    store.upsert_orders([replace(older, buyer_note="", seller_memo="改发圆通")], at(300))  # the shop says: none
    kept = store.order(full.no)
    assert (kept.buyer_note, kept.seller_memo, kept.receiver_name) == (None, "改发圆通", "王芳")
    with store.writing() as s:  # an order export's receiver, for an order whose gateway names none
        s.add(m.OrderContact(order_no="1000000000000000001", buyer_nick="b1", receiver_name="李糖",
                             phone="13900000000", imported_at=at(1)))
    bare = domain.Order("1000000000000000001", "b1", (), 2990, "已发货", T0)
    store.upsert_orders([bare], at(400))
    exported = store.order(bare.no)
    assert (exported.receiver_name, exported.receiver_phone) == ("李糖", "13900000000")
    store.upsert_orders([replace(bare, receiver_name="李先生", receiver_phone="")], at(500))
    ours = store.order(bare.no)
    assert (ours.receiver_name, ours.receiver_phone) == ("李先生", "13900000000")  # the shop's name wins


def test_naive_times_are_refused(store):
    with pytest.raises(Exception, match="naive datetime"):
        store.save_draft("c1", "x", datetime(2026, 1, 1))


def test_four_threads_ingesting_at_once_lose_nothing(store):
    def ingest(offset: int) -> None:
        for i in range(125):
            store.ingest_message(buyer_says(f"t{offset}-{i}", f"消息{i}", i))

    threads = [threading.Thread(target=ingest, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.message_count() == 500 and store.integrity_ok()
