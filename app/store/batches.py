"""Big imports into a store a desk is using: written in short batches, all or nothing.

SQLite has one writer at a time. An import written as one transaction (200,000 orders: minutes) kept a running
desk from saving a single message or draft until its busy timeout ran out. So on SQLite an import writes in
batches of about BATCH_SECONDS each, its own write transaction each, and rests as long between them, so the desk's
writes get in (SQLite's busy handler polls; a writer that took the lock straight back would starve it).

All or nothing is kept without a column of its own: each batch writes, in its own transaction, what it changed
— the columns it changed, before and after, and a fingerprint of each row it added — under a meta key
import.undo:<import id>:<batch>. The import's last, short step marks it whole (its undo records go after, a few
at a time). If it fails before (an error, Ctrl+C), the batches are undone in reverse, each in a short transaction
of its own; if it is killed, whoever opens the store next undoes them (recover(); a lock file held while an import
runs tells a live import from a dead one). Undoing puts back each column the import changed where the row still
holds what the import wrote, and leaves alone what a desk changed since (an order the shop's gateway updated
meanwhile is the shop's); a row the import added goes only if it is still exactly as written, and not if
something now refers to it (an action recorded on a new issue).

The rows are visible batch by batch while the import runs (and vanish batch by batch if it is undone). On a team's
PostgreSQL server, whose row locks let desks write beside a long transaction, an import stays one transaction.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import JSON, Table, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.store import audit_chain
from app.store import models as m
from app.store.store import Store
from app.store.upsert import upsert

log = logging.getLogger("kefudesk.store.batches")

BATCH_SECONDS = 0.025  # a batch's write transaction; the desk waits at most about this (and a poll of its own)
FIRST_BATCH = 50  # rows; later batches are sized from how long the last one took
MOST_ROWS = 20_000
UNDO = "import.undo:"  # meta keys: import.undo:<import id>:<batch no., 6 digits>
_UNDO_END = "import.undo;"  # the key after every undo key (";" follows ":")
_TABLES = {table.name: table for table in m.Base.metadata.sorted_tables}

Item = TypeVar("Item")


class Batch:
    """One batch's transaction, and what it may change, to keep the rows' before and after images for undoing.
    The writer says which rows before writing them: rows(table, keys) for rows by primary key (changed or new),
    new_rows(table) for rows the batch adds with an autoincrement id."""

    def __init__(self, s: Session, *, undoable: bool = True) -> None:
        self.s = s
        self._undoable = undoable  # False: the whole import is one transaction, which undoes itself
        self._keyed: list[tuple[Table, list[Any], dict[Any, dict[str, Any]]]] = []
        self._grown: list[tuple[Table, int]] = []

    def rows(self, table: Table, keys: Iterable[Any]) -> None:
        if self._undoable:
            keys = list(dict.fromkeys(keys))
            self._keyed.append((table, keys, _read(self.s, table, keys)))

    def new_rows(self, table: Table) -> None:
        if self._undoable:
            key = _key(table)
            self._grown.append((table, int(self.s.scalar(select(func.max(key))) or 0)))

    def images(self) -> list[dict[str, Any]]:
        """What the batch changed, once written, a row at most once: {table, key, before, after} with the columns
        that changed for a changed row; {table, key, added: the hash of the row as written} for a new one."""
        self.s.flush()
        changed: list[dict[str, Any]] = []
        for table, keys, before in self._keyed:
            after = _read(self.s, table, keys)
            for key in keys:
                old, new = before.get(key), after.get(key)
                if old is None and new is not None:
                    changed.append({"table": table.name, "key": key, "added": _digest(new)})
                elif old is not None and new is not None and old != new:
                    names = [name for name in new if old[name] != new[name]]
                    changed.append({"table": table.name, "key": key, "before": _plain({n: old[n] for n in names}),
                                    "after": _plain({n: new[n] for n in names})})
        for table, top in self._grown:
            key = _key(table)
            for row in self.s.execute(select(table).where(key > top).order_by(key)).mappings():
                changed.append({"table": table.name, "key": row[key.name], "added": _digest(row)})
        return changed


class BatchedImport:
    """write() the items in short batches, then finish(); undone (in batches) if anything raises before finish
    ends. audited: the import writes audit entries, which cannot be taken back: undoing it appends one that says
    so, naming what it removed."""

    def __init__(self, store: Store, kind: str, *, audited: bool = False, who: str = "") -> None:
        self.store = store
        self.kind = kind
        self.id = f"{kind}-{uuid.uuid4().hex[:12]}"
        self.batches = 0  # write transactions so far
        self.sizes: list[int] = []  # rows per batch
        self._header = {"kind": kind, "audited": audited, "who": who}
        self._sqlite = store.engine.dialect.name == "sqlite"
        self._whole: contextlib.ExitStack | None = None  # PostgreSQL: the one transaction
        self._session: Session | None = None
        self._done = False

    def __enter__(self) -> BatchedImport:
        if self._sqlite:
            self._lock = _ImportLock(self.store)
            self._lock.take()
        else:
            self._whole = contextlib.ExitStack()
            self._session = self._whole.enter_context(self.store.writing())
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: object) -> None:
        try:
            if self._whole is not None:  # one transaction: committed, or rolled back whole
                self._whole.__exit__(kind, error, trace)
            elif not self._done:
                try:
                    undo(self.store, self.id)
                except Exception:  # the store refuses even that (a full disk): the next start undoes it
                    log.exception("undoing the unfinished import %s failed; it is undone at the next start",
                                  self.id)
                    if error is None:
                        raise
        finally:
            if self._sqlite:
                self._lock.release()

    def write(self, items: Sequence[Item], write: Callable[[Batch, Sequence[Item]], None]) -> None:
        """write(batch, some items) in transactions of about BATCH_SECONDS, resting as long after each."""
        if self._session is not None:
            write(Batch(self._session, undoable=False), items)
            return
        size, start = FIRST_BATCH, 0
        while start < len(items):
            chunk = items[start:start + size]
            began = time.perf_counter()
            with _no_collection(), self.store.writing() as s:
                batch = Batch(s)
                write(batch, chunk)
                self._keep(s, batch.images())
            took = time.perf_counter() - began
            start += len(chunk)
            self.sizes.append(len(chunk))
            # the next batch sized to the budget (halving or doubling at most), and the desk's turn now
            size = max(1, min(MOST_ROWS, size * 2, max(size // 2, int(size * BATCH_SECONDS / max(took, 1e-4)))))
            time.sleep(max(BATCH_SECONDS / 2, min(took, 0.2)))

    def finish(self, last: Callable[[Session], None] = lambda s: None) -> None:
        """The short last step: last(s) (what belongs to the whole import: a remembered mapping, the import's
        audit entry) and a mark that the import is whole, in one transaction. From its commit nothing undoes it;
        the undo records then go a few a transaction (all at once would hold the lock as long as they are big)."""
        if self._session is not None:
            last(self._session)
            self._done = True
            return
        with self.store.writing() as s:
            last(s)
            upsert(s, m.Meta.__table__, ["key"], [{"key": _whole(self.id), "value": "whole"}])
        self.batches += 1
        self._done = True
        forget(self.store, self.id)

    def _keep(self, s: Session, images: list[dict[str, Any]]) -> None:
        self.batches += 1
        record = {"header": self._header, "rows": images} if self.batches == 1 else {"rows": images}
        upsert(s, m.Meta.__table__, ["key"], [{"key": f"{UNDO}{self.id}:{self.batches:06d}",
                                               "value": json.dumps(record, ensure_ascii=False)}])


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """No garbage collection while a batch holds the write lock: a full collection among an import's rows in memory
    (60,000 orders) took up to 0.2 s every ten seconds or so, and the desk waited for it; it runs in the rest
    after the batch instead."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _whole(import_id: str) -> str:
    """The key that marks an import whole (it sorts before its batches')."""
    return f"{UNDO}{import_id}:000000"


