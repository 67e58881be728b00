"""The owner's review on a real store: a hand-built day read back as chat rows, filters, a transcript with its
waits, KPIs equal to the hand-counted ones, 质检 scores on the checklist, notes, and exports that keep a
buyer's markup as text."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.store.audit_log import Audit, AuditLog
from app.store.engine import open_store
from app.store.issues import IssueStore

from app.desk.review import ChatFilter, ReviewDesk, ReviewRefused

from app import domain
from tests.conftest import many_chats

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 11, 11, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
DAY = date(2026, 11, 11)


@pytest.fixture
def desk(tmp_path):
    store = open_store(tmp_path / "desk.db")
    chats = {
        "c1": ("tb_退款宝妈", [(0, "in", "", "我要退款！！！"), (50, "out", "小李", "亲，马上处理"), (60, "in", "", "好")]),
        "c2": ("果果妈", [(0, "in", "", "<b>有货吗</b>"), (10, "out", "小李", "有的亲"), (15, "in", "", "几天到"),
                         (20, "robot", "小李", "一般2-3天哦")]),
        "c3": ("小鱼儿", [(0, "in", "", "在吗"), (25, "out", "小王", "在的"), (40, "in", "", "谢谢"),
                         (45, "out", "小王", "不客气～")]),
    }
    n = 0
    for cid, (nick, lines) in chats.items():
        store.upsert_conversation(domain.Conversation(cid, domain.Buyer(f"b-{cid}", nick), "active", T0))
        for seconds, direction, agent, text in lines:
            n += 1
            store.ingest_message(domain.Message(f"m{n}", cid, direction, text, T0 + timedelta(seconds=seconds),
                                                agent=agent))
    issues = IssueStore(store)
    issue = issues.add_issue({"stage": "after_sale", "category": "quality", "severity": "normal", "order_no": "",
                              "buyer_id": "b-c1", "buyer_nick": "tb_退款宝妈", "conversation_id": "c1",
                              "owner": "小李", "state": "open", "note": ""}, [], T0, Audit("小李", "issue opened"))
    issues.add_action(issue.id, "partial_refund", {"amount": 600}, 600, "done", "小李", T0 + timedelta(minutes=5), None)
    AuditLog(store).write_audit(Audit("小李", "guard override", None, {"conversation": "c2", "words": ["x"]}), T0)
    AuditLog(store).write_audit(Audit("小李", "chat closed unanswered", None, {"conversation": "c1", "why": "买家不回"}),
                                T0 + timedelta(minutes=9))
    store.upsert_orders([domain.Order("3698", "b-c2", (), 12900, "已付款", T0 + timedelta(hours=2))], T0)
    yield ReviewDesk(store, "店长", clock=lambda: T0 + timedelta(hours=12), tz=SH)
    store.close()


def test_the_days_chats_with_their_figures_and_filters(desk):
    rows = {r.conversation_id: r for r in desk.chats(DAY, DAY)}
    assert set(rows) == {"c1", "c2", "c3"}
    c1 = rows["c1"]
    assert (c1.buyer_nick, c1.agents, c1.first_response_s, c1.slow, c1.buyer_last, c1.refunds, c1.angry) == (
        "tb_退款宝妈", ("小李",), 50, 1, True, 1, True)
    assert rows["c2"].robot and rows["c2"].overrides == 1 and not rows["c2"].buyer_last
    pick = lambda **kw: [r.conversation_id for r in desk.chats(DAY, DAY, ChatFilter(**kw))]  # noqa: E731
    assert pick(agent="小王") == ["c3"]
    assert pick(only={"unanswered_at_close"}) == ["c1"]
    assert pick(only={"slow", "refunds"}) == ["c1"]
    assert pick(only={"robot"}) == ["c2"]
    assert desk.chats(DAY + timedelta(days=1), DAY + timedelta(days=1)) == []


def test_the_angry_filter_reads_complaints_as_the_queue_does(desk):
    from app.desk.queue import set_angry_words

    store = desk.store
    store.ingest_message(domain.Message("m90", "c3", "in", "不行我就投\u200b訴", T0 + timedelta(seconds=50)))
    assert [r.conversation_id for r in desk.chats(DAY, DAY, ChatFilter(only={"angry"}))] == ["c1", "c3"]
    set_angry_words(store, ["黑猫"], "店长", T0)  # the shop's own urgent words, as the queue uses them
    store.ingest_message(domain.Message("m91", "c2", "in", "我去黑 猫投诉", T0 + timedelta(seconds=30)))
    assert [r.conversation_id for r in desk.chats(DAY, DAY, ChatFilter(only={"angry"}))] == ["c2"]


def test_a_transcript_shows_how_long_each_answer_took_and_marks_the_slow_ones(desk):
    lines = desk.transcript("c1")
    assert [(x.message.text, x.waited_s, x.slow) for x in lines] == [
        ("我要退款！！！", None, False), ("亲，马上处理", 50, True), ("好", None, False)]


def test_kpis_read_from_the_store_match_the_hand_count(desk):
    figures = {f.agent: f for f in desk.kpis(DAY, DAY)}
    li, wang, robot = figures["小李"], figures["小王"], figures["robot"]
    assert li.served == {"c1", "c2"} and sorted(li.first_times) == [10, 50]
    assert (li.refunds, li.refund_fen, li.closed_buyer_last, li.converted) == (1, 600, {"c1"}, {"c2"})
    assert (wang.first_times, wang.times, wang.within_40) == ([25], [5, 25], 1.0)  # the times come sorted
    assert robot.times == [5]


def test_a_score_follows_the_checklist_and_counts_in_the_agents_quality(desk):
    items = [name for name, _w in desk.checklist()]
    review = desk.score("c3", "小王", items[:2], "很快")
    assert review.score == 35 and review.checks[items[0]] is True and review.checks[items[3]] is False
    assert {f.agent: f.quality for f in desk.kpis(DAY, DAY)}["小王"] == 35
    assert [r.score for r in desk.chats(DAY, DAY, ChatFilter(agent="小王"))] == [35]
    with pytest.raises(ReviewRefused, match="not on the checklist: 唱歌"):
        desk.score("c3", "小王", ["唱歌"])
    desk.set_checklist([("礼貌", 1), ("准确", 3)])
    assert desk.score("c3", "小王", ["准确"]).score == 75
    with pytest.raises(ReviewRefused, match="own name"):
        desk.set_checklist([("礼貌", 1), ("礼貌", 2)])


def test_notes_mark_examples_and_are_shown_on_the_transcript(desk):
    answer = desk.transcript("c3")[1].message
    desk.note(answer.id, "回复得体", "good")
    assert [(n.text, n.example, n.reviewer) for n in desk.transcript("c3")[1].notes] == [("回复得体", "good", "店长")]
    with pytest.raises(ReviewRefused):
        desk.note(answer.id, "", "")
    with pytest.raises(ReviewRefused):
        desk.note(answer.id, "x", "great")


def test_exports_carry_the_whole_day_and_keep_markup_as_text(desk):
    text = desk.export_day(DAY, "小李", "txt")
    assert "09:00:50 客服: 亲，马上处理  [50 s SLOW]" in text and "tb_退款宝妈" in text and "小鱼儿" not in text
    page = desk.export_day(DAY, "小李", "html")
    assert "&lt;b&gt;有货吗&lt;/b&gt;" in page and "<b>有货吗" not in page
    assert page.startswith("<!DOCTYPE html>") and "class='slow'" in page


def test_a_transcript_shows_a_buyers_control_characters_so_printing_it_cannot_drive_a_terminal(desk):
    store = desk.store
    store.upsert_conversation(domain.Conversation("c4", domain.Buyer("b-c4", "果果\x1b]0;pwned\x07"), "active", T0))
    store.ingest_message(domain.Message("m99", "c4", "in", "退款\x1b[2J\x9b31m\u202e001\n第二行", T0))
    store.ingest_message(domain.Message("m100", "c4", "out", "好的", T0 + timedelta(seconds=5), agent="小李"))
    text = desk.export_day(DAY, "小李", "txt")
    assert "== 果果␛]0;pwned␇ (c4) ==" in text and "退款␛[2J\\x9b31m001\n第二行" in text
    assert not any(ord(c) < 0x20 and c != "\n" or 0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in text)
    page = desk.export_day(DAY, "小李", "html")
    assert "果果␛]0;pwned␇" in page and "\x1b" not in page and "\u202e" not in page


@pytest.mark.usefixtures("sqlite_as_shipped")
def test_a_day_of_more_chats_than_sqlite_takes_variables_reads_whole(tmp_path):
    """The review and the KPIs of 40,000 chats: their ids (for the buyers and the 质检 scores) go to the database in
    chunks, never past SQLite's 32,766 variables in one query."""
    store = open_store(tmp_path / "many.db")
    many_chats(store, 40_000, T0)
    review = ReviewDesk(store, "店长", clock=lambda: T0 + timedelta(hours=12), tz=SH)
    review.score("c39999", "小李", ["准确回答买家的问题"])
    rows = {r.conversation_id: r for r in review.chats(DAY, DAY)}
    assert len(rows) == 40_000 and rows["c39999"].score == 25 and rows["c0"].buyer_nick == "果果妈"
    assert (rows["c1"].first_response_s, rows["c0"].first_response_s) == (20, 50)
    li, wang = review.kpis(DAY, DAY)
    assert (li.agent, len(li.served), li.quality, wang.agent, len(wang.served)) == ("小李", 20_000, 25, "小王", 20_000)
    store.close()
