"""Alert sounds: a new chat or a buyer past 40 s rings, a flood rings once, muting (the desk or one chat) silences
sound only, and a chat rings for its long wait once, again after it was answered."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from app.store.records import ConversationSummary

from app.desk.alerts import Alerts

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def chat(cid: str, waited_s: float | None = 0.0) -> ConversationSummary:
    return ConversationSummary(
        id=cid, buyer_id=f"b{cid}", buyer_nick=f"买家{cid}", state="active", created_at=NOW, last_text="在吗",
        last_direction="in" if waited_s is not None else "out", last_at=NOW,
        waiting_since=None if waited_s is None else NOW - timedelta(seconds=waited_s), first_response_at=None,
        unread=1)


def test_a_flood_of_new_chats_rings_once_then_again_after_a_quiet_spell():
    alerts = Alerts()
    rung = [alerts.on_chat(chat(str(i)), NOW + timedelta(milliseconds=10 * i)) for i in range(50)]
    assert rung.count("new") == 1 and rung[0] == "new"
    assert alerts.on_chat(chat("1"), NOW + timedelta(seconds=9)) == ""  # not new any more
    assert alerts.on_chat(chat("51"), NOW + timedelta(seconds=9)) == "new"


def test_a_buyer_past_40_seconds_rings_once_per_wait():
    alerts = Alerts()
    waiting = chat("a", 0.0)
    alerts.on_chat(waiting, NOW - timedelta(minutes=1))
    assert alerts.on_tick([waiting], NOW + timedelta(seconds=39)) == ""
    assert alerts.on_tick([waiting], NOW + timedelta(seconds=41)) == "late"
    assert alerts.on_tick([waiting], NOW + timedelta(seconds=60)) == ""
    alerts.on_chat(replace(waiting, waiting_since=None, last_direction="out"), NOW + timedelta(seconds=61))
    again = replace(waiting, waiting_since=NOW + timedelta(seconds=70))
    assert alerts.on_tick([again], NOW + timedelta(seconds=115)) == "late"


def test_muting_silences_sound_only_per_chat_or_for_the_desk():
    alerts = Alerts()
    assert alerts.toggle_chat("a") is True
    assert alerts.on_chat(chat("a"), NOW) == ""
    assert alerts.on_chat(chat("b"), NOW) == "new"
    alerts.muted = True
    assert alerts.on_chat(chat("c"), NOW + timedelta(seconds=10)) == ""
    alerts.muted = False
    assert alerts.toggle_chat("a") is False
    assert alerts.on_tick([chat("a", 50.0)], NOW + timedelta(seconds=20)) == "late"


def test_chats_already_there_at_start_neither_ring_nor_use_up_the_quiet_spell():
    alerts = Alerts()
    alerts.know(chat("old"))
    assert alerts.on_chat(chat("old"), NOW) == ""
    assert alerts.on_chat(chat("new"), NOW) == "new"
