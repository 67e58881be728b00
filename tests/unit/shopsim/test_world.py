"""The simulated shop without a server: what an integrator or a test relying on it would notice."""

import json
from datetime import UTC, datetime, timedelta

from app.gateway import schema
from app.shopsim.world import ShopWorld

NOW = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)


def world(**kw) -> ShopWorld:
    return ShopWorld(seed=5, clock=lambda: NOW, **kw)


def test_every_event_the_shop_emits_parses_with_the_protocol_schema():
    w = world(buyers=30)
    for _ in range(200):
        w.spontaneous()
    for chat in list(w.chats.values())[:10]:
        w.agent_sends(chat.conversation.id, "亲，在的呢～", f"k-{chat.conversation.id}")
    types = set()
    for seq, event_type, data in w.events:
        event = schema.Event.from_sse(w.event_id(seq), event_type, json.loads(json.dumps(data)))
        types.add(event.type)
    assert {"conversation.assigned", "message.created"} <= types


def test_the_same_client_id_is_accepted_once():
    w = world()
    chat, _ = w.buyer_writes(nick="tb_小美妈妈", text="在吗")
    first, created = w.agent_sends(chat.conversation.id, "在的亲", "k1")
    again, created_again = w.agent_sends(chat.conversation.id, "在的亲", "k1")
    assert (created, created_again) == (True, False) and again == first
    assert [m.text for m in w.received] == ["在的亲"]


def test_a_new_buyer_comes_with_an_order_whose_total_adds_up():
    w = world()
    buyer = w.buyer_by_nick("新来的买家")
    assert buyer.orders
    for order in buyer.orders:
        assert order.amount_fen == sum(i.qty * i.price_fen for i in order.items)
        assert order.no.isdigit() and len(order.no) in (18, 19)
        assert (order.courier == "") == (order.status == "等待发货")


def test_backdated_messages_start_the_wait_earlier():
    w = world()
    chat, message = w.buyer_writes(nick="等了很久", text="在吗", seconds_ago=45)
    assert message.sent_at == NOW - timedelta(seconds=45) and chat.conversation.created_at == message.sent_at


def test_resume_positions_from_this_run_and_a_full_replay_otherwise():
    w = world()
    for i in range(3):
        w.buyer_writes(nick=f"买家{i}", text="在吗")
    assert w.events_after(w.event_id(2)) == 2
    assert w.events_after(None) == 0
    assert w.events_after("other-run.5") == 0
    assert w.events_after(f"{w.run}.garbage") == 0


def test_an_ignored_buyer_nags_twice_then_stops_nagging():
    from app.shopsim import vocab

    w = world(buyers=1)
    chat, _ = w.buyer_writes(text="我想问下这个鞋")
    for _ in range(60):
        w.spontaneous()
    follow_ups = vocab.INTENTS[chat.intent][2]
    assert sum(1 for m in chat.messages if m.text in follow_ups) == 2
    assert chat.patience == 0
