"""Backups of the store: a consistent copy while the desk runs (SQLite's online backup API), the daily one the
desk makes at start, and restoring one in the store's place with the replaced store kept beside it.

Backups are single, user-only SQLite files named by their UTC time: kefudesk-20261111T013000Z.db (made by
`kefudesk backup`) and kefudesk-20261111T013000Z-daily.db (made by daily_backup, which keeps the last few).
Pictures live beside the store in images/ and are not in a backup; `kefudesk export-all` takes them too.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.files.writing import private_dir

from app.store.engine import HEAD_REVISION, inspect_store, schema_once_upgraded
from app.store.errors import StoreCorrupt, StoreError, StoreSchemaChanged, disk_problem
from app.store.files import (
    connect_readonly,
    copy_database,
    remove_database,
    replace_file,
    replacing,
    snapshot,
)
from app.store.schema_check import describe

DAILY_KEEP = 7
DAY = timedelta(hours=24)
PARTIAL = ".partial"  # a backup being written; renamed to its name once whole
_NAME = re.compile(r"kefudesk-(\d{8}T\d{6}Z)(?:-\d+)?(-daily)?\.db")


def backups_dir(store_path: Path) -> Path:
    """Where backups go unless told otherwise: backups/ beside the store."""
    return store_path.parent / "backups"


def new_backup_path(folder: Path, now: datetime, *, daily: bool = False) -> Path:
    """A name in folder no file has yet: kefudesk-20261111T013000Z.db, -2, -3… for more in the same second."""
    stamp, kind = f"{now.astimezone(UTC):%Y%m%dT%H%M%SZ}", "-daily" if daily else ""
    path, n = folder / f"kefudesk-{stamp}{kind}.db", 1
    while path.exists():
        n += 1
        path = folder / f"kefudesk-{stamp}-{n}{kind}.db"
    return path


def backup(store_path: Path, target: Path, *, busy_timeout: float = 5.0, stop: threading.Event | None = None) -> Path:
    """Copy the store to target (a new file): consistent even while a desk writes, user-only, and there whole or
    not at all. Works for a store of any schema, also one this version cannot open. stop: given up (Abandoned,
    nothing left behind) soon after it is set."""
    if not store_path.is_file() or not store_path.stat().st_size:
        raise StoreError(f"there is no store at {store_path} to back up")
    if target.exists():
        raise StoreError(f"{target} already exists; choose another name (a backup never overwrites a file)")
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        source = connect_readonly(store_path, busy_timeout)
    except OSError as exc:
        raise disk_problem(exc, target) or StoreError(f"cannot make {target.parent}: {exc}") from exc
    except Exception as exc:
        raise disk_problem(exc, store_path) or StoreError(f"{store_path} cannot be read: {exc}") from exc
    partial = target.with_name(f"{target.name}{PARTIAL}")
    remove_database(partial)
    try:
        if stop is not None:  # copied in steps that quitting can stop between: all of one snapshot
            snapshot(source)
        copy_database(source, partial, busy_timeout, stop)
        replace_file(partial, target)
    except BaseException:
        remove_database(partial)
        raise
    finally:
        source.close()
    return target


def daily_backup(store_path: Path, backups: Path, now: datetime, *, keep: int = DAILY_KEEP,
                 stop: threading.Event | None = None) -> Path | None:
    """Make a backup if the newest one in `backups` is 24 h old or more (or there is none), keeping the last
    `keep` daily ones; returns the new file, or None. Cheap when nothing is due: it reads only file names.
    Backups made by `kefudesk backup` count as recent but are never deleted. Raises StoreError (StoreFull,
    StoreReadOnly…) when the copy cannot be made; the store itself is never touched. stop: the desk is quitting;
    the copy is given up (Abandoned), nothing of it left, and the next start makes it."""
    if not store_path.is_file() or not store_path.stat().st_size:
        return None
    if backups.is_dir():  # the desk's own folder: user-only, also where it was made otherwise (backup() makes it so)
        private_dir(backups)
        for left in backups.glob(f"*{PARTIAL}"):  # what a desk killed mid-copy left
            remove_database(left)
    made = _backups(backups)
    newest = max((at for at, _daily, _path in made), default=None)
    if newest is not None and timedelta(0) <= now - newest < DAY:  # one "from the future" is a clock set back
        return None
    path = backup(store_path, new_backup_path(backups, now, daily=True), stop=stop)
    daily = sorted((at, p) for at, is_daily, p in _backups(backups) if is_daily)
    for _at, old in daily[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return path


def _backups(folder: Path) -> list[tuple[datetime, bool, Path]]:
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    found = []
    for name in names:
        match = _NAME.fullmatch(name)
        if match:
            at = datetime.strptime(match[1], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            found.append((at, bool(match[2]), folder / name))
    return found


def restore(store_path: Path, source: Path, now: datetime, *, busy_timeout: float = 5.0,
            authorise: Callable[[], object] | None = None) -> tuple[str, Path | None]:
    """Put the backup `source` in the store's place. Returns its schema revision and where the replaced store
    was kept (None if there was none). authorise is called once the backup has passed every check and before
    anything is replaced (so a bad backup is refused before anyone is asked for a password); what it raises
    stops the restore with nothing changed.

    Refused, with nothing changed, when source is not a whole KefuDesk store (integrity_check, a known schema),
    when its triggers, indexes or views are not this version's (also once an older one is upgraded), or while a
    desk or another program has the store open. The swap is one rename: a kill leaves either store.
    """
    if not source.is_file():
        raise StoreError(f"{source} is not a file")
    if store_path.exists() and source.resolve() == store_path.resolve():
        raise StoreError(f"{source} is the store itself; name a backup to restore")
    try:
        revision = inspect_store(source, busy_timeout, full_check=True, check_schema=True)
    except StoreCorrupt as exc:
        raise StoreCorrupt(f"{source} cannot be restored: {exc.reason}. Nothing was changed.", exc.reason) from exc
    except StoreSchemaChanged as exc:
        raise _changed(source, exc.differences) from exc
    if revision is None:
        raise StoreCorrupt(f"{source} cannot be restored: it holds no KefuDesk store. Nothing was changed.")
    incoming = store_path.with_name(f"{store_path.name}.restoring")
    remove_database(incoming)
    try:
        _copy_file(source, incoming, busy_timeout)
        if revision != HEAD_REVISION:
            _refuse_changed_when_upgraded(source, incoming, busy_timeout)
        if authorise is not None:
            authorise()
        kept = _replace_store(store_path, incoming, now, busy_timeout)
    except BaseException:
        remove_database(incoming)
        raise
    return revision, kept


def _copy_file(source: Path, target: Path, busy_timeout: float) -> None:
    """A consistent copy of the database file at source, read without changing a byte of it."""
    reader = connect_readonly(source, busy_timeout)
    try:
        copy_database(reader, target, busy_timeout)
    finally:
        reader.close()


def _refuse_changed_when_upgraded(source: Path, incoming: Path, busy_timeout: float) -> None:
    """An older backup's schema can only be judged at this version's: upgrade a scratch copy and look."""
    scratch = incoming.with_name(f"{incoming.name}.checking")
    remove_database(scratch)
    try:
        _copy_file(incoming, scratch, busy_timeout)
        diffs = schema_once_upgraded(scratch, busy_timeout)
    finally:
        remove_database(scratch)
    if diffs:
        raise _changed(source, diffs)


def _changed(source: Path, diffs: Sequence[object]) -> StoreSchemaChanged:
    return StoreSchemaChanged(
        f"{source} cannot be restored: it was changed outside KefuDesk ({describe(diffs)}); a trigger in it would "
        "run on every write the desk makes. Nothing was changed. Restore another backup, one you trust.", diffs)


def _replace_store(store_path: Path, incoming: Path, now: datetime, busy_timeout: float) -> Path | None:
    if not store_path.exists():
        replace_file(incoming, store_path)
        return None
    kept = store_path.with_name(f"{store_path.name}.before-restore-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}")
    try:
        with replacing(store_path, incoming, busy_timeout) as held:
            copy_database(held, kept, busy_timeout)
    except StoreCorrupt:
        # the store is damaged (the usual reason to restore): keep its files as they are
        remove_database(kept)
        for side in ("", "-wal", "-shm", "-journal"):
            if Path(f"{store_path}{side}").exists():
                os.replace(f"{store_path}{side}", f"{kept}{side}")
        replace_file(incoming, store_path)
    return kept

