"""Sounds in the desk with real widgets: a new buyer rings, a flood rings once, Ctrl+M mutes the desk and
Ctrl+Shift+M one chat — and muting never clears a chat's unread mark."""

from datetime import timedelta

from PySide6.QtCore import Qt

from app import domain
from tests.ui.conftest import NOW


def buyer_writes(window, cid: str, text: str, at=None) -> None:
    store = window.session.store
    store.upsert_conversation(domain.Conversation(cid, domain.Buyer(f"b-{cid}", f"买家{cid}"), "waiting", NOW))
    store.ingest_message(domain.Message(f"m-{cid}-{text}", cid, "in", text, at or domain.now_utc()))
    window.bridge.on_conversation(store.conversation(cid))


def test_a_flood_rings_once_and_muting_keeps_the_unread_marks(qtbot, desk):
    # c1 written now, not when the file was collected (minutes ago in a long run: late past 40 s, it would ring)
    window = desk(domain.Message("m1", "c1", "in", "在吗", domain.now_utc()))
    assert window.status_line.alerts_rung == []  # chats already there at start are not new
    for n in range(20):
        buyer_writes(window, f"f{n}", "有货吗")
    assert window.status_line.alerts_rung == ["new"]

    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.status_line.alerts.muted and "muted" in window.status_line.mute_label.text()
    window.status_line.alerts._last_alert = None  # the quiet spell is over
    buyer_writes(window, "g1", "在吗")
    assert window.status_line.alerts_rung == ["new"]  # muted: no sound
    chat = window.session.store.conversation("g1")
    # but the unread marks stay: every buyer of the flood and the new one (c1, open at the start, may be read by now)
    unread = {cid: window.queue_model.open_chat(cid).unread for cid in [*(f"f{n}" for n in range(20)), "g1"]}
    assert chat.unread == 1 and all(unread.values()), unread
    assert window.queue_model.unread_total() >= 21

    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    window.select_row(window.queue_model.row_of("c1"))
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "c1" in window.status_line.alerts.muted_chats
    buyer_writes(window, "g2", "在吗")
    assert window.status_line.alerts_rung == ["new", "new"]


def test_a_buyer_waiting_past_40_seconds_rings(qtbot, desk):
    window = desk()
    buyer_writes(window, "w1", "在吗", at=domain.now_utc() - timedelta(seconds=45))
    window.status_line.alerts._last_alert = None
    qtbot.waitUntil(lambda: "late" in window.status_line.alerts_rung, timeout=3_000)  # the once-a-second tick
