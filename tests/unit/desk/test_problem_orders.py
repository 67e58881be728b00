"""The in-sale problem-order list: imported from a back-end export (GBK CSV, XLSX) into issues, deduplicated on
every re-import, and worked through message → wait 2 days → phone, with every attempt logged. Real store file."""

from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from openpyxl import Workbook
from sqlalchemy import text

from app.store.engine import open_store
from app.store.errors import StoreFull
from app.store.issues import IssueFilter

from app.desk.issues import IssueDesk
from app.desk.order_import import OrderFileError
from app.desk.problem_orders import category_label, category_of, plan_file, plan_gateway, run_plan
from app.desk.reports import Reports
from app.desk.worklist import counts, worklist

from app import domain

T0 = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
HEADER = "订单编号,买家会员名,问题类型,问题描述,联系手机,发现时间\r\n"
LIST = (HEADER
        + "3912000000000000001,tb_果果妈妈,超区,收货地址在新疆阿勒泰，中通不派送,13800138001,2026-11-24 09:10\r\n"
        + "3912000000000000002,豆豆8899,地址不详,收货地址只写到小区，没有门牌号,139 0013 8002,2026-11-24 09:12\r\n"
        + "3912000000000000003,晨曦baby,缺货,白蓝30码缺货,,2026-11-24 09:15\r\n")


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def desk(tmp_path, clock):
    store = open_store(tmp_path / "k.db")
    yield IssueDesk(store, "小王", clock=clock)
    store.close()


def imported(desk, text=LIST, encoding="gbk"):
    plan = plan_file(desk, text.encode(encoding), "csv")
    run_plan(desk, plan, source="problems.csv")
    return plan


def test_a_gbk_problem_list_becomes_in_sale_issues_due_at_once_with_phones_kept(desk, clock):
    plan = imported(desk)
    assert (plan.new, plan.encoding, plan.rejected) == (3, "gb18030", [])
    issues = {i.order_no: i for i in desk.issues(IssueFilter(stage="in_sale"))}
    assert issues["3912000000000000001"].category == "out_of_area"
    assert issues["3912000000000000002"].note == "收货地址只写到小区，没有门牌号"
    assert {i.state for i in issues.values()} == {"open"}
    items = worklist(desk)
    assert [w.step for w in items] == ["message"] * 3 and all(w.overdue(clock.now) for w in items)
    phones = {w.issue.order_no: w.phone for w in items}
    assert phones == {"3912000000000000001": "13800138001", "3912000000000000002": "13900138002",
                      "3912000000000000003": ""}
    assert desk.audit.audit_log()[-1].what == "problem orders imported"


def test_reimporting_the_list_every_few_hours_never_duplicates_and_refreshes_details(desk):
    imported(desk)
    again = LIST.replace("白蓝30码缺货", "白蓝30码缺货，预计周五到货")
    plan = imported(desk, again)
    assert (plan.new, plan.refreshed, plan.unchanged) == (0, 1, 2)
    issues = desk.issues(IssueFilter(stage="in_sale"))
    assert len(issues) == 3
    assert next(i for i in issues if i.category == "out_of_stock").note == "白蓝30码缺货，预计周五到货"


def test_a_problem_the_desk_resolved_is_reported_not_reopened(desk):
    imported(desk)
    first = next(i for i in desk.issues(IssueFilter(stage="in_sale")) if i.category == "out_of_area")
    desk.set_state(first.id, "resolved")
    plan = imported(desk)
    assert (plan.new, plan.resolved_before) == (0, 1)
    assert desk.repo.issue(first.id).state == "resolved"


def test_bad_lines_are_named_one_by_one_and_the_whole_file_is_judged_before_anything_is_written(desk):
    bad = (HEADER + "3912000000000000001,tb_果果妈妈,超区,新疆,13800138001,2026-11-24 09:10\r\n"
           + "39120000000A,豆豆8899,地址不详,没有门牌号,,\r\n"
           + "3912000000000000003,晨曦baby,天气不好,下雨,,\r\n"
           + "3912000000000000004,小鱼儿爸爸,缺货,缺货,call me,\r\n"
           + "3912000000000000005,七七小姐姐,缺货,缺货,,昨天下午\r\n")
    plan = plan_file(desk, bad.encode("utf-8-sig"), "csv")
    assert [r.line for r in plan.rejected] == [3, 4, 5, 6]
    assert "not a number" in plan.rejected[0].reason
    assert "'天气不好' is not one the desk knows" in plan.rejected[1].reason
    assert "not a phone number" in plan.rejected[2].reason
    assert "not a date" in plan.rejected[3].reason
    assert desk.issues(IssueFilter(stage="in_sale")) == []  # planning writes nothing


