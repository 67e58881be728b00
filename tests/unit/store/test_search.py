"""Full-text search on a real SQLite store: one-, two- and longer Chinese queries, order nos. by their start,
mixed Latin and digits, filters, the index kept in step when messages change, and highlighting."""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import UTC, datetime, timedelta

import pytest

from app.store.engine import open_store
from app.store.fts import WATERMARK, index_pending
from app.store.search import like_scan, search_messages, search_others
from app.store.search_hits import SearchFilter
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
    # each character with the next (across punctuation), the last of a run alone; words whole
    assert tokens("亲，订单3698已发货😊 ＡＢＣ-Ok") == "亲订 订单 单 3698 已发 发货 货 abc ok"
    assert match_sqlite('退款" OR x*') == '"退款" AND "or"* AND "x"*'
    with pytest.raises(ValueError, match="at most 32"):
        match_sqlite("退" * 40)


def _pieces(text: str) -> list[str]:
    """The reference cut, written apart from search_text: ASCII words whole, every other letter or digit alone."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return [p for p in re.findall(r"[0-9a-z_]+|[^\x00-\x7f]", folded) if p.isascii() or p.isalnum()]


def _holds(text: str, query: str) -> bool:
    """What a search means: every part's characters and words next to each other (punctuation aside), its last
    word (a Latin word or a number) by its beginning."""
    have = _pieces(text)
    for part in query.split():
        want = _pieces(part)
        if not want:
            continue
        last_is_word = want[-1].isascii()
        if not any(have[i:i + len(want) - 1] == want[:-1]
                   and (have[i + len(want) - 1].startswith(want[-1]) if last_is_word
                        else have[i + len(want) - 1] == want[-1])
                   for i in range(len(have) - len(want) + 1)):
            return False
    return True


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """2,000 messages from a few characters with a Zipf-like frequency (so that common characters stand in every
    order but some), punctuation between words, order nos., and a few rare words; all indexed (a message not indexed
    yet is found by LIKE, which does not see 退，款 as 退款: the test above keeps to text without punctuation there)."""
    rng = random.Random(20)
    chars = "退款货发码尺寸快递鞋子开胶亲的了吗"
    rare = {150: "胶底掉了", 600: "胶底掉了", 1500: "袜子", 1900: "鹿"}
    s = open_store(tmp_path_factory.mktemp("corpus") / "desk.db")
    s.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "果果妈"), "active", T0))
    texts = []
    for n in range(2000):
        words = ["".join(rng.choices(chars, weights=[1 / (r + 1) for r in range(len(chars))], k=rng.randint(1, 3)))
                 for _ in range(rng.randint(1, 4))]
        text = rng.choice(("", "，", "？", " ")).join(words)
        if n % 97 == 0:
            text += f" 订单3698{rng.randrange(10**15):015d}"
        if n in rare:
            text = rare[n] + text
        if n % 50 == 0:
            text += " Size M"
        if n % 10 == 3:
            text += "什么时候发货"
        s.ingest_message(domain.Message(f"m{n}", "c1", "in" if n % 3 else "out", text, T0 + timedelta(seconds=n)))
        texts.append(text)
    assert index_pending(s) == 2000
    yield s, texts
    s.close()


def _absent(texts: list[str], length: int) -> str:
    """Common characters in an order no message has them in."""
    for a in "退款货发码尺寸快递鞋子开胶亲的了吗":
        for b in "退款货发码尺寸快递鞋子开胶亲的了吗":
            term = (a + b + "退款货")[:length]
            if a != b and not any(_holds(t, term) for t in texts):
                return term
    raise AssertionError(f"every {length}-character pair of common characters occurs")


@pytest.mark.parametrize("kind", ["common", "rare", "absent"])
@pytest.mark.parametrize("length", [1, 2, 3, 4])
def test_common_rare_and_absent_terms_find_what_the_text_holds_newest_first(corpus, kind, length):
    store, texts = corpus
    newest = list(range(len(texts) - 1, -1, -1))
    if kind == "common":
        term = {1: "退", 2: "退款", 3: "什么时", 4: "什么时候"}[length]
    elif kind == "rare":
        term = {1: "鹿", 2: "袜子", 3: "胶底掉", 4: "胶底掉了"}[length]
    else:
        term = _absent(texts, length) if length > 1 else "龘"
    expected = [i for i in newest if _holds(texts[i], term)]
    if kind == "common":
        assert len(expected) > 50  # more than a page: the newest 50
    elif kind == "rare":
        assert 1 <= len(expected) <= 3
    else:
        assert expected == []
    hits = search_messages(store, term, limit=50)
    assert [int(h.message.server_id[1:]) for h in hits] == expected[:50]


@pytest.mark.parametrize("query", ["3698", "size m", "m", "退款 发", "码，尺", "退 款 发", "时候发货"])
def test_order_nos_words_and_several_parts_find_what_the_text_holds(corpus, query):
    store, texts = corpus
    expected = [i for i in range(len(texts) - 1, -1, -1) if _holds(texts[i], query)]
    assert expected  # each occurs
    hits = search_messages(store, query, SearchFilter(direction="out"), limit=20)  # a filter: pages grow
    assert [int(h.message.server_id[1:]) for h in hits] == [i for i in expected if i % 3 == 0][:20]


def test_an_index_made_by_the_earlier_cut_is_made_anew_and_finds_the_same(tmp_path):
    from alembic import command

    from app.store import engine

    store = open_store(tmp_path / "old.db")
    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "果果妈"), "active", T0))
    for i, text in enumerate(("还能退款吗", "退货地址发我", "款退")):
        store.ingest_message(domain.Message(f"m{i}", "c1", "in", text, T0 + timedelta(minutes=i)))
    cfg = engine._alembic_config()
    with store.engine.begin() as connection:  # back to the single-character index, filled as that desk left it
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0012")
    store.close()
    upgraded = open_store(tmp_path / "old.db")
    assert upgraded.get_meta(WATERMARK) == ""  # nothing indexed: every message is scanned until the desk catches up
    assert texts(search_messages(upgraded, "退款")) == ["还能退款吗"]
    assert index_pending(upgraded) == 3
    assert texts(search_messages(upgraded, "退款")) == ["还能退款吗"]
    assert texts(search_messages(upgraded, "退")) == ["款退", "退货地址发我", "还能退款吗"]
    assert texts(search_messages(upgraded, "货地址")) == ["退货地址发我"]
    upgraded.close()
