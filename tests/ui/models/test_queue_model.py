from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QListView

from app.store.records import ConversationSummary

from app.ui.delegates import QueueDelegate
from app.ui.models.queue_model import QueueModel

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def chat(cid: str, waiting_s: float | None, unread: int = 0, state: str = "active") -> ConversationSummary:
    return ConversationSummary(
        id=cid, buyer_id=f"b{cid}", buyer_nick=f"买家{cid}", state=state, created_at=NOW - timedelta(hours=1),
        last_text=f"消息{cid}", last_direction="in" if waiting_s is not None else "out", last_at=NOW,
        waiting_since=None if waiting_s is None else NOW - timedelta(seconds=waiting_s),
        first_response_at=None, unread=unread)


def ids(model: QueueModel) -> list[str]:
    return [model.chat_at(r).id for r in range(model.rowCount())]


def test_rows_keep_queue_order_as_chats_change_and_closed_chats_leave(qtmodeltester):
    model = QueueModel(lambda: NOW)
    for c in (chat("a", 10), chat("b", 50), chat("c", None), chat("d", 35)):
        model.upsert(c)
    assert ids(model) == ["b", "d", "a", "c"]
    model.upsert(chat("b", None))  # answered: sinks
    assert ids(model) == ["d", "a", "b", "c"]
    model.upsert(chat("c", 60))  # the buyer wrote again long ago: on top
    assert ids(model)[0] == "c"
    model.upsert(chat("a", 10, state="closed"))
    assert "a" not in ids(model)
    qtmodeltester.check(model)


