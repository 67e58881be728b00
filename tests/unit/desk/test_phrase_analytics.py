"""Phrase analytics on a store built here: two agents over three days, an edited send, a firing never sent, and each
of the buyer's outcomes (paid, asked again, refund by a new issue and by a refund on an old one, quiet); forgotten
phrases and the library's near-duplicates; the workbook's sheets with a formula-looking phrase kept as text."""

from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from app.quickreplies.phrase import Phrase
from app.store.audit_log import Audit
from app.store.engine import open_store
from app.store.issues import IssueStore

from app.desk.phrase_analytics import (
    ASKED_AGAIN,
    NEVER,
    NO_LONGER,
    OUTCOME_WINDOW,
    PAID,
    QUIET,
    REFUND,
    outcome,
    phrase_report,
    write_report,
)
from app.desk.phrase_sends import FiredPhrases

from app import domain

D1 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
FIRST, LAST = date(2026, 12, 1), date(2026, 12, 3)
BODIES = {
    "ship": "亲，今天下午四点前拍下当天发货哦",
    "size": "亲，按平时的码数拍就可以",
    "refund": "亲，退款已经帮您申请了",
    "never": "亲，这款是新品哦",
    "old": "亲，双十一的活动已经结束了",
    "hello": "亲，您好，有什么可以帮您的吗？",
    "hello2": "亲亲您好😊有什么可以帮您的吗",
    "formula": "=HYPERLINK(\"http://evil\",\"点我\")",
}


@pytest.fixture
def shop(tmp_path):
    store = open_store(tmp_path / "kefudesk.db")
    ids = store.add_phrases(Phrase(0, name, body, "售前") for name, body in BODIES.items())
    phrases = dict(zip(BODIES, ids, strict=True))
    for n in range(1, 6):
        store.upsert_conversation(domain.Conversation(f"c{n}", domain.Buyer(f"b{n}", f"买家{n}"), "active", D1))
    yield store, phrases
    store.close()


class Floor:
    """Replies as the desk records them: the firing, the message the shop has, the send."""

    def __init__(self, store, phrases):
        self.store, self.phrases, self.sends, self.n = store, phrases, FiredPhrases(store), 0

    def buyer(self, chat, at, text="还有别的吗"):
        self.n += 1
        self.store.ingest_message(domain.Message(f"m{self.n}", chat, "in", text, at))

    def fire(self, chat, name, at, agent):
        self.store.phrase_used(self.phrases[name], at, "在吗", conversation_id=chat, agent=agent)
        self.sends.fired(chat, self.phrases[name], BODIES[name])

    def reply(self, chat, name, at, agent, text=None):
        self.fire(chat, name, at, agent)
        self.n += 1
        record, _ = self.store.ingest_message(domain.Message(f"m{self.n}", chat, "out", text or BODIES[name], at,
                                                             agent=agent))
        self.sends.record_sent(chat, record.id, self.sends.sent(chat, record.text))


def issue(store, buyer, chat, at, stage="after_sale", category="quality"):
    return IssueStore(store).add_issue({"stage": stage, "category": category, "severity": "normal",
                                        "buyer_id": buyer, "conversation_id": chat, "owner": "xiaowang",
                                        "state": "open"}, [], at, Audit("xiaowang", "open"))


