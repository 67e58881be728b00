"""A running desk beside a big import: `kefudesk orders import` of 200,000 orders (20,000 with --quick) into
the desk's own SQLite file, in a process of its own as the owner runs it, while this process writes to the same
store as a desk does while buyers chat — a draft every 20 ms, each a write transaction that must wait for
SQLite's one write lock. The record is the longest any of those writes waited (target ~100 ms: an agent's Enter
is still instant, a buyer's message still shown at once), beside the median write with nothing else writing (the
baseline), how many of them gave up after the busy timeout (5 s: that draft was not saved), and how long the import
took (the cost of its short batches).

Issue 18 measured 2 min 16 s of lock for 200,000 orders before: the import was one transaction."""

from __future__ import annotations

import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.runner import Record, record

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["订单编号", "买家会员名", "买家支付宝账号", "收货人姓名", "收货地址", "联系手机", "宝贝标题", "物流公司",
          "物流单号", "订单状态", "买家实际支付金额", "订单创建时间"]
EVERY_S = 0.02


def write_export(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        sheet = csv.writer(out)
        sheet.writerow(HEADER)
        for n in range(rows):
            sheet.writerow([f"39{n:017d}", f"tb_买家{n % 5000}", f"buyer{n}@example.com", f"收货人{n % 977}",
                            f"浙江省杭州市西湖区文三路{n % 300}号", f"138{n:08d}"[:11], "儿童运动鞋 白色 32码",
                            "中通快递", f"ZT{n:012d}", "卖家已发货", f"{59 + n % 300}.90", "2026-11-11 10:00:00"])


def desk_writes(store: object, until: subprocess.Popen[bytes] | None, count: int = 0,
                refused: list[int] | None = None) -> list[float]:
    """Seconds each of the desk's writes took (a draft saved, as the reply box does), one every EVERY_S, while
    the import runs (or count of them); refused gets a 1 for each write given up after the busy timeout."""
    from app.store.errors import StoreBusy
    from app.store.store import Store

    assert isinstance(store, Store)
    waits: list[float] = []
    n = 0
    while (until is not None and until.poll() is None) or n < count:
        n += 1
        started = time.perf_counter()
        try:
            store.save_draft("c1", f"亲，正在为您查询第{n}次", datetime.now(UTC))
        except StoreBusy:  # waited the whole busy timeout (5 s) and gave up: that draft was not saved
            if refused is not None:
                refused.append(1)
        waits.append(time.perf_counter() - started)
        time.sleep(max(0.0, EVERY_S - waits[-1]))
    return waits


def import_lock(quick: bool) -> list[Record]:
    from app.store.engine import open_store

    from app import domain

    rows = 20_000 if quick else 200_000
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        export = data / "orders.csv"
        write_export(export, rows)
        store = open_store(data / "kefudesk.db")
        try:
            store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_买家1"), "active",
                                                          datetime.now(UTC)))
            alone = desk_writes(store, None, 100)
            env = os.environ | {"KEFUDESK_DATA_DIR": str(data), "KEFUDESK_CONFIG_DIR": str(data / "config")}
            started = time.perf_counter()
            importer = subprocess.Popen([sys.executable, "-m", "app", "orders", "import", str(export)], cwd=ROOT,
                                        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            refused: list[int] = []
            waits = desk_writes(store, importer, refused=refused)
            took = time.perf_counter() - started
            _out, errors = importer.communicate()
            if importer.returncode != 0:
                raise RuntimeError(f"the import failed: {errors.decode(errors='replace')[-2000:]}")
            with store.reading() as s:
                from sqlalchemy import func, select

                from app.store import models as m

                imported = s.scalar(select(func.count()).select_from(m.Order))
            if imported != rows:
                raise RuntimeError(f"the import wrote {imported} orders, not {rows}")
        finally:
            store.close()
    typical = statistics.median(alone) * 1000
    return [
        record(f"import_{rows // 1000}k_orders_desk_longest_wait_ms", max(waits) * 1000, "ms", 100.0, typical),
        record(f"import_{rows // 1000}k_orders_desk_p99_wait_ms", sorted(waits)[int(0.99 * (len(waits) - 1))] * 1000,
               "ms", 50.0, typical),
        record(f"import_{rows // 1000}k_orders_desk_writes_refused", len(refused), "n", 0, None),
        record(f"import_{rows // 1000}k_orders_s", took, "s", 600.0 if not quick else 60.0, None),
    ]


if __name__ == "__main__":
    for result in import_lock("--quick" in sys.argv):
        print(result)
