"""Team mode: several desks share one PostgreSQL server. The issue tracker's rules hold there as on a single
SQLite desk — refunds never exceed the order, even when two agents press Save at the same moment — and the
queries the tables and fraud checks use (JSON fields, text search, sums) run on PostgreSQL's dialect."""

import threading
from datetime import UTC, datetime, timedelta

import pytest

from app.store.engine import open_store
from app.store.issues import IssueFilter

from app.desk.issues import IssueDesk
from app.desk.policy import Policy
from app.desk.problem_orders import plan_file, run_plan
from app.desk.refused import IssueRefused
from app.desk.reports import Reports
from app.desk.worklist import worklist

from app import domain

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
ORDER = domain.Order("3912345678901234567", "b1", (domain.OrderItem("S1", "小鹿运动鞋", 1, 10000, 420),), 10000,
                     "交易成功", NOW - timedelta(days=3), "中通快递", "73123456789012")


@pytest.fixture
def stores(pg_url):
    """Two desks' stores on one server, as two agents' machines would open it."""
    first, second = open_store(pg_url), open_store(pg_url)
    first.upsert_orders([ORDER], NOW)
    boss = IssueDesk(first, "店长", clock=lambda: NOW)
    boss.add_profile("店长", "supervisor", "secret-1")
    for name in ("小李", "小王"):
        boss.add_profile(name, "agent")
    boss.set_policy(Policy(partial_refund_max_fen=10_000, partial_refund_max_share=1.0), "店长", "secret-1")
    yield first, second
    first.close()
    second.close()


def test_the_tracker_works_on_postgresql(stores, tmp_path):
    first, second = stores
    li, wang = IssueDesk(first, "小李", clock=lambda: NOW), IssueDesk(second, "小王", clock=lambda: NOW)
    issue = li.open_issue(stage="after_sale", category="return", order_no=ORDER.no, buyer_nick="tb_小美妈妈",
                          note="鞋子偏小退货")
    li.act(issue.id, "return", {"shipping_paid_by": "buyer", "return_tracking_no": "SF2001", "received": True,
                                "weight_g": 150})
    other = wang.open_issue(stage="after_sale", category="return", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
    flagged = wang.act(other.id, "return", {"shipping_paid_by": "buyer", "return_tracking_no": "SF2001"})
    assert "already used on issue" in flagged.warnings[0]  # the JSON field query, on PostgreSQL
    assert any("far below the 420 g" in flag for flag in li.flags(issue.id))
    li.act(issue.id, "partial_refund", {"amount": "60", "reason": "退货退款", "alipay": "xm@example.com"})
    with pytest.raises(IssueRefused, match=r"¥40.00 of ¥100.00"):
        wang.act(other.id, "partial_refund", {"amount": "50", "reason": "又要退"})
    assert [i.id for i in wang.issues(IssueFilter(text="偏小"))] == [issue.id]
    day = NOW.astimezone().date().isoformat()
    refunds = Reports(second).table("refunds", day)
    assert len(refunds.rows) == 1 and "xm@example.com" in refunds.rows[0]
    assert [e.what for e in second_audit(wang)][:2] == ["issue opened", "return: money action"]

    listing = ("订单编号,买家会员名,问题类型,问题描述,联系手机\r\n"
               "3912000000000000001,tb_果果妈妈,超区,新疆不派送,13800138001\r\n").encode("gbk")
    run_plan(li, plan_file(li, listing, "csv"), source="问题订单.csv")
    again = plan_file(wang, listing, "csv")  # the other desk sees it: nothing new
    assert again.new == 0 and again.unchanged == 1
    assert [w.issue.order_no for w in worklist(wang)] == ["3912000000000000001"]


def second_audit(desk: IssueDesk):
    return desk.audit.audit_log(desk.issues(IssueFilter(limit=1))[0].id)


def test_two_agents_refunding_at_the_same_moment_never_exceed_the_order(stores):
    first, second = stores
    li, wang = IssueDesk(first, "小李", clock=lambda: NOW), IssueDesk(second, "小王", clock=lambda: NOW)
    issues = [desk.open_issue(stage="after_sale", category="damage", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
              for desk in (li, wang)]
    for round_no in range(5):  # each round: both press Save together for ¥70 of a ¥100 order
        outcomes = race([(li, issues[0].id), (wang, issues[1].id)])
        refunded = li.repo.amount_for_order(ORDER.no, ("partial_refund", "full_refund"), ("done",))
        assert refunded <= ORDER.amount_fen, f"¥{refunded / 100:.2f} refunded on a ¥100.00 order"
        if round_no == 0:
            assert sum(isinstance(o, IssueRefused) for o in outcomes) == 1
            assert refunded == 7000


def race(desks: list[tuple[IssueDesk, int]]) -> list[object]:
    """Each desk saves a ¥70 partial refund at the same moment; what each got back."""
    start = threading.Barrier(len(desks))
    outcomes: list[object] = []

    def save(desk: IssueDesk, issue_id: int) -> None:
        start.wait()
        try:
            outcomes.append(desk.act(issue_id, "partial_refund", {"amount": "70", "reason": "压坏"}))
        except IssueRefused as refused:
            outcomes.append(refused)

    threads = [threading.Thread(target=save, args=pair) for pair in desks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes
