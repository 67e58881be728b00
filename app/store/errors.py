"""Errors of the store; each names the database file and what the user can do about it."""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from pathlib import Path


class StoreError(Exception):
    """The local store cannot be used as it is."""


class Abandoned(Exception):  # noqa: N818 - not an error: the desk is quitting
    """Background work on the store (the daily backup, the full check) given up because the desk is quitting:
    nothing of it is left behind, and the next start does it again."""


class StoreUnreachable(StoreError):
    """A team's database server could not be reached or refused the login."""

    def __init__(self, where: str, why: object) -> None:
        detail = " ".join(str(why).split())[:300]
        login = "password" in detail.lower() or "authentication" in detail.lower()
        super().__init__(f"The team's database at {where} " + (
            f"refused the login ({detail}). Check the user in the setting store.url; KefuDesk asks for the "
            "password again." if login else
            f"cannot be reached ({detail}). Check the address in the setting store.url and the network, or "
            "empty store.url to work on this computer's own store."))
        self.login_refused = login


class StoreNeedsOwner(StoreError):
    """The team's server holds an older schema, and this desk's login may not change it (only the owner's may)."""


class ServerRefused(StoreError):
    """The team's server refused a change: this login may not make it, or a rule the server holds forbids it
    (app/store/team.sql). Nothing of the transaction was written."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"The team's server refused this: {detail}. (Each login may do only its part of the work: "
                         "see docs/team-setup.md.)")
        self.detail = detail


class StoreCorrupt(StoreError):
    """The file is not a readable KefuDesk database. It is never modified."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason or message  # what is wrong with the file, without the advice


class StoreLocked(StoreError):
    """Another program holds the database locked."""


class StoreBusy(StoreLocked):
    """A write waited the whole busy timeout for another program's write lock: nothing of it was saved."""

    def __init__(self, path: Path, seconds: float) -> None:
        super().__init__(f"{path} was kept busy by another program for more than {seconds:g} s (a second KefuDesk, "
                         "kefudesk palette, a backup tool?), so the last change was not saved; everything saved "
                         "before it is intact. Try again, or close the other program.")
        self.path, self.seconds = path, seconds


class StoreTooNew(StoreError):
    """The database was written by a newer KefuDesk; it is left untouched."""


class StoreReadOnly(StoreError):
    """The data dir or the database file cannot be written (permissions, a read-only disk); nothing was changed."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} cannot be written: its folder or the file is read-only (permissions, or a disk "
                         "mounted read-only). Nothing was changed. Make the folder and the file writable for your "
                         f"user (chmod u+w {path.parent} {path}), or set KEFUDESK_DATA_DIR to a writable folder.")
        self.path = path


class StoreFull(StoreError):
    """The disk holding the store is full: the change that hit it was not saved, everything before it is intact."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"The disk holding {path} is full: the last change was not saved; everything saved before "
                         "it is intact. Free some space on that disk (old files in the backups folder beside it "
                         "can go), then try again.")
        self.path = path


class StoreSchemaChanged(StoreError):
    """The file's triggers, indexes or views are not the ones this version makes: refused, left untouched."""

    def __init__(self, message: str, differences: Sequence[object]) -> None:
        super().__init__(message)
        self.differences = tuple(differences)


class StoreUpgradeFailed(StoreError):
    """Upgrading the schema failed; the store was left as it was."""


class OverOrderTotal(StoreError):
    """Another desk's refund on the same order committed first: this one would take the order over its total."""

    def __init__(self, order_no: str, left_fen: int) -> None:
        super().__init__(f"order {order_no} has only {left_fen} fen left to refund")
        self.order_no, self.left_fen = order_no, left_fen


_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


def disk_problem(exc: BaseException, path: Path) -> StoreError | None:
    """The StoreFull or StoreReadOnly that an SQLite or OS error stands for, or None when it is something else.

    SQLite says "database or disk is full" (SQLITE_FULL) and "attempt to write a readonly database"
    (SQLITE_READONLY*); it only says "unable to open database file" when it cannot create the journal files
    beside the database, which in a folder that cannot be written means the same thing.
    """
    if isinstance(exc, OSError):
        if exc.errno in _FULL_ERRNOS:
            return StoreFull(path)
        return StoreReadOnly(path) if exc.errno in _READ_ONLY_ERRNOS else None
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name == "SQLITE_FULL" or "database or disk is full" in text:
        return StoreFull(path)
    if (name.startswith("SQLITE_READONLY") and name != "SQLITE_READONLY_DBMOVED") or "readonly database" in text:
        return StoreReadOnly(path)
    if (name == "SQLITE_CANTOPEN" or "unable to open database file" in text) and not writable(path):
        return StoreReadOnly(path)
    return None


def writable(path: Path) -> bool:
    """Whether the database file (if there) and its folder can be written: SQLite keeps its journal beside it."""
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)
