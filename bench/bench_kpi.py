"""A year's KPIs (`kefudesk report kpi` and the dashboard, per month) and a month's (per day) over generated stores
of a busy shop: 1M messages (and 5M without --quick) in chats of 16 messages between 50 agents and their buyers
(5M is the issue's 300,000 chats a year), each against a plain SQL COUNT / GROUP BY of the same answers per
agent in the same run, and the year's read's peak Python memory (traced in a second run: the days' rollups are
merged; what remains is the result, which keeps every response time for the period's medians).

Before those, the store's rollups are built (app/store/rollups.py: what the first KPI read of an existing store
does, in short transactions beside the desk's writes), timed against a plain sqlite3 read of every message in
chat order, the least a build must read.

The rows go in with executemany straight into the store's tables, as in bench_review, streamed (5M rows never
sit in a list).
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bench.runner import Record, record

if TYPE_CHECKING:
    from app.desk.review import ReviewDesk

YEAR = 2025
PER_CHAT = 16  # a question and its answer, eight times
AGENTS = 50
BUYERS = 20_000
FMT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy keeps a naive UTC time in SQLite


def _messages(chats: int) -> Iterator[tuple[str, str, str, str, str, str]]:
    rng = random.Random(20)
    start = datetime(YEAR, 1, 1, tzinfo=UTC)
    step = timedelta(days=365) / chats
    for c in range(chats):
        at = start + c * step
        agent = f"客服{c % AGENTS}"
        for k in range(PER_CHAT):
            at += timedelta(seconds=rng.randrange(5, 90))
            buyer = k % 2 == 0
            yield (f"c{c}", "in" if buyer else "out", "在吗" if buyer else "在的亲", at.strftime(FMT),
                   "received" if buyer else "sent", "" if buyer else agent)


def _fill(path: Path, messages: int) -> int:
    """A year of chats spread evenly over its days; returns the number of messages written."""
    from app.store.engine import open_store

    open_store(path).close()
    chats = messages // PER_CHAT
    start = datetime(YEAR, 1, 1, tzinfo=UTC)
    db = sqlite3.connect(path)
    with db:
        db.executemany("INSERT INTO buyer(id, nick, phone) VALUES (?, ?, '')",
                       ((f"b{n}", f"买家{n}") for n in range(BUYERS)))
        db.executemany("INSERT INTO conversation(id, buyer_id, state, created_at, last_text, last_direction, unread, "
                       "agent) VALUES (?, ?, 'closed', ?, '', 'out', 0, '')",
                       ((f"c{c}", f"b{c % BUYERS}", (start + c * timedelta(days=365) / chats).strftime(FMT))
                        for c in range(chats)))
        db.executemany("INSERT INTO message(conversation_id, direction, text, sent_at, state, error, image, agent) "
                       "VALUES (?, ?, ?, ?, ?, '', '', ?)", _messages(chats))
        # a third of the chats' buyers pay an order an hour after the chat began: the conversions' join has work
        db.executemany("INSERT INTO shop_order(no, buyer_id, items, amount_fen, status, created_at, courier, "
                       "tracking_no, address, fetched_at) VALUES (?, ?, '[]', 9900, '已付款', ?, '', '', '', ?)",
                       ((f"o{c}", f"b{c % BUYERS}", at, at) for c in range(0, chats, 3)
                        for at in [(start + c * timedelta(days=365) / chats + timedelta(hours=1)).strftime(FMT)]))
    written = db.execute("SELECT count(*) FROM message").fetchone()[0]
    db.close()
    return int(written)


def _timed(desk: ReviewDesk, path: Path, first: date, last: date, period: str) -> tuple[float, float, int]:
    """(seconds for the KPIs, seconds for the plain GROUP BY, answers counted) of the local days first..last."""
    start, end = desk.utc_range(first, last)
    raw = sqlite3.connect(path)
    t = time.perf_counter()
    counted = raw.execute(
        "SELECT agent, count(DISTINCT conversation_id), count(*) FROM message "
        "WHERE direction = 'out' AND sent_at >= ? AND sent_at < ? GROUP BY agent",
        (start.strftime(FMT), end.strftime(FMT))).fetchall()
    raw_s = time.perf_counter() - t
    raw.close()
    t = time.perf_counter()
    figures = desk.kpis(first, last, period)
    kpi_s = time.perf_counter() - t
    answers = sum(len(f.times) for f in figures if f.agent.startswith("客服"))
    if answers != sum(n for _agent, _chats, n in counted):
        raise RuntimeError(f"the KPIs count {answers} answers, SQL {sum(n for *_x, n in counted)}")
    return kpi_s, raw_s, answers


def _build(path: Path) -> tuple[float, float]:
    """(seconds to build the store's rollups in UTC, seconds for plain sqlite3 to read every message in chat
    order)."""
    from app.store import rollups
    from app.store.engine import open_store

    raw = sqlite3.connect(path)
    t = time.perf_counter()
    for _row in raw.execute("SELECT conversation_id, sent_at, direction, agent FROM message "
                            "ORDER BY conversation_id, id"):
        pass
    raw_s = time.perf_counter() - t
    raw.close()
    store = open_store(path)
    t = time.perf_counter()
    rollups.ensure(store, "UTC")
    build_s = time.perf_counter() - t
    store.close()
    return build_s, raw_s


def _year(messages: int, label: str) -> list[Record]:
    from app.store.engine import open_store

    from app.desk.review import ReviewDesk

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "year.db"
        written = _fill(path, messages)
        build_s, read_s = _build(path)
        store = open_store(path)
        desk = ReviewDesk(store, "bench", clock=lambda: datetime.now(UTC), tz=UTC)
        first, last = date(YEAR, 1, 1), date(YEAR, 12, 31)
        kpi_s, raw_s, answers = _timed(desk, path, first, last, "month")
        month_s, month_raw_s, _answers = _timed(desk, path, date(YEAR, 6, 1), date(YEAR, 6, 30), "day")
        tracemalloc.start()
        desk.kpis(first, last, "month")
        _now, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        store.close()
    print(f"  kpi_year_{label}: {written:,} messages, {answers:,} answers, {kpi_s:.2f} s against the GROUP BY's "
          f"{raw_s:.2f} s, peak {peak / 2**20:.1f} MB; June by day {month_s:.2f} s against {month_raw_s:.2f} s; "
          f"rollups built in {build_s:.1f} s against a read of every message in {read_s:.1f} s", flush=True)
    return [record(f"kpi_rollup_build_{label}", build_s, "s", 60 * messages / 1_000_000, read_s),
            record(f"kpi_year_{label}", kpi_s, "s", 1.0, raw_s),
            record(f"kpi_year_{label}_peak", peak / 2**20, "MB", 50 * messages / 1_000_000, None),
            record(f"kpi_month_{label}", month_s, "s", 1.0, month_raw_s)]


def kpi_year(quick: bool) -> list[Record]:
    sizes = ((1_000_000, "1m"),) if quick else ((1_000_000, "1m"), (5_000_000, "5m"))
    return [r for messages, label in sizes for r in _year(messages, label)]
