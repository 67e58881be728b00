"""Two desks on one PostgreSQL server receive the same shop's stream at once (a supervisor's desk beside an
agent's, or one agent on two computers): whichever stores a message, chat or buyer first, the other finds it
there and goes on (issue 18: the second hit a duplicate key and went offline 24–30 times a minute)."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import create_engine, text

from app.shopsim.runner import SimServer

from tests.integration.headless_desk import HeadlessDesk

pytestmark = pytest.mark.integration

BUYERS = 40
LINES = 6  # each buyer writes this many lines, one buyer after another: new chats and new messages


def test_two_desks_ingesting_the_same_stream_at_once_both_stay_online(pg_url, tmp_path):
    with SimServer(port=0, rate=0, initial_chats=0, reply_delay=None, ping_interval=1.0, seed=18) as sim:
        desks = [HeadlessDesk(pg_url, sim.url, tmp_path / f"desk{n}") for n in range(2)]
        try:
            for desk in desks:
                desk.ready()
            with httpx.Client(base_url=sim.url, timeout=10) as control:
                for line in range(LINES):
                    for buyer in range(BUYERS):
                        said = control.post("/sim/say", json={"buyer_nick": f"并发买家{buyer}",
                                                              "text": f"第{line}句，在吗"})
                        assert said.status_code == 200, said.text
            last = sim.world.event_id(len(sim.world.events))
            for desk in desks:
                desk.caught_up(last)
            shop_messages = sum(len(chat.messages) for chat in sim.world.chats.values())
        finally:
            for desk in desks:
                desk.stop()
    for n, desk in enumerate(desks):
        dropped = [e for e in desk.events if e["event"] == "connection" and not e["online"]]
        assert not dropped, f"desk {n} went offline {len(dropped)} times: " \
                            f"{[e['detail'].splitlines()[0][:300] for e in dropped[:3]]}"
        problems = [e for e in desk.events if e["event"] in ("problem", "crash")]
        assert not problems, f"desk {n} reported {problems[:3]}"
    engine = create_engine(pg_url)
    try:
        with engine.connect() as c:
            stored = c.execute(text("SELECT count(*), count(DISTINCT server_id) FROM message")).one()
            chats = c.execute(text("SELECT count(*) FROM conversation")).scalar_one()
    finally:
        engine.dispose()
    assert tuple(stored) == (shop_messages, shop_messages)  # every message the shop has, each once
    assert chats == BUYERS

