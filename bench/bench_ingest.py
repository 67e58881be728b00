"""Ingest at promotion scale: 100,000 incoming messages over 100 chats into a real SQLite file, in batches of
200 (what the event stream can hand over in one GUI tick), through Store.ingest_messages — dedupe, chat
summaries and all. Baseline from the same run: raw sqlite3 executemany of the same rows into the same
message table of a second store file with the same settings (WAL, synchronous=NORMAL, foreign keys), one
transaction per batch too. The two are timed batch by batch in turn, so a noisy moment hurts both alike.
Then the search index catches up on the same messages (app/store/fts.py), reported against the ingest rate it
must keep pace with."""

from __future__ import annotations

import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.runner import Record, record

CHATS = 100
BATCH = 200
START = datetime(2026, 11, 11, 0, 0, tzinfo=UTC)
_RAW_INSERT = ("INSERT INTO message (conversation_id, direction, text, server_id, client_id, sent_at, state, error, "
               "image) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def ingest(quick: bool) -> list[Record]:
    from app.store import fts
    from app.store.engine import open_store

    from app import domain

    count = 20_000 if quick else 100_000
    messages = []
    for n in range(count):  # two buyer lines for each answer, 10 ms apart over the shop
        buyer = n % 3 != 2
        text = f"亲，第{n}单什么时候发货呀？还能改地址吗" if buyer else f"亲，您的宝贝今天下午就发出哦～第{n}条"
        messages.append(domain.Message(f"s{n}", f"c{n % CHATS}", "in" if buyer else "out", text,
                                       START + timedelta(milliseconds=10 * n)))
    batches = [messages[i:i + BATCH] for i in range(0, count, BATCH)]
    with tempfile.TemporaryDirectory() as folder:
        stores = [open_store(Path(folder) / name) for name in ("desk.db", "raw.db")]
        for store in stores:
            for c in range(CHATS):
                store.upsert_conversation(domain.Conversation(f"c{c}", domain.Buyer(f"b{c}", f"买家{c}"), "active",
                                                              START))
        desk, raw_store = stores
        raw_store.close()
        raw = sqlite3.connect(Path(folder) / "raw.db")
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
            raw.execute(f"PRAGMA {pragma}")
        ours = plain = 0.0
        for batch in batches:
            started = time.perf_counter()
            desk.ingest_messages(batch)
            ours += time.perf_counter() - started
            started = time.perf_counter()
            with raw:  # one transaction, as the store's
                raw.executemany(_RAW_INSERT, [
                    (msg.conversation_id, msg.direction, msg.text, msg.id, msg.client_id or None,
                     msg.sent_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),
                     "received" if msg.direction == "in" else "sent", "", msg.image) for msg in batch])
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
    return [record(f"ingest_batch{BATCH}_msg_per_s", count / ours, "msg/s", 20_000, count / plain,
                   higher_is_better=True),
            record("search_index_msg_per_s", count / indexing, "msg/s", 20_000, count / ours, higher_is_better=True)]
