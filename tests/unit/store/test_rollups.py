"""The KPIs' rollups (app/store/rollups.py) kept on every write of messages equal a fresh computation from all the
messages: after live ingest, the agent's own sends, mark_sent rewriting sent_at, a duplicate deleted, the shop's
echo of a reply, robot runs, a transferred chat, answers over local midnight and a chat's buyer said after its
messages; and equal to the same zone built again from nothing. A store of schema 0014 gets them built from its messages."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, select, update

from app.store import models as m
from app.store import rollups
from app.store.engine import open_store
from app.store.models import as_utc
from app.store.store import Store

from app import domain
from tests.unit.store.test_schema_check import _migrated

ZONE = "Asia/Shanghai"
MIDNIGHT = datetime(2026, 11, 11, 16, 0, tzinfo=UTC)  # 00:00 on the 12th in Shanghai


def at(seconds: float) -> datetime:
    return MIDNIGHT + timedelta(seconds=seconds)


def fresh(store: Store, zone: str) -> dict[tuple[date, str], tuple]:
    """Each (local day, agent): its chats, their first and longest other responses, all and first times, counted
    the plain way from every message of the store."""
    tz = ZoneInfo(zone)
    table = m.Message.__table__
    said: dict[str, list] = defaultdict(list)
    with store.engine.connect() as connection:
        for cid, at_, direction, agent in connection.execute(
                select(table.c.conversation_id, table.c.sent_at, table.c.direction, table.c.agent)
                .order_by(table.c.conversation_id, table.c.id)):
            said[cid].append((as_utc(at_), direction, agent or ""))
    cells: dict[tuple[date, str], dict] = defaultdict(lambda: {"first": {}, "longest": {}, "all": [], "firsts": []})
    for cid, lines in said.items():
        for agent, start, answered, first in rollups.runs(lines):
            cell = cells[(answered.astimezone(tz).date(), agent)]
            seconds = (answered - start).total_seconds()
            cell["all"].append(seconds)
            cell["longest"].setdefault(cid, -1.0)
            if first:
                cell["first"][cid] = seconds
                cell["firsts"].append(seconds)
            else:
                cell["longest"][cid] = max(cell["longest"][cid], seconds)
    out = {}
    for key, cell in cells.items():
        chats = sorted(cell["longest"])
        out[key] = (chats, [cell["first"].get(c, -1.0) for c in chats], [cell["longest"][c] for c in chats],
                    sorted(cell["all"]), sorted(cell["firsts"]))
    return out


def kept(store: Store, zone: str) -> dict[tuple[date, str], tuple]:
    return {(c.day, c.agent): (c.chats, list(c.chat_first), list(c.chat_longest), list(c.times), list(c.first_times))
            for c in rollups.days(store, zone, date(2000, 1, 1), date(2100, 1, 1))}


def tables(store: Store, zone: str) -> tuple[list, list]:
    a, d = m.KpiAnswer.__table__, m.KpiDay.__table__
    with store.engine.connect() as connection:
        return (connection.execute(select(a).where(a.c.zone == zone).order_by(a.c.conversation_id, a.c.seq)).all(),
                connection.execute(select(d).where(d.c.zone == zone).order_by(d.c.day, d.c.agent)).all())


def rebuilt(store: Store, zone: str) -> tuple[list, list]:
    with store.writing() as s:
        s.execute(delete(m.KpiAnswer.__table__))
        s.execute(delete(m.KpiDay.__table__))
        s.execute(update(m.KpiZone.__table__).values(ready=False))
    rollups.ensure(store, zone)
    return tables(store, zone)


def buyer(server_id: str, seconds: float, chat: str = "c1") -> domain.Message:
    return domain.Message(server_id, chat, "in", "在吗", at(seconds))


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "kefudesk.db")
    for chat, nick in (("c1", "b1"), ("c2", "b2")):
        s.upsert_conversation(domain.Conversation(chat, domain.Buyer(nick, nick), "waiting", at(-3_600)))
    rollups.ensure(s, ZONE)
    yield s
    s.close()


def test_every_write_of_messages_keeps_the_rollups_equal_to_a_fresh_count(store):
    def check(step: str) -> None:
        assert kept(store, ZONE) == fresh(store, ZONE), step

    # a run from 23:59:30 answered at 00:00:10 counts on the new local day
    store.ingest_messages([buyer("m1", -30), domain.Message("m2", "c1", "out", "在的", at(10), agent="小李")])
    check("ingest over midnight")
    assert {day for day, _agent in kept(store, ZONE)} == {date(2026, 11, 12)}
    store.ingest_live([(None, buyer("m3", 20))], None)
    store.add_outgoing("c1", "好的", "k1", at(25), agent="小李")
    check("the agent's own send")
    store.mark_sent("k1", "s-k1", at(95))  # the shop's time, 70 s later: the response is 75 s now
    check("mark_sent rewrote sent_at")
    assert kept(store, ZONE)[(date(2026, 11, 12), "小李")][3] == [40.0, 75.0]

    store.ingest_messages([buyer("m4", 100)])
    store.add_outgoing("c1", "稍等", "k2", at(110), agent="小李")
    store.ingest_messages([domain.Message("s-k2", "c1", "out", "稍等", at(111), agent="小李")])  # echo without key
    check("the echo stored as a second row")
    store.mark_sent("k2", "s-k2", at(112))  # the copy is deleted, ours kept
    check("the duplicate deleted")

    store.ingest_messages([buyer("m5", 200, "c2")])
    store.add_outgoing("c2", "您好，我是机器人", "r1", at(203), direction="robot", agent="robot")
    store.ingest_messages([buyer("m6", 230, "c2")])
    store.add_outgoing("c2", "亲，我来帮您", "k3", at(260), agent="小王")
    check("a robot run, then the agent's")
    store.ingest_messages([buyer("m7", 300, "c2"), domain.Message("m8", "c2", "system", "转接给小李", at(301)),
                           domain.Message("m9", "c2", "out", "我是小李", at(340), agent="小李")])
    check("a transferred chat")
    store.add_outgoing("c2", "还有什么问题吗", "k4", at(400), agent="小李")
    store.ingest_messages([buyer("m10", 405, "c2"),
                           domain.Message("s-k4", "c2", "out", "还有什么问题吗", at(401), client_id="k4", agent="小李")])
    check("the echo of a reply matched by its key")

    store.ingest_messages([buyer("m11", 500, "c3"), domain.Message("m12", "c3", "out", "在的", at(520), agent="小王")])
    store.upsert_conversation(domain.Conversation("c3", domain.Buyer("b3", "b3"), "active", at(500)))
    check("a chat known from its messages before its buyer")
    with store.engine.connect() as connection:
        answers = m.KpiAnswer.__table__
        assert connection.execute(select(answers.c.buyer_id).where(answers.c.conversation_id == "c3")).all() == [
            ("b3",)]  # the conversions find the chat by its buyer's orders

    cells = kept(store, ZONE)
    assert cells[(date(2026, 11, 12), "小李")][4] == [40.0, 40.0]  # first in c1 and, after the transfer, in c2
    assert cells[(date(2026, 11, 12), "robot")][3] == [3.0] and cells[(date(2026, 11, 12), "小王")][3] == [20.0, 30.0]
    before = tables(store, ZONE)
    assert rebuilt(store, ZONE) == before


def test_a_zone_is_kept_from_its_first_read_on_and_another_zone_beside_it(store):
    store.ingest_messages([buyer("m1", -30), domain.Message("m2", "c1", "out", "在的", at(10), agent="小李")])
    rollups.ensure(store, "Europe/Berlin")  # built from the stored messages…
    store.ingest_messages([buyer("m3", 7_200), domain.Message("m4", "c1", "out", "好", at(7_260), agent="小李")])
    for zone in (ZONE, "Europe/Berlin"):  # …and kept by the next write, like the first zone
        assert kept(store, zone) == fresh(store, zone)
    assert {day for day, _agent in kept(store, "Europe/Berlin")} == {date(2026, 11, 11)}  # 17:00 in Berlin


def test_a_store_of_schema_0014_gets_rollups_built_from_its_messages(tmp_path):
    path = tmp_path / "old.db"
    _migrated(path, "0014")
    stamp = "%Y-%m-%d %H:%M:%S.%f"
    with sqlite3.connect(path) as c:
        c.execute("INSERT INTO conversation (id, buyer_id, state, created_at, last_text, last_direction, unread) "
                  "VALUES ('c1', 'b1', 'closed', ?, '', 'out', 0)", (at(-60).strftime(stamp),))
        c.executemany("INSERT INTO message (conversation_id, direction, text, sent_at, state, error, image, agent) "
                      "VALUES ('c1', ?, '', ?, 'sent', '', '', ?)",
                      [("in", at(-30).strftime(stamp), ""), ("out", at(10).strftime(stamp), "小李"),
                       ("in", at(86_400).strftime(stamp), ""), ("out", at(86_430).strftime(stamp), "小李")])
    c.close()
    store = open_store(path)
    try:
        assert not rollups.is_ready(store, ZONE)
        rollups.ensure(store, ZONE)
        assert rollups.is_ready(store, ZONE)
        cells = kept(store, ZONE)
        assert cells == fresh(store, ZONE)
        assert cells[(date(2026, 11, 13), "小李")][4] == []  # the second day's answer is not the first in the chat
    finally:
        store.close()
