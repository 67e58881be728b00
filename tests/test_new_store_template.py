"""New stores in tests are copies of one built by the migrations (tests/conftest.py): the copy is that store, and
tests marked real_migrations still run Alembic on a new store."""

import sqlite3

import pytest

from app.store import engine
from app.store.engine import HEAD_REVISION, open_store


def _schema(path) -> list[tuple]:
    with sqlite3.connect(path) as c:
        return [*c.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"),
                *c.execute("SELECT version_num FROM alembic_version")]


def test_a_new_store_is_a_copy_of_what_the_migrations_build(tmp_path, monkeypatch):
    built = tmp_path / "built.db"
    migrations = engine._sqlite_engine(built, 5.0, wal=False)
    engine._migrate(migrations)
    migrations.dispose()
    monkeypatch.setattr(engine, "_migrate", lambda _engine: pytest.fail("a new store ran the migrations again"))

    store = open_store(tmp_path / "data" / "new.db")
    store.close()

    assert _schema(tmp_path / "data" / "new.db") == _schema(built)
    assert _schema(built)[-1] == (HEAD_REVISION,)


@pytest.mark.real_migrations
def test_a_test_marked_real_migrations_builds_its_new_store_with_alembic(tmp_path, monkeypatch):
    ran = []
    migrate = engine._migrate
    monkeypatch.setattr(engine, "_migrate", lambda e: ran.append(e) or migrate(e))

    open_store(tmp_path / "new.db").close()

    assert len(ran) == 1