def test_uses_edits_and_what_each_buyer_did_next(shop, tmp_path):
    store, phrases = shop
    floor = Floor(store, phrases)
    store.phrase_used(phrases["old"], D1 - timedelta(days=10), "双十一还有吗")  # before the period only
    # c1: paid two hours later
    floor.reply("c1", "ship", D1, "xiaowang")
    store.upsert_orders([domain.Order("T1", "b1", (), 9900, "买家已付款", D1 + timedelta(hours=1),
                                      paid_at=D1 + timedelta(hours=2))], D1)
    # c2: the agent changed the phrase before sending; the buyer wrote again
    floor.reply("c2", "ship", D1 + timedelta(hours=1), "xiaoli", text="亲，今天下午四点前拍下明天发货哦")
    floor.buyer("c2", D1 + timedelta(hours=1, minutes=5))
    # c3: wrote again and opened an after-sale issue: the refund counts
    floor.reply("c3", "size", D1 + timedelta(days=1), "xiaowang")
    floor.buyer("c3", D1 + timedelta(days=1, minutes=3), "鞋子开胶了")
    issue(store, "b3", "c3", D1 + timedelta(days=1, hours=2))
    # c5: a refund asked on an issue opened before the reply
    old = issue(store, "b5", "c5", D1 - timedelta(days=3))
    floor.reply("c5", "refund", D1 + timedelta(days=1), "xiaoli")
    IssueStore(store).add_action(old.id, "partial_refund", {"reason": "开胶"}, 500, "done", "xiaoli",
                                 D1 + timedelta(days=1, hours=1), None)
    # c4: the buyer came back and paid only after the window: quiet
    floor.reply("c4", "size", D1 + timedelta(days=2), "xiaoli")
    floor.buyer("c4", D1 + timedelta(days=2) + OUTCOME_WINDOW + timedelta(minutes=1))
    store.upsert_orders([domain.Order("T4", "b4", (), 9900, "买家已付款", D1 + timedelta(days=3),
                                      paid_at=D1 + timedelta(days=3, hours=1))], D1)
    # a phrase put into the reply box and never sent: a use, not a send
    floor.fire("c1", "ship", D1 + timedelta(days=2, hours=3), "xiaowang")

    report = phrase_report(store, store.phrases(), FIRST, LAST, UTC)
    stats = {s.phrase.title: s for s in report.stats}

    ship = stats["ship"]
    assert (ship.uses, ship.sent, ship.edited, ship.edited_share) == (3, 2, 1, 0.5)
    assert ship.by_day == {date(2026, 12, 1): 2, date(2026, 12, 3): 1}
    assert ship.by_agent == {"xiaowang": 2, "xiaoli": 1}
    assert ship.outcomes == {PAID: 1, ASKED_AGAIN: 1}
    size = stats["size"]
    assert (size.uses, size.sent, size.edited, size.outcomes) == (2, 2, 0, {REFUND: 1, QUIET: 1})
    assert size.by_day == {date(2026, 12, 2): 1, date(2026, 12, 3): 1}
    assert stats["refund"].outcomes == {REFUND: 1}
    assert [s.phrase.title for s in report.stats[:2]] == ["ship", "size"]  # most used first
    assert (stats["never"].forgotten, stats["old"].forgotten, ship.forgotten) == (NEVER, NO_LONGER, "")
    assert [(d.phrase.title, d.other.title) for d in report.near] == [("hello", "hello2")]

    # a period without the sends: the same phrases are forgotten in it, none never used
    later = phrase_report(store, store.phrases(), date(2026, 12, 10), date(2026, 12, 11), UTC)
    assert {s.phrase.title: s.forgotten for s in later.stats}["ship"] == NO_LONGER

    path = tmp_path / "phrases.xlsx"
    write_report(report, path)
    book = load_workbook(path)
    assert book.sheetnames == ["短语", "按天", "相似短语"]
    summary = book["短语"]
    header = [c.value for c in summary[1]]
    assert header[:11] == ["标题", "分组", "内容", "使用", "发出", "改后发出", "改动率", "付款", "再次询问", "申请退款",
                           "沉默"]
    rows = {r[0]: r for r in summary.iter_rows(min_row=2, values_only=True)}
    assert rows["ship"][3:11] == (3, 2, 1, 0.5, 1, 1, 0, 0)
    assert rows["never"][11] == "从未使用"
    formula = next(r for r in summary.iter_rows(min_row=2) if r[0].value == "formula")[2]
    assert (formula.value, formula.data_type, formula.quotePrefix) == (BODIES["formula"], "s", True)
    assert sorted(r for r in book["按天"].iter_rows(min_row=2, values_only=True) if r[0] == "ship") == [
        ("ship", "售前", "2026-12-01", 2), ("ship", "售前", "2026-12-03", 1)]
    assert [r[0] for r in book["相似短语"].iter_rows(min_row=2, values_only=True)] == ["hello"]


def test_an_outcome_counts_within_the_window_and_the_refund_comes_first():
    reply = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    end = reply + OUTCOME_WINDOW
    assert outcome(reply, [end], [], []) == ASKED_AGAIN
    assert outcome(reply, [end + timedelta(seconds=1)], [], []) == QUIET
    assert outcome(reply, [reply - timedelta(minutes=1)], [], []) == QUIET  # what came before answers nothing
    assert outcome(reply, [reply + timedelta(minutes=1)], [end], []) == PAID
    assert outcome(reply, [reply + timedelta(minutes=1)], [end], [end]) == REFUND


def test_a_send_is_edited_unless_the_phrase_went_out_unchanged():
    sends = FiredPhrases(None)
    sends.fired("c1", 1, "亲，今天发货哦")
    sends.fired("c1", 2, "顺丰包邮")
    assert sends.sent("c1", "亲，今天发货哦\n顺丰包邮") == {1: False, 2: False}  # two phrases, neither changed
    assert sends.sent("c1", "好的") == {}  # forgotten once sent
    sends.fired("c1", 1, "亲，今天发货哦")
    assert sends.sent("c1", "亲，明天发货哦") == {1: True}
    sends.fired("c1", 1, "亲，今天发货哦")
    assert sends.sent("c1", "请问您平时穿多大的码数呢") == {}  # cleared, and something else written: not sent
    sends.fired("c2", 1, "亲，今天发货哦")
    assert sends.sent("c1", "亲，今天发货哦") == {}  # another chat's firing stays with it
