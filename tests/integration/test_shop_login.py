"""A configured shop (not the demo): log in with a password once, then with the saved token."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app.gateway.secrets import MemorySecretStore
from app.store.engine import open_store

from app.desk.session import DeskSession, ShopAccount

from app import config
from tests.integration.conftest import RecordingListener

pytestmark = pytest.mark.integration


def test_the_token_from_a_password_login_is_saved_and_used_next_time(qtbot, sim, tmp_path):
    secrets = MemorySecretStore()
    store = open_store(tmp_path / "desk.db")
    agent, password = sim.credentials
    first = DeskSession(store, ShopAccount(sim.url, sim.shop_id, agent, password), secrets, RecordingListener())
    first.start()
    qtbot.waitUntil(lambda: first.online, timeout=5000)
    first.stop()
    token = secrets.get(ShopAccount(sim.url, sim.shop_id, agent).secret_key)
    assert token and token in sim.world.tokens

    listener = RecordingListener()
    second = DeskSession(store, ShopAccount(sim.url, sim.shop_id, agent), secrets, listener)  # no password now
    second.start()
    qtbot.waitUntil(lambda: second.online, timeout=5000)
    second.stop()
    assert listener.problems == []

    sim.world.tokens.clear()  # the shop revoked every token
    listener = RecordingListener()
    third = DeskSession(store, ShopAccount(sim.url, sim.shop_id, agent), secrets, listener)
    third.start()
    qtbot.waitUntil(lambda: bool(listener.logins), timeout=5000)  # no password this session: the agent is asked
    third.stop()
    store.close()
    assert listener.logins[0].key == "login_needed" and not third.online
    assert secrets.get(ShopAccount(sim.url, sim.shop_id, agent).secret_key) is None  # the stale token is gone


def test_a_configured_shop_is_used_instead_of_the_demo(sim, control, tmp_path):
    control.post("/sim/say", json={"buyer_nick": "配置店铺的买家", "text": "在吗"})
    settings = config.settings_path()
    settings.parent.mkdir(parents=True)
    settings.write_text(f'[gateway]\nurl = "{sim.url}"\nshop = "{sim.shop_id}"\nagent = "{sim.credentials[0]}"\n',
                        encoding="utf-8")
    # a real process, as an agent starts it (an in-process app.exec() leaves this process's later event loops
    # returning at once, which would break every Qt test after it)
    env = os.environ | {"KEFUDESK_PASSWORD": sim.credentials[1], "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "app", "--screenshot", str(tmp_path / "shot.png"), "--after", "1.5"],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert sim.world.tokens, "the desk logged in to the configured shop"
    store = open_store(config.store_path())
    try:
        assert [c.buyer_nick for c in store.conversation_summaries()] == ["配置店铺的买家"]
    finally:
        store.close()
