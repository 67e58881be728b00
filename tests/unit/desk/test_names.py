"""Agents by their display names (花名) in what people read: the KPI table and a day's transcript export."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.store.engine import open_store

from app.desk.kpis import Figures
from app.desk.names import AgentNames
from app.desk.review import ReviewDesk, kpi_table

from app import domain

T0 = datetime(2026, 11, 11, 9, 0).astimezone()


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "n.db")
    yield s
    s.close()


def test_a_name_the_shop_gave_is_shown_and_an_unknown_id_as_it_is(store):
    store.ensure_agents("demo", {"agent-xiaowang": "小王", "xiaoli": "小李"})
    names = AgentNames(store)
    assert names.all_of(["agent-xiaowang", "xiaoli", "agent-new", ""]) == ("小王", "小李", "agent-new", "")
    store.ensure_agents("demo", {"agent-xiaowang": "王小二"})  # renamed at the shop: the newest name
    assert AgentNames(store).of("agent-xiaowang") == "王小二"


def test_the_kpi_table_and_a_days_export_use_the_names(store):
    store.ensure_agents("demo", {"agent-xiaowang": "小王"})
    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "果果妈"), "active", T0))
    store.ingest_message(domain.Message("m1", "c1", "in", "在吗", T0))
    store.ingest_message(domain.Message("m2", "c1", "out", "在的亲", T0 + timedelta(seconds=5), agent="agent-xiaowang"))
    desk = ReviewDesk(store, "店长", clock=lambda: T0)
    table = kpi_table(desk.kpis(T0.date(), T0.date()), desk.names)
    assert [row[0] for row in table.rows] == ["小王"]
    assert kpi_table([Figures("agent-xiaowang", T0.date())]).rows[0][0] == "agent-xiaowang"  # no names: the id
    text = desk.export_day(T0.date(), "agent-xiaowang", "txt")
    assert text.startswith("小王 · 2026-11-11 · 1 chats")
    assert "<title>小王 2026-11-11</title>" in desk.export_day(T0.date(), "agent-xiaowang", "html")
