"""A running simulator on a free loopback port, and a desk window connected to it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from app.gateway.client import GatewayClient
from app.gateway.secrets import MemorySecretStore
from app.shopsim.runner import SimServer
from app.store.engine import open_store
from app.store.store import Store

from app.desk.session import DeskSession, ShopAccount

from app.ui.bridge import DeskBridge
from app.ui.main_window import MainWindow

from tests.conftest import with_starter_phrases


class RecordingListener:
    """A headless desk's listener (a DeskListener, as the Qt bridge is) that keeps what tests look at."""

    def __init__(self) -> None:
        self.online: list[bool] = []
        self.details: list[str] = []  # why it went offline ("" when it came online)
        self.problems: list[str] = []
        self.transfers: list[tuple[str, str, str, bool]] = []
        self.logins: list[str] = []  # why the agent was asked for the shop's password

    def on_conversation(self, chat) -> None: ...  # noqa: ANN001
    def on_message(self, message) -> None: ...  # noqa: ANN001
    def on_orders(self, buyer_id, orders) -> None: ...  # noqa: ANN001

    def on_connection(self, online: bool, detail: str) -> None:
        self.online.append(online)
        self.details.append(detail)

    def on_problem(self, text: str) -> None:
        self.problems.append(text)

    def on_transfer(self, chat, transfer, to_me: bool) -> None:  # noqa: ANN001
        self.transfers.append((chat.id, transfer.from_agent, transfer.note, to_me))

    def on_login_needed(self, reason: str) -> None:
        self.logins.append(reason)


@pytest.fixture
def sim() -> Iterator[SimServer]:
    """A quiet simulator: buyers write only when a test tells them to, and do not answer by themselves."""
    with SimServer(port=0, rate=0, initial_chats=0, reply_delay=None, ping_interval=1.0, seed=7) as server:
        yield server


@pytest.fixture
def gw(sim: SimServer) -> Iterator[GatewayClient]:
    """The desk's protocol client, logged in to the simulator."""
    client = GatewayClient(httpx.Client(base_url=sim.url, timeout=httpx.Timeout(5, read=10)))
    client.login(sim.shop_id, *sim.credentials)
    yield client
    client._http.close()


@pytest.fixture
def control(sim: SimServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sim.url, timeout=5) as client:
        yield client


@dataclass
class Desk:
    window: MainWindow
    session: DeskSession
    store: Store

    def close(self) -> None:
        self.window.close()
        self.window.conversation.flush_draft()
        self.session.stop()
        self.store.close()


@pytest.fixture
def open_desk(qtbot, sim: SimServer, tmp_path: Path):
    """Open (and later reopen) a desk on the same store file, as an agent restarting the app would."""
    opened: list[Desk] = []

    def factory(store_path: Path = tmp_path / "desk.db") -> Desk:
        store = with_starter_phrases(open_store(store_path))  # the demo shop's, as `kefudesk` on the demo adds them
        bridge = DeskBridge()
        user, password = sim.credentials
        session = DeskSession(store, ShopAccount(sim.url, sim.shop_id, user, password), MemorySecretStore(), bridge)
        window = MainWindow(session, bridge, shop_name=sim.shop_name, demo=True)
        qtbot.addWidget(window)
        window.show()
        session.start()
        qtbot.waitUntil(lambda: session.online, timeout=10_000)
        desk = Desk(window, session, store)
        opened.append(desk)
        return desk

    yield factory
    for desk in opened:
        if desk.session.outbox.thread.is_alive():
            desk.close()
