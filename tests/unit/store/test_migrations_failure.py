"""A migration that fails halfway leaves the store as it was: the next start still opens it, nothing is lost,
and the message names the problem and the copy kept before the attempt."""

import sqlite3

import alembic.operations
import pytest

from app.store.engine import HEAD_REVISION, open_store
from app.store.errors import StoreUpgradeFailed

from tests.unit.store.test_migrations_upgrade import _store_at

# the engine's own tests: every new store here is built by the migrations (tests/conftest.py)
pytestmark = pytest.mark.real_migrations


def _dump(path):
    with sqlite3.connect(path) as c:
        rows = list(c.iterdump())
    c.close()
    return rows


@pytest.fixture
def failing_halfway(monkeypatch):
    """Migration 0006 stops after creating two of its five tables.

    A real failure halfway (a bug met only by some shop's data, a full disk, a kill) cannot be staged from
    outside the migration; Alembic's own create_table raising at 0006's third table leaves the very state
    such a failure leaves: some of a revision's DDL done, alembic_version not yet moved on.
    """
    real, calls = alembic.operations.Operations.create_table, []

    def create_table(self, name, *columns, **kw):
        calls.append(name)
        if name == "issue_action":
            raise RuntimeError("simulated failure in migration 0006")
        return real(self, name, *columns, **kw)

    monkeypatch.setattr(alembic.operations.Operations, "create_table", create_table)
    return calls


def test_a_failed_upgrade_leaves_the_old_store_usable_and_says_where_the_copy_is(tmp_path, failing_halfway):
    path = tmp_path / "kefudesk.db"
    _store_at("0005", path)
    before = _dump(path)

    with pytest.raises(StoreUpgradeFailed) as caught:
        open_store(path)

    message = str(caught.value)
    assert str(path) in message and "simulated failure in migration 0006" in message
    assert "left as it was" in message and str(tmp_path / "kefudesk.db.bak-0005") in message
    assert failing_halfway[-3:] == ["agent_profile", "issue", "issue_action"]  # it failed halfway, after real DDL
    assert _dump(path) == before  # not one table or row of the half-done upgrade reached the store
    assert _dump(tmp_path / "kefudesk.db.bak-0005") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kefudesk.db", "kefudesk.db.bak-0005"]


def test_after_a_failed_upgrade_the_next_start_upgrades_and_keeps_every_row(tmp_path, failing_halfway, monkeypatch):
    path = tmp_path / "kefudesk.db"
    _store_at("0005", path)
    with pytest.raises(StoreUpgradeFailed):
        open_store(path)
    monkeypatch.undo()  # the fixed version

    s = open_store(path)
    try:
        assert s.buyer("b1").nick == "tb_果果妈" and s.draft("c1") == "亲，已经帮您"
        with s.engine.connect() as c:
            assert c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD_REVISION
    finally:
        s.close()
    # the copy kept is still the store as it was before any attempt, not a half-upgraded one
    with sqlite3.connect(tmp_path / "kefudesk.db.bak-0005") as c:
        assert c.execute("SELECT version_num FROM alembic_version").fetchone() == ("0005",)
        assert "agent_profile" not in {r[0] for r in c.execute("SELECT name FROM sqlite_master")}
    c.close()


def test_what_a_killed_upgrade_left_beside_the_store_is_ignored(tmp_path):
    path = tmp_path / "kefudesk.db"
    _store_at("0003", path)
    (tmp_path / "kefudesk.db.upgrading").write_bytes(b"half a copy, the power went" * 100)
    s = open_store(path)
    assert [p.title for p in s.phrases()] == ["发货时间"]
    s.close()
    assert not (tmp_path / "kefudesk.db.upgrading").exists()


def test_a_new_store_that_fails_to_build_leaves_nothing_to_refuse_later(tmp_path, failing_halfway, monkeypatch):
    path = tmp_path / "kefudesk.db"
    with pytest.raises(StoreUpgradeFailed):
        open_store(path)
    assert not path.exists()  # not a half-built file that the next start would call "not a KefuDesk store"
    monkeypatch.undo()
    open_store(path).close()
