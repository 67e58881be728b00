"""A reply is handed to the desk's writer, not written on the GUI thread: the box clears at once and the chat shows
it "sending…" while another program holds the store's write lock; the replies are stored in the order they were
sent; one the store refuses shows NOT SENT on its message (in whichever chat it is, after switching away and
back), F5 stores it once, Shift+F5 brings it back into the box."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from PySide6.QtCore import Qt

from app.store.errors import StoreError

from app.ui.models.message_model import MessageRole

from app import domain
from tests.conftest import ime_type, replies_stored
from tests.ui.conftest import NOW


def shown_replies(window) -> list:
    model = window.conversation.model
    return [m for m in (model.index(r).data(MessageRole) for r in range(model.rowCount())) if m.direction == "out"]


def send(qtbot, window, text: str) -> None:
    composer = window.conversation.composer
    ime_type(composer, text)
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    assert composer.toPlainText() == "", f"{text}: the box clears at once"


def test_replies_sent_while_the_store_is_locked_show_at_once_and_are_stored_in_order(qtbot, desk, tmp_path):
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW - timedelta(minutes=1)))
    store = window.session.store
    other = sqlite3.connect(tmp_path / "desk.db", isolation_level=None)  # another desk, a backup, an import
    other.execute("BEGIN IMMEDIATE")  # holds the write lock
    try:
        texts = ["亲，在的", "您说的这款有货", "今天拍下明天发"]
        for text in texts:
            send(qtbot, window, text)
        assert [(m.text, m.state) for m in shown_replies(window)] == [(t, "pending") for t in texts]
        assert window.replies.storing() == 3 and store.outbox() == []  # none written yet: the GUI did not wait
        assert window.queue_model.chat_at(0).waiting_since is None  # answered in the queue already
    finally:
        other.execute("ROLLBACK")
        other.close()
    replies_stored(window)
    stored = store.outbox()
    assert [m.text for m in stored] == texts and [m.id for m in stored] == sorted(m.id for m in stored)
    shown = shown_replies(window)
    assert [m.text for m in shown] == texts and [m.id for m in shown] == [m.id for m in stored]  # rows replaced
    assert store.draft("c1") == ""


def test_a_reply_the_store_refuses_is_not_sent_on_its_message_the_others_keep_their_order(qtbot, desk, monkeypatch):
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW - timedelta(minutes=1)))
    store = window.session.store
    store.upsert_conversation(domain.Conversation("c2", domain.Buyer("b2", "tb_另一位"), "active", NOW))
    real = store.add_outgoing

    def refuses_the_second(conversation_id, text, *args, **kwargs):
        if text == "第二条":
            raise StoreError("the disk is full")
        return real(conversation_id, text, *args, **kwargs)

    monkeypatch.setattr(store, "add_outgoing", refuses_the_second)
    for text in ("第一条", "第二条", "第三条"):
        send(qtbot, window, text)
    replies_stored(window)
    assert [m.text for m in store.outbox()] == ["第一条", "第三条"]
    assert [(m.text, m.state) for m in shown_replies(window)] == [("第一条", "pending"), ("第二条", "failed"),
                                                                   ("第三条", "pending")]
    assert "the disk is full" in window.statusBar().currentMessage()
    assert "F5" in window.statusBar().currentMessage()

    window.select_row(window.queue_model.row_of("c2"))  # away and back: still NOT SENT, under the history
    window.select_row(window.queue_model.row_of("c1"))
    assert window.conversation.conversation_id == "c1"
    assert ("第二条", "failed") in [(m.text, m.state) for m in shown_replies(window)]

    monkeypatch.setattr(store, "add_outgoing", real)
    qtbot.keyClick(window, Qt.Key.Key_F5)  # stored now, once, after the others
    replies_stored(window)
    assert [m.text for m in store.outbox()] == ["第一条", "第三条", "第二条"]
    assert all(m.id > 0 and m.state == "pending" for m in shown_replies(window))
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert "No reply of this chat waits" in window.statusBar().currentMessage()


def test_shift_f5_brings_a_reply_the_store_refused_back_into_the_box(qtbot, desk, monkeypatch):
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW - timedelta(minutes=1)))
    store = window.session.store

    def refuses(*args, **kwargs):
        raise StoreError("the disk is full")

    monkeypatch.setattr(store, "add_outgoing", refuses)
    send(qtbot, window, "亲，马上为您查")
    replies_stored(window)
    assert window.queue_model.chat_at(0).waiting_since is not None  # the buyer waits again in the queue
    qtbot.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert window.conversation.composer.toPlainText() == "亲，马上为您查"
    assert [(m.text, m.state) for m in shown_replies(window)] == [("亲，马上为您查", "withdrawn")]
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert "No reply of this chat waits" in window.statusBar().currentMessage()
    assert store.outbox() == []
