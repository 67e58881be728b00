"""Open the store: check an existing file without touching it, back it up before an upgrade, migrate.

A file KefuDesk cannot read, or one written by a newer version, is refused with a message and left exactly
as it was: the agent's history matters more than starting quickly.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from app.store.errors import StoreCorrupt, StoreLocked, StoreTooNew
from app.store.store import Store

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_HEADER = b"SQLite format 3\x00"
# The newest migration's id. A store already there opens without importing Alembic (~150 ms of every
# start); tests/unit/store/test_engine.py keeps this equal to Alembic's head.
HEAD_REVISION = "0010"


def _alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def known_revisions() -> list[str]:
    """Every schema revision this version knows, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def open_store(target: Path | str, *, busy_timeout: float = 5.0) -> Store:
    """Open (creating or upgrading) the store at a file path or an SQLAlchemy URL."""
    if isinstance(target, str) and "://" in target:
        engine = create_engine(target, pool_pre_ping=True)
        _migrate(engine)
        return Store(engine, None)
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    revision = _inspect_existing(path, busy_timeout) if path.exists() and path.stat().st_size else None
    if revision is not None and revision != HEAD_REVISION:
        _backup(path, path.with_name(f"{path.name}.bak-{revision}"))
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False, "timeout": busy_timeout})
    event.listen(engine, "connect", _sqlite_pragmas)
    if revision != HEAD_REVISION:
        try:
            _migrate(engine)
        except Exception:
            engine.dispose()
            raise
    if os.name == "posix":
        os.chmod(path, 0o600)  # an agent's chats are nobody else's business on a shared machine
    return Store(engine, path)


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _migrate(engine: Engine) -> None:
    from alembic import command

    cfg = _alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


def _inspect_existing(path: Path, busy_timeout: float) -> str | None:
    """Return the file's schema revision (None: empty database), or raise without changing a byte."""
    with open(path, "rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StoreCorrupt(_corrupt_message(path, "the file is not an SQLite database"))
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=busy_timeout)
    except sqlite3.Error as exc:
        raise StoreCorrupt(_corrupt_message(path, str(exc))) from exc
    try:
        check = connection.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise StoreCorrupt(_corrupt_message(path, f"integrity check says: {check[0] if check else 'nothing'}"))
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables:
                raise StoreCorrupt(_corrupt_message(path, "it holds tables but is not a KefuDesk store"))
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreLocked(f"{path} is locked by another program (is KefuDesk already running?). "
                              "Close the other program and start KefuDesk again.") from exc
        raise StoreCorrupt(_corrupt_message(path, str(exc))) from exc
    except sqlite3.DatabaseError as exc:
        raise StoreCorrupt(_corrupt_message(path, str(exc))) from exc
    finally:
        connection.close()
    revision = row[0] if row else None
    if revision is not None and revision != HEAD_REVISION and revision not in known_revisions():
        raise StoreTooNew(f"{path} was written by a newer KefuDesk (schema {revision}); this version knows "
                          f"schemas up to {HEAD_REVISION}. The file was left untouched: update KefuDesk to open it.")
    return revision


def _corrupt_message(path: Path, why: str) -> str:
    return (f"{path} is not a readable KefuDesk database ({why}). It was left untouched. Move it aside "
            f"(for example rename it to {path.name}.broken) and start KefuDesk again to begin a new store, "
            "or put a backup in its place.")


def _backup(source: Path, target: Path) -> None:
    """A consistent copy (SQLite's online backup API) before migrating, so a failed upgrade loses nothing."""
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    if os.name == "posix":
        os.chmod(target, 0o600)
