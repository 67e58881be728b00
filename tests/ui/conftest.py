"""A real desk window on a real store file, offline (nothing listens on port 9): replies wait in the outbox,
where tests read them; phrases, suggestions and the editor all work without a shop."""

from datetime import UTC, datetime

import pytest

from app.gateway.secrets import MemorySecretStore
from app.store.engine import open_store

from app.desk.session import DeskSession, ShopAccount

from app.ui.bridge import DeskBridge
from app.ui.keys.keymap import Keymap
from app.ui.main_window import MainWindow

from app import domain
from tests.conftest import with_starter_phrases

NOW = datetime.now(UTC)


@pytest.fixture
def desk(qtbot, tmp_path):
    """desk(*messages, keys=None, starter=True): a window with one chat (c1, buyer tb_小美妈妈) holding messages,
    opened and focused; keys: the keymap it starts with (the defaults without); starter: the demo's starter phrases
    in its library (else it starts empty, as a new shop's does)."""
    opened = []

    def make(*messages: domain.Message, keys: Keymap | None = None, starter: bool = True) -> MainWindow:
        store = open_store(tmp_path / "desk.db")
        if starter:
            with_starter_phrases(store)
        store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_小美妈妈"), "active", NOW))
        for message in messages:
            store.ingest_message(message)
        bridge = DeskBridge()
        session = DeskSession(store, ShopAccount("http://127.0.0.1:9", "s", "小李"), MemorySecretStore(), bridge)
        win = MainWindow(session, bridge, shop_name="小鹿童鞋", demo=False, keys=keys)
        win.bridge = bridge
        qtbot.addWidget(win)
        with qtbot.waitActive(win):  # activation is asynchronous: wait for it
            win.show()
            win.activateWindow()
        win.select_row(0)
        qtbot.waitUntil(lambda: win.queue_model.urgent_words_ready)  # built off the GUI thread at start
        opened.append((session, store))
        return win

    yield make
    for session, store in opened:
        session.stop()
        store.close()


def when_modal(dialog_class: type, act, within_ms: int = 5000) -> None:
    """Run act(dialog) once a modal dialog_class is open (the desk opens its dialogs with open(), so the test
    goes on; wait for act's effect with qtbot.waitUntil).

    A QTimer object, not QTimer.singleShot(callable): after an in-process `kefudesk` run has ended its
    app.exec() (tests/integration), functor single-shots no longer fire in this process."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    timer = QTimer(QApplication.instance())
    timer.setInterval(10)
    left = [within_ms // 10]

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        left[0] -= 1
        if isinstance(dialog, dialog_class) or not left[0]:
            timer.stop()
            timer.deleteLater()
            if isinstance(dialog, dialog_class):
                act(dialog)

    timer.timeout.connect(attempt)
    timer.start()
