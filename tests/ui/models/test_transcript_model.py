"""A chat's transcript in the owner's review (app/ui/models/transcript_model.py): Qt's model checks pass, buyer
markup stays text, slow waits are red, and a note added to a message changes its row in place, so the owner's
place in the transcript stays."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from app.store.records import MessageRecord
from app.store.review import NoteRecord

from app.desk.review import Line

from app.ui.models.chat_table import SLOW
from app.ui.models.transcript_model import MESSAGE, TRANSCRIPT_CHARS, WAITED, WHO, LineRole, TranscriptModel

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def lines(*notes: NoteRecord) -> list[Line]:
    asked = MessageRecord(1, "c1", "in", "我要退款<b>!!!</b>", T0, "s-1", None, "received")
    answered = MessageRecord(2, "c1", "out", "亲，马上为您退款", T0, "s-2", "kd-2", "sent", agent="a1")
    picture = MessageRecord(3, "c1", "in", "", T0, "s-3", None, "received", image="abc")
    return [Line(asked, None, False), Line(answered, 55.0, True, notes), Line(picture, None, False)]


def test_the_transcript_passes_qts_checks_and_reads_as_the_owner_sees_it(qtmodeltester):
    model = TranscriptModel({"a1": "小李"}.get)
    model.show_lines("c1", lines())
    qtmodeltester.check(model)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == ["Time", "Who", "Message",
                                                                                 "Waited (s)"]
    assert [model.index(r, WHO).data() for r in range(3)] == ["Buyer", "Agent 小李", "Buyer"]
    assert model.index(0, MESSAGE).data() == "我要退款<b>!!!</b>"  # text, never markup
    assert model.index(2, MESSAGE).data() == "[Picture]"
    assert model.index(1, WAITED).data() == "55"
    assert model.index(1, WAITED).data(Qt.ItemDataRole.ForegroundRole).color() == SLOW
    assert model.index(0, WAITED).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, 0).data(LineRole).message.id == 2
    model.show_lines("c2", [])
    assert model.rowCount() == 0


def test_a_note_changes_its_row_in_place_and_the_owner_stays_on_it(qtbot, qtmodeltester):
    model = TranscriptModel(str)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.show_lines("c1", lines())
    qtmodeltester.check(model)
    view.setCurrentIndex(model.index(1, 0))
    model.show_lines("c1", lines(NoteRecord(1, 2, "owner", T0, "", "good")))
    assert "▸ good example" in model.index(1, MESSAGE).data()
    assert view.currentIndex().row() == 1  # not reset: the owner can mark the next one from here


def test_a_long_message_is_cut_and_says_how_much_is_not_shown(qtmodeltester):
    big = "退" * (TRANSCRIPT_CHARS + 1234)
    model = TranscriptModel(str)
    model.show_lines("c1", [Line(MessageRecord(1, "c1", "in", big, T0, "s-1", None, "received"), None, False)])
    qtmodeltester.check(model)
    text = model.index(0, MESSAGE).data()
    assert text.startswith(big[:TRANSCRIPT_CHARS]) and text.endswith("1,234 more characters not shown")
