"""app/desk/live_ingest.py and the stream's side of it (app/desk/shop_events.py): messages handed over one at a time
are committed in groups, every one stored and shown once, in order, across group boundaries and failures; the
resume point (what the shop resends after) never runs ahead of what is committed."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import StatementError

from app.gateway.events import EventStream
from app.gateway.secrets import MemorySecretStore
from app.store.engine import open_store
from app.store.errors import StoreBusy

from app.desk.live_ingest import Arrival, LiveIngest
from app.desk.session import DeskSession, ShopAccount

from app import domain
from tests.integration.headless_desk import eventually

T0 = datetime(2026, 11, 11, 0, 0, tzinfo=UTC)
RESUME = "last_event_id:test"


def chat(n: int) -> domain.Conversation:
    return domain.Conversation(f"c{n % 3}", domain.Buyer(f"b{n % 3}", f"买家{n % 3}"), "active", T0)


def says(n: int, *, naive: bool = False) -> domain.Message:
    sent = T0 + timedelta(seconds=n)
    return domain.Message(f"s{n}", f"c{n % 3}", "in", f"第{n}句", sent.replace(tzinfo=None) if naive else sent)


def arrival(n: int, event: int | None = None, **kwargs: bool) -> Arrival:
    """Message n as the stream's event number `event` (n unless the shop sends it again)."""
    return Arrival(f"e{n if event is None else event}", chat(n), says(n, **kwargs))


def stored_ids(store) -> list[str]:
    """The server ids of every stored message, in the order they were stored."""
    rows = [m for c in ("c0", "c1", "c2") for m in store.messages(c)]
    return [m.server_id for m in sorted(rows, key=lambda m: m.id)]


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "kefudesk.db", busy_timeout=0.2)
    yield s
    s.close()


class Heard:
    """What the desk is told once a group is committed, and what was committed when it was told."""

    def __init__(self, store) -> None:
        self.store = store
        self.outcomes: list[tuple[str, bool]] = []
        self.acknowledged_then: list[tuple[str, list[str]]] = []

    def __call__(self, outcomes) -> None:
        self.outcomes.extend((record.server_id, created) for record, created in outcomes)
        self.acknowledged_then.append((self.store.get_meta(RESUME), stored_ids(self.store)))


def test_messages_handed_over_one_at_a_time_are_stored_and_told_once_in_order_a_group_per_commit(store):
    heard = Heard(store)
    live = LiveIngest(store, RESUME, heard, max_group=7)
    order = [*range(30), 12, 13, *range(30, 60)]  # 12 and 13 resent later, in another group
    try:
        with store.writing():  # the store is busy: what arrives meanwhile waits for the next commits
            for event, n in enumerate(order):
                live.put(arrival(n, event))
            eventually(lambda: live.waiting < len(order), "a group taken, its commit waiting for the store")
            assert live.acknowledged is None and store.get_meta(RESUME) == "" and heard.outcomes == []
        live.flush()
    finally:
        live.stop()
    assert stored_ids(store) == [f"s{n}" for n in range(60)]
    assert heard.outcomes == [(f"s{n}", i not in (30, 31)) for i, n in enumerate(order)]
    assert 60 // 7 <= live.groups < len(order)  # grouped: at most 7 a commit, fewer commits than messages
    assert live.acknowledged == store.get_meta(RESUME) == f"e{len(order) - 1}"
    for acknowledged, stored in heard.acknowledged_then:  # told after the commit that acknowledged them
        received = order[:int(acknowledged[1:]) + 1]
        assert stored == [f"s{n}" for n in sorted(set(received))]


def test_a_group_that_fails_is_not_acknowledged_and_is_stored_once_when_the_shop_resends_it(store):
    heard = Heard(store)
    live = LiveIngest(store, RESUME, heard, max_group=4)
    try:
        for n in range(5):
            live.put(arrival(n))
        live.flush()
        with store.writing():
            for n in range(5, 10):
                live.put(arrival(n, naive=n == 7))  # a message the store refuses: its group is not kept
        with pytest.raises(StatementError, match="naive datetime"):
            live.flush()
        acknowledged = live.acknowledged
        resent_from = int(acknowledged[1:]) + 1
        assert 4 <= int(acknowledged[1:]) < 7 and store.get_meta(RESUME) == acknowledged
        assert stored_ids(store) == [f"s{n}" for n in range(resent_from)]  # nothing after the acknowledgement
        live.flush()  # the failure is said once
        for n in range(resent_from, 12):  # the shop resends after the acknowledgement, the message now whole
            live.put(arrival(n))
        live.flush()
    finally:
        live.stop()
    assert stored_ids(store) == [f"s{n}" for n in range(12)]
    assert heard.outcomes == [(f"s{n}", True) for n in range(12)]  # none told twice, none of the failed group
    assert store.get_meta(RESUME) == "e11"


def test_pings_move_the_resume_point_with_the_messages_before_them(store):
    live = LiveIngest(store, RESUME, lambda outcomes: None)
    try:
        live.put(arrival(0))
        live.put(Arrival("e1", None, None))
        live.flush()
    finally:
        live.stop()
    assert store.get_meta(RESUME) == "e1" and stored_ids(store) == ["s0"]


def test_a_demo_keeps_no_resume_point(store):
    live = LiveIngest(store, None, lambda outcomes: None)
    try:
        live.put(arrival(0))
        live.flush()
    finally:
        live.stop()
    assert stored_ids(store) == ["s0"] and live.acknowledged == "e0" and store.get_meta(RESUME) == ""


class Window:
    def __init__(self) -> None:
        self.messages: list[str] = []
        self.chats: list[str] = []

    def on_message(self, message) -> None:
        self.messages.append(message.server_id)

    def on_conversation(self, summary) -> None:
        self.chats.append(summary.id)

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: None


def test_a_desk_whose_store_refused_a_group_resumes_its_stream_after_the_last_event_committed(store, tmp_path):
    window = Window()
    desk = DeskSession(store, ShopAccount("https://shop.example", "shop", "agent"), MemorySecretStore(), window)
    events = desk.events
    events.stream = EventStream(desk.gateway, last_event_id=None, on_event=events.handle_event)
    other = sqlite3.connect(tmp_path / "kefudesk.db", isolation_level=None)  # another program writing the store
    try:
        for n in range(3):
            events.handle_event(domain.Event(f"e{n}", "message.created", conversation=chat(n), message=says(n)))
        events.live.flush()
        other.execute("BEGIN IMMEDIATE")
        for n in range(3, 6):  # received while the store is held: the stream moves on, nothing is acknowledged
            events.handle_event(domain.Event(f"e{n}", "message.created", conversation=chat(n), message=says(n)))
            events.stream.last_event_id = f"e{n}"  # as the stream does after each event it handed over
        closed = domain.Event("e6", "conversation.closed", conversation_id="c9")  # stored after the messages before it
        with pytest.raises(StoreBusy):  # their group waited out the busy timeout: the stream ends
            events.handle_event(closed)
        assert events.stream.last_event_id == "e2"  # it connects again after the last event committed
        other.execute("ROLLBACK")
        for n in range(3, 6):  # the shop resends what came after e2
            events.handle_event(domain.Event(f"e{n}", "message.created", conversation=chat(n), message=says(n)))
        events.handle_event(closed)
    finally:
        other.close()
        desk.stop()
    assert stored_ids(store) == [f"s{n}" for n in range(6)]
    assert window.messages == [f"s{n}" for n in range(6)]  # each shown once, none from the group that failed
    assert set(window.chats) == {"c0", "c1", "c2"}
    assert store.get_meta("last_event_id:https://shop.example") == "e6"
