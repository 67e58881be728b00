"""The store's side of phrase analytics: a 0014 store upgraded keeps its firings (sent: no, edited: no, no agent)
and takes sends and dismissals; a send marks the newest unsent firing of the phrase in that chat only."""

from datetime import UTC, datetime, timedelta

from app.quickreplies.phrase import Phrase
from app.store.engine import open_store
from app.store.phrase_stats import UseRecord, dismiss, dismissed, phrase_sent, uses_between

from tests.unit.store.test_migrations_upgrade import T_AWARE, _store_at

DAY = timedelta(days=1)


def test_a_0014_store_keeps_its_firings_and_records_sends_after_the_upgrade(tmp_path):
    path = tmp_path / "kefudesk.db"
    _store_at("0014", path)
    store = open_store(path)
    try:
        assert uses_between(store, T_AWARE - DAY, T_AWARE + DAY) == [
            UseRecord(7, T_AWARE, "", "", None, sent=False, edited=False)]
        assert store.phrase_uses() == [(7, "什么时候发货")]
        store.phrase_used(7, T_AWARE + timedelta(hours=1), "", conversation_id="c1", agent="xiaowang")
        phrase_sent(store, "c1", 2, {7: True})
        assert uses_between(store, T_AWARE - DAY, T_AWARE + DAY)[-1] == UseRecord(
            7, T_AWARE + timedelta(hours=1), "xiaowang", "c1", 2, sent=True, edited=True)
        assert store.phrase_uses() == [(7, "什么时候发货")]  # a firing that answered nothing teaches nothing
        dismiss(store, [("今天发货", "亲，今天发货哦")], T_AWARE)
        assert dismissed(store) == {"今天发货"}
    finally:
        store.close()


def test_a_send_marks_the_newest_unsent_firing_of_that_chat(tmp_path):
    store = open_store(tmp_path / "kefudesk.db")
    try:
        (pid,) = store.add_phrases([Phrase(0, "发货", "亲，今天发货哦")])
        at = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
        for minutes, chat in ((0, "c1"), (1, "c1"), (2, "c2")):
            store.phrase_used(pid, at + timedelta(minutes=minutes), "", conversation_id=chat, agent="xiaowang")
        phrase_sent(store, "c1", None, {pid: False})  # kept on this computer: sent, no message yet
        phrase_sent(store, "c3", 9, {pid: False})  # no firing there: nothing marked
        assert [(u.conversation_id, u.sent, u.message_id) for u in uses_between(store, at, at + DAY)] == [
            ("c1", False, None), ("c1", True, None), ("c2", False, None)]
    finally:
        store.close()