def test_a_file_without_the_needed_columns_says_which_and_how_to_map_them_and_the_mapping_is_remembered(desk):
    odd = "单号,异常,说明\r\n3912000000000000009,超出配送范围,西藏\r\n"
    with pytest.raises(OrderFileError, match="no column for category, no.*--map category=问题类型"):
        plan_file(desk, odd.encode(), "csv")
    plan = plan_file(desk, odd.encode(), "csv", mapping={"no": "单号", "category": "异常"})
    run_plan(desk, plan, source="odd.csv")
    assert desk.issues(IssueFilter(stage="in_sale"))[0].category == "out_of_area"
    assert plan_file(desk, odd.encode(), "csv").unchanged == 1  # the mapping was remembered for the next import


def test_an_xlsx_list_imports_like_the_csv(desk):
    book = Workbook()
    sheet = book.active
    sheet.append(["订单编号", "买家会员名", "异常类型", "异常描述"])
    sheet.append(["3912000000000000011", "tb_朵朵", "物流超时", "3天没有物流更新"])
    sheet.append(["3912000000000000012", "果果麻麻", "丢件", "快递说包裹丢了"])
    sheet.append([3912000000000000013, "七七小姐姐", "超区", "Excel turned the order no. into a rounded number"])
    data = BytesIO()
    book.save(data)
    plan = plan_file(desk, data.getvalue(), "xlsx")
    assert {r.category for r in plan.rows} == {"tracking_timeout", "lost_parcel"}
    assert [r.line for r in plan.rejected] == [4]
    assert "saved as a number and Excel rounded it" in plan.rejected[0].reason


def test_categories_are_read_from_the_back_ends_wording():
    assert category_of("超区") == "out_of_area" and category_of("地址不完整") == "unclear_address"
    assert category_of("异常：包裹丢失") == "lost_parcel" and category_of("lost_parcel") == "lost_parcel"
    assert category_of("天气") is None and category_of("") is None
    assert category_label("free_shipping_not_met") == "未满足包邮"


def test_the_gateways_list_goes_through_the_same_dedupe(desk):
    problem = domain.ProblemOrder("3912000000000000001", "out_of_area", "tb_果果妈妈", "新疆阿勒泰", T0, "13800138001")
    assert plan_gateway(desk, [problem, problem]).repeated == 1
    run_plan(desk, plan_gateway(desk, [problem]), source="gateway")
    imported(desk)
    assert len(desk.issues(IssueFilter(stage="in_sale", order_no=problem.order_no))) == 1


def test_no_answer_to_a_message_within_two_days_moves_the_problem_to_phone(desk, clock):
    imported(desk)
    issue = next(i for i in desk.issues(IssueFilter(stage="in_sale")) if i.category == "unclear_address")
    desk.act(issue.id, "contact", {"channel": "message", "result": "发了补充门牌号的消息"})
    assert desk.repo.issue(issue.id).state == "waiting_buyer"
    clock.now = T0 + timedelta(days=1)
    desk.act(issue.id, "contact", {"channel": "message", "result": "再提醒一次"})  # a reminder does not reset the clock
    clock.now = T0 + timedelta(days=1, hours=23)
    assert _item(desk, issue).step == "waiting"
    clock.now = T0 + timedelta(days=2, minutes=1)
    item = _item(desk, issue)
    assert (item.step, item.phone, item.attempts) == ("phone", "13900138002", 2)
    assert item.overdue(clock.now) and item.due_at == T0 + timedelta(days=2)
    assert [w.issue.id for w in worklist(desk, step="phone")] == [issue.id]
    desk.act(issue.id, "contact", {"channel": "phone", "result": "无人接听"})
    item = _item(desk, issue)
    assert item.step == "phone" and not item.overdue(clock.now)  # try again later
    desk.act(issue.id, "contact", {"channel": "phone", "result": "买家补充了门牌号 3 单元 502", "answered": True,
                                   "next_try": (clock.now + timedelta(days=1)).isoformat()})
    item = _item(desk, issue)
    assert (item.step, item.attempts, desk.repo.issue(issue.id).state) == ("follow_up", 4, "open")
    assert [a.fields["result"] for a in desk.actions(issue.id)][-1] == "买家补充了门牌号 3 单元 502"


