"""Search over a shop's imported past chats (issue 22): history_search_p95, the search window's question (newest 50
hits, app/store/search.py search_history) over 1,000,000 generated history messages (200,000 with --quick) once the
desk has indexed them, against a plain LIKE scan of the same table for the same queries in the same run; each hit
is checked to hold the query, so a fast wrong answer cannot pass. history_index: how fast the desk indexes an
import in the background (app/store/fts.py), messages/s, against storing the same messages (add_history) in the
same run.
"""

from __future__ import annotations

import json
import random
import sqlite3
import tempfile
import time
import unicodedata
from pathlib import Path

from bench.bench_suggest import _history, _phrases
from bench.runner import Record, p95, record

QUERIES = 60  # each run 3 times (once with --quick); the scan once


def _squeezed(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


def history_search(quick: bool) -> list[Record]:
    from app.store import fts
    from app.store.engine import open_store
    from app.store.history import add_history

    from app.desk.history_import import parse

    messages = 200_000 if quick else 1_000_000
    bodies = [body for _, body in _phrases()[:500]]
    lines = [json.dumps({"conversation": f"c{c}", "from": who, "text": text}, ensure_ascii=False)
             for c, chat in enumerate(_history(messages, bodies)) for who, text in chat]
    parsed = parse("\n".join(lines).encode("utf-8"), "jsonl").messages
    texts = [m.text for m in parsed]
    rng = random.Random(22)
    queries = []
    for n in range(QUERIES):  # 2, 3 and 4 characters from real messages, and a few found nowhere
        if n % 10 == 9:
            queries.append("鲸鱼" + "骆驼"[: n % 3])
            continue
        text = _squeezed(rng.choice(texts))
        size = 2 + n % 3
        start = rng.randrange(max(1, len(text) - size))
        queries.append(text[start:start + size])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.db"
        store = open_store(path)
        try:
            t = time.perf_counter()
            add_history(store, parsed)
            store_s = time.perf_counter() - t
            t = time.perf_counter()
            while fts.index_pending(store):
                pass
            index_s = time.perf_counter() - t
            ours, plain = _timed(store, queries, 1 if quick else 3), _scanned(path, queries)
        finally:
            store.close()
    print(f"  history_search: {len(parsed):,} messages; stored in {store_s:.1f} s, indexed in {index_s:.1f} s",
          flush=True)
    return [record("history_search_p95", p95(ours) * 1000, "ms", 30, p95(plain) * 1000),
            record("history_index", len(parsed) / index_s, "msg/s", 20_000, len(parsed) / store_s,
                   higher_is_better=True)]


def _timed(store: object, queries: list[str], runs: int) -> list[float]:
    from app.store.search import search_history

    times = []
    for query in queries:
        best = float("inf")
        for _ in range(runs):
            t = time.perf_counter()
            hits = search_history(store, query, limit=50)  # type: ignore[arg-type]
            best = min(best, time.perf_counter() - t)
        for hit in hits:
            if query not in _squeezed(hit.text):
                raise RuntimeError(f"{query!r} found in {hit.text!r}, which does not hold it")
        times.append(best)
    return times


def _scanned(path: Path, queries: list[str]) -> list[float]:
    db = sqlite3.connect(path)
    times = []
    for query in queries:
        t = time.perf_counter()
        db.execute("SELECT rowid, text FROM history_message WHERE text LIKE ? ORDER BY rowid DESC LIMIT 50",
                   (f"%{query}%",)).fetchall()
        times.append(time.perf_counter() - t)
    db.close()
    return times
