"""The audit log's hash chain on SQLite: every entry chained as it is written (also by two processes at once),
upgraded stores chained by the migration, and `verify` naming the first entry changed, deleted or slipped in
with sqlite3 on a copy of the file — and an anchor noted earlier catching a log rewritten and chained again."""

import json
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from app.store import audit_chain
from app.store.audit_log import Audit, AuditLog
from app.store.backup import backup
from app.store.engine import open_store
from app.store.files import connect_readonly
from app.store.issues import IssueStore

from tests.unit.store.conftest import T0, at


def _write(store, count: int, start: int = 0) -> None:
    repo = AuditLog(store)
    for n in range(start, start + count):
        repo.write_audit(Audit("小王", "partial_refund: money action", None,
                               {"amount_fen": 300 + n, "reason": "少发一只袜子", "share": 0.1 * n}), at(n))


def _verdict(path, anchors=()):
    engine = create_engine("sqlite://", creator=lambda: connect_readonly(path, 5.0), poolclass=StaticPool)
    try:
        return audit_chain.verify_store(engine, anchors)
    finally:
        engine.dispose()


def _copy(store, tmp_path, name="copy.db"):
    """A copy of the store as anyone with the file can take it, its append-only triggers dropped."""
    target = backup(store.path, tmp_path / name)
    tamper = sqlite3.connect(target)
    tamper.execute("DROP TRIGGER audit_no_update")
    tamper.execute("DROP TRIGGER audit_no_delete")
    tamper.commit()
    return target, tamper


def _rechain(tamper, from_id: int) -> None:
    """What a holder of the file can do: the key is in it, so every hash from from_id on can be made again."""
    key = bytes.fromhex(tamper.execute("SELECT key FROM audit_key").fetchone()[0])
    prev = tamper.execute("SELECT row_hash FROM audit WHERE id < ? ORDER BY id DESC LIMIT 1", (from_id,)).fetchone()
    prev = prev[0] if prev else audit_chain.GENESIS
    tamper.execute("DROP INDEX ux_audit_prev_hash")
    rows = tamper.execute("SELECT id, at, who, what, issue_id, action_id, before, after FROM audit WHERE id >= ? "
                          "ORDER BY id", (from_id,)).fetchall()
    for row_id, when, who, what, issue_id, action_id, before, after in rows:
        stamp = datetime.fromisoformat(when).replace(tzinfo=UTC)
        digest = audit_chain.row_hash(key, row_id, stamp, who, what, issue_id, action_id,
                                      json.loads(before) if before else None, json.loads(after) if after else None,
                                      prev)
        tamper.execute("UPDATE audit SET prev_hash = ?, row_hash = ? WHERE id = ?", (prev, digest, row_id))
        prev = digest
    tamper.execute("CREATE UNIQUE INDEX ux_audit_prev_hash ON audit (prev_hash)")
    tamper.commit()


def test_every_entry_is_chained_to_the_one_before(store):
    _write(store, 5)
    IssueStore(store).add_issue({"stage": "after_sale", "category": "damage", "severity": "normal", "owner": "小王",
                                 "state": "open"}, [], at(9), Audit("小王", "issue opened"))
    verdict = _verdict(store.path)
    assert verdict.whole and verdict.count == 6
    with sqlite3.connect(store.path) as c:
        rows = c.execute("SELECT id, prev_hash, row_hash FROM audit ORDER BY id").fetchall()
    c.close()
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[0][1] == audit_chain.GENESIS and all(rows[i][1] == rows[i - 1][2] for i in range(1, 6))
    assert verdict.head == (6, rows[-1][2])


def test_the_canonical_form_is_the_documented_one():
    stamp = datetime(2026, 11, 24, 17, 30, 0, 250, tzinfo=timezone(timedelta(hours=8)))  # Beijing time
    body = audit_chain.canonical(7, stamp, "小王", "refund", 3, 12, None,
                                 {"reason": "少发", "amount_fen": 300, "tags": ("a", 1)}, "ab" * 32)
    assert body == (b'kefudesk-audit-v1\n[7,"2026-11-24T09:30:00.000250Z","\\u5c0f\\u738b","refund",3,12,null,'
                    b'{"amount_fen":300,"reason":"\\u5c11\\u53d1","tags":["a",1]},"' + b"ab" * 32 + b'"]')
    assert audit_chain.row_hash(b"k" * 32, 7, stamp, "小王", "refund", 3, 12, None,
                                {"reason": "少发", "amount_fen": 300, "tags": ["a", 1]}, "ab" * 32) == \
        "149b324c901a94321194b8bda2b47233d7668e71bd6572fecb380b3b0fca6e9e"  # openssl dgst -hmac agrees


