"""Opening a store of 100,000 and 1,000,000 messages (open_store + close: header, schema, revision), against the
same open followed by PRAGMA integrity_check on the same file in the same run: what every open ran before issue 20
moved the whole-file check to the background, once a day (app/store/integrity.py). Quick: 10,000 and 100,000."""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from bench.runner import Record, median, record

CHAT_SIZE = 20  # messages a chat


def _store_of(path: Path, messages: int) -> None:
    """A current store holding `messages` buyer messages in chats of 20, written straight in SQL (minutes faster
    than ingesting; opening reads no message)."""
    from app.store.engine import open_store

    open_store(path).close()
    chats = max(1, messages // CHAT_SIZE)
    with sqlite3.connect(path) as c:
        c.execute(f"""WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < {chats} - 1)
            INSERT INTO conversation(id, buyer_id, state, created_at, last_text, last_direction, unread)
            SELECT 'c' || i, 'b' || i, 'open', '2026-01-01 00:00:00', '在吗', 'in', 0 FROM k""")
        c.execute(f"""WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < {messages} - 1)
            INSERT INTO message(conversation_id, direction, text, server_id, sent_at, state, error)
            SELECT 'c' || (i % {chats}), 'in', '亲，这个订单什么时候发货呀 我的订单号是' || i || ' 麻烦查一下谢谢',
                   's' || i, datetime('2026-01-01', '+' || (i / 10) || ' seconds'), 'done', '' FROM k""")
    c.close()


def _open_ms(path: Path, *, full_check: bool) -> float:
    from app.store.engine import open_store

    started = time.perf_counter()
    open_store(path).close()
    if full_check:
        with sqlite3.connect(path) as c:
            assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        c.close()
    return (time.perf_counter() - started) * 1000


def store_open(quick: bool) -> list[Record]:
    sizes = {"10k": 10_000, "100k": 100_000} if quick else {"100k": 100_000, "1m": 1_000_000}
    records = []
    with tempfile.TemporaryDirectory() as folder:
        for label, messages in sizes.items():
            path = Path(folder) / f"{label}.db"
            _store_of(path, messages)
            opens, checked = [], []
            for _ in range(3 if quick else 5):
                opens.append(_open_ms(path, full_check=False))
                checked.append(_open_ms(path, full_check=True))
            # target: the store is no reason to wait at start, whatever its size
            records.append(record(f"store_open_{label}_ms", median(opens), "ms", 50, median(checked)))
    return records
