"""The desk against a simulator with its fault switches on, over loopback HTTP: streams broken every few events,
events sent twice and out of order, slow responses, the simulator stopped and started again mid-stream with
replies written meanwhile, and recorded traffic replayed. Afterwards both sides hold exactly the same messages,
each once."""

from __future__ import annotations

import httpx
import pytest

from app.gateway.client import GatewayClient
from app.gateway.events import EventStream
from app.gateway.secrets import MemorySecretStore
from app.shopsim.faults import Faults, ReplayLine
from app.shopsim.runner import SimServer
from app.store.engine import open_store

from app.desk.session import DeskSession, ShopAccount

from tests.integration.conftest import RecordingListener

pytestmark = pytest.mark.integration


def faulty(**kw) -> Faults:
    return Faults(drop_every=3, duplicate_rate=0.3, reorder_rate=0.3, delay_ms=5, seed=3, **kw)


def desk_on(qtbot, sim: SimServer, store_path):
    store = open_store(store_path)
    user, password = sim.credentials
    session = DeskSession(store, ShopAccount(sim.url, sim.shop_id, user, password), MemorySecretStore(), RecordingListener())
    session.start()
    qtbot.waitUntil(lambda: session.online, timeout=10_000)
    return session


def shop_side(sim: SimServer) -> tuple[set[str], set[str]]:
    """The buyers' message ids in the shop, and the client ids of the agent's replies the shop accepted."""
    buyers = {m.id for chat in sim.world.chats.values() for m in chat.messages if m.direction == "in"}
    return buyers, {m.client_id for m in sim.world.received}


def desk_side(session: DeskSession) -> tuple[list[str], list[str]]:
    rows = [m for chat in session.store.conversation_summaries() for m in session.store.messages(chat.id)]
    return ([m.server_id or "" for m in rows if m.direction == "in"],
            [m.client_id or "" for m in rows if m.direction == "out" and m.state == "sent"])


def assert_same_once(qtbot, sim: SimServer, session: DeskSession) -> None:
    def same() -> bool:
        buyers, replies = shop_side(sim)
        stored_in, stored_out = desk_side(session)
        return set(stored_in) == buyers and set(stored_out) == replies and session.pending_count == 0
    qtbot.waitUntil(same, timeout=20_000)
    stored_in, stored_out = desk_side(session)
    assert len(stored_in) == len(set(stored_in)) and len(stored_out) == len(set(stored_out))  # each once
    received = [m.client_id for m in sim.world.received]
    assert len(received) == len(set(received))  # the shop got every reply once


def test_broken_duplicated_reordered_slow_streams_lose_and_double_nothing(qtbot, tmp_path):
    # rates high enough that every kind of fault happens in the few events a run streams (timing varies)
    faults = Faults(drop_every=3, duplicate_rate=0.5, reorder_rate=0.6, delay_ms=5, seed=3)
    with SimServer(port=0, rate=0, reply_delay=None, ping_interval=1.0, seed=7, faults=faults) as sim:
        session = desk_on(qtbot, sim, tmp_path / "desk.db")
        control = httpx.Client(base_url=sim.url, timeout=10)
        for n in range(30):
            said = control.post("/sim/say", json={"buyer_nick": f"tb_buyer{n % 6}", "text": f"第{n}个问题"}).json()
            if n % 3 == 0:  # the agent answers as the buyers write
                qtbot.waitUntil(lambda cid=said["conversation"]["id"]: session.store.conversation(cid) is not None,
                                timeout=10_000)
                session.send_reply(said["conversation"]["id"], f"回复{n}")
        assert_same_once(qtbot, sim, session)
        done = sim.fault_counts  # the faults really happened: the test would pass without them otherwise
        assert done["dropped"] >= 2 and done["duplicated"] >= 1 and done["reordered"] >= 1, done
        control.close()
        session.stop()
        session.store.close()