def test_the_selected_chat_stays_selected_when_it_moves(qtbot):
    model = QueueModel(lambda: NOW)
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(QueueDelegate(view))
    for c in (chat("a", 10), chat("b", 50), chat("c", 20)):
        model.upsert(c)
    view.selectionModel().setCurrentIndex(model.index(model.row_of("a")), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    model.upsert(chat("a", None))  # the agent answered a: it moves to the bottom
    assert model.chat_at(view.currentIndex().row()).id == "a"
    assert view.currentIndex().row() == model.rowCount() - 1


def test_unread_total_and_longest_waiting():
    model = QueueModel(lambda: NOW)
    assert model.longest_waiting_row() == -1
    model.upsert(chat("a", None, unread=0))
    assert model.longest_waiting_row() == -1
    model.upsert(chat("b", 5, unread=2))
    model.upsert(chat("c", 45, unread=3))
    assert model.longest_waiting_row() == 0 and model.chat_at(0).id == "c"
    assert model.unread_total() == 5


def test_a_row_whose_last_message_is_a_picture_says_so(qapp):
    from dataclasses import replace

    from app.ui.delegates import preview_text

    photo = replace(chat("1", 5.0), last_text="")  # a buyer's photo has no text
    assert preview_text(photo) == "[Picture]"
    assert preview_text(replace(chat("2", None), last_text="好的亲\n马上发")) == "Me: 好的亲 马上发"


def test_views_hide_and_bring_back_chats_and_unread_counts_them_all(qapp):
    from dataclasses import replace

    model = QueueModel(clock=lambda: NOW)
    answered = chat("1", None, unread=0)
    waiting = replace(chat("2", 20.0, unread=2), last_text="在吗")
    angry = replace(chat("3", 5.0, unread=1), last_text="我要投诉！！！")
    for c in (answered, waiting, angry):
        model.upsert(c)
    model.set_view("unanswered")
    assert ids(model) == ["2", "3"] and model.hidden_count() == 1
    model.set_view("urgent")
    assert ids(model) == ["3"] and model.unread_total() == 3  # hidden chats' unread still counts
    model.set_in_trouble(frozenset({"b1"}))  # buyer of chat 1 has an open issue
    assert ids(model) == ["3", "1"]
    model.upsert(replace(angry, last_direction="out", waiting_since=None, last_text="亲别急，马上处理"))
    assert ids(model) == ["1"]  # answered: no longer angry
    model.set_view("all")
    assert ids(model) == ["2", "1", "3"]  # the waiting buyer on top, then the rest by last activity


def test_a_stale_summary_never_puts_an_answered_buyer_back_on_top():
    from dataclasses import replace

    model = QueueModel(clock=lambda: NOW)
    asked = replace(chat("a", 5), last_at=NOW - timedelta(seconds=5))
    answered = replace(chat("a", None), last_at=NOW)
    model.upsert(answered)
    model.upsert(asked)  # read before the reply was stored, delivered after it
    assert model.chat_at(0).last_direction == "out"
    model.upsert(replace(answered, unread=0))  # same moment (read marks, closing): still taken
    model.upsert(replace(chat("a", 1), last_at=NOW + timedelta(seconds=1)))  # the buyer writes again
    assert model.chat_at(0).last_direction == "in"


def test_each_views_count_follows_the_chats_without_a_reset():
    model = QueueModel(lambda: NOW)
    changes, resets = [], []
    model.sig_counts.connect(lambda: changes.append(model.counts()))
    model.modelReset.connect(lambda: resets.append(1))
    for c in (chat("a", 10), chat("b", 50), chat("c", None)):
        model.upsert(c)
    assert model.counts() == {"all": 3, "mine": 3, "unanswered": 2, "urgent": 0}
    angry = ConversationSummary(**{**chat("c", 5).__dict__, "last_text": "我要投诉"})
    model.upsert(angry)  # the answered buyer writes again, angry
    assert model.counts() == {"all": 3, "mine": 3, "unanswered": 3, "urgent": 1}
    model.upsert(chat("b", None))  # answered
    model.upsert(chat("a", 10, state="closed"))
    assert model.counts() == {"all": 2, "mine": 2, "unanswered": 1, "urgent": 1}
    model.upsert(chat("a", 10, state="closed"))  # nothing changed: nothing said
    assert len(changes) == 6 and not resets
    model.set_in_trouble(frozenset({"bb"}))  # b's buyer has an open issue now
    assert model.counts()["urgent"] == 2


def test_the_next_waiting_row_skips_answered_chats_and_wraps():
    model = QueueModel(lambda: NOW)
    for c in (chat("a", 10), chat("b", 50), chat("c", None), chat("d", 30)):
        model.upsert(c)
    assert ids(model) == ["b", "d", "a", "c"]
    assert model.waiting_row(3) == 0  # from the answered c, round to the top
    assert model.waiting_row(3, -1) == 2 and model.waiting_row(1, skip="d") == 2
    model.upsert(chat("b", None))
    model.upsert(chat("d", None))
    model.upsert(chat("a", None))
    assert model.waiting_row(0) == -1


def test_row_of_finds_every_chat_where_a_scan_finds_it_through_random_changes(qtmodeltester):
    """A model checker: thousands of random inserts, answers, new buyer messages, closes, reopens, view changes and
    flag changes; after each, row_of() of every chat ever seen agrees with a scan of the rows, and the rows are in
    queue order."""
    import random

    from app.desk.queue import FILTERS, queue_key

    for seed in range(8):
        rng = random.Random(seed)
        model = QueueModel(lambda: NOW)
        ids_seen = [f"c{n}" for n in range(60)]
        for step in range(600):
            cid = rng.choice(ids_seen)
            action = rng.random()
            if action < 0.08:
                model.set_view(rng.choice(FILTERS))
            elif action < 0.12:
                model.set_in_trouble(frozenset(f"b{c}" for c in rng.sample(ids_seen, 5)))
            elif action < 0.15:
                model.set_angry_words(rng.choice([("投诉",), ("投诉", "消息c1"), ()]))
            else:
                waiting = None if rng.random() < 0.35 else rng.uniform(0, 300)
                state = "closed" if rng.random() < 0.1 else "active"
                summary = chat(cid, waiting, unread=rng.randint(0, 3), state=state)
                model.upsert(replace(summary, last_at=NOW + timedelta(seconds=step),
                                     agent=rng.choice(["", "me", "other"])))
            scan = {model.chat_at(row).id: row for row in range(model.rowCount())}
            for known in ids_seen:
                assert model.row_of(known) == scan.get(known, -1), f"seed {seed} step {step}: {known}"
            keys = [queue_key(model.chat_at(row)) for row in range(model.rowCount())]
            assert keys == sorted(keys), f"seed {seed} step {step}: rows out of queue order"
        qtmodeltester.check(model)


def test_the_chats_the_desk_starts_with_load_in_queue_order_with_their_counts(qtmodeltester):
    chats = [chat("a", 10), chat("b", 50, unread=2), chat("c", None), chat("d", 35), chat("e", 5, state="closed")]
    one_by_one = QueueModel(lambda: NOW)
    for c in chats:
        one_by_one.upsert(c)
    loaded = QueueModel(lambda: NOW)
    loaded.load(chats)
    assert ids(loaded) == ids(one_by_one) == ["b", "d", "a", "c"]
    assert loaded.counts() == one_by_one.counts() and loaded.unread_total() == 2
    assert [loaded.row_of(c) for c in "abcde"] == [2, 0, 3, 1, -1]
    loaded.upsert(chat("c", 60))  # and on from there row by row
    assert ids(loaded)[0] == "c" and loaded.row_of("c") == 0
    qtmodeltester.check(loaded)


def test_until_the_urgent_words_tables_are_built_only_shouting_marks_a_buyer_angry(qapp):
    model = QueueModel(lambda: NOW)
    model.set_angry_words(("投诉",), ready=False)
    model.load([replace(chat("a", 10), last_text="我要投诉"), replace(chat("b", 20), last_text="人呢？？？")])
    assert "angry" not in model.flags_of(model.chat_at(model.row_of("a")))
    assert "angry" in model.flags_of(model.chat_at(model.row_of("b")))
    assert model.counts()["urgent"] == 1
    model.set_angry_words(("投诉",))  # built: the queue marks and counts by word from now on
    assert "angry" in model.flags_of(model.chat_at(model.row_of("a")))
    assert model.counts()["urgent"] == 2