def forget(store: Store, import_id: str, per_transaction: int = 20) -> None:
    """Delete a whole import's undo records, a few a transaction, then its mark."""
    keys = [key for key in _undo_keys(store, f"{UNDO}{import_id}:") if key != _whole(import_id)]
    for start in range(0, len(keys), per_transaction):
        with store.writing() as s:
            s.execute(delete(m.Meta).where(m.Meta.key.in_(keys[start:start + per_transaction])))
        time.sleep(BATCH_SECONDS / 2)
    with store.writing() as s:
        s.execute(delete(m.Meta).where(m.Meta.key == _whole(import_id)))


def undo(store: Store, import_id: str) -> int:
    """Undo what an unfinished import wrote, its last batch first, a batch a transaction; returns the batches
    undone. An import marked whole is not undone: its records are only deleted."""
    keys = _undo_keys(store, f"{UNDO}{import_id}:")
    if _whole(import_id) in keys:
        forget(store, import_id)
        return 0
    header: dict[str, Any] = {}
    removed: dict[str, list[Any]] = {}
    for key in reversed(keys):
        with store.writing() as s:
            raw = s.scalar(select(m.Meta.value).where(m.Meta.key == key))
            record = json.loads(raw) if raw else {}
            header = record.get("header", header)
            for image in reversed(record.get("rows", [])):
                if _put_back(s, image) and "added" in image:
                    removed.setdefault(image["table"], []).append(image["key"])
            s.execute(delete(m.Meta).where(m.Meta.key == key))
            if key == keys[0] and header.get("audited"):  # the entries it wrote stay; this says they were undone
                audit_chain.append(s.connection(), audit_chain.Entry(
                    datetime.now(UTC), header.get("who", ""), "import undone", None, None, None,
                    {"import": header.get("kind", ""), "removed": removed}))
    if keys:
        log.warning("undid %d batch(es) of the unfinished import %s", len(keys), import_id)
    return len(keys)


