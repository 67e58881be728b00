"""Full-text search on a real SQLite store: one-, two- and longer Chinese queries, order nos. by their start,
mixed Latin and digits, filters, the index kept in step when messages change, and highlighting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.store.engine import open_store
from app.store.fts import index_pending
from app.store.search import SearchFilter, like_scan, search_messages, search_others
from app.store.search_text import highlight_spans, match_sqlite, tokens

from app import domain

T0 = datetime(2026, 11, 11, 2, 0, tzinfo=UTC)
LINES = [
    ("c1", "in", "我要退款，鞋子开胶了"),
    ("c1", "out", "亲，非常抱歉，已为您申请退款"),
    ("c2", "in", "宝宝脚长14.5穿多大尺码"),
    ("c2", "out", "建议拍15码哦"),
    ("c3", "in", "订单3698123456789012345怎么还没发货"),
    ("c3", "in", "退了款没？"),
    ("c4", "in", "Size M 还有吗？ＯＫ"),
]


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "desk.db")
    for cid, buyer in (("c1", "tb_退款宝妈"), ("c2", "果果妈"), ("c3", "小鱼儿"), ("c4", "lily_2019")):
        s.upsert_conversation(domain.Conversation(cid, domain.Buyer(f"b-{cid}", buyer), "active", T0))
    for i, (cid, direction, text) in enumerate(LINES):
        s.ingest_message(domain.Message(f"m{i}", cid, direction, text, T0 + timedelta(minutes=i),
                                        agent="agent-li" if direction == "out" else ""))
    assert index_pending(s) == len(LINES)  # what the desk does every couple of seconds
    yield s
    s.close()


def texts(hits) -> list[str]:
    return [h.message.text for h in hits]


def test_one_two_and_longer_chinese_queries_find_whole_phrases_newest_first(store):
    assert texts(search_messages(store, "退款")) == ["亲，非常抱歉，已为您申请退款", "我要退款，鞋子开胶了"]
    assert "退了款没？" in texts(search_messages(store, "退"))  # one character
    assert texts(search_messages(store, "尺码")) == ["宝宝脚长14.5穿多大尺码"]
    assert texts(search_messages(store, "鞋子开胶")) == ["我要退款，鞋子开胶了"]
    assert texts(search_messages(store, "退款 开胶")) == ["我要退款，鞋子开胶了"]  # every part must match
    assert search_messages(store, "款退") == []  # characters in order, next to each other


def test_order_nos_by_their_start_and_latin_words_across_width_and_case(store):
    assert texts(search_messages(store, "3698")) == ["订单3698123456789012345怎么还没发货"]
    assert texts(search_messages(store, "size m")) == ["Size M 还有吗？ＯＫ"]
    assert texts(search_messages(store, "ok")) == ["Size M 还有吗？ＯＫ"]
    assert search_messages(store, "！？。") == []  # nothing to search for


def test_filters_and_what_the_like_scan_finds_agree(store):
    assert texts(search_messages(store, "退款", SearchFilter(direction="in"))) == ["我要退款，鞋子开胶了"]
    assert texts(search_messages(store, "退款", SearchFilter(agent="agent-li"))) == ["亲，非常抱歉，已为您申请退款"]
    assert texts(search_messages(store, "码", SearchFilter(buyer_id="b-c2"))) == ["建议拍15码哦", "宝宝脚长14.5穿多大尺码"]
    assert search_messages(store, "退款", SearchFilter(since=T0 + timedelta(minutes=5))) == []
    assert [h.message.id for h in search_messages(store, "退款")] == like_scan(store, "退款")


def test_messages_not_indexed_yet_are_found_and_the_index_follows_new_and_dropped_ones(store):
    store.add_outgoing("c2", "亲，尺码表发您啦", "kd-1", T0 + timedelta(hours=1), agent="agent-li")
    assert texts(search_messages(store, "尺码表")) == ["亲，尺码表发您啦"]  # stored, not indexed yet: still found
    assert texts(search_messages(store, "码")) == ["亲，尺码表发您啦", "建议拍15码哦", "宝宝脚长14.5穿多大尺码"]
    assert index_pending(store) == 1 and index_pending(store) == 0
    assert texts(search_messages(store, "尺码表")) == ["亲，尺码表发您啦"]  # now from the index, once
    # the shop's echo arrives without our key first (a copy), then the send's answer names it: the copy goes
    store.ingest_message(domain.Message("srv-9", "c2", "out", "亲，尺码表发您啦", T0 + timedelta(hours=1)))
    index_pending(store)
    assert len(search_messages(store, "尺码表")) == 2
    store.mark_sent("kd-1", "srv-9", T0 + timedelta(hours=1))
    assert [h.message.client_id for h in search_messages(store, "尺码表")] == ["kd-1"]


def test_messages_stored_before_the_index_existed_are_found_after_the_upgrade(tmp_path):
    from alembic import command

    from app.store import engine

    store = open_store(tmp_path / "old.db")
    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "果果妈"), "active", T0))
    store.ingest_message(domain.Message("m1", "c1", "in", "还能退款吗", T0))
    cfg = engine._alembic_config()
    with store.engine.begin() as connection:  # back to the schema before the index, as an old desk left it
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0007")
    store.close()
    upgraded = open_store(tmp_path / "old.db")
    assert texts(search_messages(upgraded, "退款")) == ["还能退款吗"]
    upgraded.close()


def test_hits_carry_the_buyer_and_where_to_highlight(store):
    [hit] = search_messages(store, "开胶")
    assert (hit.buyer_nick, hit.spans) == ("tb_退款宝妈", ((7, 9),))
    assert highlight_spans("Size M 还有吗？ＯＫ", "ok") == [(11, 13)]  # full-width letters, found
    kinds = {(h.kind, h.key) for h in search_others(store, "退款")}
    assert ("buyer", "b-c1") in kinds


def test_the_cut_and_the_match_expression_never_pass_syntax_through():
    assert tokens("亲，订单3698已发货😊 ＡＢＣ-Ok") == "亲 订 单 3698 已 发 货 abc ok"
    assert match_sqlite('退款" OR x*') == '"退 款" AND "or"* AND "x"*'
    with pytest.raises(ValueError, match="at most 32"):
        match_sqlite("退" * 40)
