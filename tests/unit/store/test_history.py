"""Past chats in the store: all or nothing, once only, read back in order with their times."""

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import select

from app.store import models as m
from app.store.history import HistoryMessage, add_history, history_conversations, recent_chats

BEIJING = timezone(timedelta(hours=8))


def test_history_is_stored_once_and_read_back_in_order(store):
    said = [HistoryMessage("b", 2, "agent", "您好", None), HistoryMessage("b", 1, "buyer", "在吗", None),
            HistoryMessage("a", 1, "buyer", "发货了吗", datetime(2025, 5, 1, 10, tzinfo=BEIJING))]
    assert add_history(store, said) == 3
    assert add_history(store, said + [HistoryMessage("b", 3, "buyer", "好的", None)]) == 1
    assert list(history_conversations(store)) == [[("buyer", "发货了吗")],
                                                  [("buyer", "在吗"), ("agent", "您好"), ("buyer", "好的")]]


def test_history_keeps_its_times_in_utc(store):
    add_history(store, [HistoryMessage("a", 1, "buyer", "在吗", datetime(2025, 5, 1, 10, tzinfo=BEIJING))])
    with store.reading() as s:
        assert s.execute(select(m.HistoryRow.at)).scalar_one() == datetime(2025, 5, 1, 2, tzinfo=UTC)


def test_imported_history_is_not_a_live_chat(store):
    add_history(store, [HistoryMessage("a", 1, "buyer", "在吗", None)])
    assert list(recent_chats(store)) == [] and store.conversation("a") is None
