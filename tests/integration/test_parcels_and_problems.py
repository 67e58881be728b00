"""Parcels with the courier's weights and the packing slip, and the back-end's problem-order list, from the
simulator over a real loopback socket through the desk's protocol client, into the desk's checks and worklist."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.gateway.errors import GatewayRejected
from app.store.engine import open_store

from app.desk.checks import missing_item_check
from app.desk.issues import IssueDesk
from app.desk.problem_orders import plan_gateway, run_plan
from app.desk.worklist import worklist

from app import domain

pytestmark = pytest.mark.integration


def shipped(sim):
    return [(b, o) for b in sim.world.buyers for o in b.orders if o.tracking_no]


def test_a_parcel_carries_the_couriers_weights_and_a_ticked_slip_that_make_a_false_claim_doubtful(sim, gw):
    buyer, order = shipped(sim)[0]
    parcel = gw.parcel(order.tracking_no)
    assert parcel.courier == order.courier and len(parcel.events) == 4
    assert [line.sku for line in parcel.packing_slip] == [item.sku for item in order.items]
    assert all(line.ticked for line in parcel.packing_slip)
    assert all(item.weight_g > 0 for item in gw.orders(buyer.id)[0].items)  # weights travel with the orders
    if abs(parcel.origin_weight_g - parcel.last_weight_g) < 50:  # one parcel in fifteen is opened on the way
        assert missing_item_check(order, parcel).verdict == "doubtful"


def test_missing_item_claims_split_into_genuine_and_false_ones_the_check_tells_apart(sim, gw):
    # the simulator is quiet (no background traffic), so the test may open chats in its world directly
    claimants = shipped(sim)[:24]
    for buyer, _order in claimants:
        sim.world._chat_for(buyer, "missing", sim.world.clock())
    verdicts = {}
    for _buyer, order in claimants:
        parcel = gw.parcel(order.tracking_no)
        check = missing_item_check(order, parcel)
        verdicts[order.no] = check.verdict
        short = [line for line in parcel.packing_slip if not line.ticked]
        assert (check.verdict == "genuine") == bool(short), (order.no, check.reasons)
    assert set(verdicts.values()) == {"genuine", "doubtful"}


def test_missing_item_claimants_are_about_half_short_packed_and_the_weights_say_which(sim, gw):
    claimants = shipped(sim)[:24]
    for buyer, _order in claimants:
        sim.world._chat_for(buyer, "missing", sim.world.clock())
    short_packed = 0
    for buyer, order in claimants:
        items = next(o for o in gw.orders(buyer.id) if o.no == order.no).items
        parcel = gw.parcel(order.tracking_no)
        unticked = [line for line in parcel.packing_slip if not line.ticked]
        assert len(unticked) <= 1, parcel.packing_slip
        # what left the warehouse: the order, less one unit of a line the packer did not tick
        packed = sum(i.weight_g * i.qty for i in items) - sum(i.weight_g for i in items if i.sku in
                                                               {line.sku for line in unticked})
        assert 50 <= parcel.origin_weight_g - packed <= 200, (order.no, parcel)  # packaging and the scale only
        assert abs(parcel.last_weight_g - parcel.origin_weight_g) <= 30  # a claimant's parcel arrived as it left
        short_packed += bool(unticked)
    assert 0.25 <= short_packed / len(claimants) <= 0.75


def test_parcels_nobody_complains_about_left_complete_and_a_few_lost_weight_on_the_way(sim, gw):
    lighter = 0
    parcels = shipped(sim)
    for _buyer, order in parcels:
        parcel = gw.parcel(order.tracking_no)
        assert all(line.ticked for line in parcel.packing_slip)
        assert 50 <= parcel.origin_weight_g - sum(i.weight_g * i.qty for i in order.items) <= 200
        assert parcel.last_weight_g <= parcel.origin_weight_g + 30 and parcel.last_station
        lighter += parcel.origin_weight_g - parcel.last_weight_g > 50
    assert 1 <= lighter <= len(parcels) // 5


def test_an_unknown_parcel_is_a_clear_404_and_a_tracking_no_cannot_reach_another_endpoint(gw):
    with pytest.raises(GatewayRejected, match="no such parcel"):
        gw.parcel("NOPE123")
    with pytest.raises(GatewayRejected, match="no such endpoint or resource"):
        gw.parcel("NOPE/../../v1/orders")


def test_the_problem_order_list_comes_whole_or_since_a_time(sim, gw):
    problems = gw.problem_orders()
    assert problems and {p.category for p in problems} <= set(domain.PROBLEM_CATEGORIES)
    assert all(sim.world.order(p.order_no) is not None and p.phone.startswith("1") for p in problems)
    middle = problems[len(problems) // 2].reported_at
    later = gw.problem_orders(since=middle)
    assert later == [p for p in problems if p.reported_at > middle]
    assert gw.problem_orders(since=problems[-1].reported_at + timedelta(seconds=1)) == []


def test_a_problem_the_back_end_flags_later_is_what_the_next_pull_since_gets(sim, gw):
    before = gw.problem_orders()
    problem = sim.world.report_problem()
    assert problem is not None
    assert gw.problem_orders(since=before[-1].reported_at) == [problem]
    assert gw.problem_orders() == [*before, problem]


def test_a_bad_since_is_refused_in_the_error_shape(sim, gw, control):
    for since in ("yesterday", "2026-11-24T02:00:00", ""):
        response = control.get("/v1/problem-orders", params={"since": since},
                               headers={"Authorization": f"Bearer {gw.token}"})
        assert response.status_code == 400, since
        assert response.json()["error"]["code"] == "bad_request" and "since" in response.json()["error"]["message"]
    response = control.get("/v1/problem-orders")
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"


def test_the_fetched_list_lands_on_the_worklist_once_with_phones(sim, gw, tmp_path):
    store = open_store(tmp_path / "desk.db")
    try:
        desk = IssueDesk(store, "小王")
        problems = gw.problem_orders()
        run_plan(desk, plan_gateway(desk, problems), source="gateway")
        run_plan(desk, plan_gateway(desk, gw.problem_orders()), source="gateway")  # the next pull, hours later
        items = worklist(desk)
        assert sorted(w.issue.order_no for w in items) == sorted(p.order_no for p in problems)
        assert {w.issue.order_no: w.phone for w in items} == {p.order_no: p.phone for p in problems}
    finally:
        store.close()
