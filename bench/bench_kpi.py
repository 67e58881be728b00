"""A year's KPIs (`kefudesk report kpi` and the dashboard, per month) over a generated store: 200,000 messages in
50,000 chats (50,000 messages with --quick), against a plain SQL COUNT / GROUP BY of the same year's answers per
agent in the same run, and the read's peak Python memory (traced in a second run: the messages stream through,
one chat at a time, instead of a year of them sitting in memory: 89 MB before, at 200,000).

The rows go in with executemany straight into the store's tables, as in bench_review.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.runner import Record, record

YEAR = 2025
PER_CHAT = 4  # a question and its answer, twice


def _fill(path: Path, messages: int) -> int:
    """A year of chats spread evenly over its days; returns the number of messages written."""
    from app.store.engine import open_store

    open_store(path).close()
    rng = random.Random(20)
    chats = messages // PER_CHAT
    start = datetime(YEAR, 1, 1, tzinfo=UTC)
    step = timedelta(days=365) / chats
    fmt = "%Y-%m-%d %H:%M:%S.%f"
    chat_rows, message_rows = [], []
    for c in range(chats):
        at = start + c * step
        chat_rows.append((f"c{c}", f"b{c % 5_000}", "closed", at.strftime(fmt)))
        agent = f"客服{c % 12}"
        for k in range(PER_CHAT):
            at += timedelta(seconds=rng.randrange(5, 90))
            buyer = k % 2 == 0
            message_rows.append((f"c{c}", "in" if buyer else "out", "在吗" if buyer else "在的亲", at.strftime(fmt),
                                 "received" if buyer else "sent", "" if buyer else agent))
    db = sqlite3.connect(path)
    with db:
        db.executemany("INSERT INTO buyer(id, nick, phone) VALUES (?, ?, '')",
                       [(f"b{n}", f"买家{n}") for n in range(5_000)])
        db.executemany("INSERT INTO conversation(id, buyer_id, state, created_at, last_text, last_direction, unread, "
                       "agent) VALUES (?, ?, ?, ?, '', 'out', 0, '')", chat_rows)
        db.executemany("INSERT INTO message(conversation_id, direction, text, sent_at, state, error, image, agent) "
                       "VALUES (?, ?, ?, ?, ?, '', '', ?)", message_rows)
    db.close()
    return len(message_rows)


def kpi_year(quick: bool) -> list[Record]:
    from app.store.engine import open_store

    from app.desk.review import ReviewDesk

    messages = 50_000 if quick else 200_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "year.db"
        written = _fill(path, messages)
        store = open_store(path)
        desk = ReviewDesk(store, "bench", clock=lambda: datetime.now(UTC), tz=UTC)
        first, last = date(YEAR, 1, 1), date(YEAR, 12, 31)
        t = time.perf_counter()
        figures = desk.kpis(first, last, "month")
        kpi_s = time.perf_counter() - t
        start, end = desk.utc_range(first, last)
        raw = sqlite3.connect(path)
        t = time.perf_counter()
        counted = raw.execute(
            "SELECT agent, count(DISTINCT conversation_id), count(*) FROM message "
            "WHERE direction = 'out' AND sent_at >= ? AND sent_at < ? GROUP BY agent",
            (start.strftime("%Y-%m-%d %H:%M:%S"), end.strftime("%Y-%m-%d %H:%M:%S"))).fetchall()
        raw_s = time.perf_counter() - t
        raw.close()
        answers = sum(len(f.times) for f in figures if f.agent.startswith("客服"))
        if answers != sum(n for _agent, _chats, n in counted):
            raise RuntimeError(f"the KPIs count {answers} answers, SQL {sum(n for *_x, n in counted)}")
        tracemalloc.start()
        desk.kpis(first, last, "month")
        _now, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        store.close()
    print(f"  kpi_year: {written:,} messages, {len(figures)} rows, peak {peak / 2**20:.1f} MB", flush=True)
    return [record("kpi_year", kpi_s, "s", 1.0, raw_s),
            record("kpi_year_peak", peak / 2**20, "MB", 50, None)]