def test_the_key_is_the_stores_own_and_never_changes(store, tmp_path):
    other = open_store(tmp_path / "other" / "kefudesk.db")
    with store.engine.connect() as a, other.engine.connect() as b:
        assert audit_chain.store_key(a) != audit_chain.store_key(b) and len(audit_chain.store_key(a)) == 32
    other.close()
    with pytest.raises(Exception, match="never changes"), store.engine.begin() as c:
        c.exec_driver_sql("UPDATE audit_key SET key = 'ab'")


def test_an_entry_edited_with_sqlite3_is_named(store, tmp_path):
    _write(store, 5)
    copy, tamper = _copy(store, tmp_path)
    tamper.execute("""UPDATE audit SET after = '{"amount_fen": 3000, "reason": "少发一只袜子", "share": 0.2}' """
                   "WHERE id = 3")
    tamper.commit()
    tamper.close()
    verdict = _verdict(copy)
    assert not verdict.whole and verdict.count == 5
    assert (verdict.broken.row_id, verdict.broken.kind) == (3, "changed")
    assert "entry 3 was changed" in verdict.broken.detail
    assert _verdict(store.path).whole  # the store itself is as it was


def test_an_entry_edited_and_given_a_new_hash_is_named(store, tmp_path):
    _write(store, 5)
    copy, tamper = _copy(store, tmp_path)
    key = bytes.fromhex(tamper.execute("SELECT key FROM audit_key").fetchone()[0])
    prev = tamper.execute("SELECT prev_hash FROM audit WHERE id = 2").fetchone()[0]
    new = audit_chain.row_hash(key, 2, at(1), "小王", "partial_refund: money action", None, None, None,
                               {"amount_fen": 1, "reason": "少发一只袜子", "share": 0.1}, prev)
    tamper.execute("""UPDATE audit SET after = '{"amount_fen": 1, "reason": "少发一只袜子", "share": 0.1}', """
                   "row_hash = ? WHERE id = 2", (new,))
    tamper.commit()
    tamper.close()
    broken = _verdict(copy).broken
    assert (broken.row_id, broken.kind) == (2, "changed") and "entry 3 still follows" in broken.detail


def test_an_entry_deleted_from_the_middle_is_named(store, tmp_path):
    _write(store, 5)
    copy, tamper = _copy(store, tmp_path)
    tamper.execute("DELETE FROM audit WHERE id = 3")
    tamper.commit()
    tamper.close()
    verdict = _verdict(copy)
    assert verdict.count == 4 and (verdict.broken.row_id, verdict.broken.kind) == (4, "missing")
    assert "entry 3 is missing" in verdict.broken.detail


def test_the_first_entries_deleted_are_named(store, tmp_path):
    _write(store, 4)
    copy, tamper = _copy(store, tmp_path)
    tamper.execute("DELETE FROM audit WHERE id <= 2")
    tamper.commit()
    tamper.close()
    broken = _verdict(copy).broken
    assert (broken.row_id, broken.kind) == (3, "missing") and "first entries are missing" in broken.detail


def test_a_fork_is_refused_by_the_store_and_named_by_verify(store, tmp_path):
    _write(store, 3)
    key_and_prev = "SELECT (SELECT key FROM audit_key), (SELECT row_hash FROM audit WHERE id = 1)"
    with pytest.raises(Exception, match="UNIQUE"), store.engine.begin() as c:  # a second entry after entry 1
        c.exec_driver_sql("INSERT INTO audit (id, at, who, what, prev_hash, row_hash) VALUES "
                          "(9, '2026-11-24 01:00:00.000000', 'x', 'y', (SELECT row_hash FROM audit WHERE id = 1), '')")
    copy, tamper = _copy(store, tmp_path)
    key, after_first = tamper.execute(key_and_prev).fetchone()
    tamper.execute("DROP INDEX ux_audit_prev_hash")
    digest = audit_chain.row_hash(bytes.fromhex(key), 4, T0, "小李", "refund", None, None, None, None, after_first)
    tamper.execute("INSERT INTO audit (id, at, who, what, prev_hash, row_hash) VALUES "
                   "(4, '2026-11-24 01:00:00.000000', '小李', 'refund', ?, ?)", (after_first, digest))
    tamper.commit()
    tamper.close()
    broken = _verdict(copy).broken
    assert (broken.row_id, broken.kind) == (4, "forked")
    assert "follows entry 1, as entry 2 already does" in broken.detail


