"""The store's whole-file check (PRAGMA integrity_check: every page, every index against its table), run in the
background once a day, and at the start after a desk that did not end cleanly, instead of at every open, which
reads only the header and the schema (app/store/engine.py). When it last passed is kept in the store's meta."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.store.engine import corrupt
from app.store.errors import Abandoned
from app.store.files import connect_readonly
from app.store.store import Store

CHECKED_META = "store.checked_at"  # the UTC time the last whole check passed, ISO 8601
EVERY = timedelta(hours=24)


def check_due(store: Store, now: datetime) -> bool:
    """The store was found left open (a desk killed), or the last whole check passed 24 h ago or more, never, or
    "in the future" (a clock set back)."""
    if store.left_open:
        return True
    said = store.get_meta(CHECKED_META)
    try:
        last = datetime.fromisoformat(said)
    except ValueError:
        return True
    return not timedelta(0) <= now - last.astimezone(UTC) < EVERY


def check_store(store: Store, now: datetime, stop: threading.Event | None = None) -> bool:
    """Check every page of the store's file if check_due; True if it ran and passed (and is remembered).
    A damaged file raises StoreCorrupt, with the advice a failed open gives; stop set gives it up (Abandoned)."""
    assert store.path is not None, "a team's server checks its own data"
    if not check_due(store, now):
        return False
    verdict = _integrity_check(store.path, stop)
    if verdict != "ok":
        raise corrupt(store.path, f"integrity check says: {verdict}")
    store.set_meta(CHECKED_META, now.astimezone(UTC).isoformat())
    store.left_open = False
    return True


def _integrity_check(path: Path, stop: threading.Event | None) -> str:
    """SQLite's verdict on the file ("ok"), read without writing a byte, beside a desk writing it (WAL)."""
    try:
        connection = connect_readonly(path, 5.0)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if stop is not None:
        connection.set_progress_handler(stop.is_set, 10_000)  # a true answer interrupts the check
    try:
        if stop is not None and stop.is_set():
            raise Abandoned(f"the check of {path} was given up")
        row = connection.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as exc:
        if stop is not None and stop.is_set():
            raise Abandoned(f"the check of {path} was given up") from exc
        return str(exc)
    finally:
        connection.close()
    return row[0] if row else "no answer"
