"""Batch ingest on PostgreSQL's dialect (multi-row INSERT … RETURNING, executemany UPDATE): a promotion
stream with replays, repeats, echoes and several chats ends exactly where one-by-one ingest into a local
SQLite store ends — ids, answers and chat summaries."""

import random

import pytest

from app.gateway import schema
from app.store.engine import open_store
from tests.unit.store.conftest import at
from tests.unit.store.test_ingest import CHATS, desk_state, prepare

pytestmark = pytest.mark.integration


def _stream(count: int) -> list[schema.Message]:
    rng = random.Random(11)
    stream = []
    for n in range(count):
        direction = rng.choice(schema.DIRECTIONS)
        client = f"k{rng.randrange(6)}" if direction != "in" and rng.random() < 0.3 else ""
        stream.append(schema.Message(f"m{rng.randrange(count // 2)}", rng.choice(CHATS), direction,
                                     f"第{n}条", at(3 + n), client))
    return stream


def test_a_batch_on_postgresql_ends_where_one_by_one_on_sqlite_ends(pg_url, tmp_path):
    msgs = _stream(400)
    one, team = open_store(tmp_path / "one.db"), open_store(pg_url)
    try:
        prepare(one)
        prepare(team)
        singles = [one.ingest_message(msg) for msg in msgs]
        batched = [outcome for lo in range(0, len(msgs), 70) for outcome in team.ingest_messages(msgs[lo:lo + 70])]
        assert batched == singles
        assert sum(created for _record, created in batched) < len(msgs)  # replays were in the stream
        assert desk_state(team) == desk_state(one)
    finally:
        one.close()
        team.close()
