"""The desk's store kept safe while it works (issue 9): a backup a day made at start, and a disk that fills up
while buyers write — the agent is told, what the desk has stays readable, and no message is lost: once there is
space again the stream resumes where the store stopped and the message arrives, once."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event

from app.gateway.secrets import MemorySecretStore
from app.store.engine import open_store

from app.desk.session import DeskSession, ShopAccount

from tests.integration.conftest import RecordingListener

pytestmark = pytest.mark.integration


def desk(sim, store, listener) -> DeskSession:  # noqa: ANN001
    agent, password = sim.credentials
    session = DeskSession(store, ShopAccount(sim.url, sim.shop_id, agent, password), MemorySecretStore(), listener)
    session.start()
    return session


def test_a_backup_a_day_is_made_when_the_desk_starts(qtbot, sim, control, tmp_path):
    control.post("/sim/say", json={"buyer_nick": "备份的买家", "text": "在吗"})
    store = open_store(tmp_path / "desk.db")
    backups = tmp_path / "backups"
    first = desk(sim, store, RecordingListener())
    qtbot.waitUntil(lambda: first.online and store.message_count() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: len(list(backups.glob("*-daily.db"))) == 1, timeout=10_000)
    first.stop()
    for made in backups.iterdir():  # as if that one were a day old and gone
        made.unlink()
    for _ in range(2):  # started twice more the same day: one new copy, of what the desk had then
        again = desk(sim, store, RecordingListener())
        qtbot.waitUntil(lambda: again.online and len(list(backups.glob("*-daily.db"))) == 1, timeout=10_000)  # noqa: B023
        again.stop()
    store.close()
    made = list(backups.glob("*-daily.db"))
    assert len(made) == 1 and made[0].stat().st_mode & 0o777 == 0o600
    copy = open_store(made[0])
    assert [c.buyer_nick for c in copy.conversation_summaries()] == ["备份的买家"]  # a store of its own
    copy.close()


def test_a_full_disk_stops_the_stream_says_why_and_loses_nothing(qtbot, sim, control, tmp_path):
    control.post("/sim/say", json={"buyer_nick": "磁盘满的买家", "text": "在吗"})
    store = open_store(tmp_path / "desk.db")
    listener = RecordingListener()
    session = desk(sim, store, listener)
    qtbot.waitUntil(lambda: session.online and store.message_count() == 1, timeout=10_000)

    # SQLite's own "database or disk is full", as on a full disk: no page may be added to the file
    pages = sqlite3.connect(tmp_path / "desk.db").execute("PRAGMA page_count").fetchone()[0]

    def no_room(connection, _record) -> None:  # noqa: ANN001
        connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(store.engine, "connect", no_room)
    store.engine.dispose()
    long = "亲，" + "这件衣服的尺码偏大还是偏小，" * 200  # needs pages the file cannot get
    control.post("/sim/say", json={"buyer_nick": "磁盘满的买家", "text": long[:4000]})
    qtbot.waitUntil(lambda: any(getattr(d, "key", "") == "store_full" for d in listener.details), timeout=10_000)
    assert not session.online
    assert [c.buyer_nick for c in store.conversation_summaries()] == ["磁盘满的买家"]  # still readable
    assert store.message_count() == 1

    event.remove(store.engine, "connect", no_room)  # space freed
    store.engine.dispose()
    qtbot.waitUntil(lambda: store.message_count() == 2, timeout=20_000)
    qtbot.waitUntil(lambda: session.online, timeout=10_000)
    session.stop()
    texts = [m.text for m in store.messages(store.conversation_summaries()[0].id)]
    store.close()
    assert texts == ["在吗", long[:4000]]  # the message waited at the shop and came once
