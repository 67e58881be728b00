"""The store's ingest (app/store/ingest.py) over any stream of messages: replayed in any order, a server message
is one row; a batch gives exactly what ingesting one by one gives — the same rows (ids too), the same answers,
the same chat summaries — with replays, repeats within the batch, the echoes of our own replies and several
chats mixed in, cut into batches anywhere. The live stream's group (Store.ingest_live: each message with the chat
it came with, open, closed, reassigned, renamed) ends where writing the chat and then its message, one event at a
time, ends."""

from __future__ import annotations

from hypothesis import example, given, settings
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


BUYERS = {"c1": "b1", "c2": "b2", "c3": "b1"}  # one buyer in two chats: the nick is the buyer's
# the chat a message.created event carries as the shop sees it then (state, agent, the buyer renamed), or none;
# few values, so a chat sent again unchanged is common
chat_said = st.one_of(st.none(), st.tuples(st.sampled_from(("active", "waiting", "closed")), st.sampled_from(("", "a1")),
                                           st.booleans()))
CLOSED_TWICE = [(("closed", "", False), domain.Message("m5", "c1", "in", "在吗", at(5))),
                (("closed", "", False), domain.Message("m6", "c1", "out", "好的亲", at(6)))]
CHAT_AFTER_MESSAGE = [(None, domain.Message("m5", "c2", "in", "在吗", at(5))),
                      (("closed", "", False), domain.Message("m6", "c2", "out", "好的亲", at(6)))]


@settings(PROPERTY, max_examples=max(1, int(30 * SCALE)))  # each example writes two stores, one a commit an event
@example(CLOSED_TWICE)
@example(CHAT_AFTER_MESSAGE)
@given(st.lists(st.tuples(chat_said, message), max_size=30))
def test_a_live_group_ends_exactly_where_event_by_event_ends(tmp_path_factory, events):
    folder = tmp_path_factory.mktemp("live")
    one, group = open_store(folder / "one.db"), open_store(folder / "group.db")
    items = [(None if said is None else domain.Conversation(
        msg.conversation_id, domain.Buyer(BUYERS[msg.conversation_id], "小美" if said[2] else "tb_小美妈妈"), said[0],
        T0, said[1]), msg) for said, msg in events]
    try:
        prepare(one)
        prepare(group)
        singles = []
        for conv, msg in items:  # what the stream did before group commits: the chat, then the message
            if conv is not None:
                one.upsert_conversation(conv)
            singles.append(one.ingest_message(msg))
        assert group.ingest_live(items, ("resume", "e9")) == singles
        assert desk_state(group) == desk_state(one)
        assert [one.buyer(b) for b in ("b1", "b2")] == [group.buyer(b) for b in ("b1", "b2")]
        assert group.get_meta("resume") == "e9"
    finally:
        one.close()
        group.close()
