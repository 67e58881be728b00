"""Search over a year-long store (bench/scale.py; `kefudesk bench --store-size 5m` for 5,000,000 messages):

- p50 and p95 per query length (1, 2, 3, 4 characters, and order nos.) over common, rare and absent terms (each
  query 7 times, 3 with --quick), against a plain LIKE scan of the same messages for the same queries in the same
  run (once each: seconds at 5M); newest 50 hits, as the search window asks; the hits are checked against the
  scan, so a fast wrong answer cannot pass;
- `kefudesk search` as a whole process (start, open, search, print), against a whole Python process that opens
  the same file with sqlite3 and runs the LIKE scan;
- the search index's share of the database file.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from bench.runner import Record, median, p95, record
from bench.scale import scale_queries, scale_store, store_size

CHECKOUT = Path(__file__).resolve().parents[1]
KINDS = ("1", "2", "3", "4", "order")
_LIKE_PROCESS = """import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT id, text FROM message WHERE text LIKE ? ORDER BY id DESC LIMIT 50",
                 ("%" + sys.argv[2] + "%",)).fetchall()[:1])
"""


def _squeezed(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


def _check(hits: list[int], texts: dict[int, str], scanned: list[int], query: str) -> None:
    """The index finds a phrase across punctuation (退，款 holds 退款), LIKE does not: every hit must hold the query
    once punctuation is dropped, and every message LIKE finds from the oldest hit on must be among the hits."""
    wanted = _squeezed(query)
    for hit in hits:
        if wanted not in _squeezed(texts[hit]):
            raise RuntimeError(f"search found message {hit} for {query!r}, which does not hold it")
    oldest = hits[-1] if len(hits) == 50 else 0
    missed = [i for i in scanned if i >= oldest and i not in set(hits)]
    if missed or hits != sorted(hits, reverse=True):
        raise RuntimeError(f"search for {query!r} missed {missed[:5]} or is not newest first")


def _queries(quick: bool) -> list[tuple[str, str, str]]:
    """(kind, class, query) for every query of the store."""
    chosen = scale_queries(store_size())
    return [(kind, cls, q) for kind in KINDS for cls in ("common", "rare", "absent")
            for q in chosen[kind][cls][:2 if quick else 3]]


def _linked(path: Path, folder: Path) -> Path:
    """The scale store under a new name in folder, nothing copied: opened as the desk opens its store, its -wal
    and -shm go there, and the cached file is only read."""
    linked = folder / "kefudesk.db"
    try:
        os.link(path, linked)
    except OSError:  # another file system
        linked.symlink_to(path)
    return linked


def _in_process(quick: bool, path: Path) -> list[Record]:
    from app.store.engine import open_store
    from app.store.search import like_scan, search_messages

    runs = 3 if quick else 7
    folder = tempfile.TemporaryDirectory()
    store = open_store(_linked(path, Path(folder.name)))
    ours: dict[str, list[float]] = {kind: [] for kind in KINDS}
    plain: dict[str, list[float]] = {kind: [] for kind in KINDS}
    worst: dict[str, float] = {}
    cpu: dict[str, list[float]] = {kind: [] for kind in KINDS}  # the process's own time: what a busy machine adds aside
    try:
        for kind, cls, query in _queries(quick):
            t = time.perf_counter()  # the scan once per query: seconds each at 5M
            scanned = like_scan(store, query, limit=50)
            plain[kind].append(time.perf_counter() - t)
            for run in range(runs):
                t, cpu_t = time.perf_counter(), time.process_time()
                hits = search_messages(store, query, limit=50)
                took = time.perf_counter() - t
                cpu[kind].append(time.process_time() - cpu_t)
                ours[kind].append(took)
                worst[f"{kind}/{cls}"] = max(worst.get(f"{kind}/{cls}", 0), took)
                if run == 0:
                    _check([h.message.id for h in hits], {h.message.id: h.message.text for h in hits}, scanned,
                           query)
    finally:
        store.close()
        folder.cleanup()
    print("  search: slowest per kind and class (ms): "
          + ", ".join(f"{k} {v * 1000:.1f}" for k, v in worst.items()), flush=True)
    print("  search: p95 of the process's CPU time (ms): "
          + ", ".join(f"{k} {p95(v) * 1000:.1f}" for k, v in cpu.items()), flush=True)
    records = []
    for kind in KINDS:
        name = f"search_{kind}char" if kind != "order" else "search_order_no"
        records.append(record(f"{name}_p50", median(ours[kind]) * 1000, "ms", 10, median(plain[kind]) * 1000))
        records.append(record(f"{name}_p95", p95(ours[kind]) * 1000, "ms", 30, p95(plain[kind]) * 1000))
    return records


def _process_s(argv: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(argv, env=env, cwd=CHECKOUT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def _cli(quick: bool, path: Path) -> Record:
    """`kefudesk search` on the scale store (linked into a data folder of its own), for a common query of each length, against a Python process running the LIKE scan on the same file."""
    queries = [q for kind, cls, q in _queries(True) if cls == "common"][:5]
    runs = 2 if quick else 3
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        data.mkdir()
        _linked(path, data)
        env = {**os.environ, "KEFUDESK_DATA_DIR": str(data), "KEFUDESK_CONFIG_DIR": str(Path(folder) / "config")}
        ours, plain = [], []
        for _ in range(runs):
            for query in queries:
                ours.append(_process_s([sys.executable, "-m", "app", "search", query], env))
                plain.append(_process_s([sys.executable, "-c", _LIKE_PROCESS, str(path), query], env))
    return record("search_cli", median(ours), "s", 0.5, median(plain))


def _index_share(path: Path) -> Record:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        index_bytes = db.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'message_fts%'").fetchone()[0] or 0
    db.close()
    total = path.stat().st_size
    print(f"  search: index {index_bytes / 2**20:.0f} MB of {total / 2**20:.0f} MB", flush=True)
    return record("search_index_share", 100 * index_bytes / total, "%", 60, None)


def search(quick: bool) -> list[Record]:
    path = scale_store(store_size())
    print(f"  search: store {store_size()} ({path})", flush=True)
    return [*_in_process(quick, path), _cli(quick, path), _index_share(path)]
