"""Ingest at promotion scale, on both paths a buyer's message takes into a real SQLite file, each against raw
sqlite3 in the same run with the store's own pragmas (read from the store's connection: WAL, synchronous=FULL,
foreign keys), over 100 chats, two buyer lines for each answer:

- ingest_live: messages one at a time as the shop's stream hands them over, each with its chat as the stream
  sends it, through the desk's own live path (DeskSession's ShopEvents.handle_event, the group commits of
  app/desk/live_ingest.py, the window's listener hearing each message and each chat's row), timed from the first
  event handed over to the last message the window heard of. Baseline: raw sqlite3 inserting the first
  RAW_LIVE of the same messages one transaction each, with the stream's resume point (what a commit per message
  costs at the store's pragmas, the desk's own work left out; a rate, so a part suffices: a commit at
  synchronous=FULL waits for the disk, 5 ms on a busy one).
- ingest_batch: batches of 200 (a page of history, a reconcile) through Store.ingest_messages — dedupe, chat
  summaries and all. Baseline: raw sqlite3 executemany of the same rows into the same message table, one
  transaction per batch too. The two are timed batch by batch in turn, so a noisy moment hurts both alike.
- search_index: the search index catching up on the batch's messages (app/store/fts.py), against the ingest
  rate it must keep pace with.
"""

from __future__ import annotations

import sqlite3
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.runner import Record, record

if TYPE_CHECKING:
    from app.store.store import Store

    from app import domain

CHATS = 100
RAW_LIVE = 1_000
BATCH = 200
START = datetime(2026, 11, 11, 0, 0, tzinfo=UTC)
_RAW_INSERT = ("INSERT INTO message (conversation_id, direction, text, server_id, client_id, sent_at, state, error, "
               "image) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
_RAW_RESUME = "INSERT INTO meta (key, value) VALUES ('last_event_id', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
_PRAGMAS = ("journal_mode", "synchronous", "foreign_keys")


def _messages(count: int) -> list[domain.Message]:
    from app import domain

    messages = []
    for n in range(count):  # two buyer lines for each answer, 10 ms apart over the shop
        buyer = n % 3 != 2
        text = f"亲，第{n}单什么时候发货呀？还能改地址吗" if buyer else f"亲，您的宝贝今天下午就发出哦～第{n}条"
        messages.append(domain.Message(f"s{n}", f"c{n % CHATS}", "in" if buyer else "out", text,
                                       START + timedelta(milliseconds=10 * n)))
    return messages


def _chats() -> list[domain.Conversation]:
    from app import domain

    return [domain.Conversation(f"c{c}", domain.Buyer(f"b{c}", f"买家{c}"), "active", START) for c in range(CHATS)]


def _raw_beside(store: Store, path: Path) -> sqlite3.Connection:
    """A raw connection to a second store file, with the pragmas the store's own connection runs with."""
    with store.engine.connect() as connection:
        pragmas = [f"{name}={connection.exec_driver_sql(f'PRAGMA {name}').scalar()}" for name in _PRAGMAS]
    raw = sqlite3.connect(path, isolation_level=None)  # transactions begun here, as the store's
    for pragma in pragmas:
        raw.execute(f"PRAGMA {pragma}")
    return raw


def _stores(folder: Path) -> tuple[Store, sqlite3.Connection]:
    """The desk's store and a raw connection to a second one, both holding the bench's chats."""
    from app.store.engine import open_store

    stores = [open_store(folder / name) for name in ("desk.db", "raw.db")]
    for store in stores:
        for chat in _chats():
            store.upsert_conversation(chat)
    desk, raw_store = stores
    raw = _raw_beside(desk, folder / "raw.db")
    raw_store.close()
    return desk, raw


def _raw_row(msg: domain.Message) -> tuple[Any, ...]:
    return (msg.conversation_id, msg.direction, msg.text, msg.id, msg.client_id or None,
            msg.sent_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),
            "received" if msg.direction == "in" else "sent", "", msg.image)


