"""The shop's limits for agents are configurable per shop: typed as the floor says them (1%, 6.00 yuan, 3 a day),
checked before they are kept, changed only by a supervisor, audited, and in force for the next action."""

from datetime import UTC, datetime, timedelta

import pytest

from app.store.engine import open_store

from app.desk.issues import IssueDesk
from app.desk.policy import Policy, parse_policy
from app.desk.refused import IssueRefused

from app import domain

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
ORDER = domain.Order("3912345678901234567", "b1", (domain.OrderItem("S1", "小鹿运动鞋", 1, 12900),), 12900,
                     "交易成功", NOW - timedelta(days=3))


@pytest.fixture
def desk(tmp_path):
    store = open_store(tmp_path / "k.db")
    store.upsert_orders([ORDER], NOW)
    boss = IssueDesk(store, "店长", clock=lambda: NOW)
    boss.add_profile("店长", "supervisor", "secret-1")
    yield IssueDesk(store, "小李", clock=lambda: NOW)
    store.close()


def test_limits_are_typed_as_the_floor_says_them():
    policy = parse_policy({"rounding_max_share": "2%", "rounding_per_day": "5", "partial_refund_max_fen": "30",
                           "partial_refund_max_share": "50", "gift_max_fen": "¥12.50"}, Policy())
    assert policy == Policy(0.02, 5, 3000, 0.5, 1250)
    assert parse_policy({"gift_max_fen": 800}, Policy()).gift_max_fen == 800  # a script may pass fen
    assert parse_policy({}, Policy(0.02)) == Policy(0.02)  # what is not given stays


@pytest.mark.parametrize(("raw", "says"), [
    ({"rounding_max_share": "0%"}, "not between 0 and 100%"),
    ({"partial_refund_max_share": "150%"}, "not between 0 and 100%"),
    ({"partial_refund_max_share": "三成"}, "not a share such as 30%"),
    ({"partial_refund_max_fen": "-5"}, "negative"),
    ({"gift_max_fen": "12.345"}, "not an amount"),
    ({"rounding_per_day": "1000"}, "0–100"),
    ({"refund_anything": "1"}, "has no field 'refund_anything'"),
])
def test_a_limit_out_of_bounds_is_named(raw, says):
    with pytest.raises(IssueRefused, match=says):
        parse_policy(raw, Policy())


def test_only_a_supervisor_changes_the_limits_and_the_next_refund_meets_them(desk):
    issue = desk.open_issue(stage="after_sale", category="damage", order_no=ORDER.no)
    assert desk.act(issue.id, "partial_refund", {"amount": "20", "reason": "压坏"}).needs_approval
    with pytest.raises(IssueRefused, match="wrong password"):
        desk.set_policy(Policy(partial_refund_max_fen=3000), "店长", "guess")
    with pytest.raises(IssueRefused, match="not a supervisor"):
        desk.set_policy(Policy(partial_refund_max_fen=3000), "小李", "")
    with pytest.raises(IssueRefused, match="not between"):  # a script passing a Policy meets the same bounds
        desk.set_policy(Policy(partial_refund_max_share=3.0), "店长", "secret-1")
    desk.set_policy(Policy(partial_refund_max_fen=3000), "店长", "secret-1")
    assert desk.act(issue.id, "partial_refund", {"amount": "20", "reason": "压坏"}).needs_approval == ""
    entry = desk.audit.audit_log()[-2]
    assert (entry.who, entry.what, entry.before, entry.after["partial_refund_max_fen"]) == (
        "店长", "policy changed", None, 3000)


def test_a_refund_of_exactly_the_share_typed_is_within_it_and_a_fen_more_is_not(desk):
    desk.set_policy(parse_policy({"partial_refund_max_share": "29%", "partial_refund_max_fen": "100"}, Policy()),
                    "店长", "secret-1")
    issue = desk.open_issue(stage="after_sale", category="damage", order_no=ORDER.no)
    # 29 % of ¥129.00 is ¥37.41 exactly; in floats 12900 × 0.29 is 3740.9999999999995, and ¥37.41 needed approval
    assert desk.act(issue.id, "partial_refund", {"amount": "37.41", "reason": "压坏"}).needs_approval == ""
    other = desk.open_issue(stage="after_sale", category="damage", order_no="1000000000000000001")
    desk.store.upsert_orders([domain.Order("1000000000000000001", "b2", (), 12900, "交易成功", NOW)], NOW)
    assert "over 29% of the order" in desk.act(other.id, "partial_refund", {"amount": "37.42", "reason": "压坏"}).needs_approval
