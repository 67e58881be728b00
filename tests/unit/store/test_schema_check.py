"""A store whose triggers, indexes or views are not the ones this version's migrations make is refused at start-up
and left untouched — a hidden trigger that zeroes every new refund, the audit log's triggers dropped — and a
supervisor's repair puts the schema back in one transaction, with an audit entry."""

import sqlite3
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import create_engine

from app.store import engine as store_engine
from app.store import schema_check
from app.store.audit_log import Audit, AuditLog
from app.store.engine import HEAD_REVISION, open_store
from app.store.errors import StoreError, StoreSchemaChanged
from app.store.issues import IssueStore

from tests.unit.store.conftest import at

ZERO_REFUNDS = ("CREATE TRIGGER zero_refunds AFTER INSERT ON issue_action BEGIN "
                "UPDATE issue_action SET amount_fen = 0 WHERE id = NEW.id; END")


def _objects(path):
    with sqlite3.connect(path) as c:
        rows = c.execute(schema_check.QUERY).fetchall()
    c.close()
    return {(t, name): (table, schema_check.normalised(sql)) for t, name, table, sql in rows}


def _migrated(path, revision="head"):
    """An empty file migrated by Alembic alone, as no check of ours has looked at it."""
    cfg = store_engine._alembic_config()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)
    engine.dispose()


def _refund(store, amount_fen=350):
    repo = IssueStore(store)
    issue = repo.add_issue({"stage": "after_sale", "category": "missing_item", "severity": "normal",
                            "order_no": "3698001", "owner": "小王", "state": "open"}, [], at(1),
                           Audit("小王", "issue opened"))
    return repo.add_action(issue.id, "partial_refund", {"reason": "少发"}, amount_fen, "done", "小王", at(2),
                           Audit("小王", "partial_refund: money action", None, {"amount_fen": amount_fen}))


def _tamper(path, *statements):
    with sqlite3.connect(path) as c:
        for statement in statements:
            c.execute(statement)
    c.close()


def test_the_manifest_is_what_migrating_an_empty_store_makes(tmp_path):
    path = tmp_path / "fresh.db"
    _migrated(path)
    made = _objects(path)
    want = {key: (table, schema_check.normalised(sql)) for key, (table, sql) in schema_check.expected().items()}
    assert schema_check.MANIFEST_REVISION == HEAD_REVISION
    new_lines = "\n".join(f"{key}: {value}" for key, value in sorted(made.items()) if want.get(key) != value)
    assert made == want, f"app/store/schema_check.py is not what the migrations make; they make:\n{new_lines}"


def test_a_store_upgraded_from_each_earlier_schema_has_the_same_objects(tmp_path):
    fresh = tmp_path / "fresh.db"
    _migrated(fresh)
    for revision in ("0001", "0005", "0010"):
        path = tmp_path / f"{revision}.db"
        _migrated(path, revision)
        _migrated(path)
        assert _objects(path) == _objects(fresh), revision


def test_normalising_ignores_case_blanks_and_quotes_but_not_what_a_literal_says():
    said = "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'append-only'); END"
    same = 'create trigger "audit_no_update"  before update on [audit]\n begin select raise ( abort,\'append-only\' ) ; end;'
    assert schema_check.normalised(said) == schema_check.normalised(same)
    assert schema_check.normalised(said) != schema_check.normalised(said.replace("'append-only'", "'APPEND-ONLY'"))


def test_a_hidden_trigger_that_zeroes_refunds_is_refused_at_start_up(store):
    path = store.path
    store.close()
    _tamper(path, ZERO_REFUNDS)
    before = path.read_bytes()
    with pytest.raises(StoreSchemaChanged) as refused:
        open_store(path)
    message = str(refused.value)
    assert "extra trigger zero_refunds on issue_action" in message and str(path) in message
    assert "kefudesk restore" in message and "kefudesk audit repair-schema --supervisor" in message
    assert path.read_bytes() == before


def test_the_audit_logs_triggers_dropped_are_refused_at_start_up(store):
    path = store.path
    store.close()
    _tamper(path, "DROP TRIGGER audit_no_update", "DROP TRIGGER audit_no_delete")
    with pytest.raises(StoreSchemaChanged, match="missing trigger audit_no_delete on audit, missing trigger "
                                                 "audit_no_update on audit"):
        open_store(path)


def test_a_changed_index_and_an_extra_view_are_refused(store):
    path = store.path
    store.close()
    _tamper(path, "DROP INDEX ux_audit_prev_hash", "CREATE UNIQUE INDEX ux_audit_prev_hash ON audit (prev_hash, id)",
            "CREATE VIEW refunds_seen AS SELECT * FROM issue_action")
    with pytest.raises(StoreSchemaChanged) as refused:
        open_store(path)
    assert [str(d) for d in refused.value.differences] == ["extra view refunds_seen",
                                                           "changed index ux_audit_prev_hash on audit"]


def test_an_older_store_with_a_hidden_trigger_is_not_upgraded(tmp_path):
    path = tmp_path / "kefudesk.db"
    _migrated(path, "0010")
    _tamper(path, ZERO_REFUNDS)
    before = path.read_bytes()
    with pytest.raises(StoreSchemaChanged, match="extra trigger zero_refunds"):
        open_store(path)
    assert path.read_bytes() == before  # still at 0010, as it was
    assert not (tmp_path / "kefudesk.db.upgrading").exists()


def test_a_repair_drops_the_hidden_trigger_puts_back_the_audit_triggers_and_says_so(store):
    path = store.path
    store.close()
    _tamper(path, ZERO_REFUNDS, "DROP TRIGGER audit_no_update")
    when = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
    repaired = schema_check.repair(path, "店长", when)
    assert [str(d) for d in repaired] == ["extra trigger zero_refunds on issue_action",
                                          "missing trigger audit_no_update on audit"]
    s = open_store(path)  # opens again
    try:
        assert _refund(s, 350).amount_fen == 350  # and a refund is what was given
        (entry,) = [e for e in AuditLog(s).audit_log() if e.what == "schema repaired"]
        assert (entry.who, entry.what, entry.at) == ("店长", "schema repaired", when)
        assert entry.after["dropped"] == ["zero_refunds"] and entry.after["made"] == ["audit_no_update"]
        from tests.unit.store.test_audit_chain import _verdict

        assert _verdict(path).whole
        with pytest.raises(Exception, match="append-only"), s.engine.begin() as c:
            c.exec_driver_sql("UPDATE audit SET who = 'x'")
        assert schema_check.repair(path, "店长", when) == []  # nothing left to do, nothing written
        assert AuditLog(s).audit_log()[-1].what == "partial_refund: money action"
    finally:
        s.close()


def test_a_repair_that_cannot_finish_changes_nothing(store):
    _refund(store)
    path = store.path
    store.close()
    _tamper(path, ZERO_REFUNDS, "DROP TRIGGER audit_key_no_delete", "DELETE FROM audit_key")
    before = _objects(path)
    with pytest.raises(StoreError, match="audit key"):
        schema_check.repair(path, "店长", datetime(2026, 11, 25, tzinfo=UTC))
    assert _objects(path) == before
