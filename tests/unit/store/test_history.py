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


def test_imported_history_is_found_by_the_search_marked_as_history_and_filtered_as_messages_are(store):
    from app.store import fts
    from app.store.search import SearchFilter, search_history, search_messages

    when = datetime(2025, 5, 1, 2, tzinfo=UTC)
    add_history(store, [HistoryMessage("a", 1, "buyer", "鞋子开胶了怎么办", when, "tb_果果妈"),
                        HistoryMessage("a", 2, "agent", "亲，开胶可以退换哦", when, "tb_果果妈", "小李"),
                        HistoryMessage("b", 1, "buyer", "开胶能退吗", None, "乐乐妈")])
    assert search_messages(store, "开胶") == []  # no live message: the history is apart from them
    found = search_history(store, "开胶")
    assert [(h.conversation, h.seq) for h in found] == [("b", 1), ("a", 2), ("a", 1)]  # the newest import first
    assert found[2].spans == ((2, 4),) and found[2].buyer == "tb_果果妈" and found[2].at == when
    assert [h.text for h in search_history(store, "开胶", SearchFilter(direction="out"))] == ["亲，开胶可以退换哦"]
    assert [h.seq for h in search_history(store, "开胶", SearchFilter(buyer_nick="tb_果果妈"))] == [2, 1]
    assert [h.conversation for h in search_history(store, "开胶", SearchFilter(since=when))] == ["a", "a"]
    assert search_history(store, "开胶", SearchFilter(direction="robot")) == []  # history has no robot
    assert search_history(store, "退货") == [] and search_history(store, "！") == []
    assert fts.index_pending(store) == 3 and fts.index_pending(store) == 0  # the desk indexes it after the import
    assert [(h.conversation, h.seq) for h in search_history(store, "开胶")] == [("b", 1), ("a", 2), ("a", 1)]
    assert [h.seq for h in search_history(store, "开胶", SearchFilter(buyer_nick="tb_果果妈"))] == [2, 1]
    add_history(store, [HistoryMessage("a", 1, "buyer", "鞋子开胶了怎么办", when, "tb_果果妈"),
                        HistoryMessage("c", 1, "buyer", "还是开胶", None, "乐乐妈")])  # once only in the index too
    both = [("c", 1), ("b", 1), ("a", 2), ("a", 1)]
    assert [(h.conversation, h.seq) for h in search_history(store, "开胶")] == both  # c from the scan of the rest
    assert fts.index_pending(store) == 1
    assert [(h.conversation, h.seq) for h in search_history(store, "开胶")] == both
    assert [h.conversation for h in search_history(store, "开胶", limit=2)] == ["c", "b"]


def test_a_buyers_past_chats_are_their_earlier_live_chats_and_their_imported_ones(store):
    from app.store.history import past_chats

    from app import domain

    store.upsert_conversation(domain.Conversation("c0", domain.Buyer("b1", "tb_小美妈妈"), "closed",
                                                  datetime(2026, 1, 5, tzinfo=UTC)))
    store.ingest_message(domain.Message("m0", "c0", "in", "上次的鞋子有点大", datetime(2026, 1, 5, tzinfo=UTC)))
    add_history(store, [HistoryMessage("h1", 1, "buyer", "去年买的开胶了", datetime(2025, 5, 1, tzinfo=UTC),
                                       "tb_小美妈妈"),
                        HistoryMessage("h1", 2, "agent", "亲，麻烦拍张照片", None, "tb_小美妈妈", "小李"),
                        HistoryMessage("h2", 1, "buyer", "在吗", None, "tb_小美妈妈"),
                        HistoryMessage("x", 1, "buyer", "别人的", None, "乐乐妈")])
    found = past_chats(store, "b1", "tb_小美妈妈", leave_out="c1")  # c1: the chat open now
    assert [(c.conversation, c.imported, c.messages) for c in found] == [
        ("c0", False, 1), ("h1", True, 2), ("h2", True, 1)]  # newest first; history without times last
    assert found[1].opening == (("buyer", "去年买的开胶了"), ("agent", "亲，麻烦拍张照片"))
    assert past_chats(store, "b9", "nobody") == []


def test_an_import_stopped_between_batches_writes_nothing_and_one_let_run_is_told_its_progress(store):
    import pytest

    from app.store.history import BATCH, HistoryImportStopped

    said = [HistoryMessage(f"c{n}", 1, "buyer", f"第{n}个问题", None) for n in range(BATCH + 10)]
    told: list[int] = []
    with pytest.raises(HistoryImportStopped):
        add_history(store, said, lambda written: told.append(written) or False)
    assert told == [BATCH] and list(history_conversations(store)) == []
    from app.store.search import search_history

    assert search_history(store, "问题") == []
    told.clear()
    assert add_history(store, said, lambda written: told.append(written) or True) == BATCH + 10
    assert told == [BATCH, BATCH + 10] and len(list(history_conversations(store))) == BATCH + 10
    assert [h.conversation for h in search_history(store, "第5009个", limit=5)] == ["c5009"]
