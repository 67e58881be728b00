"""Open the store: check an existing file without touching it, upgrade a copy and swap it in, say disk trouble.

A file KefuDesk cannot read, or one written by a newer version, is refused with a message and left exactly
as it was: the agent's history matters more than starting quickly. Opening reads the header, the schema and
the revision, not every page; the check of every page runs in the background once a day and after a desk that
did not end cleanly (app/store/integrity.py). A full disk or a read-only file is said
as such (StoreFull, StoreReadOnly) by every store method, not as a raw SQLite error.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, ExceptionContext
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from app.store import batches, schema_check, team, team_desk
from app.store.errors import (
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreLocked,
    StoreNeedsOwner,
    StoreReadOnly,
    StoreSchemaChanged,
    StoreTooNew,
    StoreUnreachable,
    StoreUpgradeFailed,
    disk_problem,
    writable,
)
from app.store.files import connect_readonly, copy_database, remove_database, replace_file, replacing
from app.store.store import WRITES, Store

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100
# The newest migration's id. A store already there opens without importing Alembic (~150 ms of every
# start); tests/unit/store/test_engine.py keeps this equal to Alembic's head.
HEAD_REVISION = "0019"


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


def open_store(target: Path | str, *, busy_timeout: float = 5.0, images_dir: Path | None = None,
               check_schema: bool = True) -> Store:
    """Open (creating or upgrading) the store at a file path or an SQLAlchemy URL (a team's server; its
    pictures are kept in images_dir on this machine). A file whose triggers, indexes or views are not this
    version's is refused (StoreSchemaChanged) unless check_schema is False: only to repair it."""
    if isinstance(target, str) and "://" in target:
        return _open_server(target, images_dir)
    path = Path(target)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise disk_problem(exc, path) or StoreError(f"the folder of {path} cannot be made: {exc}") from exc
    if not writable(path):  # found now, not at the first reply the agent types
        raise StoreReadOnly(path)
    exists = path.exists() and path.stat().st_size
    left_open = _left_open(path)  # before anything here opens it
    revision = inspect_store(path, busy_timeout, scan=False, check_schema=check_schema) if exists else None
    if revision != HEAD_REVISION:
        _upgrade(path, revision, busy_timeout, check_schema=check_schema)
    engine = _sqlite_engine(path, busy_timeout)
    if os.name == "posix":
        os.chmod(path, 0o600)  # an agent's chats are nobody else's business on a shared machine
    store = Store(engine, path)
    store.left_open = left_open
    store.images.make_private()  # buyers' photos too, also in a folder an earlier version made 0755
    batches.recover(store)  # an import killed halfway is undone before anyone reads its half
    return store


def _open_server(target: str, images_dir: Path | None) -> Store:
    """A team's server: upgraded here only by a login that may change its schema (the owner's, in the team layout
    of app/store/team.py), as the owner role; a desk's login finding an older schema says whom to ask instead of
    failing halfway into an upgrade it may not make."""
    # a server that does not answer a connection within 10 s is unreachable (libpq would wait for the network's own
    # timeout, minutes); answers that take long are not bounded here
    options = {"connect_timeout": 10} if target.startswith("postgresql") else {}
    engine = create_engine(target, pool_pre_ping=True, connect_args=options)
    where = engine.url.render_as_string(hide_password=True)
    if engine.dialect.name == "postgresql":
        team_desk.watch(engine)  # the server's refusals reach the desk as ServerRefused, with the reason
        event.listen(engine, "handle_error", functools.partial(_say_unreachable, where))
    try:
        with engine.begin() as connection:  # PostgreSQL's DDL is transactional: a failed upgrade is rolled back whole
            team.hold_schema(connection)  # desks started together: one upgrades, the others wait and find it done
            revision, may_migrate = team.schema_state(connection)
            if revision is not None and revision != HEAD_REVISION and revision not in known_revisions():
                raise StoreTooNew(f"The team's database at {where} was written by a newer KefuDesk (schema "
                                  f"{revision}); this version knows schemas up to {HEAD_REVISION}. Update KefuDesk.")
            if revision != HEAD_REVISION and not may_migrate:
                held = f"holds schema {revision}" if revision else "holds no KefuDesk store yet"
                raise StoreNeedsOwner(
                    f"The team's database at {where} {held}; this KefuDesk needs schema {HEAD_REVISION}, and the "
                    f"login {engine.url.username} may not change the schema: ask the owner to run kefudesk team "
                    "setup (docs/team-setup.md), then start again.")
            if may_migrate:
                if revision != HEAD_REVISION:
                    with team.as_owner(connection, team.installed(connection)):  # new tables are the owner's
                        migrate_connection(connection)
                # after an upgrade, the grants again (a new table); changed rules installed; nothing when in step
                team.refresh(connection, force=revision != HEAD_REVISION)
    except OperationalError as exc:
        engine.dispose()
        raise StoreUnreachable(where, exc.orig or exc) from exc
    except BaseException:
        engine.dispose()
        raise
    store = Store(engine, None, images_dir)
    store.images.make_private()
    return store


