"""Backups: a whole, consistent copy while the desk writes; the daily one; restore, and what it refuses."""

import sqlite3
import threading
from datetime import timedelta

import pytest

from app.store import backup as backups
from app.store import files
from app.store.backup import backup, daily_backup, restore
from app.store.engine import HEAD_REVISION, open_store
from app.store.errors import StoreCorrupt, StoreError, StoreLocked, StoreTooNew

from tests.unit.store.conftest import T0, at, buyer_says


def _texts(path):
    with sqlite3.connect(path) as c:
        rows = [r[0] for r in c.execute("SELECT text FROM message ORDER BY id")]
    c.close()
    return rows


@pytest.mark.parametrize("in_steps", [False, True], ids=["at_once", "in_steps_quitting_can_stop"])
def test_a_backup_taken_while_the_desk_writes_is_whole_and_consistent(store, tmp_path, monkeypatch, in_steps):
    # the "desk": pairs of messages, each pair one transaction, written while the backup runs
    stop, written = threading.Event(), []
    if in_steps:  # a page a step: the desk writes between steps, which must neither tear nor restart the copy
        monkeypatch.setattr(files, "STEP_PAGES", 1)

    def desk():
        n = 0
        while not stop.is_set() or n < 200:
            store.ingest_messages([buyer_says(f"a{n}", f"问题{n}", n), buyer_says(f"b{n}", f"补充{n}", n)])
            written.append(n)
            n += 1

    writer = threading.Thread(target=desk)
    writer.start()
    while len(written) < 50:
        stop.wait(0.001)
    made = backup(store.path, tmp_path / "copy.db", stop=threading.Event() if in_steps else None)
    stop.set()
    writer.join()

    texts = _texts(made)
    assert 100 <= len(texts) < store.message_count()  # taken in the middle of the writing
    assert len(texts) % 2 == 0  # never half a transaction
    with sqlite3.connect(made) as c:
        assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert c.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one self-contained file
    c.close()
    assert made.stat().st_mode & 0o077 == 0
    assert not list(tmp_path.glob("copy.db?*"))  # no -wal, no .partial beside it


def test_a_backup_never_overwrites_a_file(store, tmp_path):
    target = tmp_path / "important.db"
    target.write_bytes(b"the only copy of something")
    with pytest.raises(StoreError, match="already exists"):
        backup(store.path, target)
    assert target.read_bytes() == b"the only copy of something"


def test_the_daily_backup_comes_once_a_day_and_keeps_the_last_seven(store, tmp_path):
    folder = tmp_path / "backups"
    manual = backup(store.path, backups.new_backup_path(folder, T0 - timedelta(days=30)))
    first = daily_backup(store.path, folder, T0)
    assert first is not None and first.name == "kefudesk-20261124T010000Z-daily.db"
    assert daily_backup(store.path, folder, T0 + timedelta(hours=23, minutes=59)) is None
    for day in range(1, 11):
        assert daily_backup(store.path, folder, T0 + timedelta(days=day)) is not None
    daily = sorted(p.name for p in folder.glob("*-daily.db"))
    assert len(daily) == 7 and daily[-1] == "kefudesk-20261204T010000Z-daily.db"
    assert manual.exists()  # made by hand: never deleted by the rotation


def test_a_recent_manual_backup_counts_and_nothing_due_reads_no_store(store, tmp_path, monkeypatch):
    folder = tmp_path / "backups"
    backup(store.path, backups.new_backup_path(folder, T0))
    monkeypatch.setattr(backups, "backup", lambda *a, **k: pytest.fail("copied the store though nothing was due"))
    assert daily_backup(store.path, folder, T0 + timedelta(hours=20)) is None


def test_a_clock_set_back_still_gets_a_daily_backup(store, tmp_path):
    folder = tmp_path / "backups"
    assert daily_backup(store.path, folder, T0 + timedelta(days=365)) is not None
    assert daily_backup(store.path, folder, T0) is not None  # the newest one "in the future" does not block


def test_no_store_yet_means_no_daily_backup(tmp_path):
    assert daily_backup(tmp_path / "kefudesk.db", tmp_path / "backups", T0) is None
    assert not (tmp_path / "backups").exists()


