"""The protocol's shapes for weights, parcels, problem orders and the order card's fields: what round-trips, and
what is refused with the field named (the desk shows that message, so it must say where the gateway went wrong)."""

from datetime import UTC, datetime

import pytest

from app import domain

AT = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
ITEM = {"sku": "XL-RUN-01", "title": "小鹿儿童运动鞋", "qty": 2, "price_fen": 12900, "weight_g": 420}


def a_parcel() -> domain.Parcel:
    return domain.Parcel("SF1", "顺丰速运", (domain.ParcelEvent(AT, "泉州转运中心", "已揽收"),), 980, 975, "杭州转运中心",
                         (domain.PackedLine("小鹿儿童运动鞋", "XL-RUN-01", 2, True), domain.PackedLine("袜子", "", 1, False)))


def a_problem() -> domain.ProblemOrder:
    return domain.ProblemOrder("3912000000000000001", "unclear_address", "tb_果果妈妈", "收货地址只写到小区，没有门牌号",
                               AT, "13800138001")


def test_item_weights_travel_with_orders_and_are_optional():
    item = domain.OrderItem.from_json(ITEM)
    assert item.weight_g == 420
    order = domain.Order("1", "b1", (item,), 25800, "已发货", AT)
    assert domain.Order.from_json(order.to_json()) == order
    assert order.to_json()["items"][0]["weight_g"] == 420
    assert domain.OrderItem.from_json({k: v for k, v in ITEM.items() if k != "weight_g"}).weight_g == 0
    assert domain.OrderItem.from_json({**ITEM, "weight_g": None}).weight_g == 0


@pytest.mark.parametrize(("weight", "message"), [
    (-1, r"order\.items\[0\]\.weight_g: must not be negative"),
    (4.5, r"order\.items\[0\]\.weight_g: expected an integer"),
    (True, r"order\.items\[0\]\.weight_g: expected an integer"),
    ("420", r"order\.items\[0\]\.weight_g: expected an integer"),
])
def test_a_bad_item_weight_is_refused_with_its_path(weight, message):
    order = {"no": "1", "buyer_id": "b1", "items": [{**ITEM, "weight_g": weight}], "amount_fen": 0,
             "status": "已发货", "created_at": "2026-11-24T02:00:00Z"}
    with pytest.raises(domain.ProtocolError, match=message):
        domain.Order.from_json(order)


def test_parcels_and_problem_orders_round_trip():
    assert domain.Parcel.from_json(a_parcel().to_json()) == a_parcel()
    assert domain.ProblemOrder.from_json(a_problem().to_json()) == a_problem()
    unweighed = domain.Parcel("YT2", "圆通速递", ())
    assert unweighed.to_json()["origin_weight_g"] is None
    assert domain.Parcel.from_json(unweighed.to_json()) == unweighed
    assert domain.Parcel.from_json({"tracking_no": "YT2", "courier": "圆通速递", "events": [],
                                    "packing_slip": None}).packing_slip == ()


@pytest.mark.parametrize(("change", "message"), [
    ({"origin_weight_g": -5}, r"parcel\.origin_weight_g: must not be negative"),
    ({"last_weight_g": -1}, r"parcel\.last_weight_g: must not be negative"),
    ({"last_weight_g": "975g"}, r"parcel\.last_weight_g: expected an integer"),
    ({"tracking_no": None}, r"parcel\.tracking_no: expected a string"),
    ({"events": {"at": "x"}}, r"parcel\.events: expected a list"),
    ({"packing_slip": "all packed"}, r"parcel\.packing_slip: expected a list"),
    ({"events": [{"at": "yesterday", "where": "", "what": "已揽收"}]}, r"parcel\.events\[0\]\.at: not an ISO 8601 time"),
    ({"events": [{"at": "2026-11-24T02:00:00", "where": "", "what": "已揽收"}]}, r"parcel\.events\[0\]\.at: time has no zone"),
    ({"packing_slip": [{"title": "鞋", "sku": "", "qty": 1, "ticked": "yes"}]}, r"parcel\.packing_slip\[0\]\.ticked"),
    ({"packing_slip": [{"title": "鞋", "sku": "", "qty": 0, "ticked": True}]}, r"parcel\.packing_slip\[0\]\.qty: must be positive"),
])
def test_a_malformed_parcel_is_refused_naming_the_field(change, message):
    with pytest.raises(domain.ProtocolError, match=message):
        domain.Parcel.from_json({**a_parcel().to_json(), **change})


@pytest.mark.parametrize(("change", "message"), [
    ({"category": "weather"}, r"problem\.category: 'weather' is not one of multiple_addresses, "),
    ({"category": None}, r"problem\.category: expected a string"),
    ({"reported_at": "yesterday"}, r"problem\.reported_at: not an ISO 8601 time: 'yesterday'"),
    ({"reported_at": 1764000000}, r"problem\.reported_at: expected an ISO 8601 time string, got int"),
    ({"order_no": 3912}, r"problem\.order_no: expected a string"),
])
def test_a_malformed_problem_order_is_refused_naming_the_field(change, message):
    with pytest.raises(domain.ProtocolError, match=message):
        domain.ProblemOrder.from_json({**a_problem().to_json(), **change})