def test_an_anchor_catches_a_log_rewritten_and_chained_again(store, tmp_path):
    _write(store, 5)
    noted = _verdict(store.path).head  # what the owner wrote down on Monday
    _write(store, 2, start=5)
    copy, tamper = _copy(store, tmp_path)
    tamper.execute("""UPDATE audit SET after = '{"amount_fen": 30000, "reason": "少发一只袜子", "share": 0.2}' """
                   "WHERE id = 3")
    _rechain(tamper, 3)
    tamper.close()
    assert _verdict(copy).whole  # the key is in the file: alone, the chain cannot tell (docs/audit-log.md)
    verdict = _verdict(copy, [noted])
    assert not verdict.whole
    (anchor,) = verdict.anchors
    assert anchor.row_id == 5 and not anchor.holds and "rewritten and chained again" in anchor.detail
    assert _verdict(store.path, [noted]).whole and _verdict(store.path, [noted]).anchors[0].holds


def test_an_anchor_catches_a_log_cut_short(store, tmp_path):
    _write(store, 5)
    noted = _verdict(store.path).head
    copy, tamper = _copy(store, tmp_path)
    tamper.execute("DELETE FROM audit WHERE id >= 4")
    tamper.commit()
    tamper.close()
    plain = _verdict(copy)
    assert plain.broken is None and plain.count == 3  # the end of a log cut short looks like an end
    (anchor,) = _verdict(copy, [noted]).anchors
    assert not anchor.holds and "entry 5, noted as a head, is gone" in anchor.detail


def test_the_entries_of_an_upgraded_store_are_chained_by_the_migration(tmp_path):
    from tests.unit.store.test_migrations_upgrade import T, _store_at

    path = tmp_path / "kefudesk.db"
    _store_at("0010", path)
    with sqlite3.connect(path) as c:
        for n in range(3):
            c.execute("INSERT INTO audit (at, who, what, issue_id, action_id, before, after) VALUES "
                      f"('{T}', '店长', 'policy changed', NULL, NULL, '{{\"gift_max_fen\": {n}}}', NULL)")
    c.close()
    s = open_store(path)
    try:
        _write(s, 1)
        verdict = _verdict(path)
        assert verdict.whole and verdict.count == 5 and verdict.head[0] == 5
        assert [e.what for e in AuditLog(s).audit_log()][:2] == ["refund", "policy changed"]
    finally:
        s.close()


WRITER = """
import random, sys, time
from datetime import UTC, datetime
from pathlib import Path
from app.store.audit_log import Audit, AuditLog
from app.store.engine import open_store
path, who, count, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
store = open_store(path)
repo = AuditLog(store)
Path(f"{go}.{who}").touch()
deadline = time.monotonic() + 60
while not go.exists() and time.monotonic() < deadline:
    time.sleep(0.005)
for n in range(count):
    repo.write_audit(Audit(who, "refund", None, {"n": n}), datetime.now(UTC))
    time.sleep(random.random() / 200)  # an agent's next action: lets the other desk's writer in between
store.close()
"""


def test_two_processes_writing_at_once_keep_one_chain(store, tmp_path):
    go = tmp_path / "go"
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(store.path), who, "150", str(go)],
                                stderr=subprocess.PIPE, text=True) for who in ("desk-a", "desk-b")]
    try:
        deadline = time.monotonic() + 60
        while not all((tmp_path / f"go.{who}").exists() for who in ("desk-a", "desk-b")):
            assert time.monotonic() < deadline, "the writers did not start"
            assert all(w.poll() is None for w in writers), [w.stderr.read() for w in writers]
            time.sleep(0.01)
        go.touch()  # both open, both start writing now
        for writer in writers:
            assert writer.wait(timeout=120) == 0, writer.stderr.read()
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
    verdict = _verdict(store.path)
    assert verdict.whole and verdict.count == 300
    whos = [e.who for e in AuditLog(store).audit_log()]
    switches = sum(1 for a, b in zip(whos, whos[1:], strict=False) if a != b)
    print(f"the two writers' entries alternate {switches} times in 300")


def test_an_export_can_be_checked_with_the_documented_form_alone(store, tmp_path):
    import zipfile

    from app.store.archive import export_all

    _write(store, 4)
    export_all(store.path, tmp_path / "all.zip", T0)
    with zipfile.ZipFile(tmp_path / "all.zip") as archive:
        (key_row,) = [json.loads(line) for line in archive.read("tables/audit_key.jsonl").splitlines()]
        rows = [json.loads(line) for line in archive.read("tables/audit.jsonl").splitlines()]
    key, prev = bytes.fromhex(key_row["key"]), audit_chain.GENESIS
    for row in rows:
        assert row["prev_hash"] == prev
        prev = audit_chain.row_hash(key, row["id"], datetime.fromisoformat(row["at"]), row["who"], row["what"],
                                    row["issue_id"], row["action_id"], row["before"], row["after"], prev)
        assert prev == row["row_hash"]
    assert len(rows) == 4
