"""The team's PostgreSQL server stopped mid-shift under a running desk, and started again (issue 18: 50 crash reports
in 18 s, 5 shop reconnects a second, a draft silently lost, a raw database error on send). The desk says once that
the server cannot be reached, keeps the agent's draft and reply on this computer, pauses the shop's stream instead
of reconnecting in a loop, asks the server again less and less often, and once it answers writes what it kept,
once, and goes on where it stopped. A real server (stopped with pg_ctl), a real headless desk process, the
simulator over loopback."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import create_engine, text

from app.shopsim.runner import SimServer

from tests.integration.headless_desk import HeadlessDesk, eventually

pytestmark = pytest.mark.integration


def _say(sim: SimServer, nick: str, words: str) -> str:
    with httpx.Client(base_url=sim.url, timeout=10) as control:
        said = control.post("/sim/say", json={"buyer_nick": nick, "text": words})
        assert said.status_code == 200, said.text
        return said.json()["conversation"]["id"]


def _status(desk: HeadlessDesk) -> dict:
    return desk.ask("status", do="status")


def test_a_server_stopped_mid_shift_keeps_the_work_and_says_so_once(own_pg, tmp_path):
    url = f"{own_pg.url}/postgres"
    with SimServer(port=0, rate=0, initial_chats=0, reply_delay=None, ping_interval=1.0, seed=18) as sim:
        drafted_chat = _say(sim, "停电前的买家", "在吗")
        answered_chat = _say(sim, "等回复的买家", "这双鞋有37码吗")
        desk = HeadlessDesk(url, sim.url, tmp_path / "desk").ready()
        try:
            desk.caught_up(sim.world.event_id(len(sim.world.events)))
            own_pg.stop()  # fast: every session of the desk is ended, as an administrator's restart does
            # a buyer writes meanwhile: the event reaches the desk, which cannot keep it
            _say(sim, "等回复的买家", "有人吗？")
            desk.wait_for(lambda e: e["event"] == "connection" and not e["online"], "that it went offline")
            streams = sim.fault_counts["streams"]
            drafted = desk.ask("drafted", do="draft", conversation=drafted_chat, text="草稿：帮您查一下库存")
            assert drafted["conversation"] == drafted_chat
            replied = desk.ask("replied|refused", do="reply", conversation=answered_chat, text="亲，37码有货的哦")
            assert replied["event"] == "replied", replied  # kept, not a raw database error
            # the desk asks the server again, waiting longer each time: four questions take seconds
            eventually(lambda: (_status(desk).get("server_attempts") or 0) >= 4, "four questions to the server",
                       timeout=120, every=0.5)
            reconnects = sim.fault_counts["streams"] - streams
            assert reconnects == 0, f"the shop's stream reconnected {reconnects} times while the server was away"
            own_pg.start()
            desk.wait_for(lambda e: e["event"] == "connection" and e["online"], "that it is online again",
                          timeout=120)
            desk.caught_up(sim.world.event_id(len(sim.world.events)))
            eventually(lambda: _status(desk)["pending"] == 0, "the outbox emptied", timeout=60)
        finally:
            desk.stop()
        received = [m for m in sim.world.received if m.client_id == replied["client_id"]]
        assert len(received) == 1 and received[0].text == "亲，37码有货的哦"  # reached the buyer once
    said = [e for e in desk.events if e["event"] in ("connection", "problem") and e.get("key") != ""]
    unreachable = [e for e in said if e["key"] == "server_unreachable"]
    assert len(unreachable) == 1, said  # said once
    assert [e["key"] for e in said if e["event"] == "problem"] == ["server_back"], said
    assert not any("psycopg" in e.get("detail", "") + e.get("text", "") for e in desk.events)  # no raw SQL
    assert not [e for e in desk.events if e["event"] == "crash"]
    assert not list((tmp_path / "desk" / "crash-reports").glob("*"))
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            draft = c.execute(text("SELECT text FROM draft WHERE conversation_id = :c"), {"c": drafted_chat}).scalar()
            replies = c.execute(text("SELECT count(*) FROM message WHERE client_id = :k"),
                                {"k": replied["client_id"]}).scalar_one()
            nag = c.execute(text("SELECT count(*) FROM message WHERE text = '有人吗？'")).scalar_one()
    finally:
        engine.dispose()
    assert draft == "草稿：帮您查一下库存"  # the draft typed while the server was away
    assert replies == 1  # written once
    assert nag == 1  # the buyer's message from the outage, once
    assert not (tmp_path / "desk" / "team-journal.jsonl").exists()  # all of it written back
