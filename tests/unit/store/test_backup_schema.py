"""`restore` refuses a backup whose triggers, indexes or views are not this version's — the audit log's triggers
dropped, a hidden trigger that zeroes every new refund, also in a backup of an older schema — and the current
store stays exactly as it was."""

import sqlite3

import pytest

from app.store.backup import backup, restore
from app.store.engine import open_store
from app.store.errors import StoreSchemaChanged

from tests.unit.store.conftest import T0, at, buyer_says
from tests.unit.store.test_schema_check import ZERO_REFUNDS, _migrated, _refund, _tamper


@pytest.fixture
def current(store, tmp_path):
    """The desk's store, with a refund and a message in it, closed (restore needs it closed)."""
    store.ingest_message(buyer_says("m1", "鞋子开胶了", 1))
    _refund(store, 350)
    store.close()
    return store.path


def _untouched(path, before, folder):
    assert path.read_bytes() == before
    assert not list(folder.glob("kefudesk.db.*"))  # no copy left beside it (.restoring, .checking, .before-restore)


def test_a_backup_with_the_audit_triggers_dropped_is_refused(current, tmp_path):
    bad = backup(current, tmp_path / "backup.db")
    _tamper(bad, "DROP TRIGGER audit_no_update", "DROP TRIGGER audit_no_delete")
    before = current.read_bytes()
    with pytest.raises(StoreSchemaChanged) as refused:
        restore(current, bad, T0)
    message = str(refused.value)
    assert str(bad) in message and "missing trigger audit_no_update on audit" in message
    assert "Nothing was changed" in message and "another backup" in message
    _untouched(current, before, current.parent)


def test_a_backup_with_a_hidden_trigger_that_zeroes_refunds_is_refused(current, tmp_path):
    bad = backup(current, tmp_path / "backup.db")
    _tamper(bad, ZERO_REFUNDS)
    before = current.read_bytes()
    with pytest.raises(StoreSchemaChanged, match="extra trigger zero_refunds on issue_action"):
        restore(current, bad, T0)
    _untouched(current, before, current.parent)
    s = open_store(current)  # the desk goes on with its own store, whose refunds are what was given
    try:
        assert _refund(s, 500).amount_fen == 500
    finally:
        s.close()


def test_an_older_backup_with_a_hidden_trigger_is_refused_too(current, tmp_path):
    old = tmp_path / "from-last-year.db"
    _migrated(old, "0009")
    _tamper(old, ZERO_REFUNDS)
    before = current.read_bytes()
    with pytest.raises(StoreSchemaChanged, match="extra trigger zero_refunds"):
        restore(current, old, T0)
    _untouched(current, before, current.parent)


def test_a_clean_backup_still_restores(current, tmp_path):
    good = backup(current, tmp_path / "backup.db")
    old = tmp_path / "old.db"
    _migrated(old, "0009")
    for n, source in enumerate((good, old)):
        restore(current, source, at(n))
    with sqlite3.connect(current) as c:
        assert c.execute("SELECT version_num FROM alembic_version").fetchone() == ("0009",)
    c.close()
    open_store(current).close()  # and it opens (upgraded)
