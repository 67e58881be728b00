"""Phrase analytics (the phrase manager's analytics window, `kefudesk report phrases`) over a month of a busy floor:
a generated 2,000-phrase library (500 with --quick), 60,000 phrases sent (15,000) in as many chats by 20 agents,
the buyer writing again after half of them, an order paid after a tenth. The report for the month against reading
the same rows alone (the firings and the chats' messages: what it cannot do without), both in this run; and the
library's near-duplicates on their own, the part that grows with the square of the library. And the proposed
phrases mined from 200,000 typed replies (50,000 with --quick; half of them a library phrase's text cut and typed
on differently) against counting the same replies word for word.

The rows go in with executemany straight into the tables (generating them through the desk would take longer than
the measurements).
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.runner import Record, record

START = datetime(2026, 11, 1, tzinfo=UTC)
DAYS = 30
FMT = "%Y-%m-%d %H:%M:%S.%f"


def _fill(path: Path, phrases: int, sends: int) -> list:
    from app.store.engine import open_store

    from bench.phrase_corpus import corpus

    library = corpus(phrases)
    store = open_store(path)
    store.add_phrases(library, keep_ids=True)
    store.close()
    rng = random.Random(5)
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")
    chats, messages, uses, orders = [], [], [], []
    message_id = 0
    for n in range(sends):
        at = START + timedelta(seconds=rng.randrange(DAYS * 86_400))
        phrase = library[int(rng.paretovariate(1.1)) % len(library)]
        chat, buyer, agent = f"c{n}", f"b{n}", f"agent{n % 20}"
        chats.append((chat, buyer, "closed", at.strftime(FMT)))
        message_id += 1
        messages.append((message_id, chat, "in", "什么时候发货", (at - timedelta(seconds=30)).strftime(FMT), "received", ""))
        message_id += 1
        messages.append((message_id, chat, "out", phrase.body, at.strftime(FMT), "sent", agent))
        uses.append((phrase.id, "什么时候发货", at.strftime(FMT), agent, chat, message_id, 1, int(rng.random() < 0.2)))
        if n % 2:
            message_id += 1
            messages.append((message_id, chat, "in", "好的谢谢", (at + timedelta(minutes=3)).strftime(FMT), "received", ""))
        if n % 10 == 0:
            orders.append((f"T{n}", buyer, "[]", 9900, "买家已付款", at.strftime(FMT),
                           (at + timedelta(hours=1)).strftime(FMT), at.strftime(FMT)))
    with db:
        db.executemany("INSERT INTO conversation (id, buyer_id, state, created_at, last_text, last_direction, "
                       "unread, agent) VALUES (?, ?, ?, ?, '', 'out', 0, '')", chats)
        db.executemany("INSERT INTO message (id, conversation_id, direction, text, sent_at, state, error, image, "
                       "agent) VALUES (?, ?, ?, ?, ?, ?, '', '', ?)", messages)
        db.executemany("INSERT INTO phrase_use (phrase_id, prompt, at, agent, conversation_id, message_id, sent, "
                       "edited) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", uses)
        db.executemany("INSERT INTO shop_order (no, buyer_id, items, amount_fen, status, created_at, paid_at, "
                       "fetched_at, courier, tracking_no, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', '', '')", orders)
    db.close()
    return library


def phrase_report(quick: bool) -> list[Record]:
    from app.quickreplies.duplicates import near_duplicates
    from app.store.engine import open_store
    from app.store.phrase_stats import uses_between
    from app.store.review import messages_between

    from app.desk.phrase_analytics import local_bounds
    from app.desk.phrase_analytics import phrase_report as report

    phrases, sends = (500, 15_000) if quick else (2_000, 60_000)
    first, last = date(2026, 11, 1), date(2026, 11, 30)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kefudesk.db"
        library = _fill(path, phrases, sends)
        store = open_store(path)
        try:
            stored = store.phrases()
            start, end = local_bounds(first, last, UTC)
            t = time.perf_counter()
            read = uses_between(store, start, end)
            chats = sorted({u.conversation_id for u in read})
            messages_between(store, start, end + timedelta(days=1), chats)
            bare = time.perf_counter() - t
            t = time.perf_counter()
            near = near_duplicates(library)
            alike = time.perf_counter() - t
            t = time.perf_counter()
            done = report(store, stored, first, last, UTC, near=near)
            month = time.perf_counter() - t
            assert sum(s.sent for s in done.stats) == sends
        finally:
            store.close()
    size = f"{phrases // 1000}k" if phrases >= 1000 else str(phrases)
    return [record(f"phrase_report_month_{size}", month, "s", 3.0, bare),
            record(f"phrase_near_duplicates_{size}", alike, "s", 5.0, None)]


def phrase_mining(quick: bool) -> list[Record]:
    from app.quickreplies.mining import mine

    from bench.phrase_corpus import corpus

    rng = random.Random(1)
    bodies = [p.body for p in corpus(3000)]
    replies = []
    for _ in range(50_000 if quick else 200_000):
        text = rng.choice(bodies)
        if rng.random() < 0.5:
            text = text[:rng.randrange(len(text))] + "".join(rng.choice("的了吗呢好是在有") for _ in range(rng.randrange(1, 6)))
        replies.append((text, ""))
    t = time.perf_counter()
    Counter(text.strip() for text, _ in replies)
    exact = time.perf_counter() - t
    t = time.perf_counter()
    found = mine(replies)
    took = time.perf_counter() - t
    assert found
    return [record(f"phrase_mining_{len(replies) // 1000}k", took, "s", 10.0, exact)]
