"""The command line's plain-sqlite3 search finds hit for hit what the ORM's search finds: the same messages in
the same order with the same records, buyers and highlights, through every filter, the index's pages and the
not-yet-indexed tail; the same imported past chats' messages; the same buyers and orders; and it steps aside for a
store of another schema."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from app.store import models as m
from app.store.engine import open_store
from app.store.fts import index_pending
from app.store.history import HistoryMessage, add_history
from app.store.search import search_history, search_messages, search_others
from app.store.search_file import NotReadable, search_file
from app.store.search_hits import SearchFilter

from app import domain

T0 = datetime(2026, 11, 11, 2, 0, tzinfo=UTC)
CHARS = "退款货发码尺寸快递鞋子开胶亲的了吗"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """1,500 messages in 30 chats of 20 buyers (some nicks alike), answers by two agents and the robot, order nos.,
    % and _ in a few; the last 200 stored after the index last caught up."""
    rng = random.Random(28)
    path = tmp_path_factory.mktemp("search-file") / "desk.db"
    s = open_store(path)
    for c in range(30):
        s.upsert_conversation(domain.Conversation(f"c{c}", domain.Buyer(f"b{c % 20}", f"买家{c % 20}_退款宝妈"[: 4 + c % 5]),
                                                  "active", T0))
    s.upsert_orders([domain.Order(f"3698{n:015d}", f"b{n}", [], 1000 + n, "paid", T0 + timedelta(hours=n))
                     for n in range(20)], T0)
    for n in range(1500):
        words = ["".join(rng.choices(CHARS, weights=[1 / (r + 1) for r in range(len(CHARS))], k=rng.randint(1, 3)))
                 for _ in range(rng.randint(1, 4))]
        text = rng.choice(("", "，", " ")).join(words) + ("" if n % 41 else f" 订单3698{n:015d}")
        text += "" if n % 97 else " 100%_off/退"
        direction = rng.choice(("in", "in", "out", "robot"))
        agent = {"in": "", "out": rng.choice(("agent-li", "agent-wang")), "robot": "robot"}[direction]
        s.ingest_message(domain.Message(f"m{n}", f"c{n % 30}", direction, text, T0 + timedelta(minutes=n),
                                        agent=agent))
        if n == 1299:
            assert index_pending(s) == 1300
    # imported past chats: 600 messages, some without a time, buyers by nick (one with an issue); the last 150
    # imported after the index caught up
    with s.writing() as w:  # an issue of buyer b1 (a live chat's and an imported chat's buyer)
        w.add(m.Issue(stage="after_sale", category="partial_refund", severity="normal", buyer_id="b1",
                      buyer_nick="买家1_退", owner="agent-li", state="open", opened_at=T0, note="鞋子开胶"))
    past = [HistoryMessage(f"h{n // 6}", n % 6, "buyer" if n % 2 == 0 else "agent",
                           "".join(rng.choices(CHARS, k=rng.randint(2, 8))) + ("" if n % 53 else " 100%_off/退"),
                           None if n % 7 == 0 else T0 + timedelta(minutes=3 * n), ("买家1_退", "果果妈", "买家5_", "")[n % 4],
                           "" if n % 2 == 0 else rng.choice(("agent-li", "小王"))) for n in range(600)]
    add_history(s, past[:450])
    while index_pending(s):
        pass
    add_history(s, past[450:])
    yield s, path
    s.close()


QUERIES = ["退", "款", "退款", "发货", "尺码快", "鞋子开胶", "快递", "退款 发", "3698", "369800000000000000041", "off",
           "100%", "_", "%_o", "/退", "买家1", "宝妈", "龘", "退款了吗亲"]
FILTERS = [SearchFilter(), SearchFilter(direction="in"), SearchFilter(agent="agent-li"), SearchFilter(buyer_id="b3"),
           SearchFilter(buyer_nick="买家5_"), SearchFilter(has_issue=True),
           SearchFilter(since=T0 + timedelta(hours=5), until=T0 + timedelta(hours=20, minutes=30)),
           SearchFilter(direction="robot", since=T0 + timedelta(minutes=1299))]


@pytest.mark.parametrize("where", FILTERS, ids=lambda w: repr(w)[12:60])
def test_every_query_finds_hit_for_hit_what_the_orm_finds(store, where):
    s, path = store
    for query in QUERIES:
        for limit in (1, 7, 50, 400):
            hits, history, others = search_file(path, query, where, limit)
            assert hits == search_messages(s, query, where, limit=limit), (query, limit)
            assert history == search_history(s, query, where, limit=limit), (query, limit)
            assert others == search_others(s, query), query
    assert any(search_file(path, q, where, 50)[0] for q in QUERIES), "the filter lets hits through"
    assert any(search_file(path, q, where, 50)[1] for q in QUERIES) or where.direction == "robot" or where.buyer_id, (
        "the filter lets history through")


def test_a_query_too_long_is_refused_as_the_orm_refuses_it(store):
    _s, path = store
    with pytest.raises(ValueError, match="at most"):
        search_file(path, "退" * 40)


def test_a_store_of_another_schema_is_left_to_the_orm(store, tmp_path):
    s, path = store
    copy = tmp_path / "old.db"
    with sqlite3.connect(path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
        target.execute("UPDATE alembic_version SET version_num = '0013'")
    with pytest.raises(NotReadable):
        search_file(copy, "退款")
    with pytest.raises(NotReadable):
        search_file(tmp_path / "missing.db", "退款")
