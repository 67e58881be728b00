"""Plain http:// to a gateway on another machine is refused before the password leaves, unless the shop's
settings allow it (gateway.allow_plain_http, for a test lab). "Another machine" is this one reached through its
network address, as a colleague's desk would reach it."""

from __future__ import annotations

import socket

import pytest

from app.gateway.secrets import MemorySecretStore
from app.shopsim.runner import SimServer
from app.store.engine import open_store

from app.desk.session import DeskSession, ShopAccount

from tests.integration.conftest import RecordingListener

pytestmark = pytest.mark.integration


def network_address() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # nothing is sent: this only picks the outgoing interface
            return probe.getsockname()[0]
        except OSError:
            return ""


def test_plain_http_to_another_machine_needs_the_setting(qtbot, tmp_path):
    address = network_address()
    if not address or address.startswith("127."):
        pytest.skip("this machine has no network address besides loopback to reach itself through")
    with SimServer(host="0.0.0.0", port=0, rate=0, initial_chats=0, seed=3) as sim:  # noqa: S104 - the point
        url = f"http://{address}:{sim.port}"
        agent, password = sim.credentials
        store = open_store(tmp_path / "desk.db")
        refused = RecordingListener()
        session = DeskSession(store, ShopAccount(url, sim.shop_id, agent, password), MemorySecretStore(), refused)
        session.start()
        qtbot.waitUntil(lambda: bool(refused.problems), timeout=10_000)
        session.stop()
        assert "plain http" in refused.problems[0] and "gateway.allow_plain_http" in refused.problems[0]
        assert not sim.world.tokens  # the password never reached the shop

        allowed = DeskSession(store, ShopAccount(url, sim.shop_id, agent, password, allow_plain_http=True),
                              MemorySecretStore(), RecordingListener())
        allowed.start()
        qtbot.waitUntil(lambda: allowed.online, timeout=10_000)
        allowed.stop()
        store.close()
        assert sim.world.tokens
