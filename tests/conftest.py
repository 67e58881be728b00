"""Fixtures shared by every test: no real screen, no user files touched; and the end-of-run count of property
inputs, totalled over pytest-xdist's workers."""

from __future__ import annotations

import os

# before anything imports Qt: tests never need a display
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# set by the process that chose memory, so its xdist workers (started with its environment) know the TMPDIR they
# inherit is that choice and not the user's
_MEMORY_CHOSEN = "KEFUDESK_TESTS_IN_MEMORY"


def _memory_tmp() -> str | None:
    """/dev/shm where it is memory (tmpfs) with room to spare, for the tests' files: a store's commit waits for the
    disk (synchronous=FULL), ~5 ms a commit on this machine's disk and none in memory, and a batched import
    under load commits once a row (3,000 orders: 71 s on disk, 24 s in memory). What the tests check is what is
    written, not how fast a disk syncs. A TMPDIR already set is kept (TMPDIR=/tmp puts them back on disk), except
    in a pytest-xdist worker, whose TMPDIR is the one its controller chose here."""
    if os.environ.get("PYTEST_XDIST_WORKER") and (chosen := os.environ.get(_MEMORY_CHOSEN)):
        return chosen
    if os.environ.get("TMPDIR") or not os.path.isdir("/dev/shm") or not os.access("/dev/shm", os.W_OK):
        return None
    room = os.statvfs("/dev/shm")
    return "/dev/shm" if room.f_bavail * room.f_frsize >= 2 << 30 else None


if _memory := _memory_tmp():
    import tempfile

    os.environ["TMPDIR"] = _memory  # the processes tests start (a desk, an import, PostgreSQL's cluster)
    os.environ[_MEMORY_CHOSEN] = _memory
    tempfile.tempdir = _memory  # this process: pytest's tmp_path and tempfile (already looked up by pytest's capture)

import contextlib  # noqa: E402
import functools  # noqa: E402
import shutil  # noqa: E402
from datetime import UTC, datetime, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

import pytest  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402

if TYPE_CHECKING:
    from app.store.store import Store

# Deadlines, not timings. A qtbot wait returns the moment its condition holds; its deadline only bounds a test
# that is failing anyway. pytest-qt's 5 s (and the 10 s some tests gave) ran out on a shared 2-core machine with
# CPU-bound work beside the suite (../shared/tools/under-load.sh) for conditions that held a few seconds later, so
# every wait gets at least DEADLINE_MS. No test here waits for a timeout on purpose.
DEADLINE_MS = 30_000


def _patient(wait):  # noqa: ANN001, ANN202 - wraps pytest-qt's own methods
    @functools.wraps(wait)
    def patient(self, *args, timeout: int = DEADLINE_MS, **kwargs):  # noqa: ANN001, ANN202
        return wait(self, *args, timeout=max(timeout, DEADLINE_MS), **kwargs)
    return patient


for _name in ("waitUntil", "waitSignal", "waitSignals", "waitCallback", "waitExposed", "waitActive"):
    setattr(QtBot, _name, _patient(getattr(QtBot, _name)))
_wait_until = QtBot.waitUntil


def _wait_until_truthy(self, callback, *, timeout: int = DEADLINE_MS):  # noqa: ANN001, ANN202
    """A condition such as `rows and row.waiting_since` holds when it is truthy (pytest-qt takes only True/False,
    or None from a callback that asserts), instead of failing the test when it already holds at the first look."""
    def condition():  # noqa: ANN202
        found = callback()
        return found if found is None or isinstance(found, bool) else bool(found)
    return _wait_until(self, condition, timeout=timeout)


