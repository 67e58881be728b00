"""New stores in tests are copies of one built by the migrations (tests/conftest.py): the copy is that store, and
tests marked real_migrations still run Alembic on a new store."""

import contextlib
import sqlite3

import pytest

from app.store import engine
from app.store.engine import HEAD_REVISION, open_store


def _schema(path) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path)) as c:
        return [*c.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"),
                *c.execute("SELECT version_num FROM alembic_version")]


def _rows(path) -> dict[str, list[tuple]]:
    """Every table's rows: what the migrations wrote besides the schema."""
    with contextlib.closing(sqlite3.connect(path)) as c:
        tables = [name for (name,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: sorted(map(repr, c.execute(f'SELECT * FROM "{table}"'))) for table in tables}


def test_a_new_store_is_a_copy_of_what_the_migrations_build(tmp_path, monkeypatch):
    built = tmp_path / "built.db"
    migrations = engine._sqlite_engine(built, 5.0, wal=False)
    engine._migrate(migrations)
    migrations.dispose()
    monkeypatch.setattr(engine, "_migrate", lambda _engine: pytest.fail("a new store ran the migrations again"))

    new, other = tmp_path / "data" / "new.db", tmp_path / "data" / "other.db"
    open_store(new).close()
    open_store(other).close()

    assert _schema(new) == _schema(built)
    assert _schema(built)[-1] == (HEAD_REVISION,)
    copied, made = _rows(new), _rows(built)
    # the rows the migrations wrote, but each store's own random audit key (migration 0011)
    keys = [str(copied.pop("audit_key")), str(made.pop("audit_key")), str(_rows(other)["audit_key"])]
    assert len(set(keys)) == 3
    assert copied == made


@pytest.mark.real_migrations
def test_a_test_marked_real_migrations_builds_its_new_store_with_alembic(tmp_path, monkeypatch):
    ran = []
    migrate = engine._migrate
    monkeypatch.setattr(engine, "_migrate", lambda e: ran.append(e) or migrate(e))

    open_store(tmp_path / "new.db").close()

    assert len(ran) == 1