def test_a_restart_mid_stream_with_replies_written_meanwhile(qtbot, tmp_path):
    sim = SimServer(port=0, rate=0, reply_delay=None, ping_interval=1.0, seed=8, faults=faulty()).start()
    session = desk_on(qtbot, sim, tmp_path / "desk.db")
    with httpx.Client(base_url=sim.url, timeout=10) as control:
        cid = control.post("/sim/say", json={"buyer_nick": "tb_小美", "text": "在吗"}).json()["conversation"]["id"]
    qtbot.waitUntil(lambda: session.store.conversation(cid) is not None, timeout=10_000)
    port, world = sim.port, sim.world
    sim.stop()
    for n in range(3):  # the shop is down: the replies wait in the outbox, in order
        session.send_reply(cid, f"亲，稍等{n}")
    # and buyers write meanwhile (the world is the shop's back end: nothing else touches it while it is down)
    world.buyer_writes(conversation_id=cid, text="人呢？？")
    world.buyer_writes(nick="tb_断线时来的", text="在吗")
    qtbot.waitUntil(lambda: not session.online, timeout=15_000)
    sim = SimServer(port=port, rate=0, reply_delay=None, ping_interval=1.0, world=world, faults=faulty()).start()
    try:
        with httpx.Client(base_url=sim.url, timeout=10) as control:
            for n in range(5):
                control.post("/sim/say", json={"conversation_id": cid, "text": f"又问{n}"})
        assert_same_once(qtbot, sim, session)
        assert [m.text for m in sim.world.received] == ["亲，稍等0", "亲，稍等1", "亲，稍等2"]  # in order
    finally:
        session.stop()
        session.store.close()
        sim.stop()


def test_replayed_traffic_arrives_in_order(qtbot, tmp_path):
    lines = [ReplayLine(1, "r-1", "tb_果果妈", "在吗", 0), ReplayLine(2, "r-2", "小鱼儿", "什么时候发货", 0.5),
             ReplayLine(3, "r-1", "tb_果果妈", "宝宝脚长15cm", 0.5), ReplayLine(4, "r-1", "tb_果果妈", "穿多大", 0.2)]
    with SimServer(port=0, rate=0, reply_delay=None, ping_interval=1.0, seed=9, replay=lines,
                   replay_speed=10) as sim:
        session = desk_on(qtbot, sim, tmp_path / "desk.db")

        def said_by(nick: str) -> list[str]:
            chat = next((c for c in session.store.conversation_summaries() if c.buyer_nick == nick), None)
            return [m.text for m in session.store.messages(chat.id)] if chat else []

        qtbot.waitUntil(lambda: said_by("tb_果果妈") == ["在吗", "宝宝脚长15cm", "穿多大"], timeout=10_000)
        assert said_by("小鱼儿") == ["什么时候发货"]
        session.stop()
        session.store.close()


def test_a_restarted_simulator_goes_on_with_the_replay_where_it_was(qtbot):
    lines = [ReplayLine(n, "r-1", "tb_果果妈", f"第{n}句", 0.3) for n in range(1, 7)]
    sim = SimServer(port=0, rate=0, reply_delay=None, seed=10, replay=lines, replay_speed=1).start()
    try:
        qtbot.waitUntil(lambda: len(sim.world.chats) == 1 and len(next(iter(sim.world.chats.values())).messages) >= 2,
                        timeout=5000)
        port = sim.port
        sim.restart()
        assert sim.port == port
        chat = next(iter(sim.world.chats.values()))
        qtbot.waitUntil(lambda: len(chat.messages) == 6, timeout=10_000)
        assert [m.text for m in chat.messages] == [f"第{n}句" for n in range(1, 7)]  # none twice, none lost
    finally:
        sim.stop()


def watch(sim: SimServer, last_event_id: str | None = None) -> tuple[EventStream, list]:
    """The desk's event stream alone (no reconcile to fetch what it missed), keeping every event it hands over."""
    client = GatewayClient(httpx.Client(base_url=sim.url, timeout=httpx.Timeout(5, read=None)))
    client.login(sim.shop_id, *sim.credentials)
    seen: list = []
    stream = EventStream(client, last_event_id=last_event_id, on_event=seen.append, min_backoff=0.02,
                         max_backoff=0.1)
    stream.start()
    return stream, seen