def test_a_buyer_who_wrote_back_in_the_chat_counts_as_an_answer(desk, clock):
    store = desk.store
    store.upsert_orders([domain.Order("3912000000000000001", "b7", (), 5000, "已付款", T0)], T0)
    imported(desk)
    issue = next(i for i in desk.issues(IssueFilter(stage="in_sale")) if i.order_no == "3912000000000000001")
    assert issue.buyer_id == "b7"  # linked to the gateway's buyer through the order
    desk.act(issue.id, "contact", {"channel": "message", "result": "问能否改寄到乌鲁木齐"})
    store.upsert_conversation(domain.Conversation("c7", domain.Buyer("b7", "果果妈妈"), "active", T0))
    store.ingest_message(domain.Message("m1", "c7", "in", "可以，改到乌鲁木齐市天山区", T0 + timedelta(hours=3)))
    clock.now = T0 + timedelta(days=3)
    assert _item(desk, issue).step == "follow_up"


def test_the_worklist_is_counted_per_step_and_category_and_the_table_uses_the_floors_words(desk, clock):
    imported(desk)
    steps, categories = counts(worklist(desk))
    assert steps == {"message": 3} and categories == {"out_of_area": 1, "unclear_address": 1, "out_of_stock": 1}
    table = Reports(desk.store).problem_orders("2026-11-24")
    assert table.headers[:4] == ("分类", "订单号", "买家", "说明")
    assert {row[0] for row in table.rows} == {"超区", "地址不详", "缺货"}


def _item(desk, issue):
    return next(w for w in worklist(desk) if w.issue.id == issue.id)


def test_a_line_the_store_cannot_keep_is_refused_with_its_column_and_limit(desk):
    listing = HEADER + f"3912000000000000001,{'买' * 101},超区,新疆不派送,,2026-11-24 09:10\r\n"
    plan = plan_file(desk, listing.encode("gbk"), "csv")
    assert [(r.line, r.reason) for r in plan.rejected] == [
        (2, "买家会员名 is 101 characters, more than the store keeps (100): not imported")]


def test_an_import_that_fails_midway_keeps_nothing(desk):
    with desk.store.engine.begin() as db:  # the store refuses the third new issue, as a full disk would
        db.execute(text("CREATE TRIGGER third_fails BEFORE INSERT ON issue WHEN (SELECT count(*) FROM issue) >= 2 "
                        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"))
    with pytest.raises(StoreFull):
        imported(desk)
    assert desk.issues(IssueFilter(stage="in_sale")) == [] and desk.audit.audit_log() == []
    assert desk.repo.phones(["3912000000000000001"], []) == ({}, {})


def test_the_gateways_problem_with_a_nick_the_store_cannot_keep_is_a_bad_line_not_a_crash(desk):
    # the protocol allows 200 characters, the store's column 100: on the team's server the write would fail
    good = domain.ProblemOrder("3912000000000000001", "out_of_area", "tb_果果妈妈", "新疆阿勒泰", T0)
    long = domain.ProblemOrder("3912000000000000002", "out_of_stock", "买" * 150, "缺货", T0)
    plan = plan_gateway(desk, [good, long])
    assert [(r.line, str(r.reason)) for r in plan.rejected] == [
        (2, "buyer_nick is 150 characters, more than the store keeps (100): not imported")]
    assert run_plan(desk, plan, source="gateway") and len(desk.issues(IssueFilter(stage="in_sale"))) == 1


def test_a_long_list_that_fails_after_its_first_batches_is_undone_and_the_log_says_so(desk):
    """A long list is written in short batches (app/store/batches.py): a failure after some of them were committed
    removes their issues again; the audit log, append-only, keeps their "issue opened" entries and says the
    import was undone, naming them, and its chain still verifies."""
    from app.store import audit_chain

    rows = "".join(f"39120000000000{n:05d},买家{n},缺货,白蓝{n}码缺货,,2026-11-24 09:10\r\n" for n in range(120))
    with desk.store.engine.begin() as db:
        db.execute(text("CREATE TRIGGER past_80_fails BEFORE INSERT ON issue WHEN (SELECT count(*) FROM issue) >= 80 "
                        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"))
    with pytest.raises(StoreFull):
        imported(desk, HEADER + rows)
    assert desk.issues(IssueFilter(stage="in_sale")) == []
    log = desk.audit.audit_log()
    opened = [entry for entry in log if entry.what == "issue opened"]
    assert opened, "batches were committed before the failure"
    [undone] = [entry for entry in log if entry.what == "import undone"]
    assert undone.after["import"] == "problem_orders"
    assert sorted(undone.after["removed"]["issue"]) == sorted(entry.issue_id for entry in opened)
    assert audit_chain.verify_store(desk.store.engine).broken is None
