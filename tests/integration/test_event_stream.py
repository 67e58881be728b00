"""The event stream against the real simulator: drops, resumes with Last-Event-ID, refused logins."""

from __future__ import annotations

import time

import httpx
import pytest

from app.gateway.client import GatewayClient
from app.gateway.events import EventStream

pytestmark = pytest.mark.integration


def wait_for(condition, timeout: float = 5.0) -> bool:
    """Poll until the condition holds or the deadline passes (these threads have no Qt signal to wait on)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_a_dropped_stream_resumes_where_it_left_off_without_duplicates(sim, control):
    client = GatewayClient(httpx.Client(base_url=sim.url, timeout=httpx.Timeout(5, read=None)))
    client.login(sim.shop_id, *sim.credentials)
    seen: list[str] = []
    texts: list[str] = []
    connects: list[bool] = []

    def on_event(event) -> None:
        seen.append(event.id)
        if event.message is not None:
            texts.append(event.message.text)

    stream = EventStream(client, last_event_id=None, on_event=on_event, on_connected=connects.append,
                         min_backoff=0.05, max_backoff=0.2)
    stream.start()
    try:
        assert wait_for(lambda: connects == [True])
        control.post("/sim/say", json={"buyer_nick": "断线买家", "text": "第一句"})
        control.post("/sim/say", json={"buyer_nick": "断线买家", "text": "第二句"})
        assert wait_for(lambda: texts == ["第一句", "第二句"])
        resume_from = stream.last_event_id
        control.post("/sim/drop-streams")
        control.post("/sim/say", json={"buyer_nick": "断线买家", "text": "断线时说的"})
        assert wait_for(lambda: len(connects) >= 2 and "断线时说的" in texts)
        assert connects[1] is False  # a reconnect, not a first connect
        assert texts == ["第一句", "第二句", "断线时说的"]
        assert len(seen) == len(set(seen)), "an event was delivered twice"
        assert resume_from and seen.index(resume_from) < seen.index(stream.last_event_id)
    finally:
        stream.stop()
        client._http.close()
    assert not stream.running


def test_a_refused_token_stops_the_stream_and_says_why(sim):
    client = GatewayClient(httpx.Client(base_url=sim.url, timeout=5), token="stale-token")
    reasons: list[str] = []
    stream = EventStream(client, last_event_id=None, on_event=lambda e: None, on_fatal=reasons.append)
    stream.start()
    try:
        assert wait_for(lambda: bool(reasons))
        assert "did not accept the login" in reasons[0]
        assert wait_for(lambda: not stream.running)
    finally:
        stream.stop()
        client._http.close()
