"""The open chat's messages: a reply kept on this computer while the team's server was away (a local id below
0) is the same row once the server stores it, not a second copy of it."""

from __future__ import annotations

from datetime import UTC, datetime

from app.store.records import MessageRecord

from app.ui.models.message_model import MessageModel, MessageRole

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def test_a_kept_reply_becomes_the_stored_one_in_its_row(qapp):
    model = MessageModel()
    said = MessageRecord(7, "c1", "in", "在吗", T0, "s-7", None, "received")
    model.show_conversation("c1", [said])
    kept = MessageRecord(-1, "c1", "out", "亲，在的", T0, None, "kd-1", "pending")
    model.upsert(kept)
    stored = MessageRecord(8, "c1", "out", "亲，在的", T0, None, "kd-1", "pending")
    model.upsert(stored)
    sent = MessageRecord(8, "c1", "out", "亲，在的", T0, "s-8", "kd-1", "sent")
    model.upsert(sent)
    rows = [model.data(model.index(row), MessageRole) for row in range(model.rowCount())]
    assert rows == [said, sent]


def test_the_message_model_passes_qts_model_checks_as_rows_come_and_change(qtmodeltester):
    model = MessageModel()
    older = MessageRecord(5, "c1", "in", "你好", T0, "s-5", None, "received")
    said = MessageRecord(7, "c1", "in", "在吗", T0, "s-7", None, "received")
    model.show_conversation("c1", [said])
    qtmodeltester.check(model)
    model.upsert(MessageRecord(8, "c1", "out", "亲，在的", T0, None, "kd-1", "pending"))
    model.upsert(MessageRecord(8, "c1", "out", "亲，在的", T0, "s-8", "kd-1", "sent"))
    model.prepend([older])
    model.upsert(MessageRecord(9, "c2", "in", "another chat", T0, "s-9", None, "received"))  # not this chat's
    assert model.texts() == ["你好", "在吗", "亲，在的"]
    qtmodeltester.check(model)