def recover(store: Store) -> int:
    """Undo the batches of imports that died unfinished (killed, a power cut), unless one is running now;
    returns the batches undone. Cheap when there are none: one look at a key range of meta."""
    if store.engine.dialect.name != "sqlite" or not _undo_keys(store, UNDO, limit=1):
        return 0
    lock = _ImportLock(store)
    if not lock.take(wait=False):
        return 0  # an import is running: its batches are its own
    try:
        ids = sorted({key[len(UNDO):].rsplit(":", 1)[0] for key in _undo_keys(store, UNDO)})
        return sum(undo(store, import_id) for import_id in ids)
    finally:
        lock.release()


def _undo_keys(store: Store, prefix: str, limit: int | None = None) -> list[str]:
    end = prefix[:-1] + chr(ord(prefix[-1]) + 1) if prefix != UNDO else _UNDO_END
    query = select(m.Meta.key).where(m.Meta.key >= prefix, m.Meta.key < end).order_by(m.Meta.key).limit(limit)
    with store.reading() as s:
        return list(s.scalars(query))


def _put_back(s: Session, image: dict[str, Any]) -> bool:
    """Undo one row's change where it still holds what the import wrote; True when anything was put back."""
    table = _TABLES[image["table"]]
    key = _key(table)
    found = _read(s, table, [image["key"]]).get(image["key"])
    if "added" in image:  # a row the import added: it goes, unless someone changed it or refers to it since
        if found is None or _digest(found) != image["added"]:
            return False
        try:
            with s.begin_nested():
                s.execute(delete(table).where(key == image["key"]))
        except IntegrityError:
            return False
        return True
    current = _plain(found)
    if current is None:
        return False
    before, after = image["before"], image["after"]
    back = {name: _value(table, name, before[name]) for name in before if current.get(name) == after[name]}
    if back:
        s.execute(update(table).where(key == image["key"]).values(back))
    return bool(back)


def _key(table: Table) -> Any:
    (key,) = table.primary_key.columns  # the imports' tables have one-column keys
    return key


def _read(s: Session, table: Table, keys: Sequence[Any]) -> dict[Any, dict[str, Any]]:
    key = _key(table)
    found: dict[Any, dict[str, Any]] = {}
    for start in range(0, len(keys), 500):
        for row in s.execute(select(table).where(key.in_(list(keys[start:start + 500])))).mappings():
            found[row[key.name]] = dict(row)
    return found


def _plain(row: Any) -> dict[str, Any] | None:
    """A row as JSON keeps it: times as {"$t": ISO}, the rest as it is."""
    if row is None:
        return None
    return {name: {"$t": value.isoformat()} if isinstance(value, datetime) else value for name, value in
            dict(row).items()}


def _digest(row: Any) -> str:
    """A row's fingerprint: whether it is still exactly as the import wrote it."""
    return hashlib.blake2b(json.dumps(_plain(row), sort_keys=True, ensure_ascii=False, default=str).encode(),
                           digest_size=12).hexdigest()


def _value(table: Table, name: str, value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"$t"} and not isinstance(table.c[name].type, JSON):
        return datetime.fromisoformat(value["$t"])
    return value


class _ImportLock:
    """A lock file beside the store, held while an import of this process runs: the OS lets it go when the
    process dies, so an import's leftover batches are known to be dead when the lock can be taken."""

    def __init__(self, store: Store) -> None:
        self.path = Path(f"{store.path}.import-lock") if store.path is not None else None  # None: in memory
        self._fd: int | None = None

    def take(self, *, wait: bool = True) -> bool:
        if self.path is None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd, wait)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                _unlock(self._fd)
            os.close(self._fd)
            self._fd = None


if os.name == "posix":
    import fcntl

    def _lock(fd: int, wait: bool) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
else:  # pragma: no cover - Windows
    import msvcrt

    def _lock(fd: int, wait: bool) -> None:
        msvcrt.locking(fd, msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


@contextlib.contextmanager
def batched(store: Store, kind: str, *, audited: bool = False, who: str = "") -> Iterator[BatchedImport]:
    with BatchedImport(store, kind, audited=audited, who=who) as job:
        yield job
