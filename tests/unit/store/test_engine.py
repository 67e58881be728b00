import sqlite3

import pytest
from alembic import command

from app.store import engine as store_engine
from app.store.engine import HEAD_REVISION, open_store
from app.store.errors import StoreCorrupt, StoreLocked, StoreTooNew

from app import domain
from tests.unit.store.conftest import T0

# the engine's own tests: every new store here is built by the migrations (tests/conftest.py)
pytestmark = pytest.mark.real_migrations


def test_a_new_store_is_in_wal_mode_user_only_and_at_the_newest_schema(tmp_path):
    path = tmp_path / "data" / "kefudesk.db"
    s = open_store(path)
    with s.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD_REVISION
    s.close()
    assert path.stat().st_mode & 0o077 == 0


def test_garbage_is_refused_and_left_byte_for_byte(tmp_path):
    path = tmp_path / "kefudesk.db"
    path.write_bytes(b"this was an Excel sheet once\x00\x01" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreCorrupt) as caught:
        open_store(path)
    assert str(path) in str(caught.value) and "left untouched" in str(caught.value)
    assert path.read_bytes() == before


def test_a_truncated_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "kefudesk.db"
    s = open_store(path)
    s.close()
    data = path.read_bytes()
    path.write_bytes(data[:200])  # header intact, pages gone: a power cut mid-copy
    with pytest.raises(StoreCorrupt):
        open_store(path)
    assert path.read_bytes() == data[:200]


def test_a_store_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "kefudesk.db"
    open_store(path).close()
    with sqlite3.connect(path) as c:
        c.execute("UPDATE alembic_version SET version_num = '0999'")
    c.close()
    before = path.read_bytes()
    with pytest.raises(StoreTooNew, match="newer KefuDesk.*0999.*left untouched"):
        open_store(path)
    assert path.read_bytes() == before


def test_an_older_store_upgrades_keeps_its_rows_and_leaves_a_backup(tmp_path):
    path = tmp_path / "kefudesk.db"
    cfg = store_engine._alembic_config()
    with sqlite3.connect(path):
        pass
    from sqlalchemy import create_engine

    old = create_engine(f"sqlite:///{path}")
    with old.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "0001")
        connection.exec_driver_sql("INSERT INTO buyer VALUES ('b1', '老买家', '')")
    old.dispose()

    s = open_store(path)
    assert s.buyer("b1").nick == "老买家"
    s.save_draft("c1", "drafts came with 0002", T0)
    assert s.draft("c1") == "drafts came with 0002"
    s.close()
    backup = tmp_path / "kefudesk.db.bak-0001"
    with sqlite3.connect(backup) as c:
        assert c.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    c.close()


def test_a_locked_store_says_so(tmp_path):
    path = tmp_path / "kefudesk.db"
    s = open_store(path)
    s.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "x"), "waiting", T0))
    s.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreLocked) as caught:
            open_store(path, busy_timeout=0.2)
        assert "locked" in str(caught.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_the_head_constant_is_alembics_newest_revision():
    assert store_engine.known_revisions()[-1] == HEAD_REVISION


def test_reopening_a_current_store_needs_no_migration(tmp_path, monkeypatch):
    path = tmp_path / "kefudesk.db"
    open_store(path).close()
    monkeypatch.setattr(store_engine, "_migrate", lambda engine: pytest.fail("migrated a store already at head"))
    s = open_store(path)
    assert s.integrity_ok()
    s.close()


def test_the_outbox_query_uses_an_index_not_a_scan(tmp_path):
    s = open_store(tmp_path / "kefudesk.db")
    with s.engine.connect() as c:
        plan = " ".join(str(row[-1]) for row in c.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT count(id) FROM message WHERE state = 'pending'"))
    s.close()
    assert "ix_message_state" in plan, plan


def test_the_migrations_build_exactly_the_schema_the_models_describe(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.store.models import Base

    s = open_store(tmp_path / "kefudesk.db")
    with s.engine.connect() as c:
        # the search indexes (FTS5 virtual tables and their shadow tables) live outside the models, by design
        def ours(name: str | None, type_: str, _parent: object) -> bool:
            return not (type_ == "table" and (name or "").startswith(("message_fts", "history_fts")))

        diff = compare_metadata(MigrationContext.configure(c, opts={"include_name": ours}), Base.metadata)
    s.close()
    assert diff == []
