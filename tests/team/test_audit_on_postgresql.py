"""The audit log's hash chain on a real PostgreSQL server: desks appending at the same moment keep one chain (an
advisory lock, not a chain-head row), a role that may only INSERT and SELECT the log can write it, the entries
already on a server are chained by the upgrade, what is hashed reads back the same from PostgreSQL as from SQLite,
and `kefudesk audit verify` on the team's server names an entry changed or deleted there."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text

from app.store import audit_chain
from app.store import engine as store_engine
from app.store import models as m
from app.store.audit_log import Audit, AuditLog
from app.store.engine import open_store

pytestmark = pytest.mark.integration
T0 = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)

TRICKY = [  # JSON and times that could read back differently from either database
    {"share": 0.1, "tiny": 1e-07, "huge": 1e300, "neg_zero": -0.0, "big": 2**62, "flags": [True, False, None]},
    {"nick": "tb_小美妈妈😀", "rtl": "退款 \u202e001", "combining": "e\u0301", "quote": 'say "hi"\\', "empty": ""},
    {"z": 1, "a": {"y": [1, {"b": 2, "a": 1}], "x": ()}, "1": "key was an int"},
]


def _entries(store) -> None:
    repo = AuditLog(store)
    beijing = timezone(timedelta(hours=8))
    for n, after in enumerate(TRICKY):
        repo.write_audit(Audit("小王", "refund", {"before": n}, after),
                         (T0 + timedelta(microseconds=123457 * (n + 1))).astimezone(beijing))
    repo.write_audit(Audit("店长", "policy changed", None, None), T0 + timedelta(days=400))


def _rows(store) -> list[tuple]:
    a = m.AuditEntry.__table__.c
    with store.engine.connect() as c:
        return c.execute(select(a.id, a.at, a.who, a.what, a.issue_id, a.action_id, a.before, a.after)
                         .order_by(a.id)).all()


def test_what_is_hashed_reads_back_the_same_from_postgresql_as_from_sqlite(pg_url, tmp_path):
    server, local = open_store(pg_url), open_store(tmp_path / "kefudesk.db")
    try:
        for store in (server, local):
            _entries(store)
            assert audit_chain.verify_store(store.engine).whole
        both = list(zip(_rows(server), _rows(local), strict=True))
        assert len(both) == 4
        for on_server, on_file in both:
            assert audit_chain.canonical(*on_server, "") == audit_chain.canonical(*on_file, "")
    finally:
        server.close()
        local.close()


def test_desks_appending_at_the_same_moment_keep_one_chain(pg_url):
    desks = [open_store(pg_url) for _ in range(3)]  # three machines: three connections, no shared Python lock
    start = threading.Barrier(len(desks))
    failures: list[BaseException] = []

    def work(n: int) -> None:
        try:
            repo = AuditLog(desks[n])
            start.wait(timeout=30)
            for k in range(40):
                repo.write_audit(Audit(f"desk-{n}", "refund", None, {"k": k}), T0 + timedelta(seconds=k))
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(len(desks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    try:
        assert not failures, failures
        verdict = audit_chain.verify_store(desks[0].engine)
        assert verdict.whole and verdict.count == 120 and verdict.head[0] == 120
    finally:
        for desk in desks:
            desk.close()


def test_a_role_that_may_only_insert_and_select_the_log_writes_it(pg_url):
    open_store(pg_url).close()
    owner = create_engine(pg_url)
    with owner.begin() as c:
        c.execute(text("DROP ROLE IF EXISTS kefu_desk_audit_test"))
        c.execute(text("CREATE ROLE kefu_desk_audit_test LOGIN PASSWORD 'audit-test-pw'"))
        c.execute(text("GRANT SELECT ON alembic_version, audit_key TO kefu_desk_audit_test"))
        c.execute(text("GRANT SELECT, INSERT ON audit TO kefu_desk_audit_test"))
    desk = open_store(pg_url.replace("postgres@", "kefu_desk_audit_test:audit-test-pw@"))
    try:
        AuditLog(desk).write_audit(Audit("小王", "refund", None, {"amount_fen": 300}), T0)
        AuditLog(desk).write_audit(Audit("小王", "refund", None, {"amount_fen": 200}), T0)
        with pytest.raises(Exception, match="permission denied"), desk.engine.begin() as c:
            c.execute(text("UPDATE audit SET who = 'someone else'"))
        assert audit_chain.verify_store(desk.engine).whole
    finally:
        desk.close()
        with owner.begin() as c:
            c.execute(text("DROP OWNED BY kefu_desk_audit_test"))
            c.execute(text("DROP ROLE kefu_desk_audit_test"))
        owner.dispose()


def test_the_entries_already_on_the_server_are_chained_by_the_upgrade(pg_url):
    cfg = store_engine._alembic_config()
    old = create_engine(pg_url)
    with old.begin() as c:
        cfg.attributes["connection"] = c
        command.upgrade(cfg, "0010")
        for n in range(3):
            c.execute(text("INSERT INTO audit (at, who, what, issue_id, action_id, before, after) VALUES "
                           "(:at, '店长', 'policy changed', NULL, NULL, NULL, CAST(:after AS json))"),
                      {"at": datetime(2026, 11, 11, 1, 0, 0, 5 + n), "after": f'{{"gift_max_fen": {n}, "r": 0.3}}'})
    old.dispose()
    store = open_store(pg_url)
    try:
        AuditLog(store).write_audit(Audit("小王", "refund"), T0)
        verdict = audit_chain.verify_store(store.engine)
        assert verdict.whole and verdict.count == 4 and verdict.head[0] == 4
    finally:
        store.close()


def _verify_cli(pg_url, tmp_path, *args) -> subprocess.CompletedProcess:
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "settings.toml").write_text(f'[store]\nurl = "{pg_url}"\n', encoding="utf-8")
    env = os.environ | {"KEFUDESK_DATA_DIR": str(tmp_path / "data"), "KEFUDESK_CONFIG_DIR": str(config),
                        "KEFUDESK_DB_PASSWORD": "any"}
    return subprocess.run([sys.executable, "-m", "app", "audit", "verify", *args], env=env, capture_output=True,
                          text=True, timeout=120)


def test_kefudesk_audit_verify_on_the_team_server_names_what_was_changed_there(pg_url, tmp_path):
    store = open_store(pg_url)
    _entries(store)
    store.close()
    whole = _verify_cli(pg_url, tmp_path)
    assert whole.returncode == 0, whole.stderr
    assert "4 entries" in whole.stdout and "whole:" in whole.stdout and "127.0.0.1" in whole.stdout
    head = [line for line in whole.stdout.splitlines() if line.startswith("head: ")][0][len("head: "):]

    owner = create_engine(pg_url)  # the server's owner role can still rewrite the log: verify sees it
    with owner.begin() as c:
        c.execute(text("""UPDATE audit SET after = CAST('{"amount_fen": 1}' AS json) WHERE id = 2"""))
    changed = _verify_cli(pg_url, tmp_path, "--anchor", head)
    assert changed.returncode == 1
    assert "BROKEN at entry 2 (changed)" in changed.stdout

    with owner.begin() as c:
        c.execute(text("DELETE FROM audit WHERE id IN (2, 4)"))
    deleted = _verify_cli(pg_url, tmp_path, "--anchor", head)
    owner.dispose()
    assert deleted.returncode == 1
    assert "BROKEN at entry 3 (missing): entry 2 is missing" in deleted.stdout
    assert "anchor 4: BROKEN: entry 4, noted as a head, is gone" in deleted.stdout
