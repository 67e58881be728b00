"""The store's ingest (app/store/ingest.py) over any stream of messages: replayed in any order, a server message
is one row; a batch gives exactly what ingesting one by one gives — the same rows (ids too), the same answers,
the same chat summaries — with replays, repeats within the batch, the echoes of our own replies and several
chats mixed in, cut into batches anywhere."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.store.engine import open_store

from app import domain
from tests.property.strategies import PROPERTY, SCALE
from tests.unit.store.conftest import T0, at, buyer_says

CHATS = ("c1", "c2", "c3")


def desk_state(store) -> tuple[list, list]:
    messages = [m for chat in CHATS for m in store.messages(chat)]
    return messages, [store.conversation(chat) for chat in CHATS]


def prepare(store) -> None:
    """What a desk holds before the batch: a known chat, a closed one, a stored buyer message, a pending reply."""
    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_小美妈妈"), "waiting", T0))
    store.upsert_conversation(domain.Conversation("c2", domain.Buyer("b2", "jd_老王"), "closed", T0))
    store.ingest_message(buyer_says("m0", "在吗", 1))
    store.add_outgoing("c2", "亲，在的", "k0", at(2))


message = st.builds(
    lambda server, chat, direction, client, second, text: domain.Message(
        f"m{server}", chat, direction, text, at(second), f"k{client}" if client is not None and direction != "in" else ""),
    st.integers(0, 8), st.sampled_from(CHATS), st.sampled_from(domain.DIRECTIONS),
    st.one_of(st.none(), st.integers(0, 3)), st.integers(3, 60), st.sampled_from(("有货吗", "好的亲", "🙂")))


@settings(PROPERTY, max_examples=max(1, int(60 * SCALE)))  # each example writes two stores
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


@settings(PROPERTY, max_examples=max(1, int(25 * SCALE)))  # each example writes a store
@given(st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=40))
def test_any_replay_order_gives_one_row_per_server_message(tmp_path_factory, order):
    s = open_store(tmp_path_factory.mktemp("h") / "h.db")
    try:
        for i in order:
            s.ingest_message(buyer_says(f"m{i}", f"消息{i}", i))
        assert s.message_count() == len(set(order))
        assert sorted(m.server_id for m in s.messages("c1")) == sorted(f"m{i}" for i in set(order))
    finally:
        s.close()
