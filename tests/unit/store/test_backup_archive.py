"""`export-all`: every row of every table is in the archive, and the messages, phrases and issues come back
whole from it alone (loaded into an empty store, they read the same through the store's own API)."""

import json
import sqlite3
import zipfile
from datetime import datetime

import pytest
from sqlalchemy import insert

from app.quickreplies.phrase import Phrase
from app.store.archive import export_all
from app.store.audit_log import Audit, AuditLog
from app.store.engine import HEAD_REVISION, open_store
from app.store.errors import StoreError
from app.store.issues import IssueStore
from app.store.models import Base, UTCDateTime

from tests.conftest import png_bytes
from tests.unit.store.conftest import T0, at, buyer_says


@pytest.fixture
def busy_store(store):
    store.ingest_messages([buyer_says("m1", "亲，鞋子开胶了", 1), buyer_says("m2", "<b>不是标记</b>\u202e", 2)])
    store.add_outgoing("c1", "亲，麻烦拍张照片哦", "k-1", at(3), agent="xiaowang")
    store.save_draft("c1", "已经帮您", at(4))
    store.add_phrases([Phrase(None, "发货时间", "亲，48小时内发货哦", "售前", "fh", 1, ("发货",), 0, None, "", "")])
    image = store.images.put(png_bytes())
    issues = IssueStore(store)
    issue = issues.add_issue({"stage": "aftersale", "category": "damage", "severity": "normal", "order_no": "3698001",
                              "buyer_id": "b1", "owner": "xiaowang", "state": "open", "note": "鞋底开胶",
                              "photos": [image]}, [1], at(5), Audit("xiaowang", "open"))
    issues.add_action(issue.id, "partial_refund", {"reason": "开胶"}, 350, "done", "xiaowang", at(6),
                      Audit("xiaowang", "refund", after={"amount_fen": 350}))
    return store


def _tables_in(path):
    with sqlite3.connect(path) as c:
        names = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE "
                                         "'sqlite_%' AND name NOT LIKE 'message_fts%' AND name NOT LIKE 'history_fts%' "
                                         "AND name != 'alembic_version'")]
        counts = {name: c.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}
    c.close()
    return counts


def test_every_row_of_every_table_is_in_the_archive(busy_store, tmp_path):
    target = tmp_path / "all.zip"
    summary = export_all(busy_store.path, target, T0)

    with zipfile.ZipFile(target) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        lines = {name[len("tables/"):-len(".jsonl")]: archive.read(name).decode().splitlines()
                 for name in archive.namelist() if name.startswith("tables/")}
        pictures = [name for name in archive.namelist() if name.startswith("images/")]
    in_store = _tables_in(busy_store.path)
    assert {name: len(rows) for name, rows in lines.items()} == in_store == manifest["tables"] == summary.rows
    assert in_store["message"] == 3 and in_store["issue_action"] == 1
    assert manifest["schema_revision"] == HEAD_REVISION and manifest["created_at"] == "2026-11-24T01:00:00Z"
    refund = json.loads(lines["issue_action"][0])
    assert refund["amount_fen"] == 350 and refund["at"] == "2026-11-24T01:00:06Z"  # fen stay integers, times UTC
    assert json.loads(lines["message"][1])["text"] == "<b>不是标记</b>\u202e"  # buyer text kept as it was
    assert pictures == [f"images/{json.loads(lines['issue'][0])['photos'][0]}"]
    assert target.stat().st_mode & 0o077 == 0  # buyers' phones and addresses: user-only


def test_messages_phrases_and_issues_come_back_from_the_archive_alone(busy_store, tmp_path):
    target = tmp_path / "all.zip"
    export_all(busy_store.path, target, T0)

    fresh = open_store(tmp_path / "elsewhere" / "kefudesk.db")
    with zipfile.ZipFile(target) as archive, fresh.engine.begin() as c:
        c.exec_driver_sql("DELETE FROM meta")  # a new store's own bookkeeping, about to come from the archive
        for table in Base.metadata.sorted_tables:
            if table.name == "audit_key":
                continue  # the new store has its own, which never changes (the chain is checked in test_audit_chain)
            rows = [json.loads(line) for line in archive.read(f"tables/{table.name}.jsonl").decode().splitlines()]
            for row in rows:
                for column in table.columns:
                    if isinstance(column.type, UTCDateTime) and row[column.name] is not None:
                        row[column.name] = datetime.fromisoformat(row[column.name])
            if rows:
                c.execute(insert(table), rows)
    old, new = IssueStore(busy_store), IssueStore(fresh)
    try:
        assert fresh.messages("c1") == busy_store.messages("c1")
        assert fresh.outbox() == busy_store.outbox() and fresh.draft("c1") == "已经帮您"
        assert fresh.phrases() == busy_store.phrases()
        assert new.issues() == old.issues()
        assert new.actions(1) == old.actions(1) and AuditLog(fresh).audit_log(1) == AuditLog(busy_store).audit_log(1)
    finally:
        fresh.close()


def test_an_export_never_overwrites_and_says_when_the_store_is_older(busy_store, tmp_path):
    target = tmp_path / "all.zip"
    target.write_bytes(b"last month's export")
    with pytest.raises(StoreError, match="already exists"):
        export_all(busy_store.path, target, T0)
    assert target.read_bytes() == b"last month's export"

    from tests.unit.store.test_migrations_upgrade import _store_at

    old = tmp_path / "old.db"
    _store_at("0004", old)
    with pytest.raises(StoreError, match="schema 0004.*start KefuDesk.*once to upgrade"):
        export_all(old, tmp_path / "old.zip", T0)
    assert not (tmp_path / "old.zip").exists() and not list(tmp_path.glob("*.partial"))
