"""A 100 KB buyer message (markup, an override and emoji in it) from arrival to the queue and the open chat
painted, against a 10-character message through the same path in the same run (issue 9)."""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.bench_desk import _desk_window, _dispose
from bench.runner import Record, median, record

CHUNK = "亲，<b>在吗</b>\u202e<img src=x> 👩\u200d👩\u200d👧 这双鞋37码还有吗？\n"
HOSTILE = (CHUNK * (100_000 // len(CHUNK) + 1))[:100_000]
PLAIN = "这双鞋37码有吗？"


def _shown_seconds(app, window, session, store, chat: str, message_id: str, text: str, at: datetime) -> float:
    """Store a buyer message, then time the desk from the session's hand-over (the listener calls a stored
    message makes) until the queue row and the open chat's history are laid out and painted."""
    from app import domain

    record_, _new = store.ingest_message(domain.Message(message_id, chat, "in", text, at))
    summary = store.conversation(chat)
    history = window.conversation.history
    started = time.perf_counter()
    session._listener.on_message(record_)  # the DeskBridge: its signals reach the window
    session._listener.on_conversation(summary)
    app.processEvents()
    window.queue_view.viewport().repaint()
    history.doItemsLayout()
    history.scrollToBottom()
    history.viewport().repaint()
    elapsed = time.perf_counter() - started
    if window.conversation.model.texts()[-1] != text:
        raise RuntimeError("the message did not reach the open chat")
    return elapsed


def hostile_text(quick: bool) -> list[Record]:
    from app import domain

    runs = 10 if quick else 40
    big, small = [], []
    with tempfile.TemporaryDirectory() as tmp:
        app, store, session, window = _desk_window(Path(tmp) / "bench.db")
        start = datetime.now(UTC) - timedelta(hours=1)
        for chat in ("big", "small"):
            store.upsert_conversation(domain.Conversation(chat, domain.Buyer(f"b-{chat}", f"买家{chat}"), "active",
                                                          start))
            store.ingest_message(domain.Message(f"{chat}-0", chat, "in", "在吗", start))
        for summary in store.conversation_summaries():
            window.queue_model.upsert(summary)
        for i in range(1, runs + 1):
            at = start + timedelta(seconds=i)
            for chat, text, samples in (("big", HOSTILE, big), ("small", PLAIN, small)):
                window.select_row(window.queue_model.row_of(chat))
                app.processEvents()
                samples.append(_shown_seconds(app, window, session, store, chat, f"{chat}-{i}", text, at))
        _dispose(app, window)
        session.stop()
        store.close()
    return [record("hostile_100kb_to_screen", median(big) * 1000, "ms", 50, median(small) * 1000)]
