"""Batch ingest on PostgreSQL's dialect (multi-row INSERT … RETURNING, executemany UPDATE): a promotion
stream with replays, repeats, echoes and several chats ends exactly where one-by-one ingest into a local
SQLite store ends — ids, answers and chat summaries; so does a live group (Store.ingest_live: each message with the
chat it came with, the resume point in the same transaction)."""

import random

import pytest

from app.store.engine import open_store

from app import domain
from tests.property.test_store_ingest import CHATS, desk_state, prepare
from tests.unit.store.conftest import at

pytestmark = pytest.mark.integration


def _stream(count: int) -> list[domain.Message]:
    rng = random.Random(11)
    stream = []
    for n in range(count):
        direction = rng.choice(domain.DIRECTIONS)
        client = f"k{rng.randrange(6)}" if direction != "in" and rng.random() < 0.3 else ""
        stream.append(domain.Message(f"m{rng.randrange(count // 2)}", rng.choice(CHATS), direction,
                                     f"第{n}条", at(3 + n), client))
    return stream


def test_a_batch_on_postgresql_ends_where_one_by_one_on_sqlite_ends(pg_url, tmp_path):
    msgs = _stream(400)
    one, team = open_store(tmp_path / "one.db"), open_store(pg_url)
    try:
        prepare(one)
        prepare(team)
        singles = [one.ingest_message(msg) for msg in msgs]
        batched = [outcome for lo in range(0, len(msgs), 70) for outcome in team.ingest_messages(msgs[lo:lo + 70])]
        assert batched == singles
        assert sum(created for _record, created in batched) < len(msgs)  # replays were in the stream
        assert desk_state(team) == desk_state(one)
    finally:
        one.close()
        team.close()


def test_a_live_group_on_postgresql_ends_where_event_by_event_on_sqlite_ends(pg_url, tmp_path):
    rng = random.Random(12)
    items = [(domain.Conversation(msg.conversation_id, domain.Buyer(f"b{msg.conversation_id}", rng.choice(("小美", "老王"))),
                                  rng.choice(("active", "waiting", "closed")), at(0), rng.choice(("", "a1")))
              if rng.random() < 0.8 else None, msg) for msg in _stream(300)]
    one, team = open_store(tmp_path / "one.db"), open_store(pg_url)
    try:
        prepare(one)
        prepare(team)
        singles = []
        for conv, msg in items:
            if conv is not None:
                one.upsert_conversation(conv)
            singles.append(one.ingest_message(msg))
        grouped = [outcome for lo in range(0, len(items), 60)
                   for outcome in team.ingest_live(items[lo:lo + 60], ("resume", f"e{lo}"))]
        assert grouped == singles
        assert desk_state(team) == desk_state(one) and team.get_meta("resume") == "e240"
    finally:
        one.close()
        team.close()


def test_what_a_gateway_may_send_the_teams_server_can_keep(pg_url):
    """PostgreSQL refuses a NUL in text, an id longer than its column and an amount over its Integer, and one
    such row would stop a team desk's stream: the protocol turns the NUL into U+FFFD and refuses the rest as
    protocol errors naming the field, before the store sees them."""
    team = open_store(pg_url)
    try:
        prepare(team)
        said = domain.Message.from_json({"id": "m-nul", "conversation_id": CHATS[0], "direction": "in",
                                         "text": "在吗\u0000亲", "sent_at": "2026-11-24T02:00:00Z"})
        record, created = team.ingest_message(said)
        assert created and record.text == "在吗\ufffd亲"
        longest = domain.Message.from_json({"id": "m" * domain.ID_CHARS, "conversation_id": CHATS[0],
                                            "direction": "in", "text": "好的", "sent_at": "2026-11-24T02:00:01Z"})
        assert team.ingest_message(longest)[1]  # exactly at the column's width is kept
        with pytest.raises(domain.ProtocolError, match=r"message\.id: longer than 100 characters"):
            domain.Message.from_json({**longest.to_json(), "id": "m" * (domain.ID_CHARS + 1)})
        order = {"no": "3912345678901234567", "buyer_id": "b1", "items": [], "amount_fen": domain.MAX_AMOUNT_FEN,
                 "status": "交易成功", "created_at": "2026-11-20T02:00:00Z"}
        team.upsert_orders([domain.Order.from_json(order)], at(4))
        assert team.order("3912345678901234567").amount_fen == domain.MAX_AMOUNT_FEN
        with pytest.raises(domain.ProtocolError, match=r"order\.amount_fen: must be between 0 and 2147483647"):
            domain.Order.from_json({**order, "amount_fen": domain.MAX_AMOUNT_FEN + 1})
        with pytest.raises(domain.ProtocolError, match=r"order\.courier: longer than 60 characters"):
            domain.Order.from_json({**order, "courier": "快" * 61})
    finally:
        team.close()
