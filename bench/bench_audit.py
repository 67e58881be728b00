"""What the tamper-evident audit log costs on the write path and at start-up, on a store holding 20,000 entries:

- one audit entry written (AuditLog.write_audit, its own transaction: lock, key, last entry, HMAC, insert,
  commit), against the same entry inserted unchained in a transaction of its own in the same run (the write
  before issue 17);
- opening a current store (open_store + close: header, revision, the schema check), against the
  same open with the schema check off;
- `audit verify` over the 20,000 entries, in entries a second, against reading the same rows.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.runner import Record, median, record

T0 = datetime(2026, 11, 11, 4, 0, tzinfo=UTC)
ENTRIES = 20_000


def _fill(store, count: int) -> None:
    from app.store.audit_log import Audit, AuditLog

    repo = AuditLog(store)
    for n in range(count):  # through the chain: a bulk insert would have to chain them itself
        repo.write_audit(Audit(f"客服{n % 12}", "partial_refund: money action", None,
                               {"amount_fen": 300 + n % 500, "reason": "少发一只袜子", "order_no": str(10**18 + n)}),
                         T0 + timedelta(seconds=20 * n))


def audit_log(quick: bool) -> list[Record]:
    from sqlalchemy import insert, select

    from app.store import audit_chain
    from app.store import models as m
    from app.store.audit_log import Audit, AuditLog
    from app.store.backup import backup
    from app.store.engine import open_store

    entries = 2_000 if quick else ENTRIES
    rounds = 30 if quick else 200
    with tempfile.TemporaryDirectory() as folder:
        path, other = Path(folder) / "k.db", Path(folder) / "plain.db"
        store = open_store(path)
        _fill(store, entries)
        store.close()
        backup(path, other)  # the same store, for the unchained inserts
        store, plain_store = open_store(path), open_store(other)
        repo = AuditLog(store)
        after = {"amount_fen": 350, "reason": "少发一只袜子", "order_no": "3912345678901234567"}
        chained, plain = [], []
        table = m.AuditEntry.__table__
        for n in range(rounds):
            at = T0 + timedelta(days=400, seconds=n)
            started = time.perf_counter()
            repo.write_audit(Audit("小王", "partial_refund: money action", None, after), at)
            chained.append(time.perf_counter() - started)
            started = time.perf_counter()
            with plain_store.writing() as s:  # the same row, unchained, as every entry was written before
                s.execute(insert(table).values(at=at, who="小王", what="partial_refund: money action",
                                               issue_id=None, action_id=None, before=None, after=after,
                                               prev_hash=f"plain-{n}", row_hash=""))
            plain.append(time.perf_counter() - started)
        store.close()
        plain_store.close()

        checked, unchecked = [], []
        for _ in range(10 if quick else 40):
            started = time.perf_counter()
            open_store(path, check_schema=False).close()
            unchecked.append(time.perf_counter() - started)
            started = time.perf_counter()
            open_store(path).close()
            checked.append(time.perf_counter() - started)

        store = open_store(path)
        started = time.perf_counter()
        verdict = audit_chain.verify_store(store.engine)
        verifying = time.perf_counter() - started
        assert verdict.whole and verdict.count == entries + rounds, verdict
        with store.engine.connect() as c:
            started = time.perf_counter()
            c.execute(select(table)).all()
            reading = time.perf_counter() - started
        store.close()
    return [
        # targets: an entry goes with an agent's action (a refund, an override), which must not feel slower; a
        # year of a busy shop's log (~200,000 entries) is checked in 20 s
        record("audit_entry_write_ms", median(chained) * 1000, "ms", 20, median(plain) * 1000),
        record("store_open_checked_ms", median(checked) * 1000, "ms", 50, median(unchecked) * 1000),
        record("audit_verify_entries_s", verdict.count / verifying, "/s", 10_000, verdict.count / reading,
               higher_is_better=True),
    ]