def open_store_to_read(path: Path, *, busy_timeout: float = 5.0) -> Store:
    """The store as it is, to look at only, where it cannot be written (a read-only folder or disk): no byte is
    changed, every write raises StoreReadOnly. An older schema is refused, since upgrading it would write."""
    revision = inspect_store(path, busy_timeout, scan=False) if path.is_file() and path.stat().st_size else None
    if revision != HEAD_REVISION:
        raise StoreReadOnly(path)
    # a connection per use, closed on the thread that made it (the pool would close them all from one thread)
    engine = create_engine("sqlite://", creator=lambda: _read_only(path, busy_timeout), poolclass=NullPool)
    event.listen(engine, "handle_error", functools.partial(_say_disk_problems, path))
    return Store(engine, path)


def _read_only(path: Path, busy_timeout: float) -> sqlite3.Connection:
    connection = connect_readonly(path, busy_timeout)
    connection.execute("PRAGMA query_only = ON")
    return connection


def _sqlite_engine(path: Path, busy_timeout: float, *, wal: bool = True) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False, "timeout": busy_timeout})
    event.listen(engine, "connect", _sqlite_pragmas if wal else _foreign_keys)
    event.listen(engine, "handle_error", functools.partial(_say_disk_problems, path))
    if wal:  # the live store; an upgrade's single copy has no other writer and keeps Alembic's own handling
        event.listen(engine, "begin", _begin)
        event.listen(engine, "handle_error", functools.partial(_say_busy, path, busy_timeout))
    return engine