class _Window:
    """The window's side of DeskListener: counts what it hears, and says when every message was heard."""

    def __init__(self, expected: int) -> None:
        self.expected = expected
        self.messages = 0
        self.chat_rows = 0
        self.all_heard = threading.Event()

    def on_message(self, message: object) -> None:
        self.messages += 1
        if self.messages >= self.expected:
            self.all_heard.set()

    def on_conversation(self, chat: object) -> None:
        self.chat_rows += 1

    def __getattr__(self, name: str) -> Any:  # the rest of DeskListener: nothing the bench looks at
        return lambda *args, **kwargs: None


def ingest_live(quick: bool) -> list[Record]:
    from app.gateway.secrets import MemorySecretStore

    from app.desk.session import DeskSession, ShopAccount

    from app import domain

    count = 5_000 if quick else 20_000
    chats = {chat.id: chat for chat in _chats()}
    events = [domain.Event(f"e{n}", "message.created", conversation=chats[msg.conversation_id], message=msg)
              for n, msg in enumerate(_messages(count))]
    with tempfile.TemporaryDirectory() as folder:
        store, raw = _stores(Path(folder))
        window = _Window(count)
        desk = DeskSession(store, ShopAccount("http://127.0.0.1:9", "shop", "agent"), MemorySecretStore(), window)
        try:
            started = time.perf_counter()
            for event in events:  # as the stream's thread hands them over, one at a time
                desk.events.handle_event(event)
            if not window.all_heard.wait(300):
                raise RuntimeError(f"the window heard {window.messages} of {count} messages")
            ours = time.perf_counter() - started
            groups = desk.events.live.groups
            resume = store.get_meta("last_event_id:http://127.0.0.1:9")
        finally:
            desk.stop()
        started = time.perf_counter()
        for event in events[:RAW_LIVE]:
            assert event.message is not None
            raw.execute("BEGIN IMMEDIATE")
            raw.execute(_RAW_INSERT, _raw_row(event.message))
            raw.execute(_RAW_RESUME, (event.id,))
            raw.execute("COMMIT")
        plain = time.perf_counter() - started
        stored = store.message_count(), raw.execute("SELECT count(*) FROM message").fetchone()[0]
        raw.close()
        store.close()
    assert stored == (count, RAW_LIVE) and resume == events[-1].id, (stored, resume)
    print(f"  ingest_live: {count} messages in {groups} commits; the window heard {window.chat_rows} chat rows")
    return [record("ingest_live_msg_per_s", count / ours, "msg/s", 5_000, RAW_LIVE / plain, higher_is_better=True)]


def ingest_batch(quick: bool) -> list[Record]:
    from app.store import fts

    count = 20_000 if quick else 100_000
    messages = _messages(count)
    batches = [messages[i:i + BATCH] for i in range(0, count, BATCH)]
    with tempfile.TemporaryDirectory() as folder:
        desk, raw = _stores(Path(folder))
        ours = plain = 0.0
        for batch in batches:
            started = time.perf_counter()
            desk.ingest_messages(batch)
            ours += time.perf_counter() - started
            started = time.perf_counter()
            raw.execute("BEGIN IMMEDIATE")  # one transaction, as the store's
            raw.executemany(_RAW_INSERT, [_raw_row(msg) for msg in batch])
            raw.execute("COMMIT")
            plain += time.perf_counter() - started
        stored = desk.message_count(), raw.execute("SELECT count(*) FROM message").fetchone()[0]
        # the search index catches up in slices a little later (app/store/fts.py): it must keep pace with ingest
        started = time.perf_counter()
        indexed = 0
        while (done := fts.index_pending(desk)):
            indexed += done
        indexing = time.perf_counter() - started
        raw.close()
        desk.close()
    assert stored == (count, count) and indexed == count, (stored, indexed)
    return [record("ingest_batch_msg_per_s", count / ours, "msg/s", 20_000, count / plain, higher_is_better=True),
            record("search_index_msg_per_s", count / indexing, "msg/s", 20_000, count / ours, higher_is_better=True)]
