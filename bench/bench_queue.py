"""The queue filled at start: every open chat put in the window's QueueModel, as the desk does before its first
paint."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta

from bench.runner import Record, median, record

OPEN_CHATS = 5_000  # a big shop's open chats after a promotion (issue 20: 2.3 s to start with these)


def _chats(count: int) -> list:
    from app.store.records import ConversationSummary

    rng = random.Random(20)
    now = datetime(2026, 11, 11, 12, tzinfo=UTC)
    chats = []
    for n in range(count):
        waiting = rng.random() < 0.6
        at = now - timedelta(seconds=rng.uniform(0, 3600))
        chats.append(ConversationSummary(
            id=f"c{n}", buyer_id=f"b{n}", buyer_nick=f"买家{n}", state="active", created_at=at - timedelta(hours=1),
            last_text=rng.choice(["在吗", "什么时候发货", "我要投诉，鞋子开胶了", "好的谢谢", "亲，已为您备注"]),
            last_direction="in" if waiting else "out", last_at=at, waiting_since=at if waiting else None,
            first_response_at=None, unread=rng.randint(0, 3), agent="me"))
    return chats


def queue_fill(quick: bool) -> list[Record]:
    """5,000 open chats put in the queue model as the desk starts (QueueModel.load; median of 5 fills, quick: 3),
    against sorting the same summaries by the queue's key in the same run (the least any queue does). Goal:
    < 0.1 s. The first fill of a process also builds the urgent words' tables (cached after): not counted here,
    see cold_start."""
    from app.desk.queue import queue_key

    from app.ui.models.queue_model import QueueModel

    chats = _chats(OPEN_CHATS)
    now = datetime(2026, 11, 11, 12, tzinfo=UTC)
    fills, sorts = [], []
    QueueModel(lambda: now).load(chats[:1])  # the urgent words' tables, built once a process
    for _ in range(3 if quick else 5):
        started = time.perf_counter()
        model = QueueModel(lambda: now)
        model.load(chats)
        fills.append(time.perf_counter() - started)
        assert model.rowCount() == OPEN_CHATS
        started = time.perf_counter()
        sorted(chats, key=queue_key)
        sorts.append(time.perf_counter() - started)
    return [record("queue_fill_5000", median(fills), "s", 0.1, median(sorts))]
