"""The in-sale problem-order list, whatever arrives (issue 9): a back-end's export in any Chinese encoding or
XLSX reads back as the problems written; broken files, unknown categories, bad phones and times give a plan
with every bad line named or OrderFileError; a list that fails half-way opens no issue."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.files.text import decode_text

from app.store.engine import open_store
from app.store.issues import IssueFilter

from app.desk.issues import IssueDesk
from app.desk.order_import import OrderFileError
from app.desk.problem_orders import CATEGORY_WORDS, ProblemPlan, plan_file, run_plan

from tests.property.strategies import (
    ENCODINGS,
    PROPERTY,
    SLOW,
    any_char,
    broken_files,
    one_line,
    outcome,
    table_bytes,
    tried,
    unguarded,
    xlsx_safe,
)

FAMILY = "problem-order lists"
T0 = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
HEADER = ["订单编号", "买家会员名", "问题类型", "问题描述", "联系手机", "发现时间"]


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("problems") / "k.db")
    yield IssueDesk(store, "小王", clock=lambda: T0)
    store.close()


def planned(desk, data: bytes, fmt: str) -> object:
    tried(FAMILY)
    result = outcome(lambda: plan_file(desk, data, fmt, now=T0), OrderFileError)
    if isinstance(result, ProblemPlan):
        for row in result.rows:
            assert row.order_no.isascii() and row.order_no.isdigit() and row.category in CATEGORY_WORDS
            assert len(row.detail) <= 2000 and (not row.phone or row.phone.lstrip("+").isdigit())
        assert all(r.reason.strip() for r in result.rejected)
    return result


@st.composite
def problem_rows(draw: st.DrawFn, fmt: str) -> tuple[list[list[object]], list[tuple[str, str, str, str, datetime]]]:
    nos = draw(st.lists(st.text("0123456789", min_size=6, max_size=25), min_size=1, max_size=5, unique=True))
    rows, expected = [], []
    for no in nos:
        category = draw(st.sampled_from(sorted(CATEGORY_WORDS)))
        word = draw(st.sampled_from((category, *CATEGORY_WORDS[category])))
        detail = draw(one_line(0, 40).filter(lambda d: xlsx_safe(d) and unguarded(d)))
        phone = draw(st.text("0123456789", min_size=5, max_size=15))
        at = draw(st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2099, 12, 30))).replace(
            second=0, microsecond=0)
        shown_phone = draw(st.sampled_from((phone, f"{phone[:3]} {phone[3:]}", f"{phone[:3]}-{phone[3:]}",
                                            phone.translate(str.maketrans("0123456789", "０１２３４５６７８９")))))
        written_at = at if fmt == "xlsx" and draw(st.booleans()) else draw(st.sampled_from(
            (at.strftime("%Y-%m-%d %H:%M"), at.strftime("%Y/%m/%d %H:%M"), f"{at.year}/{at.month}/{at.day} {at:%H:%M}")))
        rows.append([no, "tb_买家", word, detail, shown_phone, written_at])
        expected.append((no, category, detail, phone, at.astimezone().astimezone(UTC)))
    return rows, expected


@PROPERTY
@given(data=st.data(), encoding=st.sampled_from(ENCODINGS))
def test_a_list_in_any_chinese_encoding_reads_back_as_the_problems_written(desk, data, encoding):
    rows, expected = data.draw(problem_rows("csv"))
    saved = table_bytes([HEADER, *rows], "csv", encoding)
    # a GBK file that is valid UTF-8 too reads as UTF-8: no byte tells the two apart
    assume(decode_text(saved)[0] == table_bytes([HEADER, *rows], "csv").decode().replace("\r\n", "\n"))
    plan = planned(desk, saved, "csv")
    assert isinstance(plan, ProblemPlan) and plan.rejected == []
    assert [(r.order_no, r.category, r.detail, r.phone, r.reported_at) for r in plan.rows] == expected


@SLOW
@given(data=st.data())
def test_an_xlsx_list_reads_back_as_the_problems_written(desk, data):
    rows, expected = data.draw(problem_rows("xlsx"))
    plan = planned(desk, table_bytes([HEADER, *rows], "xlsx"), "xlsx")
    assert isinstance(plan, ProblemPlan) and plan.rejected == []
    assert [(r.order_no, r.category, r.detail, r.phone, r.reported_at) for r in plan.rows] == expected


cell = st.one_of(st.text(any_char, max_size=12), st.sampled_from(
    ("超区", "缺货超区", "物流超时", "0001-01-01T00:00+01:00", "9999-12-31 23:59-05:00", "2026/2/30 9:00", "1899-12-30",
     "+86 138-0013-8000", "138００１３８０００", "３９１２３４５６７８", "x" * 2001, "")))


@PROPERTY
@given(st.lists(st.lists(cell, max_size=7), max_size=6),
       st.lists(st.sampled_from(HEADER + ["问题", "category", "", "备注"]), max_size=8), st.sampled_from(ENCODINGS))
@example([["391234567890", "b", "超区", "d", "", "0001-01-01T00:00+01:00"]], HEADER, "utf-8")  # once an OverflowError
def test_any_cells_under_any_header_give_a_plan_or_a_clear_refusal(desk, rows, header, encoding):
    planned(desk, table_bytes([header, *rows], "csv", encoding), "csv")


WORKBOOKS = [table_bytes([HEADER, ["3912000000000000001", "tb_果果妈妈", "超区", "新疆", 13800138001.0,
                                   datetime(2026, 11, 24, 9, 10)]], "xlsx")]


@PROPERTY
@given(data=st.data())
def test_broken_or_random_bytes_give_a_plan_or_a_clear_refusal(desk, data):
    fmt = data.draw(st.sampled_from(("csv", "xlsx")))
    valid = (st.sampled_from(WORKBOOKS) if fmt == "xlsx" else
             st.tuples(problem_rows("csv"), st.sampled_from(ENCODINGS)).map(
                 lambda pair: table_bytes([HEADER, *pair[0][0]], "csv", pair[1])))
    planned(desk, data.draw(broken_files(valid)), fmt)


def test_a_list_that_fails_half_way_opens_no_issue(desk):
    tried(FAMILY)
    rows = [["3912000000000000001", "甲", "超区", "新疆", "", ""], ["3912000000000000002", "乙", "缺货", "白色", "", ""]]
    with desk.store.engine.begin() as connection:  # the disk gives up at the second problem
        connection.execute(text("CREATE TRIGGER boom BEFORE INSERT ON issue WHEN NEW.order_no = '3912000000000000002' "
                                "BEGIN SELECT RAISE(ABORT, 'disk gave up'); END"))
    plan = plan_file(desk, table_bytes([HEADER, *rows], "csv", "gbk"), "csv", now=T0)
    assert plan.new == 2
    with pytest.raises(IntegrityError, match="disk gave up"):
        run_plan(desk, plan, source="problems.csv")
    assert desk.repo.issues(IssueFilter()) == []
