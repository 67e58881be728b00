"""Issues at a busy shop's scale: the issue list filtered over 100,000 issues, and a day's 2,000 refunds
written as the finance XLSX. Baselines from the same run: a full scan of the same rows in plain SQLite, and
openpyxl writing the same cells with nothing else.
(The filter baseline counts LIKE matches over every row: what reading all 100,000 costs.)"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.runner import Record, median, p95, record

DAY = datetime(2026, 11, 11, 4, 0, tzinfo=UTC)
CATEGORIES = ("missing_item", "damage", "wrong_item", "quality", "return", "not_received")


def _fill(store, issues: int, refunds: int) -> None:
    """Bulk rows straight into the tables (the desk's own checks would take minutes for 100,000)."""
    from app.store import models as m

    rng = random.Random(5)
    with store.writing() as s:
        s.execute(m.Issue.__table__.insert(), [
            {"stage": "after_sale", "category": rng.choice(CATEGORIES), "severity": "normal",
             "order_no": str(10**18 + n), "buyer_id": f"b{n % 20_000}", "buyer_nick": f"买家{n % 20_000}",
             "conversation_id": "", "owner": f"客服{n % 12}", "state": rng.choice(("open", "resolved", "resolved")),
             "note": "少发一只袜子" if n % 7 == 0 else "", "evidence": [],
             "follow_up_at": (DAY + timedelta(hours=n % 200)) if n % 3 == 0 else None,
             "satisfaction": None, "opened_at": (DAY - timedelta(minutes=n)),
             "resolved_at": None} for n in range(issues)])
        if not refunds:
            return
        s.execute(m.IssueAction.__table__.insert(), [
            {"issue_id": n + 1, "kind": "partial_refund", "amount_fen": rng.randrange(100, 2000),
             "fields": {"amount": 0, "reason": "少发", "real_name": "王小美", "alipay": f"u{n}@example.com"},
             "status": "done", "by": "客服1", "at": (DAY + timedelta(seconds=20 * n)),
             "decided_by": "", "decided_at": None} for n in range(refunds)])


def issue_filter(quick: bool) -> list[Record]:
    from app.store.engine import open_store
    from app.store.issues import IssueFilter, IssueStore

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "k.db")
        _fill(store, 100_000, 0)
        repo = IssueStore(store)
        filters = [IssueFilter(states=("open",), category="missing_item", limit=200),
                   IssueFilter(buyer_id="b1234"), IssueFilter(order_no=str(10**18 + 77_777)),
                   IssueFilter(states=("open",), due_before=DAY + timedelta(hours=24), limit=200),
                   IssueFilter(owner="客服3", states=("open",), limit=200)]
        ours, scan = [], []
        raw = sqlite3.connect(Path(folder) / "k.db")
        for _ in range(3 if quick else 20):
            for where in filters:
                started = time.perf_counter()
                repo.issues(where)
                ours.append(time.perf_counter() - started)
                started = time.perf_counter()
                raw.execute("SELECT count(*) FROM issue WHERE note LIKE '%袜子%'").fetchall()  # every row read
                scan.append(time.perf_counter() - started)
        raw.close()
        store.close()
    return [record("issue_filter_100k_p95", p95(ours) * 1000, "ms", 50, p95(scan) * 1000)]


def refund_xlsx(quick: bool) -> list[Record]:
    from openpyxl import Workbook

    from app.store.engine import open_store

    from app.desk.money import Money
    from app.desk.reports import Reports, write_xlsx

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "k.db")
        _fill(store, 2_000, 2_000)
        day = DAY.astimezone().strftime("%Y-%m-%d")
        ours, plain = [], []
        for run in range(1 if quick else 3):
            started = time.perf_counter()
            table = Reports(store).refunds(day)
            write_xlsx(table, Path(folder) / f"refunds{run}.xlsx")
            ours.append(time.perf_counter() - started)
            assert len(table.rows) >= 1_900, len(table.rows)
            started = time.perf_counter()
            book = Workbook()
            sheet = book.active
            for row in table.rows:  # the amounts as the numbers they are, without the 0.00 format
                sheet.append([value.yuan() if isinstance(value, Money) else value for value in row])
            book.save(Path(folder) / f"plain{run}.xlsx")
            plain.append(time.perf_counter() - started)
        store.close()
    return [record("refund_xlsx_2000", median(ours) * 1000, "ms", 2000, median(plain) * 1000)]