def test_the_event_stream_alone_gets_every_event_past_drops_duplicates_and_swaps(qtbot):
    faults = Faults(drop_every=2, duplicate_rate=0.5, reorder_rate=0.5, seed=11)
    with SimServer(port=0, rate=0, reply_delay=None, ping_interval=1.0, seed=11, faults=faults) as sim, \
            httpx.Client(base_url=sim.url, timeout=10) as control:
        for n in range(10):  # a backlog, replayed in one go when the stream opens
            control.post("/sim/say", json={"buyer_nick": f"tb_积压{n % 3}", "text": f"早先{n}"})
        stream, seen = watch(sim)
        try:
            for n in range(10):  # and live traffic
                control.post("/sim/say", json={"buyer_nick": f"tb_在线{n % 3}", "text": f"现在{n}"})
            world = sim.world  # quiet from here on: no buyer writes by itself
            mine = {world.event_id(seq) for seq, _, _ in world.events if world.sees(world.me.id, seq)}
            qtbot.waitUntil(lambda: {e.id for e in seen} >= mine, timeout=10_000)
            assert {e.id for e in seen if e.id} == mine  # resumed by Last-Event-ID alone: none lost
            said = [e.message.id for e in seen if e.message is not None]
            assert set(said) == {m.id for chat in world.chats.values() for m in chat.messages}
            assert len(said) > len(set(said))  # duplicates reached the desk: its store is what keeps one of each
            done = sim.fault_counts
            assert done["dropped"] >= 5 and done["reordered"] >= 1 and done["duplicated"] >= 1, done
        finally:
            stream.stop()


def test_an_event_swapped_with_a_colleagues_is_not_held_back(qtbot):
    """The event after a swapped one may be for another agent's desk; the swapped one goes out anyway rather than
    wait for the next event of this desk's, which may never come."""
    with SimServer(port=0, rate=0, reply_delay=None, ping_interval=0.5, seed=12,
                   faults=Faults(reorder_rate=1.0, seed=12)) as sim, \
            httpx.Client(base_url=sim.url, timeout=10) as control:
        control.post("/sim/say", json={"buyer_nick": "tb_我的", "text": "在吗"})
        theirs = control.post("/sim/say", json={"buyer_nick": "tb_转走的", "text": "在吗"}).json()["conversation"]["id"]
        gw = GatewayClient(httpx.Client(base_url=sim.url, timeout=10))
        gw.login(sim.shop_id, *sim.credentials)
        gw.transfer(theirs, "agent-xiaowang", "")
        gw._http.close()
        resume_from = sim.world.event_id(len(sim.world.events))
        control.post("/sim/say", json={"buyer_nick": "tb_我的", "text": "还在吗"})  # for this desk
        control.post("/sim/say", json={"conversation_id": theirs, "text": "人呢"})  # for 小王's desk only
        stream, seen = watch(sim, resume_from)
        try:
            qtbot.waitUntil(lambda: [e.message.text for e in seen if e.message is not None] == ["还在吗"],
                            timeout=5000)
        finally:
            stream.stop()


def test_restarts_every_second_from_python_keep_the_shop_and_lose_nothing(qtbot, tmp_path):
    """Faults(restart_every=…) on a SimServer, as `kefudesk sim --restart-every` has it: the desk rides through
    the restarts with the other faults on, and a restart opens no new chats of its own."""
    faults = Faults(restart_every=1, drop_every=3, duplicate_rate=0.3, reorder_rate=0.3, seed=13)
    sim = SimServer(port=0, rate=0, initial_chats=2, reply_delay=None, ping_interval=1.0, seed=13,
                    faults=faults).start()
    session = desk_on(qtbot, sim, tmp_path / "desk.db")
    try:
        with httpx.Client(base_url=sim.url, timeout=10) as control:
            def say(n: int) -> str:
                while True:  # the shop may be down for a moment: the buyer tries again
                    try:
                        return control.post("/sim/say", json={"buyer_nick": f"tb_重启{n % 3}",
                                                             "text": f"第{n}句"}).json()["conversation"]["id"]
                    except httpx.TransportError:
                        qtbot.wait(50)
            n = 0
            # writing and answering across two restarts, until each of the three buyers wrote: a loaded machine
            # fits only a turn or two between restarts, and the count below is of the three
            while sim.restarts < 2 or n < 3:
                cid = say(n)
                qtbot.waitUntil(lambda cid=cid: session.store.conversation(cid) is not None, timeout=10_000)
                if n % 2:
                    session.send_reply(cid, f"回复{n}")
                n += 1
                qtbot.wait(100)
        assert_same_once(qtbot, sim, session)
        assert len(sim.world.chats) == 2 + 3  # the two waiting at start and the three buyers here, no more
    finally:
        session.stop()
        session.store.close()
        sim.stop()
    assert not sim.serving