def _begin(connection: Connection) -> None:
    """Begin every transaction here, not in pysqlite (which began one only at the first INSERT/UPDATE/DELETE: two
    processes could both read a refund cap's sum, then both write). A write (Store's begin()) takes SQLite's
    write lock at once, waiting up to the busy timeout like any write: no other process can write between its
    check and its commit, as PostgreSQL's row lock does in team mode. A read takes none and, in WAL mode, runs
    beside a writer; it reads one snapshot throughout."""
    write = connection.get_execution_options().get(WRITES, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _say_disk_problems(path: Path, context: ExceptionContext) -> None:
    """A full disk or a read-only file becomes StoreFull / StoreReadOnly, whichever store method hit it."""
    problem = disk_problem(context.original_exception, path)
    if problem is not None:
        raise problem from context.original_exception


# SQLSTATEs of a server going away under a session: connection exceptions (08…), an administrator's or a crash's
# shutdown (57P01–57P03)
_GONE = ("57P01", "57P02", "57P03")


def _say_unreachable(where: str, context: ExceptionContext) -> None:
    """A team's server that stopped answering mid-shift (stopped, restarted, the network gone) is StoreUnreachable,
    whichever store call met it, not a driver's error: the desk keeps its work on this computer and waits for it."""
    if context.is_pre_ping:  # a pooled connection the server ended: the pool replaces it with a new one
        return
    orig = context.original_exception
    state = getattr(orig, "sqlstate", None) or ""
    # no connection yet: refused, timed out, no route
    connecting = context.connection is None and isinstance(orig, context.dialect.loaded_dbapi.OperationalError)
    if context.is_disconnect or connecting or state.startswith("08") or state in _GONE:
        raise StoreUnreachable(where, orig) from orig


def _say_busy(path: Path, busy_timeout: float, context: ExceptionContext) -> None:
    """A write that waited the whole busy timeout for another program's write lock says so (StoreBusy)."""
    exc = context.original_exception
    writing = context.connection is not None and context.connection.get_execution_options().get(WRITES, False)
    if writing and isinstance(exc, sqlite3.OperationalError) and "database is locked" in str(exc):
        raise StoreBusy(path, busy_timeout) from exc


def _upgrade(path: Path, revision: str | None, busy_timeout: float, *, check_schema: bool = True) -> None:
    """Build the new schema on a copy and put it in place only when every step succeeded: a failing migration,
    a full disk or a kill at any moment leaves the store exactly as it was (and a copy of it in .bak-REVISION)."""
    work = path.with_name(f"{path.name}.upgrading")
    remove_database(work)  # what an interrupted upgrade left
    backup = path.with_name(f"{path.name}.bak-{revision}")
    try:
        if revision is None:  # a new store: built aside too, so a half-made one never sits at path
            _migrate_file(work, busy_timeout)
            replace_file(work, path)
            return
        with replacing(path, work, busy_timeout) as held:
            remove_database(backup)
            copy_database(held, backup, busy_timeout)
            copy_database(held, work, busy_timeout)
            _migrate_file(work, busy_timeout)
            if check_schema:  # what an old store brings along is judged once it has this version's schema
                _refuse_changed_schema(work, busy_timeout, path)
    except StoreError:
        remove_database(work)
        raise
    except Exception as exc:
        remove_database(work)
        raise StoreUpgradeFailed(
            f"Upgrading {path} from schema {revision} to {HEAD_REVISION} failed ({type(exc).__name__}: {exc}). "
            f"The store was left as it was, and a copy of it is in {backup}. Keep both files and report the "
            "problem; the previous KefuDesk version still opens the store.") from exc


def _migrate_file(path: Path, busy_timeout: float) -> None:
    engine = _sqlite_engine(path, busy_timeout, wal=False)  # a single file, nothing beside it to leave behind
    try:
        _migrate(engine)
    finally:
        engine.dispose()


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # each commit reaches the disk before it returns: a power cut keeps every reply, draft and refund the desk
    # said was saved (NORMAL could drop the last ones). Measured: +0.4 ms a commit, batch ingest unchanged.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    dbapi_connection.isolation_level = None  # _begin begins transactions (SQLAlchemy's documented recipe)


def _foreign_keys(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=ON")


def _migrate(engine: Engine) -> None:
    with engine.begin() as connection:
        migrate_connection(connection)


def migrate_connection(connection: Connection) -> None:
    """Upgrade the schema to the newest, in the connection's open transaction."""
    from alembic import command

    cfg = _alembic_config()
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, "head")


def inspect_store(path: Path, busy_timeout: float = 5.0, *, full_check: bool = False, scan: bool = True,
                  check_schema: bool = False) -> str | None:
    """Return the file's schema revision (None: empty database), or raise without changing a byte.

    full_check: PRAGMA integrity_check (indexes against their tables too) instead of the quicker quick_check.
    scan False (opening the store): no check that reads every page (quick_check: 0.35 s a million messages),
    only a file cut short or not SQLite, its schema and its revision; every page is checked in the background
    (app/store/integrity.py).
    check_schema: a store at HEAD_REVISION whose triggers, indexes or views differ from this version's raises
    StoreSchemaChanged (app/store/schema_check.py; an older one can only be judged once upgraded).
    """
    with open(path, "rb") as handle:
        header = handle.read(HEADER_SIZE)
    if not header.startswith(SQLITE_HEADER):
        raise corrupt(path, "the file is not an SQLite database")
    short = _cut_short(header, path.stat().st_size)
    if short:
        raise corrupt(path, short)
    try:
        connection = connect_readonly(path, busy_timeout)
    except sqlite3.Error as exc:
        raise _unreadable(path, exc) from exc
    try:
        if scan or full_check:
            check = connection.execute(f"PRAGMA {'integrity_check' if full_check else 'quick_check'}").fetchone()
            if not check or check[0] != "ok":
                raise corrupt(path, f"integrity check says: {check[0] if check else 'nothing'}")
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables:
                raise corrupt(path, "it holds tables but is not a KefuDesk store")
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        diffs = schema_check.check(connection) if check_schema and row and row[0] == HEAD_REVISION else []
    except sqlite3.Error as exc:
        raise _unreadable(path, exc) from exc
    finally:
        connection.close()
    if diffs:
        raise schema_changed(path, diffs)
    revision = row[0] if row else None
    if revision is not None and revision != HEAD_REVISION and revision not in known_revisions():
        raise StoreTooNew(f"{path} was written by a newer KefuDesk (schema {revision}); this version knows "
                          f"schemas up to {HEAD_REVISION}. The file was left untouched: update KefuDesk to open it.")
    return revision


def _left_open(path: Path) -> bool:
    """A -wal beside the file: the last program to use it did not close it (killed, a power cut) or still has it
    open; SQLite recovers from the -wal, and the desk checks every page in the background that day too."""
    wal = Path(f"{path}-wal")
    return wal.is_file() and wal.stat().st_size > 0


def _cut_short(header: bytes, size: int) -> str:
    """Why the file cannot be whole, read from its header alone ("" when it may be): a copy or a disk that
    stopped halfway. The header's page count is trusted only when SQLite marked it current (offset 92 equal to
    the change counter at 24)."""
    if len(header) < HEADER_SIZE:
        return "the file is cut short: it ends inside its header"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "the file's header is damaged"
    if size % page_size:
        return f"the file is cut short: {size} bytes, not a whole number of {page_size}-byte pages"
    pages, counted_at, changed_at = (int.from_bytes(header[at:at + 4], "big") for at in (28, 92, 24))
    if counted_at == changed_at and pages * page_size > size:
        return f"the file is cut short: {size} bytes of the {pages * page_size} its header names"
    return ""


def schema_changed(path: Path, diffs: list[schema_check.Difference]) -> StoreSchemaChanged:
    return StoreSchemaChanged(
        f"{path} was changed outside KefuDesk: {schema_check.describe(diffs)}. A trigger runs on every write and "
        "can alter or hide what the desk records, so the store was not opened; it was left untouched. Restore a "
        "backup you trust (kefudesk restore BACKUP), or have a supervisor put the schema back as this version "
        "makes it, recorded in the audit log: kefudesk audit repair-schema --supervisor NAME", diffs)


def _refuse_changed_schema(path: Path, busy_timeout: float, shown_as: Path) -> None:
    connection = connect_readonly(path, busy_timeout)
    try:
        diffs = schema_check.check(connection)
    finally:
        connection.close()
    if diffs:
        raise schema_changed(shown_as, diffs)


def schema_once_upgraded(path: Path, busy_timeout: float = 5.0) -> list[schema_check.Difference]:
    """What differs from this version's schema in the file at path once upgraded to it (the file is upgraded in
    place: pass a copy)."""
    _migrate_file(path, busy_timeout)
    connection = connect_readonly(path, busy_timeout)
    try:
        return schema_check.check(connection)
    finally:
        connection.close()


def _unreadable(path: Path, exc: sqlite3.Error) -> StoreError:
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc)):
        return StoreLocked(f"{path} is locked by another program (is KefuDesk already running?). "
                           "Close the other program and start KefuDesk again.")
    return disk_problem(exc, path) or corrupt(path, str(exc))


def corrupt(path: Path, why: str) -> StoreCorrupt:
    """The file is damaged: what is wrong, and the way out (the same words at open and from the daily check)."""
    return StoreCorrupt(f"{path} is not a readable KefuDesk database ({why}). It was left untouched. Move it "
                        f"aside (for example rename it to {path.name}.broken) and start KefuDesk again to begin a "
                        "new store, or put a backup in its place (kefudesk restore BACKUP).", reason=why)