def test_restore_puts_the_backup_back_and_keeps_the_replaced_store(store, tmp_path):
    store.ingest_message(buyer_says("m1", "鞋子开胶了", 1))
    saved = backup(store.path, tmp_path / "saved.db")
    store.ingest_message(buyer_says("m2", "误删之后写的", 2))
    store.close()

    revision, kept = restore(store.path, saved, T0)

    assert revision == HEAD_REVISION
    assert kept.name == "kefudesk.db.before-restore-20261124T010000Z"
    assert _texts(kept) == ["鞋子开胶了", "误删之后写的"]
    s = open_store(store.path)
    assert [m.text for m in s.messages("c1")] == ["鞋子开胶了"]
    s.ingest_message(buyer_says("m3", "恢复后继续", 3))
    assert s.integrity_ok()
    s.close()
    assert store.path.stat().st_mode & 0o077 == 0 and kept.stat().st_mode & 0o077 == 0
    assert saved.exists()  # the backup itself stays as it was


def test_restore_is_refused_while_a_desk_has_the_store_open(store, tmp_path):
    saved = backup(store.path, tmp_path / "saved.db")
    store.ingest_message(buyer_says("m1", "desk still running", 1))  # the desk's pooled connection stays open
    with pytest.raises(StoreLocked, match="in use by another program.*nothing was changed"):
        restore(store.path, saved, T0, busy_timeout=0.1)
    assert [m.text for m in store.messages("c1")] == ["desk still running"]
    assert not list(tmp_path.glob("kefudesk.db.before-restore*"))
    assert not list(tmp_path.glob("kefudesk.db.restoring*"))


def _damaged_copy(store, tmp_path):
    for n in range(300):
        store.ingest_message(buyer_says(f"m{n}", "亲" * 200, n))
    path = backup(store.path, tmp_path / "damaged.db")
    data = bytearray(path.read_bytes())
    data[len(data) // 2:len(data) // 2 + 8192] = b"\xff" * 8192  # a bad sector in the middle
    path.write_bytes(bytes(data))
    return path


def test_restore_refuses_what_is_not_a_whole_kefudesk_store_and_changes_nothing(store, tmp_path):
    not_sqlite = tmp_path / "sheet.xlsx"
    not_sqlite.write_bytes(b"PK\x03\x04 a spreadsheet" * 100)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE notes (text TEXT)")
    c.close()
    newer = backup(store.path, tmp_path / "newer.db")
    with sqlite3.connect(newer) as c:
        c.execute("UPDATE alembic_version SET version_num = '0999'")
    c.close()
    damaged = _damaged_copy(store, tmp_path)
    store.close()
    before = store.path.read_bytes()

    for bad, error, words in ((not_sqlite, StoreCorrupt, "not an SQLite database"),
                              (other, StoreCorrupt, "not a KefuDesk store"),
                              (newer, StoreTooNew, "newer KefuDesk"),
                              (damaged, StoreCorrupt, "cannot be restored")):
        with pytest.raises(error, match=words) as caught:
            restore(store.path, bad, T0)
        assert str(bad) in str(caught.value)
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.glob("kefudesk.db*")) == ["kefudesk.db"]


def test_restore_over_a_damaged_store_keeps_the_damaged_files_aside(store, tmp_path):
    store.ingest_message(buyer_says("m1", "备份里的消息", 1))
    saved = backup(store.path, tmp_path / "saved.db")
    store.close()
    store.path.write_bytes(b"\x00" * 4096)  # what a disk failure left

    _revision, kept = restore(store.path, saved, T0)

    assert kept.read_bytes() == b"\x00" * 4096
    s = open_store(store.path)
    assert [m.text for m in s.messages("c1")] == ["备份里的消息"]
    s.close()


def test_a_backup_from_an_older_version_is_restored_and_upgraded_at_the_next_start(tmp_path):
    from tests.unit.store.test_migrations_upgrade import _store_at

    old = tmp_path / "from-last-year.db"
    _store_at("0005", old)
    live = tmp_path / "data" / "kefudesk.db"
    open_store(live).close()

    revision, _kept = restore(live, old, at(0))

    assert revision == "0005"
    s = open_store(live)
    assert s.buyer("b1").nick == "tb_果果妈" and s.draft("c1") == "亲，已经帮您"
    s.close()
