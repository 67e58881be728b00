"""app/store/ingest.py: a batch of incoming messages, with replays, repeats within the batch and the echoes of our
own replies, written whole or not at all (that any batch ends where one by one ends is a property test:
tests/property/test_store_ingest.py)."""

from datetime import datetime

import pytest
from sqlalchemy.exc import StatementError

from app import domain
from tests.unit.store.conftest import at, buyer_says


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
                                      domain.Message("m2", "c1", "out", "亲，在的呢", at(3), "k1")])
    echo, created = outcomes[1]
    assert not created and (echo.id, echo.server_id, echo.state, echo.sent_at) == (pending.id, "m2", "sent", at(3))
    assert store.outbox() == [] and store.message_count() == 2


def test_a_batch_is_written_whole_or_not_at_all(store):
    broken = domain.Message("m2", "c1", "in", "naive time", datetime(2026, 11, 24, 1, 0))  # no zone: refused
    with pytest.raises(StatementError, match="naive datetime"):
        store.ingest_messages([buyer_says("m1", "在吗", 1), broken])
    assert store.message_count() == 0 and store.conversation("c1").unread == 0


def test_an_empty_batch_is_nothing(store):
    assert store.ingest_messages([]) == []
