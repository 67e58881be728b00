"""A desk killed (SIGKILL) after the agent pressed Enter and before the reply was written loses nothing: the reply
box cleared at once (the store is written off the GUI thread, here held up by another program's write lock), and
the reply is still the chat's draft, in the reply box when the desk starts again; nothing half-sent is in the
outbox. The desk here is a real window in a process of its own, told what to do on its stdin."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.store.engine import open_store

from app import domain
from tests.integration.headless_desk import eventually

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
TEXT = "亲，今天下单明天就发货哦"


def worker(path: str) -> None:
    """The desk: types when told (and waits until the typing pause saved the draft), sends when told, and says
    what the window shows; it runs until killed."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.gateway.secrets import MemorySecretStore

    from app.desk.session import DeskSession, ShopAccount

    from app.ui.bridge import DeskBridge
    from app.ui.main_window import MainWindow
    from app.ui.models.message_model import MessageRole

    from tests.conftest import ime_type

    app = QApplication([])
    store = open_store(Path(path))
    bridge = DeskBridge()
    session = DeskSession(store, ShopAccount("http://127.0.0.1:9", "s", "小李"), MemorySecretStore(), bridge)
    window = MainWindow(session, bridge, shop_name="小鹿童鞋", demo=False)
    window.show()
    window.select_row(0)
    composer = window.conversation.composer
    for line in sys.stdin:
        if line.strip() == "type":
            ime_type(composer, TEXT)
            while store.draft("c1") != TEXT:  # the typing pause's draft save
                QTest.qWait(10)
            print("typed", flush=True)
        elif line.strip() == "send":
            QTest.keyClick(composer, Qt.Key.Key_Return)
            model = window.conversation.model
            states = [model.index(row).data(MessageRole).state for row in range(model.rowCount())]
            print("sent", repr(composer.toPlainText()), ",".join(states), flush=True)
            while True:
                app.processEvents()
                QTest.qWait(10)


def test_a_desk_killed_between_enter_and_the_write_finds_the_reply_in_the_box(tmp_path):
    path = tmp_path / "kefudesk.db"
    store = open_store(path)
    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_小美妈妈"), "active",
                                                  datetime.now(UTC)))
    store.ingest_message(domain.Message("m1", "c1", "in", "什么时候发货", datetime.now(UTC)))
    store.close()
    code = f"from tests.integration.test_reply_killed import worker; worker({str(path)!r})"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, text=True, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write("type\n")
        process.stdin.flush()
        assert process.stdout.readline().strip() == "typed"
        other.execute("BEGIN IMMEDIATE")  # another program writes: the desk's writer waits for the lock
        process.stdin.write("send\n")
        process.stdin.flush()
        said = process.stdout.readline().split()
        assert said == ["sent", "''", "received,pending"], "the box cleared at once, the reply shown sending…"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
    again = open_store(path)
    try:
        eventually(lambda: again.draft("c1") == TEXT, "the reply kept as the chat's draft")
        assert again.outbox() == []  # never stored, so never sent: the agent sends it again from the box
    finally:
        again.close()
