"""A rotating phrase's pick on the GUI thread after a restart: the first pick for a returning buyer reads what they
got last from the store (one row by its key, app/store/rotation.py), in a store remembering 200,000 buyer+phrase
pairs (quick: 20,000). Baseline, in the same run: the same picks by an in-memory Rotation that has nothing to read.
The writes go to the desk's writer thread and are not timed here."""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from bench.runner import Record, median, record

PHRASES = 100
PICKS = 2_000


def _store_of(path: Path, pairs: int) -> None:
    from app.store.engine import open_store

    open_store(path).close()
    with sqlite3.connect(path) as c:
        c.execute(f"""WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {PHRASES})
            INSERT INTO phrase(id, title, body, group_name, abbreviation, tags, uses, owner, image, variants, rotate)
            SELECT i, '问候' || i, '您好呀', '售前', 'n' || i, '[]', 0, '', '', '["在的亲", "来啦"]', 1 FROM k""")
        c.execute(f"""WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < {pairs} - 1)
            INSERT INTO phrase_rotation(phrase_id, buyer_id, variant, at)
            SELECT 1 + i % {PHRASES}, 'b' || (i / {PHRASES}), i % 3, '2026-01-01 00:00:00' FROM k""")
    c.close()


def _pick_ms(picks: list[tuple[object, str]], memory: object | None) -> list[float]:
    from app.quickreplies.variants import Rotation

    rotation = Rotation(memory)  # type: ignore[arg-type]
    times = []
    for phrase, buyer in picks:
        started = time.perf_counter()
        rotation.pick(phrase, buyer)  # type: ignore[arg-type]
        times.append((time.perf_counter() - started) * 1000)
    return times


def _p99(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.99)]


def rotation_pick(quick: bool) -> list[Record]:
    from datetime import UTC, datetime

    from app.store.engine import open_store
    from app.store.rotation import StoredRotation

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rotation.db"
        _store_of(path, 20_000 if quick else 200_000)
        store = open_store(path)
        try:
            phrases = store.phrases()
            # 2,000 pairs, each met before the restart: every phrase for the first 20 buyers
            picks = [(phrases[n % PHRASES], f"b{n // PHRASES}") for n in range(PICKS)]
            kept: list[tuple[object, ...]] = []
            memory = StoredRotation(store, lambda *write: kept.append(write), lambda: datetime.now(UTC))
            stored = _pick_ms(picks, memory)
            in_memory = _pick_ms(picks, None)
        finally:
            store.close()
    # targets: the slowest 1 % within half a frame (16 ms), so an abbreviation never stutters; the usual pick a
    # millisecond, as little as the reply box's own work on a key
    return [record("rotation_pick_ms", median(stored), "ms", 1.0, median(in_memory)),
            record("rotation_pick_p99_ms", _p99(stored), "ms", 8.0, _p99(in_memory))]
