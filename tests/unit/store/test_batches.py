"""A big import into a store a desk is using (issue 18: 200,000 orders held SQLite's write lock for 2 min 16 s and
the desk went offline): it writes in short batches another writer gets in between, and stays all or nothing — a
failure undoes the batches already written, a kill is undone by whoever opens the store next, and what a desk
changed meanwhile is left as the desk left it. Shown with the order import, the biggest; the problem-order list
and the phrase import are tested beside theirs. The desk's longest wait is measured in bench/bench_import_lock.py."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text

from app.store import batches
from app.store import models as m
from app.store.engine import open_store
from app.store.errors import StoreFull

from app.desk.order_import import plan_import, run_import

from app import domain
from bench.bench_import_lock import write_export
from tests.integration.headless_desk import eventually

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[3]


def _export(tmp_path: Path, rows: int) -> bytes:
    path = tmp_path / "orders.csv"
    write_export(path, rows)
    return path.read_bytes()


def _orders(store) -> int:
    with store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(m.Order)) or 0)


def _undo_keys(path: Path) -> list[str]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [key for (key,) in db.execute("SELECT key FROM meta WHERE key LIKE 'import.undo:%'")]
    finally:
        db.close()


def test_a_big_import_writes_in_batches_that_a_desks_write_gets_in_between(tmp_path):
    path = tmp_path / "kefudesk.db"
    importing, desk = open_store(path), open_store(path)  # two connections to the file: the import's, the desk's
    try:
        desk.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_买家1"), "active", NOW))
        plan = plan_import(importing, _export(tmp_path, 3_000), "csv", now=NOW)
        commits: list[int] = []
        first = threading.Event()

        def committed(_connection: object) -> None:
            commits.append(1)
            first.set()

        event.listen(importing.engine, "commit", committed)
        seen: dict[str, int] = {}

        def desk_writes() -> None:  # a draft saved once the import is under way, as a desk does all day
            first.wait(60)
            desk.save_draft("c1", "亲，稍等，在查", NOW)
            seen["import_commits"] = len(commits)

        writer = threading.Thread(target=desk_writes)
        writer.start()
        assert run_import(importing, plan, now=NOW) == 3_000
        writer.join(60)
        assert len(commits) >= 5, "the import wrote in batches"
        assert seen["import_commits"] < len(commits), "the desk's write got in while the import was running"
        assert _orders(desk) == 3_000 and desk.draft("c1") == "亲，稍等，在查"
        assert _undo_keys(path) == []  # whole: nothing left to undo
    finally:
        importing.close()
        desk.close()


def test_an_import_that_fails_midway_is_undone_and_what_the_shop_wrote_meanwhile_stays(tmp_path, monkeypatch):
    path = tmp_path / "kefudesk.db"
    store, gateway = open_store(path), open_store(path)
    try:
        # an order the shop's gateway sent, without a courier yet: the export fills it in
        known = domain.Order("39" + "0" * 16 + "7", "b-shop", (), 6990, "买家已付款", NOW)
        gateway.upsert_orders([known], NOW)
        plan = plan_import(store, _export(tmp_path, 2_000), "csv", now=NOW)
        with store.engine.begin() as db:  # the store refuses an order past 1,500, as a full disk would
            db.execute(text("CREATE TRIGGER full_at_1500 BEFORE INSERT ON shop_order WHEN (SELECT count(*) FROM "
                            "shop_order) >= 1500 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"))
        rests: list[int] = []
        rest = batches.time.sleep

        def gateway_between_batches(seconds: float) -> None:
            rests.append(1)
            if len(rests) == 1:  # the shop updates an order the first batch imported
                gateway.upsert_orders([domain.Order("39" + "0" * 17, "b-shop-2", (), 5990, "交易成功", NOW)], NOW)
            rest(seconds)

        monkeypatch.setattr(batches.time, "sleep", gateway_between_batches)
        with pytest.raises(StoreFull):
            run_import(store, plan, now=NOW)
        assert len(rests) >= 2, "batches were written before the failure"
        with store.reading() as s:
            left = dict(s.execute(select(m.Order.no, m.Order.courier)).all())
        # the shop's two orders, as the shop wrote them; nothing of the export
        assert left == {known.no: "", "39" + "0" * 17: ""}
        assert store.order("39" + "0" * 17).status == "交易成功"
        assert store.get_meta("orders.mapping") == "" and _undo_keys(path) == []
    finally:
        store.close()
        gateway.close()


def test_an_import_killed_midway_is_undone_by_the_next_start_not_while_it_runs(tmp_path):
    data = tmp_path / "data"
    path = data / "kefudesk.db"
    open_store(path).close()
    export = tmp_path / "orders.csv"
    write_export(export, 40_000)
    env = os.environ | {"KEFUDESK_DATA_DIR": str(data), "KEFUDESK_CONFIG_DIR": str(tmp_path / "config")}
    importer = subprocess.Popen([sys.executable, "-m", "app", "orders", "import", str(export)], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        eventually(lambda: len(_undo_keys(path)) >= 3 or importer.poll() is not None,
                   "the import wrote a few batches", timeout=120, every=0.05)
        assert importer.poll() is None, importer.stderr.read() if importer.stderr else ""
        desk = open_store(path)  # a desk starting while the import runs leaves its batches alone
        try:
            assert _undo_keys(path) and _orders(desk) > 0
        finally:
            desk.close()
        importer.send_signal(signal.SIGKILL)
        importer.wait(30)
    finally:
        if importer.poll() is None:
            importer.kill()
            importer.wait(30)
        if importer.stderr is not None:
            importer.stderr.close()
    store = open_store(path)  # the next start
    try:
        assert _orders(store) == 0 and _undo_keys(path) == []
        assert store.integrity_ok()
    finally:
        store.close()


def test_an_import_marked_whole_is_kept_whatever_stops_the_cleanup_after(tmp_path, monkeypatch):
    path = tmp_path / "kefudesk.db"
    store = open_store(path)
    try:
        plan = plan_import(store, _export(tmp_path, 500), "csv", now=NOW)

        def killed(*_args: object, **_kw: object) -> None:
            raise SystemExit("killed while its undo records were being deleted")

        monkeypatch.setattr(batches, "forget", killed)
        with pytest.raises(SystemExit):
            run_import(store, plan, now=NOW)
        monkeypatch.undo()
        assert _undo_keys(path)  # the records are still there, and the mark that the import is whole
    finally:
        store.close()
    again = open_store(path)
    try:
        assert _orders(again) == 500 and _undo_keys(path) == []
    finally:
        again.close()
