"""Every reply the agent sends, typed or from a phrase, teaches the suggestions at once; the stored chats teach
them at the next start."""

from __future__ import annotations

from datetime import UTC, datetime
from unittest.mock import Mock

import pytest

from app.gateway.secrets import MemorySecretStore
from app.quickreplies.phrase import Phrase
from app.store.engine import open_store

from app.desk.phrases import PhraseBook
from app.desk.session import DeskSession, ShopAccount

from app import domain

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
INVOICE = "亲，下单时备注抬头和税号，随包裹一起寄出哦"  # no word of the question in it


@pytest.fixture
def session(tmp_path):
    store = open_store(tmp_path / "desk.db")
    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_小美妈妈"), "active", NOW))
    store.ingest_messages([domain.Message("m1", "c1", "in", "你好", NOW),
                           domain.Message("m2", "c1", "in", "可以开发票吗", NOW)])
    with_nobody_listening = Mock()  # the window's DeskListener: every call taken, none looked at
    desk = DeskSession(store, ShopAccount("http://127.0.0.1:9", "s", "小李"), MemorySecretStore(),
                       with_nobody_listening, clock=lambda: NOW)
    try:
        yield desk
    finally:
        desk.stop()
        store.close()


def first_title(book: PhraseBook, message: str) -> str:
    return book.suggest(message)[0].phrase.title


def test_a_typed_reply_teaches_the_open_book_its_phrase(session):
    book = PhraseBook(session.store)
    book.add([Phrase(0, "抬头税号", INVOICE, "售前")])
    book.reload()
    session.reply_learners.append(book.learn_reply)
    assert "抬头税号" not in {s.phrase.title for s in book.suggest("能开发票吗")}
    session.send_reply("c1", INVOICE.replace("哦", "的呢"))  # typed by hand, near the phrase
    assert first_title(book, "能开发票吗") == "抬头税号"
    assert PhraseBook(session.store).history is book.history  # the robot's book: one index per store, not two
    restarted = open_store(session.store.path)
    try:
        assert first_title(PhraseBook(restarted), "能开发票吗") == "抬头税号"  # the next start reads it back
    finally:
        restarted.close()


def test_a_reply_to_nothing_new_teaches_nothing(session):
    heard = []
    session.reply_learners.append(heard.append)
    session.send_reply("c1", "您好")
    session.send_reply("c1", "请问有什么可以帮您")  # the buyer said nothing since the last reply
    assert [(t.buyer, t.reply) for t in heard] == [("你好\n可以开发票吗", "您好")]


def test_the_windows_book_reads_the_stored_chats_in_the_background_not_on_the_first_suggestion(session):
    book = PhraseBook(session.store)
    book.add([Phrase(0, "抬头税号", INVOICE, "售前")])
    session.send_reply("c1", INVOICE)  # stored: a chat that answered the invoice question with the phrase
    reopened = open_store(session.store.path)
    window_book = PhraseBook(reopened, history_in_background=True)
    try:
        assert window_book.suggester.learned is None  # the first suggestion did not wait for the stored chats
        window_book.warm()  # what the window runs on its own thread once it has painted
        assert window_book.suggester.learned is not None
        assert first_title(window_book, "能开发票吗") == "抬头税号"
    finally:
        reopened.close()
