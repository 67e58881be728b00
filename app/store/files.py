"""Whole-database files: consistent copies with SQLite's online backup API, holding a store still while it is
replaced, and swapping one file for another so that a kill at any moment leaves either the old or the new.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from app.store.errors import Abandoned, StoreCorrupt, StoreError, StoreLocked, disk_problem

SIDE_FILES = ("-wal", "-shm", "-journal")
# pages copied per backup step when the copy may be abandoned (4 MB at 4 KB pages): quitting waits for one step
STEP_PAGES = 1024


def connect_readonly(path: Path, timeout: float) -> sqlite3.Connection:
    """A read-only connection that never writes a byte, also while a desk writes (WAL readers do not block) and
    in a folder that cannot be written, where SQLite cannot make the -shm file a WAL reader needs: with no -wal
    beside it the file alone is the whole database, so it is read as immutable."""
    uri = path.resolve().as_uri()
    try:
        connection = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.OperationalError as exc:
        # a WAL database fails as CANTOPEN or, once it holds data, as READONLY (no -shm can be made)
        cannot = exc.sqlite_errorname.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY"))
        if not cannot or os.access(path.parent, os.W_OK) or Path(f"{path}-wal").exists():
            raise
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=timeout)


def copy_database(source: sqlite3.Connection, target: Path, timeout: float,
                  stop: threading.Event | None = None) -> None:
    """Copy an open database into a new user-only file at target (which must not exist): one consistent
    snapshot even while others write, as a single self-contained file (no -wal beside it).

    stop: the copy and its check are given up (Abandoned) soon after it is set; the caller removes the file. The
    source must then be in a read transaction (see snapshot()): the copy goes in steps, and a step that saw
    another connection's write would start the copy again, for ever on a busy desk."""
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # never readable by others, not even briefly
    deadline = time.monotonic() + timeout

    def give_up_when_held(status: int, _remaining: int, _total: int) -> None:
        if stop is not None and stop.is_set():
            raise Abandoned(f"copying the database to {target} was given up")
        # Python retries a busy copy forever; a program holding the store exclusively must not hang us
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise StoreLocked(f"{target.name}: the database to copy is held by another program; close it and "
                              "try again")

    copy = sqlite3.connect(target)
    if stop is not None:
        copy.set_progress_handler(stop.is_set, 10_000)  # a true answer interrupts the copy's quick_check
    try:
        source.backup(copy, pages=STEP_PAGES if stop is not None else -1, progress=give_up_when_held)
        copy.execute("PRAGMA journal_mode=DELETE")  # the copy's header said WAL if the source's did
        check = copy.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            why = f"a copy of it fails the integrity check: {check[0] if check else 'no answer'}"
            raise StoreCorrupt(f"the database copied to {target} is damaged ({why})", why)
    except sqlite3.DatabaseError as exc:
        if stop is not None and stop.is_set():
            raise Abandoned(f"copying the database to {target} was given up") from exc
        if isinstance(exc, sqlite3.OperationalError):
            raise disk_problem(exc, target) or StoreError(f"copying the database to {target} failed: {exc}") from exc
        raise StoreCorrupt(f"the database copied to {target} is damaged ({exc})", str(exc)) from exc
    except sqlite3.Error as exc:
        raise disk_problem(exc, target) or StoreError(f"copying the database to {target} failed: {exc}") from exc
    finally:
        copy.close()


def snapshot(connection: sqlite3.Connection) -> None:
    """Begin a read transaction on connection: until it ends, it reads the database as it is now (WAL), whatever
    others write meanwhile."""
    connection.execute("BEGIN")
    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()


@contextlib.contextmanager
def holding(path: Path, timeout: float) -> Iterator[sqlite3.Connection]:
    """Hold the store still: refused (StoreLocked) while any other program has it open, then no one can write it
    until the block ends. Its WAL is folded into the file first, so the file alone is the whole database and
    can be copied or replaced without a stale -wal being applied to the wrong file later."""
    try:
        holder = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise disk_problem(exc, path) or StoreError(f"{path} cannot be opened: {exc}") from exc
    try:
        try:
            mode = holder.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            holder.execute("BEGIN")
            holder.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a shared lock until the block ends
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise disk_problem(exc, path) or StoreError(f"{path} cannot be opened: {exc}") from exc
            mode = "in use"
        except sqlite3.DatabaseError as exc:  # "file is not a database", "database disk image is malformed"
            raise StoreCorrupt(f"{path} is damaged ({exc})", str(exc)) from exc
        if mode != "delete":
            raise StoreLocked(f"{path} is in use by another program (is KefuDesk running, or kefudesk palette?). "
                              "Close it and try again; nothing was changed.")
        yield holder
    finally:
        holder.close()


@contextlib.contextmanager
def replacing(path: Path, replacement: Path, timeout: float) -> Iterator[sqlite3.Connection]:
    """Hold the store (holding()) while the block copies what it needs from it, then put replacement in its
    place: on POSIX while still held, so no one writes the old file meanwhile; on Windows, which cannot replace
    an open file, just after. Nothing is replaced if the block fails."""
    with holding(path, timeout) as held:
        yield held
        if os.name == "posix":
            replace_file(replacement, path)
    if os.name != "posix":
        replace_file(replacement, path)


def replace_file(source: Path, target: Path) -> None:
    """Put source in target's place in one step (os.replace), and make the rename itself survive a power cut."""
    os.replace(source, target)
    if os.name == "posix":
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def remove_database(path: Path) -> None:
    """Delete a database file and what SQLite keeps beside it (a leftover of an interrupted copy)."""
    for name in ("", *SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{name}")
