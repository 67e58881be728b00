"""Opening the store reads no more of it than it needs; every page is checked in the background once a day, and
a damaged store is told in the words a refused open uses (issue 20: 0.35 s of every open at a million messages
was quick_check reading the whole file)."""

import sqlite3
import threading
from datetime import timedelta

import pytest

from app.store import files
from app.store.backup import backup
from app.store.engine import open_store
from app.store.errors import Abandoned, StoreCorrupt
from app.store.integrity import CHECKED_META, check_store

from tests.unit.store.conftest import T0, buyer_says

WHOLE_FILE_CHECKS = ("quick_check", "integrity_check")


@pytest.fixture
def statements(monkeypatch):
    """Every SQL statement any SQLite connection runs from now on (the store's engine and its read-only looks)."""
    said: list[str] = []
    real = sqlite3.connect

    def tracing(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        connection = real(*args, **kwargs)
        connection.set_trace_callback(said.append)
        return connection

    monkeypatch.setattr(sqlite3, "connect", tracing)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", tracing)  # what SQLAlchemy's pysqlite calls
    return said


def _whole_file_checks(said: list[str]) -> list[str]:
    return [s for s in said if any(check in s for check in WHOLE_FILE_CHECKS)]


def _filled(store, count: int = 300):  # noqa: ANN001, ANN202
    for n in range(count):
        store.ingest_message(buyer_says(f"m{n}", "亲" * 200, n))
    return store


def test_opening_a_store_that_was_closed_cleanly_reads_no_whole_file(store, statements):
    _filled(store).close()
    statements.clear()
    again = open_store(store.path)
    assert len(again.messages("c1")) == 300
    again.close()
    assert any("alembic_version" in s for s in statements)  # it did look at the file
    assert _whole_file_checks(statements) == []


def test_after_a_desk_that_did_not_end_cleanly_every_page_is_checked_that_day_again(store, statements):
    _filled(store, 10)
    assert check_store(store, T0) is True
    store.close()
    crashed = sqlite3.connect(store.path)  # a desk killed mid-shift: its -wal is still beside the store
    crashed.execute("PRAGMA journal_mode=WAL")
    crashed.execute("INSERT INTO meta(key, value) VALUES ('left', 'by a killed desk')")
    crashed.commit()
    statements.clear()
    again = open_store(store.path)
    crashed.close()
    assert _whole_file_checks(statements) == []  # not at open: in the background
    assert check_store(again, T0 + timedelta(hours=1)) is True
    assert check_store(again, T0 + timedelta(hours=2)) is False  # once
    again.close()
    statements.clear()
    open_store(store.path).close()  # closed cleanly this time
    assert _whole_file_checks(statements) == []


def test_a_store_cut_at_a_page_boundary_is_refused_without_reading_every_page(store):
    _filled(store).close()
    data = store.path.read_bytes()
    store.path.write_bytes(data[:4096 * 3])  # whole pages, but fewer than the header names: a copy cut short
    with pytest.raises(StoreCorrupt, match="cut short.*left untouched"):
        open_store(store.path)
    assert store.path.read_bytes() == data[:4096 * 3]


def test_the_whole_check_runs_once_a_day_and_remembers_when(store):
    assert check_store(store, T0) is True
    assert check_store(store, T0 + timedelta(hours=23, minutes=59)) is False
    assert check_store(store, T0 + timedelta(hours=24)) is True
    assert check_store(store, T0 - timedelta(days=3)) is True  # a clock set back does not skip it for days
    assert store.get_meta(CHECKED_META).startswith((T0 - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"))


def test_a_damaged_store_opens_and_the_daily_check_says_it_is_damaged_as_an_open_would(store, tmp_path):
    _filled(store)
    store.close()
    damaged = backup(store.path, tmp_path / "damaged.db")
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2:len(data) // 2 + 8192] = b"\xff" * 8192  # a bad sector in the middle
    damaged.write_bytes(bytes(data))
    opened = open_store(damaged)  # the header and the schema are whole: the desk starts at once
    with pytest.raises(StoreCorrupt, match="not a readable KefuDesk database.*integrity check says.*restore"):
        check_store(opened, T0)
    assert opened.get_meta(CHECKED_META) == ""  # checked again at the next start
    opened.close()


def test_quitting_gives_the_check_up_and_leaves_it_for_the_next_start(store):
    stop = threading.Event()
    stop.set()
    with pytest.raises(Abandoned):
        check_store(_filled(store, 50), T0, stop)
    assert store.get_meta(CHECKED_META) == ""


class _SetAfter(threading.Event):
    """A stop set while the copy is under way: after the copy asked it `calls` times."""

    def __init__(self, calls: int) -> None:
        super().__init__()
        self.calls = calls

    def is_set(self) -> bool:
        self.calls -= 1
        return self.calls < 0


def test_a_backup_given_up_halfway_leaves_no_file(store, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "STEP_PAGES", 1)
    _filled(store)
    target = tmp_path / "backups" / "kefudesk-20261124T010000Z-daily.db"
    with pytest.raises(Abandoned):
        backup(store.path, target, stop=_SetAfter(5))
    assert list(target.parent.iterdir()) == []
    made = backup(store.path, target, stop=threading.Event())  # not stopped: a whole copy, in steps
    copy = open_store(made)
    assert len(copy.messages("c1")) == 300
    copy.close()
