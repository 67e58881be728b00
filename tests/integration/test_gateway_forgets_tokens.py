"""A shop gateway that restarts and forgets every login token (its sessions lived in memory): the desk logs in
again by itself with the password it was given this session, sends what waited in the outbox once, and asks the
agent only when the shop refuses that password (issue 18: the desk stopped for good with 18 replies pending).
The simulator's --forget-tokens switch, over loopback."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.gateway.secrets import MemorySecretStore
from app.shopsim.faults import Faults
from app.shopsim.runner import SimServer
from app.store.engine import open_store

from app.desk.session import DeskSession, ShopAccount

from app.ui.bridge import DeskBridge
from app.ui.main_window import MainWindow

from tests.integration.conftest import RecordingListener

pytestmark = pytest.mark.integration

REPLIES = 18


@pytest.fixture
def forgetful() -> Iterator[SimServer]:
    """A quiet simulator whose restarts forget every token."""
    with SimServer(port=0, rate=0, initial_chats=0, reply_delay=None, ping_interval=1.0, seed=18,
                   faults=Faults(forget_tokens=True, seed=18)) as server:
        yield server


def _desk(sim: SimServer, tmp_path, secrets: MemorySecretStore | None = None,
          password: str | None = None) -> tuple[DeskSession, RecordingListener]:
    listener = RecordingListener()
    agent, given = sim.credentials
    account = ShopAccount(sim.url, sim.shop_id, agent, given if password is None else password)
    session = DeskSession(open_store(tmp_path / "desk.db"), account, secrets or MemorySecretStore(), listener)
    return session, listener


def _say(sim: SimServer, nick: str, text: str) -> None:
    with httpx.Client(base_url=sim.url, timeout=5) as control:
        assert control.post("/sim/say", json={"buyer_nick": nick, "text": text}).status_code == 200


def _received(sim: SimServer) -> Counter[str]:
    return Counter(m.client_id for m in sim.world.received)


def test_a_restart_that_forgets_tokens_is_logged_in_again_and_the_outbox_goes_out_once(qtbot, forgetful,
                                                                                      tmp_path):
    for n in range(6):
        _say(forgetful, f"忘记令牌{n}", "在吗")
    session, listener = _desk(forgetful, tmp_path)
    session.start()
    try:
        qtbot.waitUntil(lambda: session.online and len(session.store.conversation_summaries()) == 6)
        chats = [c.id for c in session.store.conversation_summaries()]
        old_token = session.gateway.token
        forgetful.restart()  # every token forgotten
        sent = [session.send_reply(chats[n % len(chats)], f"亲，第{n}条回复") for n in range(REPLIES)]
        qtbot.waitUntil(lambda: session.store.outbox_count() == 0 and session.online)
        received = _received(forgetful)
        assert all(received[r.client_id] == 1 for r in sent), received  # every reply reached the shop once
        assert forgetful.world.repeated_sends <= 1  # at most the one on the wire when the token went
        assert [m.state for m in session.store.outbox()] == []  # none marked failed
        assert session.gateway.token != old_token and session.gateway.token in forgetful.world.tokens
        assert listener.logins == []  # nobody was asked: the desk had the password
    finally:
        session.stop()
        session.store.close()


def test_a_refused_password_asks_the_agent_and_the_replies_wait_for_the_answer(qtbot, forgetful, tmp_path):
    _say(forgetful, "改了密码的店", "在吗")
    session, listener = _desk(forgetful, tmp_path)
    session.start()
    try:
        qtbot.waitUntil(lambda: session.online and bool(session.store.conversation_summaries()))
        chat = session.store.conversation_summaries()[0].id
        world = forgetful.world
        world.credentials = replace(world.credentials, password="新密码-2")  # the owner changed it
        forgetful.restart()
        sent = [session.send_reply(chat, f"亲，稍等第{n}条") for n in range(3)]
        qtbot.waitUntil(lambda: bool(listener.logins))
        assert [reason.key for reason in listener.logins] == ["login_refused"]  # asked once
        assert not session.online
        assert {m.state for m in session.store.outbox()} <= {"pending"}  # waiting, not failed
        session.log_in("新密码-2")
        qtbot.waitUntil(lambda: session.store.outbox_count() == 0 and session.online)
        received = _received(forgetful)
        assert all(received[r.client_id] == 1 for r in sent)
        assert len(listener.logins) == 1
    finally:
        session.stop()
        session.store.close()


def test_a_desk_started_with_a_saved_token_asks_for_the_password_when_the_shop_forgets_it(qtbot, forgetful,
                                                                                        tmp_path):
    secrets = MemorySecretStore()
    first, _ = _desk(forgetful, tmp_path, secrets)
    first.start()
    qtbot.waitUntil(lambda: first.online)
    first.stop()
    first.store.close()
    session, listener = _desk(forgetful, tmp_path, secrets, password="")  # the token from the keyring only
    session.start()
    try:
        qtbot.waitUntil(lambda: session.online)
        forgetful.restart()
        qtbot.waitUntil(lambda: bool(listener.logins))
        assert [reason.key for reason in listener.logins] == ["login_needed"]
        session.log_in(forgetful.credentials[1])
        qtbot.waitUntil(lambda: session.online)
    finally:
        session.stop()
        session.store.close()


def test_the_window_asks_for_the_password_the_shop_refused_and_goes_on_with_it(qtbot, forgetful, tmp_path):
    _say(forgetful, "窗口里的买家", "在吗")
    bridge = DeskBridge()
    agent, password = forgetful.credentials
    store = open_store(tmp_path / "desk.db")
    session = DeskSession(store, ShopAccount(forgetful.url, forgetful.shop_id, agent, password), MemorySecretStore(),
                          bridge)
    window = MainWindow(session, bridge, shop_name=forgetful.shop_name, demo=False)
    qtbot.addWidget(window)
    window.show()
    session.start()
    try:
        qtbot.waitUntil(lambda: session.online and window.queue_model.rowCount() == 1)
        world = forgetful.world
        world.credentials = replace(world.credentials, password="new-pass-18")
        forgetful.restart()
        qtbot.waitUntil(lambda: window.shop_login.dialog is not None and window.shop_login.dialog.isVisible())
        dialog = window.shop_login.dialog
        assert "did not accept the login" in dialog.labelText() and not session.online
        field = dialog.findChild(QLineEdit)
        field.setFocus()
        qtbot.keyClicks(field, "new-pass-18")
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: session.online and window.shop_login.dialog is None)
        chat = store.conversation_summaries()[0].id
        sent = session.send_reply(chat, "亲，已经重新登录了")
        qtbot.waitUntil(lambda: any(m.client_id == sent.client_id for m in world.received))
    finally:
        window.close()
        session.stop()
        store.close()


def test_a_wrong_password_at_start_is_asked_again_and_the_right_one_starts_the_desk(qtbot, forgetful, tmp_path):
    session, listener = _desk(forgetful, tmp_path, password="typo-1")
    session.start()
    try:
        qtbot.waitUntil(lambda: bool(listener.logins))
        assert [reason.key for reason in listener.logins] == ["login_refused"] and not session.online
        session.log_in(forgetful.credentials[1])
        qtbot.waitUntil(lambda: session.online)
        assert session.me  # who the desk is at the shop, remembered from this first login
    finally:
        session.stop()
        session.store.close()
