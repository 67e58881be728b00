"""A store that can only be read (a read-only folder or disk; here SQLite's query_only, which gives the same
'readonly database' error): the desk shows what it has, says why it saves nothing, and does not let a reply be
typed in vain. A full disk is said in the agent's language, and the reply refused stays in the box."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.gateway.secrets import MemorySecretStore
from app.store.engine import open_store, open_store_to_read

from app.desk.reasons import Reason
from app.desk.session import DeskSession, ShopAccount

from app.ui.bridge import DeskBridge
from app.ui.labels import say
from app.ui.main_window import MainWindow
from app.ui.models.message_model import MessageRole

from app import domain
from tests.conftest import replies_stored


def test_a_read_only_store_is_shown_and_nothing_typed_is_lost(qtbot, tmp_path):
    now = datetime.now(UTC)
    store = open_store(tmp_path / "desk.db")
    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_只读的买家"), "active", now))
    store.ingest_message(domain.Message("m1", "c1", "in", "我的快递到哪了", now))
    store.close()

    store = open_store_to_read(tmp_path / "desk.db")
    bridge = DeskBridge()
    session = DeskSession(store, ShopAccount("http://127.0.0.1:9", "s", "小李"), MemorySecretStore(), bridge)
    win = MainWindow(session, bridge, shop_name="小鹿童鞋", demo=False)
    qtbot.addWidget(win)
    win.show()
    win.status_line.show_read_only("the folder is read-only")
    qtbot.waitUntil(lambda: win.findChild(QMessageBox, "readOnlyNotice") is not None)
    notice = win.findChild(QMessageBox, "readOnlyNotice")
    assert "the folder is read-only" in notice.text() and "wait at the shop" in notice.text()
    notice.close()
    assert "read-only" in win.status_line.connection_label.text()

    win.select_row(0)  # what the store has is there, and looking at it changes nothing, so says nothing
    assert win.queue_model.chat_at(0).buyer_nick == "tb_只读的买家"
    assert "我的快递到哪了" in [m.text for m in store.messages("c1")]
    composer = win.conversation.composer
    assert composer.isReadOnly() and "Read-only" in composer.placeholderText()  # no reply typed in vain
    assert not composer.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)  # no input method types here
    qtbot.keyClicks(composer, "ok")
    win.conversation.send_current()
    assert composer.toPlainText() == "" and store.message_count("c1") == 1
    assert "cannot be written" not in win.statusBar().currentMessage()
    win.close()
    win.conversation.flush_draft()  # as the desk does on quitting: it cannot be kept, and says so
    session.stop()
    store.close()


def test_a_reply_the_full_disk_refused_is_said_in_chinese_and_waits_in_the_chat(qtbot, desk, tmp_path):
    """The store's reasons reach a Chinese agent in Chinese (the disk full here is SQLite's own, as in
    tests/integration/test_store_safety_in_desk.py)."""
    import sqlite3

    from PySide6.QtCore import QCoreApplication, QTranslator
    from sqlalchemy import event

    translator = QTranslator()
    assert translator.load(str(Path(__file__).resolve().parents[2] / "app" / "ui" / "i18n" / "kefudesk_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        win = desk()
        store = win.session.store
        pages = sqlite3.connect(tmp_path / "desk.db").execute("PRAGMA page_count").fetchone()[0]
        event.listen(store.engine, "connect", lambda c, _r: c.execute(f"PRAGMA max_page_count = {pages}"))
        store.engine.dispose()
        text = "亲，" + "尺码偏大一码，建议拍小一码哦，" * 300
        win.conversation.composer.setPlainText(text)
        win.conversation.send_current()
        assert win.conversation.composer.toPlainText() == ""  # at once: the store is written off the GUI thread
        replies_stored(win)
        shown = win.statusBar().currentMessage()
        assert shown == say(Reason("reply_not_stored", "", why="", why_key="store_full", path=str(store.path)))
        assert "磁盘已满" in shown  # the reason in the agent's language (the sentence round it: the lead's .qm)
        model = win.conversation.model
        [failed] = [model.index(r).data(MessageRole) for r in range(model.rowCount())
                    if model.index(r).data(MessageRole).direction == "out"]
        assert failed.state == "failed" and failed.text == text.strip() and failed.error == shown
    finally:
        QCoreApplication.removeTranslator(translator)
