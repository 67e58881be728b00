"""The same search on a shared PostgreSQL store (its GIN index over the same cut of text): short Chinese
queries, order nos. by their start, and every part of a query required."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.store.engine import open_store
from app.store.search import search_messages
from app.store.search_hits import SearchFilter

from app import domain

T0 = datetime(2026, 11, 11, 2, 0, tzinfo=UTC)


def test_short_chinese_queries_and_order_nos_on_postgresql(pg_url):
    store = open_store(pg_url)
    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "果果妈"), "active", T0))
    for i, (direction, text) in enumerate((("in", "我要退款，鞋子开胶了"), ("out", "亲，已为您申请退款"),
                                           ("in", "订单3698123456789012345还没到"), ("in", "退了款没"))):
        store.ingest_message(domain.Message(f"m{i}", "c1", direction, text, T0 + timedelta(minutes=i),
                                            agent="agent-li" if direction == "out" else ""))
    try:
        texts = lambda q, **kw: [h.message.text for h in search_messages(store, q, SearchFilter(**kw))]  # noqa: E731
        assert texts("退款") == ["亲，已为您申请退款", "我要退款，鞋子开胶了"]
        assert "退了款没" in texts("退")
        assert texts("3698") == ["订单3698123456789012345还没到"]
        assert texts("退款 开胶") == ["我要退款，鞋子开胶了"]
        assert texts("退款", agent="agent-li") == ["亲，已为您申请退款"]
        assert texts("款退") == []
        with store.engine.connect() as c:
            plan = " ".join(r[0] for r in c.exec_driver_sql(
                "EXPLAIN SELECT id FROM message WHERE to_tsvector('simple'::regconfig, regexp_replace(text, "
                r"'([^\x01-\x7f])', ' \1 ', 'g')) @@ to_tsquery('simple', '''退'' <-> ''款''')"))
        assert "ix_message_search" in plan or "Seq Scan" in plan  # tiny tables may be scanned; the index exists
    finally:
        store.close()


def test_a_days_kpis_read_from_postgresql(pg_url):
    from app.desk.review import ReviewDesk

    store = open_store(pg_url)
    store.upsert_conversation(domain.Conversation("c9", domain.Buyer("b9", "果果妈"), "active", T0))
    for i, (direction, agent, seconds) in enumerate((("in", "", 0), ("out", "小李", 12), ("in", "", 30),
                                                     ("out", "小李", 80))):
        store.ingest_message(domain.Message(f"k{i}", "c9", direction, "…", T0 + timedelta(seconds=seconds),
                                            agent=agent))
    try:
        desk = ReviewDesk(store, "店长", clock=lambda: T0, tz=UTC)
        [li] = desk.kpis(T0.date(), T0.date())
        assert (li.agent, li.first_times, li.times, li.within_40) == ("小李", [12], [12, 50], 0.5)
    finally:
        store.close()


def test_imported_history_is_searched_and_listed_as_past_chats_on_postgresql(pg_url):
    from app.store.history import HistoryMessage, add_history, past_chats
    from app.store.search import search_history

    store = open_store(pg_url)
    try:
        add_history(store, [HistoryMessage("h1", 1, "buyer", "去年的鞋子开胶了", T0 - timedelta(days=300), "果果妈"),
                            HistoryMessage("h1", 2, "agent", "亲，开胶包退", None, "果果妈", "小李"),
                            HistoryMessage("h2", 1, "buyer", "开了胶怎么办", None, "乐乐妈")])
        texts = lambda q, **kw: [h.text for h in search_history(store, q, SearchFilter(**kw))]  # noqa: E731
        assert texts("开胶") == ["去年的鞋子开胶了", "亲，开胶包退"]  # the one with a time first; 开了胶 is no 开胶
        assert texts("开胶", direction="out") == ["亲，开胶包退"] and texts("开胶", buyer_nick="乐乐妈") == []
        with store.engine.connect() as c:
            indexes = {r[0] for r in c.exec_driver_sql("SELECT indexname FROM pg_indexes WHERE tablename = "
                                                       "'history_message'")}
        assert {"ix_history_message_search", "ix_history_message_buyer"} <= indexes
        found = past_chats(store, "b9", "果果妈")
        assert [(c.conversation, c.imported, c.messages) for c in found] == [("h1", True, 2)]
    finally:
        store.close()
