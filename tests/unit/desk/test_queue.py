from datetime import UTC, datetime, timedelta

from app.store.records import ConversationSummary

from app.desk.queue import Urgency, format_wait, ordered, urgency, wait_seconds

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def chat(cid: str, waiting_s: float | None, last_ago_s: float = 0.0) -> ConversationSummary:
    return ConversationSummary(
        id=cid, buyer_id=f"b{cid}", buyer_nick=f"nick{cid}", state="active", created_at=NOW - timedelta(hours=1),
        last_text="…", last_direction="in" if waiting_s is not None else "out",
        last_at=NOW - timedelta(seconds=last_ago_s),
        waiting_since=None if waiting_s is None else NOW - timedelta(seconds=waiting_s),
        first_response_at=None, unread=0)


def test_longest_waiting_on_top_and_answered_chats_sink_newest_first():
    chats = [chat("a", 5), chat("b", None, last_ago_s=10), chat("c", 50), chat("d", None, last_ago_s=1), chat("e", 31)]
    assert [c.id for c in ordered(chats)] == ["c", "e", "a", "d", "b"]


def test_colour_thresholds_at_30_and_40_seconds():
    assert urgency(chat("a", None), NOW) is Urgency.IDLE
    assert urgency(chat("a", 29.9), NOW) is Urgency.WAITING
    assert urgency(chat("a", 30), NOW) is Urgency.FIRST_LIMIT
    assert urgency(chat("a", 40), NOW) is Urgency.LATE


def test_wait_time_text():
    assert wait_seconds(chat("a", None), NOW) is None
    assert format_wait(wait_seconds(chat("a", 7), NOW)) == "0:07"
    assert format_wait(95) == "1:35"
    assert format_wait(3730) == "1:02:10"
    assert format_wait(None) == ""


def test_flags_mark_unfinished_late_angry_and_trouble_chats():
    from dataclasses import replace

    from app.desk.queue import flags, shown_by

    calm = replace(chat("a", 12), last_text="这款有27码吗")
    assert flags(calm, NOW) == {"mine", "unfinished"}
    assert flags(replace(chat("b", 45), last_text="再不处理我就投诉了"), NOW) == {"mine", "unfinished", "late", "angry"}
    assert "angry" in flags(replace(chat("c", 3), last_text="人呢？？？"), NOW)  # shouting
    assert "angry" not in flags(replace(chat("d", 3), last_text="在吗？"), NOW)
    answered = replace(chat("e", None), last_text="差评的事我们马上处理")  # the agent's own words never count
    assert flags(answered, NOW) == {"mine"}
    assert flags(answered, NOW, in_trouble={"be"}) == {"mine", "trouble"}
    assert flags(replace(calm, last_text="不退款就去工商"), NOW, angry_words=("工商",)) >= {"angry"}
    assert [shown_by(v, flags(calm, NOW)) for v in ("all", "unanswered", "urgent")] == [True, True, False]
    assert shown_by("urgent", flags(answered, NOW, in_trouble={"be"}))


def test_a_complaint_word_written_around_the_filter_still_makes_the_chat_angry():
    from dataclasses import replace

    from app.desk.queue import flags

    # issue 17: a zero-width space hid 投诉; spacing, traditional characters and pinyin hid the rest
    for text in ("再不处理我就投\u200b诉", "我要投 诉你们", "等着收差評吧", "不给退 kuan 就打１２３１５", "tousu你们"):
        assert "angry" in flags(replace(chat("a", 3), last_text=text), NOW), text
    # the shop's own words are read the same way
    assert "angry" in flags(replace(chat("b", 3), last_text="找黑\u200b猫"), NOW, angry_words=("黑猫",))
    assert "angry" not in flags(replace(chat("c", 3), last_text="单号SF1231599，什么时候到"), NOW)  # 12315 inside


def test_a_shops_urgent_words_replace_the_defaults_and_unreadable_ones_fall_back(tmp_path):
    from app.store.audit_log import AuditLog
    from app.store.engine import open_store

    from app.desk.queue import ANGRY_WORDS, angry_words, set_angry_words

    store = open_store(tmp_path / "desk.db")
    assert angry_words(store) == ANGRY_WORDS
    at = datetime(2026, 11, 11, tzinfo=UTC)
    assert set_angry_words(store, ["黑猫", " 黑猫 ", "", "投诉"], "店长", at) == ("黑猫", "投诉")
    assert angry_words(store) == ("黑猫", "投诉")
    entry = AuditLog(store).audit_log()[-1]
    assert (entry.what, entry.before["words"][0], entry.after["words"]) == ("urgent words changed", "投诉", ["黑猫", "投诉"])
    store.set_meta("queue.angry_words", "{broken")
    assert angry_words(store) == ANGRY_WORDS
    store.close()


def test_mine_is_a_chat_assigned_to_this_agent_or_to_nobody_said():
    from dataclasses import replace

    from app.desk.queue import flags, shown_by

    mine, theirs, unsaid = (replace(chat("a", 5), agent="agent-demo"), replace(chat("b", 5), agent="agent-xiaowang"),
                            chat("c", 5))
    assert [shown_by("mine", flags(c, NOW, me="agent-demo")) for c in (mine, theirs, unsaid)] == [True, False, True]
    assert all(shown_by("all", flags(c, NOW, me="agent-demo")) for c in (mine, theirs, unsaid))
    assert "mine" in flags(theirs, NOW, me="")  # before the first login tells the desk who it is: all are mine


def test_a_buyer_complains_by_the_urgent_rules_over_their_recent_messages():
    from app.desk.queue import complaining

    assert not complaining(["在吗", "什么时候发货"])
    assert complaining(["鞋子开胶了，我要投 诉", "那怎么办"])  # the complaint still stands two messages later
    assert complaining(["怎么还不发货？？？"])
    assert complaining(["好的"], in_trouble=True)  # an open issue or problem order
    assert not complaining(["我要投诉"] + ["好的"] * 20)  # a shift ago: the last 20 are read
    assert complaining(["退钱"], angry_words=("退钱",)) and not complaining(["投诉"], angry_words=("退钱",))
    # a problem with the goods is no anger, but no moment to ask for a five-star review either
    assert complaining(["鞋子有很大的味道"]) and complaining(["收到了，发错颜色了"])
    assert complaining(["味道不错，谢谢"])  # 味道 alone is read as a problem: better not asked than asked wrongly
    assert not complaining(["好的谢谢", "什么时候到"])
