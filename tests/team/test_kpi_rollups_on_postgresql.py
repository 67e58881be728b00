"""The KPIs' rollups on a shared PostgreSQL store, kept by the agents' own login (the team's grants): two desks
writing the same chats keep them equal to a fresh count, conversions come from the orders, and a day's figures
read the same as on SQLite."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.store import rollups
from app.store.engine import open_store

from app import domain
from tests.unit.store.test_rollups import fresh, kept

T0 = datetime(2026, 11, 11, 15, 59, 30, tzinfo=UTC)  # 23:59:30 in Shanghai
ZONE = "Asia/Shanghai"


def test_two_desks_keep_the_rollups_of_one_team_store(team):
    first, second = open_store(team.desk), open_store(team.desk)
    try:
        for store in (first, second):
            store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "果果妈"), "active", T0))
        rollups.ensure(first, ZONE)
        first.ingest_messages([domain.Message("m1", "c1", "in", "在吗", T0)])
        second.add_outgoing("c1", "在的亲", "k1", T0 + timedelta(seconds=20), agent="小李")
        second.mark_sent("k1", "s-k1", T0 + timedelta(seconds=45))  # over midnight: the 12th's answer
        first.ingest_messages([domain.Message("s-k1", "c1", "out", "在的亲", T0 + timedelta(seconds=46),
                                              client_id="k1", agent="小李"),  # the echo: already stored
                               domain.Message("m2", "c1", "in", "发货了吗", T0 + timedelta(minutes=5))])
        second.add_outgoing("c1", "发了", "k2", T0 + timedelta(minutes=6), agent="小王")
        first.upsert_orders([domain.Order("o1", "b1", [], 9900, "已付款", T0 + timedelta(hours=2))],
                            T0 + timedelta(hours=2))
        assert kept(first, ZONE) == fresh(first, ZONE)
        assert kept(first, ZONE)[(date(2026, 11, 12), "小李")][3] == [45.0]

        from app.desk.review import ReviewDesk

        figures = {f.agent: f for f in ReviewDesk(first, "店长", clock=lambda: T0, tz=ZoneInfo(ZONE))
                   .kpis(date(2026, 11, 12), date(2026, 11, 12))}
        assert (figures["小李"].first_times, figures["小王"].first_times) == ([45.0], [60.0])
        assert figures["小李"].converted == {"c1"} == figures["小王"].converted
    finally:
        first.close()
        second.close()
