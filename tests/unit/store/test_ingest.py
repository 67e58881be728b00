"""app/store/ingest.py: a batch of incoming messages gives exactly what ingesting them one by one gives — the
same rows (ids too), the same answers, the same chat summaries — with replays, repeats within the batch, the
echoes of our own replies and several chats mixed in."""

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import StatementError

from app.gateway import schema
from app.store.engine import open_store
from tests.unit.store.conftest import T0, at, buyer_says

CHATS = ("c1", "c2", "c3")


def desk_state(store) -> tuple[list, list]:
    messages = [m for chat in CHATS for m in store.messages(chat)]
    return messages, [store.conversation(chat) for chat in CHATS]


def prepare(store) -> None:
    """What a desk holds before the batch: a known chat, a closed one, a stored buyer message, a pending reply."""
    store.upsert_conversation(schema.Conversation("c1", schema.Buyer("b1", "tb_小美妈妈"), "waiting", T0))
    store.upsert_conversation(schema.Conversation("c2", schema.Buyer("b2", "jd_老王"), "closed", T0))
    store.ingest_message(buyer_says("m0", "在吗", 1))
    store.add_outgoing("c2", "亲，在的", "k0", at(2))


message = st.builds(
    lambda server, chat, direction, client, second, text: schema.Message(
        f"m{server}", chat, direction, text, at(second), f"k{client}" if client is not None and direction != "in" else ""),
    st.integers(0, 8), st.sampled_from(CHATS), st.sampled_from(schema.DIRECTIONS),
    st.one_of(st.none(), st.integers(0, 3)), st.integers(3, 60), st.sampled_from(("有货吗", "好的亲", "🙂")))


@settings(max_examples=60, deadline=None)
@given(st.lists(message, max_size=30), st.lists(st.integers(1, 30), max_size=4))
def test_a_batch_ends_exactly_where_one_by_one_ends(tmp_path_factory, msgs, cuts):
    folder = tmp_path_factory.mktemp("batch")
    one, batch = open_store(folder / "one.db"), open_store(folder / "batch.db")
    try:
        prepare(one)
        prepare(batch)
        singles = [one.ingest_message(msg) for msg in msgs]
        bounds = [0, *sorted(c for c in cuts if c < len(msgs)), len(msgs)]
        batched = [outcome for lo, hi in zip(bounds, bounds[1:], strict=False)
                   for outcome in batch.ingest_messages(msgs[lo:hi])]
        assert batched == singles
        assert desk_state(batch) == desk_state(one)
    finally:
        one.close()
        batch.close()


def test_repeats_within_the_batch_and_replays_are_not_new(store):
    store.ingest_message(buyer_says("m1", "在吗", 1))
    outcomes = store.ingest_messages([buyer_says("m2", "35码有吗", 2), buyer_says("m1", "在吗", 1),
                                      buyer_says("m2", "35码有吗", 2), buyer_says("m3", "还在吗", 3, conv="c9")])
    assert [created for _record, created in outcomes] == [True, False, False, True]
    assert outcomes[0][0] == outcomes[2][0] and outcomes[1][0].server_id == "m1"
    assert store.message_count() == 3
    chat = store.conversation("c1")
    assert (chat.unread, chat.last_text, chat.waiting_since) == (2, "35码有吗", at(1))
    assert store.conversation("c9").unread == 1  # a chat first seen in the batch


def test_the_echo_of_a_pending_reply_in_a_batch_marks_it_sent(store):
    pending = store.add_outgoing("c1", "亲，在的呢", "k1", at(2))
    outcomes = store.ingest_messages([buyer_says("m1", "在吗", 1),
                                      schema.Message("m2", "c1", "out", "亲，在的呢", at(3), "k1")])
    echo, created = outcomes[1]
    assert not created and (echo.id, echo.server_id, echo.state, echo.sent_at) == (pending.id, "m2", "sent", at(3))
    assert store.outbox() == [] and store.message_count() == 2


def test_a_batch_is_written_whole_or_not_at_all(store):
    broken = schema.Message("m2", "c1", "in", "naive time", datetime(2026, 11, 24, 1, 0))  # no zone: refused
    with pytest.raises(StatementError, match="naive datetime"):
        store.ingest_messages([buyer_says("m1", "在吗", 1), broken])
    assert store.message_count() == 0 and store.conversation("c1").unread == 0


def test_an_empty_batch_is_nothing(store):
    assert store.ingest_messages([]) == []
