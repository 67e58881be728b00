"""The order card's fields on a team's PostgreSQL server (migration 0012 there): what a gateway may send at the
protocol's limits is kept, and a gateway that does not say them leaves an order export's values alone."""

from dataclasses import replace

import pytest

from app.store.engine import open_store

from app import domain
from tests.unit.store.conftest import at

pytestmark = pytest.mark.integration


def test_the_order_cards_fields_at_the_protocols_limits_are_kept_and_an_older_gateway_keeps_them(pg_url):
    team = open_store(pg_url)
    try:
        order = domain.Order.from_json({
            "no": "3912345678901234567", "buyer_id": "b1", "amount_fen": 12900, "status": "已发货",
            "created_at": "2026-11-20T02:00:00Z", "paid_at": "2026-11-20T02:03:00Z",
            "items": [{"sku": "XL-RUN-01", "title": "小鹿儿童运动鞋", "qty": 1, "price_fen": 12900,
                       "spec": "码" * domain.SPEC_CHARS}],
            "buyer_note": "快" * domain.ORDER_NOTE_CHARS, "seller_memo": "已补运费\u0000",
            "receiver_name": "王" * domain.NAME_CHARS, "receiver_phone": "1" * domain.PHONE_CHARS})
        team.upsert_orders([order], at(1))
        assert team.order(order.no) == replace(order, seller_memo="已补运费\ufffd")
        older = replace(order, status="交易成功", paid_at=None, buyer_note=None, seller_memo=None, receiver_name=None,
                        receiver_phone=None)
        team.upsert_orders([older], at(2))
        kept = team.order(order.no)
        assert (kept.status, kept.buyer_note, kept.receiver_name) == ("交易成功", order.buyer_note, order.receiver_name)
    finally:
        team.close()