QtBot.waitUntil = _wait_until_truthy


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path, monkeypatch):
    """Each test gets its own data and config dirs, so no test reads or writes the user's store."""
    monkeypatch.setenv("KEFUDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KEFUDESK_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture(scope="session")
def _new_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new store's file as Alembic builds it (every migration from nothing to the head), built once a session."""
    from app.store import engine

    path = tmp_path_factory.mktemp("new-store") / "store.db"
    engine._migrate_file(path, 5.0)
    return path


@pytest.fixture(autouse=True)
def _new_stores_from_template(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new store in this process is a copy of the session's template instead of 14 migrations run again: ~0.1 s
    of every test that opens one (0.3 s under load), and most tests open one or two. The copy is a real file,
    built by the same migrations, so what a test sees is what a new store is. Upgrades of an existing store
    still run Alembic, and tests marked real_migrations (the engine's own: a migration failing on a new store,
    a disk filling while it is built) build every new store with Alembic too."""
    if request.node.get_closest_marker("real_migrations"):
        return
    from app.store import engine

    template = request.getfixturevalue("_new_store_template")
    migrate_file = engine._migrate_file

    def from_template(path: Path, busy_timeout: float) -> None:
        if path.exists():  # a copy of an existing store being upgraded
            migrate_file(path, busy_timeout)
            return
        try:
            shutil.copyfile(template, path)
        except OSError:  # a full or read-only disk: fail as the real build fails there
            path.unlink(missing_ok=True)
            migrate_file(path, busy_timeout)
            return
        _draw_own_audit_key(path)

    monkeypatch.setattr(engine, "_migrate_file", from_template)


def _draw_own_audit_key(path: Path) -> None:
    """The one thing a migration draws at random (0011: each store's own audit key) drawn again for this copy, so
    no two stores share a key. Its triggers forbid changing the key: they are put back from their own SQL."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(path)) as db, db:
        triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_key'"
                              ).fetchall()
        for name, _sql in triggers:
            db.execute(f'DROP TRIGGER "{name}"')
        db.execute("UPDATE audit_key SET key = ?", (os.urandom(32).hex(),))
        for _name, sql in triggers:
            db.execute(sql)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In a pytest-xdist worker: hand the controller this worker's count of property inputs, which it totals."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        from tests.property.strategies import TRIED

        workeroutput["property_inputs_tried"] = dict(TRIED)


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook: a run without it never calls this
def pytest_testnodedown(node, error) -> None:  # noqa: ANN001 - xdist's WorkerController, its error text
    from tests.property.strategies import TRIED

    TRIED.update(getattr(node, "workeroutput", {}).get("property_inputs_tried", {}))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many inputs each parser family was tried with, the figure docs/reliability.md reports: this process's
    own, or with xdist every worker's added up in the controller."""
    from tests.property.strategies import TRIED

    if TRIED:
        terminalreporter.write_sep("-", "property tests: inputs tried per parser family")
        for family, count in sorted(TRIED.items()):
            terminalreporter.write_line(f"{family}: {count}")
        terminalreporter.write_line(f"total: {sum(TRIED.values())}")


def ime_type(widget, text: str) -> None:
    """Type text the way a Chinese input method delivers it: as committed strings, a character at a time.

    (QTest.keyClicks only knows ASCII keys; pinyin IMEs commit whole characters through input-method events.)
    """
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        event = QInputMethodEvent()
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)


def earlier_today(before: timedelta, span: timedelta) -> datetime:
    """A UTC time `before` ago, moved up to just after local midnight when `before` ago was yesterday: a test that
    writes a day's chats from it over `span` and reviews today (local days, as the review and the KPIs count) finds
    them all, whatever the hour it runs. In the first `span` after midnight it waits (a deadline, not a fixed
    sleep) until today has room for them, so no message is in the future."""
    import time

    now = datetime.now(UTC)
    midnight = now.astimezone().replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
    deadline = time.monotonic() + span.total_seconds() + 5
    while datetime.now(UTC) - midnight <= span:
        assert time.monotonic() < deadline, "the clock did not move on"
        time.sleep(0.2)
    return max(datetime.now(UTC) - before, midnight + timedelta(seconds=1))


def with_starter_phrases(store: Store) -> Store:
    """The demo shop's starter phrases (hi, cj 催件, 质量问题道歉…) in store, added as the demo adds them: a new
    library starts empty, so a test that fires or suggests them says so by calling this."""
    from app.desk.demo import add_starter_phrases

    add_starter_phrases(store)
    return store


@pytest.fixture
def user_starter_phrases() -> None:
    """The user's store (the one `kefudesk` commands open) made, with the demo's starter phrases in it."""
    from app.store.engine import open_store

    from app import config

    store = with_starter_phrases(open_store(config.store_path()))
    store.close()


def as_excel_kept(workbook: bytes, numbers: dict[str, str]) -> bytes:
    """The workbook with these cell values written as Excel writes a double: all 17 digits."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                for shown, kept in numbers.items():
                    data = data.replace(f"<v>{shown}</v>".encode(), f"<v>{kept}</v>".encode())
            target.writestr(item, data)
    return out.getvalue()


def png_bytes(width: int = 4, height: int = 3, rgb: tuple[int, int, int] = (64, 158, 255)) -> bytes:
    """A real PNG (any decoder opens it), built from the spec with zlib: no image library needed in tests."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def obeyed_by_a_terminal(out: str) -> list[str]:
    """What in a command's output a terminal would act on rather than show: control characters other than line
    ends and the columns' tabs, C1 controls (0x9b is a one-byte CSI), direction overrides. [] when none."""
    return [c for c in out if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F or c == "\u202e"]


@pytest.fixture
def sqlite_as_shipped():
    """SQLite with the variables a query may bind as its own build allows (32,766; a Linux distribution's build
    allows 250,000, which hid the limit here)."""
    import sqlite3

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    def limit(connection: object, _record: object) -> None:
        if isinstance(connection, sqlite3.Connection):
            connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 32_766)

    event.listen(Engine, "connect", limit)
    yield
    event.remove(Engine, "connect", limit)


def many_chats(store: Store, chats: int, start: datetime) -> None:
    """chats chats from start on (one a second, wrapping after 30,000), each a question answered by 小李 in 20 s
    (odd ones) or 小王 in 50 s (even ones): one executemany per table, a few seconds, not 80,000 ingests."""
    from app.store import models

    with store.engine.begin() as connection:
        connection.execute(models.Buyer.__table__.insert(), [{"id": "b", "nick": "果果妈"}])
        connection.execute(models.Conversation.__table__.insert(), [
            {"id": f"c{i}", "buyer_id": "b", "state": "closed", "created_at": start} for i in range(chats)])
        connection.execute(models.Message.__table__.insert(), [
            {"conversation_id": f"c{i}", "direction": direction, "text": "在吗", "state": "sent", "agent": agent,
             "sent_at": start + timedelta(seconds=i % 30_000 + wait)}
            for i in range(chats)
            for direction, agent, wait in (("in", "", 0), ("out", "小李" if i % 2 else "小王", 20 if i % 2 else 50))])


def replies_stored(window, within_s: float = 10.0) -> None:
    """Wait until the desk's writer has stored (or refused) every reply the window handed it: the reply box clears
    at once, the store has the reply a moment later (app/ui/replies.py). A deadline, no fixed sleep."""
    import time

    from PySide6.QtTest import QTest

    deadline = time.monotonic() + within_s
    while window.replies.storing():
        assert time.monotonic() < deadline, "the desk's writer did not store the replies in time"
        QTest.qWait(5)
