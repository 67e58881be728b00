"""The day's backup and the day's check of the store run beside the desk: starting does not wait for them,
quitting gives them up and leaves nothing half-made, the next start does them (issue 20: 15.3 s on the first start
of a day, and quitting waited for the copy)."""

import threading
from datetime import UTC, datetime

import pytest

from app.gateway.secrets import MemorySecretStore
from app.store import backup, files
from app.store.engine import open_store
from app.store.integrity import CHECKED_META

from app.desk import session as session_module
from app.desk.session import DeskSession, ShopAccount

from app import domain
from tests.integration.headless_desk import eventually

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


class Listener:
    def __init__(self) -> None:
        self.problems: list[object] = []

    def on_problem(self, text: object) -> None:
        self.problems.append(text)

    def __getattr__(self, name: str):  # every other DeskListener call: not looked at here
        return lambda *args: None


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "desk.db")
    s.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_小美妈妈"), "active", NOW))
    s.ingest_message(domain.Message("m1", "c1", "in", "在吗", NOW))
    yield s
    s.close()


def desk(store, listener) -> DeskSession:  # noqa: ANN001
    return DeskSession(store, ShopAccount("http://127.0.0.1:9", "s", "小李"), MemorySecretStore(), listener,
                       clock=lambda: NOW)


def upkeep_running() -> bool:
    return any(t.name == "kefudesk-upkeep" and t.is_alive() for t in threading.enumerate())


def test_start_and_quit_do_not_wait_for_a_stuck_backup_and_nothing_half_made_is_left(store, tmp_path, monkeypatch):
    monkeypatch.setattr(session_module, "UPKEEP_GIVES_UP_S", 0.1)
    copying, release = threading.Event(), threading.Event()
    real_snapshot = backup.snapshot

    def held(connection):  # noqa: ANN001, ANN202 - a big store's copy, still going
        copying.set()
        release.wait(30)
        real_snapshot(connection)

    monkeypatch.setattr(backup, "snapshot", held)
    session = desk(store, Listener())
    session.start()
    eventually(copying.is_set, "the backup to begin", timeout=10.0)
    session.save_draft("c1", "稍等，我查一下")  # the desk is usable meanwhile
    session.stop()  # returns while the copy is held (a hung disk)
    assert store.draft("c1") == "稍等，我查一下"
    assert upkeep_running()
    release.set()
    eventually(lambda: not upkeep_running(), "the backup to be given up", timeout=10.0)
    backups = tmp_path / "backups"
    assert [p.name for p in backups.iterdir()] == []  # no half copy under any name
    assert store.get_meta(CHECKED_META) == ""  # and the check was left for the next start

    monkeypatch.setattr(backup, "snapshot", real_snapshot)
    listener = Listener()
    again = desk(store, listener)
    again.start()
    eventually(lambda: store.get_meta(CHECKED_META) != "", "the next start's backup and check", timeout=10.0)
    again.stop()
    made = list(backups.glob("*-daily.db"))
    assert len(made) == 1
    assert not [p for p in listener.problems if str(tmp_path) in str(p)]  # every store problem names its file
    copy = open_store(made[0])
    assert [m.text for m in copy.messages("c1")] == ["在吗"]
    copy.close()


def test_a_damaged_store_found_by_the_daily_check_is_told_to_the_agent(store, monkeypatch):
    from app.store import integrity

    verdict = "*** in database main ***\nPage 7: btreeInitPage() returns error code 11"
    monkeypatch.setattr(integrity, "_integrity_check", lambda path, stop: verdict)
    monkeypatch.setattr(backup, "daily_backup", lambda *args, **kwargs: None)
    listener = Listener()
    session = desk(store, listener)
    session.start()
    eventually(lambda: [p for p in listener.problems if "integrity" in str(p)], "the agent to be told", timeout=10.0)
    session.stop()
    said = next(str(p) for p in listener.problems if "integrity" in str(p))
    assert str(store.path) in said and "integrity check says" in said and "kefudesk restore" in said


def test_quitting_mid_copy_gives_the_copy_up_at_once_and_the_store_closes_cleanly(store, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "STEP_PAGES", 1)
    copying = threading.Event()
    real_copy = backup.copy_database

    class StopsWhenQuitting:  # the copy's stop, asked after each page: the copy is mid-way until the desk quits
        def __init__(self, stop: threading.Event) -> None:
            self.stop = stop

        def is_set(self) -> bool:
            copying.set()
            self.stop.wait(30)
            return self.stop.is_set()

    monkeypatch.setattr(backup, "copy_database",
                        lambda source, target, timeout, stop: real_copy(source, target, timeout,
                                                                        StopsWhenQuitting(stop)))
    session = desk(store, Listener())
    session.start()
    eventually(copying.is_set, "the copy to be under way", timeout=10.0)
    assert [p.name for p in (tmp_path / "backups").iterdir()] != []  # the half copy, under its .partial name
    session.stop()
    assert not upkeep_running()
    assert [p.name for p in (tmp_path / "backups").iterdir()] == []
    store.close()
    assert not (tmp_path / "desk.db-wal").exists()  # no reader left behind: the next start opens without a scan