def test_every_problem_category_is_accepted_and_optional_fields_may_be_missing():
    for category in domain.PROBLEM_CATEGORIES:
        line = {"order_no": "1", "category": category, "reported_at": "2026-11-24T02:00:00Z"}
        problem = domain.ProblemOrder.from_json(line)
        assert (problem.category, problem.phone, problem.buyer_nick) == (category, "", "")


def test_a_transfer_event_names_both_agents_and_the_note_and_colleagues_parse():
    conv = {"id": "c-1", "buyer": {"id": "b-1", "nick": "tb_果果妈"}, "state": "active",
            "created_at": "2026-11-24T06:30:01Z", "agent": "agent-xiaowang"}
    event = domain.Event.from_sse("s.4", "conversation.transferred",
                                  {"conversation": conv, "from": "agent-demo", "to": "agent-xiaowang", "note": "请跟进"})
    assert event.transfer == domain.Transfer("agent-demo", "agent-xiaowang", "请跟进")
    assert event.conversation.agent == "agent-xiaowang"
    assert domain.Conversation.from_json(conv | {"agent": None}).agent == ""  # a gateway that does not say
    with pytest.raises(domain.ProtocolError, match="note: longer than 500"):
        domain.Event.from_sse("s.5", "conversation.transferred", {"conversation": conv, "to": "x", "note": "长" * 501})
    assert domain.Colleague.from_json({"id": "agent-zhuguan", "name": "主管", "role": "supervisor",
                                       "status": "online"}).role == "supervisor"
    with pytest.raises(domain.ProtocolError, match="role"):
        domain.Colleague.from_json({"id": "x", "name": "x", "role": "boss", "status": "online"})


OLD_ORDER = {"no": "3912345678901234567", "buyer_id": "b1", "items": [ITEM], "amount_fen": 25800, "status": "已发货",
             "created_at": "2026-11-24T02:00:00Z", "courier": "中通快递", "tracking_no": "73123456789012",
             "address": "浙江省杭州市西湖区文三路88号"}  # what a gateway written before the order card sends


def test_the_order_cards_fields_round_trip_and_an_older_gateway_says_none_of_them():
    card = {**OLD_ORDER, "items": [{**ITEM, "spec": "颜色分类:白蓝;尺码:27"}], "paid_at": "2026-11-24T02:03:00Z",
            "buyer_note": "请发顺丰，运费可以补", "seller_memo": "", "receiver_name": "王芳", "receiver_phone": "13812345678"}
    order = domain.Order.from_json(card)
    assert order.items[0].spec == "颜色分类:白蓝;尺码:27" and order.paid_at == datetime(2026, 11, 24, 2, 3, tzinfo=UTC)
    assert (order.buyer_note, order.seller_memo, order.receiver_name, order.receiver_phone) == (
        "请发顺丰，运费可以补", "", "王芳", "13812345678")  # "" says: the shop has no memo
    assert domain.Order.from_json(order.to_json()) == order
    old = domain.Order.from_json(OLD_ORDER)
    assert old.items[0].spec == "" and old.paid_at is None
    assert (old.buyer_note, old.seller_memo, old.receiver_name, old.receiver_phone) == (None, None, None, None)
    assert domain.Order.from_json(old.to_json()) == old  # null: not said, both ways
    assert domain.Order.from_json({**OLD_ORDER, "buyer_note": None}).buyer_note is None


@pytest.mark.parametrize(("change", "message"), [
    ({"receiver_name": "王" * (domain.NAME_CHARS + 1)}, r"order\.receiver_name: longer than 100 characters"),
    ({"receiver_phone": "1" * (domain.PHONE_CHARS + 1)}, r"order\.receiver_phone: longer than 40 characters"),
    ({"buyer_note": "快" * (domain.ORDER_NOTE_CHARS + 1)}, r"order\.buyer_note: longer than 1000 characters"),
    ({"seller_memo": 7}, r"order\.seller_memo: expected a string"),
    ({"paid_at": "2026-11-24 02:03"}, r"order\.paid_at: time has no zone"),
    ({"items": [{**ITEM, "spec": "码" * (domain.SPEC_CHARS + 1)}]}, r"order\.items\[0\]\.spec: longer than 200"),
])
def test_an_order_card_field_the_store_could_not_keep_is_refused_naming_it(change, message):
    with pytest.raises(domain.ProtocolError, match=message):
        domain.Order.from_json({**OLD_ORDER, **change})


def test_the_order_cards_text_limits_are_the_stores_columns():
    from app.store import models as m
    from app.store.limits import misfit

    assert misfit(m.Order.receiver_name, "王" * domain.NAME_CHARS) is None
    assert misfit(m.Order.receiver_name, "王" * (domain.NAME_CHARS + 1)) is not None
    assert misfit(m.Order.receiver_phone, "1" * domain.PHONE_CHARS) is None
    assert misfit(m.Order.receiver_phone, "1" * (domain.PHONE_CHARS + 1)) is not None
    said = domain.Order.from_json({**OLD_ORDER, "buyer_note": "在\u0000吗"})
    assert said.buyer_note == "在\ufffd吗"  # a NUL, which PostgreSQL cannot keep, is replaced like every string's
