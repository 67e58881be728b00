"""The owner's review at a shop's full history: 5,000,000 messages over two years (1,000,000 with --quick), in
the simulator's Chinese (buyers' questions and the starter phrases as answers, order nos. among them): a month's
KPIs (what the dashboard shows) and a 2,000-message transcript, against reading the same rows with plain sqlite3.
Search over a year's store is bench_search.

The messages go in with executemany straight into the tables (generating them through the desk would take
longer than the measurements).
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.runner import Record, p95, record

START = datetime(2024, 11, 1, tzinfo=UTC)
DAYS = 730
CHATS_PER_DAY = 300


def _lines() -> tuple[list[str], list[str]]:
    from app.quickreplies.starter import STARTER
    from app.shopsim.vocab import INTENTS

    asks = [line for intent in INTENTS.values() for line in (*intent[1], *intent[2], *intent[3])]
    answers = [body.replace("{", "").replace("}", "") for _title, body, *_rest in STARTER]
    return asks, answers


def _fill(path: Path, messages: int) -> tuple[int, str]:
    """Write the history; returns the number of messages and the id of a chat with 2,000 messages."""
    from app.store.engine import open_store

    asks, answers = _lines()
    store = open_store(path)
    store.close()
    rng = random.Random(9)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    chats = DAYS * CHATS_PER_DAY
    per_chat = max(2, messages // chats)
    fmt = "%Y-%m-%d %H:%M:%S.%f"
    with db:
        db.executemany("INSERT INTO buyer(id, nick, phone) VALUES (?, ?, '')",
                       [(f"b{n}", f"买家{n}") for n in range(20_000)])
    written = 0
    long_chat = "c-long"
    for day in range(DAYS):
        base = START + timedelta(days=day, hours=1)
        chat_rows, message_rows = [], []
        for c in range(CHATS_PER_DAY):
            cid = f"c{day}-{c}"
            at = base + timedelta(seconds=c * 100)
            chat_rows.append((cid, f"b{rng.randrange(20_000)}", "closed", at.strftime(fmt)))
            agent = f"客服{c % 12}"
            for k in range(per_chat):
                buyer = k % 2 == 0
                text = rng.choice(asks) if buyer else rng.choice(answers)
                if buyer and rng.random() < 0.05:
                    text += f" 订单{3698 * 10**15 + rng.randrange(10**15)}"
                at += timedelta(seconds=rng.randrange(5, 60))
                message_rows.append((cid, "in" if buyer else "out", text, f"s{written}", at.strftime(fmt),
                                     "received" if buyer else "sent", "" if buyer else agent))
                written += 1
        if day == DAYS - 10:  # one very long chat for the transcript measurement
            chat_rows.append((long_chat, "b1", "active", base.strftime(fmt)))
            for k in range(2000):
                message_rows.append((long_chat, "in" if k % 2 == 0 else "out", rng.choice(asks), f"L{k}",
                                     (base + timedelta(seconds=k)).strftime(fmt), "sent", "客服1"))
        with db:
            db.executemany("INSERT INTO conversation(id, buyer_id, state, created_at, last_text, last_direction, "
                           "unread, agent) VALUES (?, ?, ?, ?, '', 'out', 0, '')", chat_rows)
            db.executemany("INSERT INTO message(conversation_id, direction, text, server_id, sent_at, state, error, "
                           "image, agent) VALUES (?, ?, ?, ?, ?, ?, '', '', ?)", message_rows)
    db.close()
    return written, long_chat


def review(quick: bool) -> list[Record]:
    from app.store import rollups
    from app.store.engine import open_store

    from app.desk.review import ReviewDesk

    messages = 1_000_000 if quick else 5_000_000
    runs = 3 if quick else 10
    records: list[Record] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.db"
        started = time.perf_counter()
        written, long_chat = _fill(path, messages)
        store = open_store(path)
        print(f"  review: {written:,} messages written in {time.perf_counter() - started:.0f} s", flush=True)
        desk = ReviewDesk(store, "bench", clock=lambda: datetime.now(UTC), tz=UTC)
        started = time.perf_counter()
        rollups.ensure(store, "UTC")  # once per store and zone (bench_kpi times it): the month reads the rollups
        print(f"  review: the KPIs' rollups built in {time.perf_counter() - started:.0f} s", flush=True)
        month = (START + timedelta(days=DAYS - 40)).date().replace(day=1)
        last = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        t = time.perf_counter()
        figures = desk.kpis(month, last, "month")
        kpi_s = time.perf_counter() - t
        start, end = desk.utc_range(month, last)
        raw = sqlite3.connect(path)
        t = time.perf_counter()
        raw.execute("SELECT conversation_id, direction, sent_at, agent FROM message WHERE sent_at >= ? AND sent_at < ?",
                    (start.strftime("%Y-%m-%d %H:%M:%S"), end.strftime("%Y-%m-%d %H:%M:%S"))).fetchall()
        raw_s = time.perf_counter() - t
        if not figures:
            raise RuntimeError("no KPIs for the month")
        records.append(record("kpi_month", kpi_s, "s", 1.0, raw_s))
        samples, floor = [], []
        for _ in range(runs):
            t = time.perf_counter()
            lines = desk.transcript(long_chat)
            samples.append(time.perf_counter() - t)
            t = time.perf_counter()
            raw.execute("SELECT id, direction, text, sent_at FROM message WHERE conversation_id = ? ORDER BY id",
                        (long_chat,)).fetchall()
            floor.append(time.perf_counter() - t)
        if len(lines) != 2000:
            raise RuntimeError(f"the long chat has {len(lines)} messages")
        records.append(record("transcript_2000", p95(samples) * 1000, "ms", 50, p95(floor) * 1000))
        raw.close()
        store.close()
    return records
