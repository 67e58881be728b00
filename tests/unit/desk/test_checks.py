"""Checks that catch false claims: the missing-item weight check (slip ticks, origin vs last-station weights, the
order's expected weight) and returns far lighter than their items, flagged before money goes out."""

from datetime import UTC, datetime, timedelta

import pytest

from app.store.engine import open_store

from app.desk.checks import items_weight, missing_item_check, return_weight_flag
from app.desk.issues import IssueDesk

from app import domain

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
SHOES = domain.OrderItem("S1", "小鹿运动鞋 白蓝 30码", 1, 12900, weight_g=420)
SOCKS = domain.OrderItem("S9", "纯棉袜 三双装", 1, 1990, weight_g=120)
ORDER = domain.Order("3912345678901234567", "b1", (SHOES, SOCKS), 14890, "交易成功", NOW - timedelta(days=4),
                     "中通快递", "73123456789012")


def parcel(origin: int | None, last: int | None, *ticked: bool) -> domain.Parcel:
    lines = tuple(domain.PackedLine(i.title, i.sku, i.qty, t) for i, t in zip(ORDER.items, ticked, strict=False))
    return domain.Parcel(ORDER.tracking_no, "中通快递", (), origin, last, "杭州余杭派送站", lines)


def test_an_order_weighs_its_items_and_an_unknown_weight_says_so():
    assert items_weight(ORDER) == 540
    unknown = domain.Order("1", "b", (domain.OrderItem("X", "x", 2, 100),), 200, "?", NOW)
    assert items_weight(unknown) is None


def test_a_complete_parcel_that_left_and_arrived_whole_makes_the_claim_doubtful():
    check = missing_item_check(ORDER, parcel(650, 645, True, True))
    assert check.verdict == "doubtful"
    assert (check.expected_low_g, check.expected_high_g, check.origin_g, check.last_g) == (620, 690, 650, 645)
    assert any("every line of the packing slip is ticked" in r for r in check.reasons)


def test_an_unticked_slip_line_or_a_light_parcel_at_the_origin_makes_it_genuine():
    check = missing_item_check(ORDER, parcel(530, 528, True, False))
    assert check.verdict == "genuine"
    assert "纯棉袜 三双装 ×1" in check.reasons[0]
    assert any("under the 620–690 g" in r for r in check.reasons)


def test_weight_lost_between_origin_and_last_station_makes_it_genuine():
    check = missing_item_check(ORDER, parcel(650, 520, True, True))
    assert check.verdict == "genuine" and "lost 130 g between the origin" in check.reasons[0]


def test_without_weights_or_a_courier_record_the_check_does_not_guess():
    assert missing_item_check(ORDER, None).verdict == "unknown"
    assert missing_item_check(ORDER, parcel(None, None)).verdict == "unknown"
    unknown = domain.Order(ORDER.no, "b1", (domain.OrderItem("X", "x", 1, 100),), 100, "?", NOW)
    check = missing_item_check(unknown, parcel(650, 650, True))
    assert check.verdict == "unknown" and "an item's weight is unknown" in check.reasons[0]


def test_a_return_far_lighter_than_its_items_is_flagged():
    assert "far below the 540 g" in return_weight_flag(ORDER, 150)
    assert return_weight_flag(ORDER, 500) == ""


def test_a_partial_return_is_weighed_against_the_items_sent_back_only():
    assert items_weight(ORDER, ["纯棉袜"]) == 120 and items_weight(ORDER, ["S1"]) == 420
    assert return_weight_flag(ORDER, 110, ["纯棉袜 三双装"]) == ""  # the socks alone came back: not suspicious
    assert "far below the 420 g" in return_weight_flag(ORDER, 110, ["S1"])  # the shoes came back as 110 g
    assert items_weight(ORDER, ["手套"]) == 540  # a name the order lacks: the whole order, never nothing


def test_the_desk_reads_the_returned_items_from_the_return_form(desk):
    issue = desk.open_issue(stage="after_sale", category="return", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
    socks = desk.act(issue.id, "return", {"shipping_paid_by": "buyer", "items": "纯棉袜 三双装", "received": True,
                                          "weight_g": 110})
    assert socks.warnings == ()
    both = desk.act(issue.id, "return", {"shipping_paid_by": "buyer", "items": "S1、纯棉袜", "received": True,
                                         "weight_g": 110})
    assert "far below the 540 g" in both.warnings[0]


@pytest.fixture
def desk(tmp_path):
    store = open_store(tmp_path / "k.db")
    store.upsert_orders([ORDER], NOW)
    yield IssueDesk(store, "小李", clock=lambda: NOW)
    store.close()


def test_an_empty_return_is_flagged_when_received_and_again_before_the_refund(desk):
    issue = desk.open_issue(stage="after_sale", category="return", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
    outcome = desk.act(issue.id, "return", {"shipping_paid_by": "buyer", "return_tracking_no": "SF2001",
                                            "received": True, "weight_g": 160})
    assert len(outcome.warnings) == 1 and "possibly an empty or swapped parcel" in outcome.warnings[0]
    assert desk.flags(issue.id) == list(outcome.warnings)
    refund = desk.act(issue.id, "full_refund", {"reason": "退货退款"})
    assert refund.warnings == outcome.warnings
    assert desk.audit.audit_log(issue.id)[-1].after["warnings"] == list(outcome.warnings)


def test_the_desks_weight_check_names_an_unknown_order_and_keeps_its_suggestion_in_the_audit_log(desk):
    issue = desk.open_issue(stage="after_sale", category="missing_item", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
    check = desk.weight_check(issue.id, parcel(650, 645, True, True))
    assert check.verdict == "doubtful"
    entry = desk.audit.audit_log()[-1]
    assert (entry.what, entry.after["origin_g"], entry.after["expected_g"]) == ("weight check: doubtful", 650, [620, 690])
    stray = desk.open_issue(stage="after_sale", category="missing_item", order_no="1000000000000000404",
                            buyer_nick="x")
    from app.desk.refused import IssueRefused

    with pytest.raises(IssueRefused, match="not in the store"):
        desk.weight_check(stray.id, None)
