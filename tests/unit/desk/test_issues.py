"""Order issues through the desk layer: workflows, money rules, role limits, approvals, audit, fraud flags.
A real store file; the rules are what a script or a second front-end would meet too."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from app.store.engine import open_store
from app.store.issues import IssueFilter

from app.desk.issues import IssueDesk
from app.desk.money import parse_yuan
from app.desk.policy import Policy
from app.desk.refused import IssueRefused

from app import domain

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
ORDER = domain.Order("3912345678901234567", "b1", (domain.OrderItem("S1", "小鹿运动鞋", 1, 12900),), 12900,
                     "交易成功", NOW - timedelta(days=3), "中通快递", "73123456789012")


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "k.db")
    s.upsert_orders([ORDER, domain.Order("1000000000000000001", "b2", (), 2000, "交易成功", NOW)], NOW)
    yield s
    s.close()


@pytest.fixture
def desk(store):
    boss = IssueDesk(store, "店长", clock=lambda: NOW)
    boss.add_profile("店长", "supervisor", "secret-1")
    boss.add_profile("小李", "agent")
    return IssueDesk(store, "小李", clock=lambda: NOW)


def missing_item(desk: IssueDesk, order_no: str = ORDER.no):
    return desk.open_issue(stage="after_sale", category="missing_item", order_no=order_no, buyer_nick="tb_小美妈妈",
                           conversation_id="c1", evidence=[11, 12], note="少发一只袜子")


def test_money_is_parsed_exactly_and_malformed_amounts_are_refused():
    assert parse_yuan("12.5") == 1250 and parse_yuan("¥0.07") == 7 and parse_yuan("3元") == 300
    for bad in ("12.345", "1e3", "", "十二", "12,5.0.1"):
        with pytest.raises(ValueError, match="not an amount"):
            parse_yuan(bad)


def test_an_issue_is_opened_from_a_chat_with_its_evidence_and_audited(desk):
    issue = missing_item(desk)
    assert (issue.state, issue.owner, issue.buyer_id, issue.evidence) == ("open", "小李", "b1", (11, 12))
    assert desk.issues(IssueFilter(buyer_id="b1")) == [issue]
    assert desk.audit.audit_log(issue.id)[0].what == "issue opened"


def test_an_unknown_category_or_an_issue_without_order_or_buyer_is_refused(desk):
    with pytest.raises(IssueRefused, match="'bad_review' is not a after_sale category"):
        desk.open_issue(stage="after_sale", category="bad_review", order_no="1")
    with pytest.raises(IssueRefused) as refused:
        desk.open_issue(stage="in_sale", category="lost_parcel")
    assert refused.value.code == "missing_field"


def test_a_small_partial_refund_is_done_and_moves_the_issue_to_finance(desk):
    issue = missing_item(desk)
    outcome = desk.act(issue.id, "partial_refund", {"amount": "5.90", "reason": "少发袜子", "real_name": "王小美",
                                                    "alipay": "xm@example.com"})
    assert (outcome.action.status, outcome.action.amount_fen, outcome.needs_approval) == ("done", 590, "")
    assert desk.repo.issue(issue.id).state == "waiting_finance"
    entry = desk.audit.audit_log(issue.id)[-1]
    assert entry.who == "小李" and entry.what == "partial_refund: money action" and entry.after["amount_fen"] == 590


def test_over_the_agents_cap_becomes_an_approval_request_that_counts_for_nothing_until_approved(desk):
    issue = missing_item(desk)
    outcome = desk.act(issue.id, "partial_refund", {"amount": "20", "reason": "鞋子开胶"})
    assert outcome.action.status == "awaiting_approval" and "over ¥6.00 needs a supervisor" in outcome.needs_approval
    assert desk.repo.issue(issue.id).state == "open"
    with pytest.raises(IssueRefused, match="wrong password"):
        desk.approve(outcome.action.id, "店长", "guess")
    with pytest.raises(IssueRefused, match="not a supervisor"):
        desk.approve(outcome.action.id, "小李", "")
    approved = desk.approve(outcome.action.id, "店长", "secret-1")
    assert (approved.status, approved.decided_by) == ("done", "店长")
    assert [e.what for e in desk.audit.audit_log(issue.id)][-2:] == ["partial_refund: approval requested", "approved"]
    with pytest.raises(Exception, match="already decided"):
        desk.approve(outcome.action.id, "店长", "secret-1")


def test_the_agents_limit_is_known_before_recording_and_says_when_an_amount_goes_over_it(desk, store):
    issue = missing_item(desk)
    assert desk.limit("partial_refund") == "your limit: ¥6.00 and 30% of the order"
    assert desk.limit("price_rounding") == "your limit: 1% of the order, 3 roundings a day"
    assert desk.limit("gift") == "your limit: ¥20.00 a gift"
    assert desk.limit("full_refund") == desk.limit("reship") == ""  # the order's total caps it / no money
    assert desk.over_limit(issue.id, "partial_refund", 600) == ""
    assert "over ¥6.00 needs a supervisor" in desk.over_limit(issue.id, "partial_refund", 601)
    assert desk.over_limit(issue.id, "gift", 2001) == "a gift over ¥20.00 needs a supervisor"
    # exactly as recording decides it
    assert desk.act(issue.id, "partial_refund", {"amount": "6.01", "reason": "x"}).needs_approval == \
        desk.over_limit(issue.id, "partial_refund", 601)
    boss = IssueDesk(store, "店长", clock=lambda: NOW)
    assert boss.limit("partial_refund") == "" and boss.over_limit(issue.id, "partial_refund", 5000) == ""


def test_refunds_never_exceed_what_the_order_can_still_give_back(desk):
    issue = missing_item(desk)
    desk.act(issue.id, "partial_refund", {"amount": 500, "reason": "a"})
    with pytest.raises(IssueRefused) as refused:
        desk.act(issue.id, "partial_refund", {"amount": "125.00", "reason": "b"})
    assert refused.value.code == "over_order_total" and "(¥124.00 of ¥129.00)" in str(refused.value)
    full = desk.act(issue.id, "full_refund", {"reason": "退货退款"})
    assert full.action.amount_fen == 12400 and full.action.fields["amount"] == 12400
    with pytest.raises(IssueRefused, match="nothing left to refund"):
        desk.act(issue.id, "full_refund", {"reason": "again"})


def test_money_on_an_order_the_desk_does_not_know_is_refused_with_the_way_out(desk):
    issue = missing_item(desk, order_no="9999")
    with pytest.raises(IssueRefused, match="import the shop's order export"):
        desk.act(issue.id, "partial_refund", {"amount": "1", "reason": "x"})


def test_price_rounding_limits_per_order_share_and_per_day(desk, store):
    issue = desk.open_issue(stage="pre_sale", category="price_rounding", order_no=ORDER.no)
    assert desk.act(issue.id, "price_rounding", {"amount": "1.29"}).action.status == "done"  # 1 % of 129.00
    assert "over 1% of the order" in desk.act(issue.id, "price_rounding", {"amount": "1.30"}).needs_approval
    desk.act(issue.id, "price_rounding", {"amount": "0.50"})
    desk.act(issue.id, "price_rounding", {"amount": "0.50"})
    assert "more than 3 roundings a day" in desk.act(issue.id, "price_rounding", {"amount": "0.10"}).needs_approval
    # a supervisor acts without the agents' limits, and it is written down as an override
    boss = IssueDesk(store, "店长", clock=lambda: NOW)
    assert boss.act(issue.id, "price_rounding", {"amount": "5"}).action.status == "done"
    assert desk.audit.audit_log(issue.id)[-1].what == "price_rounding: override"


def test_the_policy_is_the_shops_and_only_a_supervisor_changes_it(desk):
    with pytest.raises(IssueRefused, match="wrong password"):
        desk.set_policy(Policy(partial_refund_max_fen=1000), "店长", "nope")
    desk.set_policy(Policy(partial_refund_max_fen=1000), "店长", "secret-1")
    issue = missing_item(desk)
    assert desk.act(issue.id, "partial_refund", {"amount": "9", "reason": "x"}).action.status == "done"
    changed = next(e for e in desk.audit.audit_log() if e.what == "policy changed")
    assert changed.who == "店长" and changed.after["partial_refund_max_fen"] == 1000


def test_a_return_tracking_no_seen_on_another_issue_is_flagged_before_money_goes_out(desk):
    first = missing_item(desk)
    desk.act(first.id, "return", {"shipping_paid_by": "buyer", "return_tracking_no": "SF1000"})
    other = desk.open_issue(stage="after_sale", category="return", order_no="1000000000000000001", buyer_nick="别人")
    outcome = desk.act(other.id, "return", {"shipping_paid_by": "shop", "return_tracking_no": "SF1000"})
    assert outcome.warnings and f"already used on issue {first.id}" in outcome.warnings[0]
    assert desk.audit.audit_log(other.id)[-1].after["warnings"] == list(outcome.warnings)


def test_a_closed_issue_takes_no_more_actions_until_reopened(desk):
    issue = missing_item(desk)
    resolved = desk.set_state(issue.id, "resolved", satisfaction=5)
    assert resolved.resolved_at == NOW and resolved.satisfaction == 5
    with pytest.raises(IssueRefused, match="reopen it first"):
        desk.act(issue.id, "contact", {"channel": "message", "result": "已回复"})
    desk.set_state(issue.id, "open")
    assert desk.act(issue.id, "contact", {"channel": "message", "result": "已回复"}).action.status == "done"


def test_the_audit_log_cannot_be_rewritten_even_with_the_file(desk, store):
    missing_item(desk)
    with store.engine.connect() as connection, pytest.raises(Exception, match="append-only"):
        connection.execute(text("UPDATE audit SET who = 'nobody'"))
    with store.engine.connect() as connection, pytest.raises(Exception, match="append-only"):
        connection.execute(text("DELETE FROM audit"))


def test_follow_ups_come_due_in_order(desk):
    later = desk.open_issue(stage="in_sale", category="tracking_timeout", order_no=ORDER.no,
                            follow_up_at=NOW + timedelta(days=2))
    sooner = desk.open_issue(stage="in_sale", category="unclear_address", order_no=ORDER.no,
                             follow_up_at=NOW + timedelta(hours=2))
    due = desk.issues(IssueFilter(states=("open",), due_before=NOW + timedelta(days=3)))
    assert [i.id for i in due] == [sooner.id, later.id]


def test_five_wrong_sizes_on_one_item_in_a_day_are_a_cluster_not_five_buyers(desk, store):
    sku = domain.OrderItem("XL-RUN-25", "小鹿运动鞋 25码", 1, 12900)
    orders = [domain.Order(f"20000000000000000{n}", f"b{n}", (sku,), 12900, "交易成功", NOW) for n in range(6)]
    store.upsert_orders(orders, NOW)
    opened = [desk.open_issue(stage="after_sale", category="wrong_item", order_no=o.no) for o in orders[:4]]
    assert desk.cluster_around(opened[-1]) is None  # four could still be chance
    fifth = desk.open_issue(stage="after_sale", category="wrong_item", order_no=orders[4].no)
    cluster = desk.cluster_around(fifth)
    assert cluster is not None and cluster.item == "小鹿运动鞋 25码" and len(cluster.issues) == 5
    other = desk.open_issue(stage="after_sale", category="damage", order_no=orders[5].no)
    assert desk.cluster_around(other) is None  # another problem on the same item is not the same cluster


def test_photos_are_kept_by_hash_on_the_issue_and_a_file_that_is_not_one_stops_the_lot(desk, tmp_path):
    from tests.conftest import png_bytes

    issue = missing_item(desk)
    (tmp_path / "包裹.png").write_bytes(png_bytes(8, 8))
    (tmp_path / "面单.png").write_bytes(png_bytes(8, 9))
    (tmp_path / "说明.pdf").write_bytes(b"%PDF-1.7")
    with pytest.raises(IssueRefused, match="说明.pdf: not a PNG"):
        desk.attach_photos(issue.id, [tmp_path / "包裹.png", tmp_path / "说明.pdf"])
    assert desk.repo.issue(issue.id).photos == ()
    kept = desk.attach_photos(issue.id, [tmp_path / "包裹.png", tmp_path / "面单.png", tmp_path / "包裹.png"])
    assert len(kept.photos) == 2 and all(desk.store.images.has(p) for p in kept.photos)
    assert desk.audit.audit_log(issue.id)[-1].what == "photos attached"


def test_the_buyers_pictures_among_the_chosen_messages_become_the_issues_photos(desk, store):
    from tests.conftest import png_bytes

    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_小美妈妈"), "active", NOW))
    photo = store.images.put(png_bytes(rgb=(200, 30, 30)))
    missing = "a" * 64  # a picture whose bytes never arrived: referenced, not kept as a photo
    ids = [store.ingest_message(domain.Message(mid, "c1", "in", text, NOW, image=image))[0].id
           for mid, text, image in (("m1", "收到的鞋子压坏了", ""), ("m2", "", photo), ("m3", "", missing))]
    issue = desk.open_issue(stage="after_sale", category="damage", order_no=ORDER.no, buyer_id="b1",
                            conversation_id="c1", evidence=ids)
    assert issue.photos == (photo,) and issue.evidence == tuple(ids)
    assert desk.issues(IssueFilter(buyer_id="b1"))[0].photos == (photo,)
