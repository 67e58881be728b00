"""A desk killed (SIGKILL) while the live stream's messages are being committed in groups (app/desk/live_ingest.py)
loses nothing: what it acknowledged (the resume point the shop resends after) is exactly what it committed, never
more, and started again from there it ends with every message once, in order. The desk here is the live ingest in a
process of its own, fed as the stream feeds it; "the shop" resends every event after the stored resume point."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.integration.headless_desk import eventually

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
RESUME = "last_event_id:https://shop.example"
EVENTS = 20_000  # more than a desk commits before the first kill lands
KILLS = 3


def worker(path: str, count: int) -> None:
    """The desk: resumes after the stored resume point and hands every later event over, one at a time."""
    from app.store.engine import open_store

    from app.desk.live_ingest import Arrival, LiveIngest

    from app import domain

    store = open_store(Path(path))
    resume = store.get_meta(RESUME) or None
    live = LiveIngest(store, RESUME, lambda outcomes: None, acknowledged=resume)
    start = int(resume[1:]) + 1 if resume else 0
    t0 = datetime(2026, 11, 11, tzinfo=UTC)
    for n in range(start, count):
        chat = domain.Conversation(f"c{n % 50}", domain.Buyer(f"b{n % 50}", f"买家{n % 50}"), "active", t0)
        live.put(Arrival(f"e{n}", chat, domain.Message(f"s{n}", chat.id, "in", f"第{n}句", t0 + timedelta(seconds=n))))
    live.flush()
    live.stop()
    store.close()


def desk(path: Path) -> subprocess.Popen[bytes]:
    code = f"from tests.integration.test_live_ingest_killed import worker; worker({str(path)!r}, {EVENTS})"
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)


def acknowledged_and_stored(path: Path) -> tuple[str, list[str]]:
    """The resume point and the stored messages' server ids in the order stored, from one snapshot."""
    if not path.exists():
        return "", []
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN")
        if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
            return "", []
        row = connection.execute("SELECT value FROM meta WHERE key = ?", (RESUME,)).fetchone()
        stored = [server_id for (server_id,) in connection.execute("SELECT server_id FROM message ORDER BY id")]
        connection.execute("COMMIT")
        return (row[0] if row else ""), stored
    finally:
        connection.close()


def test_a_desk_killed_while_committing_groups_acknowledged_exactly_what_it_kept_and_loses_nothing(tmp_path):
    path = tmp_path / "kefudesk.db"
    for kill in range(KILLS):
        before, _stored = acknowledged_and_stored(path)
        process = desk(path)
        try:  # killed once it has acknowledged more: groups are being committed as it dies
            eventually(lambda before=before, process=process: acknowledged_and_stored(path)[0] != before
                       or process.poll() is not None,
                       f"kill {kill + 1}: the desk acknowledging more than {before or 'nothing'}", every=0.01)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()
        acknowledged, stored = acknowledged_and_stored(path)
        assert acknowledged, f"kill {kill + 1}: nothing acknowledged"
        assert stored == [f"s{n}" for n in range(int(acknowledged[1:]) + 1)], f"kill {kill + 1}"
    process = desk(path)
    assert process.wait(300) == 0
    acknowledged, stored = acknowledged_and_stored(path)
    assert stored == [f"s{n}" for n in range(EVENTS)] and acknowledged == f"e{EVENTS - 1}"
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
