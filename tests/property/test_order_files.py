"""The marketplace's order export, whatever arrives (issue 9): CSV in UTF-8/GBK/GB18030 and XLSX read back as
exactly the orders written; money is integer fen, read exactly or refused, never rounded; broken files, wrong
columns, bad dates and amounts give a plan with every bad line named or OrderFileError; an import that fails
half-way writes nothing."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from app.files.text import decode_text

from app.store import models as m
from app.store.engine import open_store
from app.store.limits import largest

from app.desk.money import parse_yuan
from app.desk.order_import import OrderFileError, OrderPlan, plan_import, run_import

from tests.property.strategies import (
    ENCODINGS,
    FULL_WIDTH,
    PROPERTY,
    SLOW,
    amount_text,
    any_char,
    broken_files,
    one_line,
    outcome,
    table_bytes,
    tried,
    unguarded,
    xlsx_safe,
    yuan_text_in,
)

FAMILY = "order exports"
MOST_FEN = largest(m.Order.amount_fen)  # ¥21,474,836.47: the store's column (an Integer) holds no more
MONEY = "amounts (money.parse_yuan)"
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
HEADER = ["订单编号", "买家会员名", "买家支付宝账号", "买家实际支付金额", "订单状态", "收货人姓名", "收货地址", "联系手机",
          "宝贝标题", "订单创建时间", "物流单号", "物流公司"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("orders") / "k.db")
    yield s
    s.close()


# --- money ------------------------------------------------------------------------------------------

@PROPERTY
@given(st.one_of(amount_text, st.text(any_char, max_size=12)))
@example("12,50")  # a decimal comma: once read as 1,250 yuan
@example("1,2,3")  # commas that group nothing: once read as 123 yuan
@example("12.345")
@example("1e5")
@example("-0")
@example("¥12.50")
@example("１２．５０")
def test_an_amount_is_read_exactly_or_refused(written):
    tried(MONEY)
    fen = outcome(lambda: parse_yuan(written), ValueError)
    if isinstance(fen, ValueError):
        assert "is not an amount" in str(fen)
        return
    # what was accepted is exactly what was written: a decimal number of yuan with at most two places
    plain = written.strip().translate(str.maketrans("０１２３４５６７８９．，－￥　\xa0", "0123456789.,-¥  "))
    number = re.sub(r"[¥元\s]", "", plain)
    assert re.fullmatch(r"-?(\d{1,9}|\d{1,3}(,\d{3}){1,2})(\.\d{1,2})?", number), written
    assert Decimal(number.replace(",", "")) * 100 == fen


@PROPERTY
@given(st.integers(-10**11 + 1, 10**11 - 1), st.sampled_from(("plain", "yen", "元", "commas", "full-width")))
def test_every_way_an_amount_is_written_reads_as_the_same_fen(fen, style):
    tried(MONEY)
    assert parse_yuan(yuan_text_in(fen, style)) == fen


# --- whole exports ----------------------------------------------------------------------------------

nick = one_line(1, 20).filter(unguarded)
when = st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2099, 12, 30)).map(
    lambda t: t.replace(second=0, microsecond=0))


@st.composite
def export_rows(draw: st.DrawFn, fmt: str) -> tuple[list[list[object]], list[tuple[str, str, int, datetime]]]:
    """Rows of a Taobao export, and what each order must read back as: (no, nick, fen, created at, UTC)."""
    nos = draw(st.lists(st.text("0123456789", min_size=6, max_size=30), min_size=1, max_size=6, unique=True))
    rows, expected = [], []
    for no in nos:
        who, fen, created = draw(nick), draw(st.integers(0, MOST_FEN)), draw(when)
        if fmt == "xlsx":
            assume(xlsx_safe(who))
            amount = draw(st.sampled_from((yuan_text_in(fen, "plain"), yuan_text_in(fen, "yen"), fen / 100)))
            at = draw(st.sampled_from((created, created.strftime("%Y-%m-%d %H:%M"))))
        else:
            amount = yuan_text_in(fen, draw(st.sampled_from(("plain", "yen", "元", "commas", "full-width"))))
            at = draw(st.sampled_from((created.strftime("%Y-%m-%d %H:%M:%S"), created.strftime("%Y/%m/%d %H:%M"),
                                       f"{created.year}/{created.month}/{created.day} {created.hour}:{created:%M}")))
        written_no = draw(st.sampled_from((no, f'="{no}"', "'" + no, no.translate(FULL_WIDTH))))
        rows.append([written_no, who, "a@example.com", amount, "已付款", "王", "杭州", "13800000000", "袜子", at, "",
                     ""])
        expected.append((no, who, fen, created.astimezone().astimezone(UTC)))
    return rows, expected


def same_text(saved: bytes, rows: list[list[object]]) -> bool:
    return decode_text(saved)[0] == table_bytes(rows, "csv").decode("utf-8").replace("\r\n", "\n")


def planned(store, data: bytes, fmt: str, **kwargs: object) -> object:
    tried(FAMILY)
    result = outcome(lambda: plan_import(store, data, fmt, now=NOW, **kwargs), OrderFileError)
    if isinstance(result, OrderPlan):
        for row in result.rows:
            assert re.fullmatch(r"[0-9]{6,30}", row.order.no) and row.order.amount_fen >= 0
            assert row.buyer_nick and 2000 <= row.order.created_at.year < 2101
        assert all(r.reason.strip() for r in result.rejected)
    return result


@PROPERTY
@given(data=st.data(), encoding=st.sampled_from(ENCODINGS))
def test_a_csv_export_in_any_chinese_encoding_reads_back_as_the_orders_written(store, data, encoding):
    rows, expected = data.draw(export_rows("csv"))
    saved = table_bytes([HEADER, *rows], "csv", encoding)
    assume(same_text(saved, [HEADER, *rows]))  # a GBK file that is valid UTF-8 too reads as UTF-8: no byte tells
    plan = planned(store, saved, "csv")
    assert isinstance(plan, OrderPlan) and plan.rejected == []
    assert [(r.order.no, r.buyer_nick, r.order.amount_fen, r.order.created_at) for r in plan.rows] == expected


@PROPERTY
@given(fen=st.integers(MOST_FEN + 1, 10**11 - 1), style=st.sampled_from(("plain", "yen", "元", "commas")))
def test_an_amount_the_store_cannot_hold_is_refused_with_the_limit_named(store, fen, style):
    row = ["3912345678901234567", "tb_a", "", yuan_text_in(fen, style), "", "", "", "", "", "", "", ""]
    plan = planned(store, table_bytes([HEADER, row], "csv"), "csv")
    assert isinstance(plan, OrderPlan) and plan.rows == []
    [refused] = plan.rejected
    assert refused.line == 2 and "is more than the store keeps (at most ¥21474836.47)" in refused.reason


@SLOW
@given(data=st.data())
def test_an_xlsx_export_reads_back_as_the_orders_written(store, data):
    rows, expected = data.draw(export_rows("xlsx"))
    plan = planned(store, table_bytes([HEADER, *rows], "xlsx"), "xlsx")
    assert isinstance(plan, OrderPlan) and plan.rejected == []
    assert [(r.order.no, r.buyer_nick, r.order.amount_fen, r.order.created_at) for r in plan.rows] == expected


cell = st.one_of(st.text(any_char, max_size=12), amount_text,
                 st.sampled_from(("0001-01-01T00:00+01:00", "9999-12-31 23:59-05:00", "1899-12-30 00:00", "2026/13/1",
                                  "2026-02-30", "2026年11月24日", "2026-11-24T10:00:00+08:00", '="391"', "'", "=",
                                  "3.912345678901235e+18", "３９１２３４５６", "NaN", "")))


@PROPERTY
@given(st.lists(st.lists(cell, max_size=len(HEADER) + 1), max_size=6),
       st.lists(st.sampled_from(HEADER + ["单号", "", "amount", "order no"]), min_size=0, max_size=14),
       st.sampled_from(ENCODINGS))
@example([["391234567890", "tb_a", "", "12,50", "", "", "", "", "", "0001-01-01T00:00+01:00"]], HEADER, "utf-8")
def test_any_cells_under_any_header_give_a_plan_or_a_clear_refusal(store, rows, header, encoding):
    result = planned(store, table_bytes([header, *rows], "csv", encoding), "csv")
    if isinstance(result, OrderFileError):
        assert "no column for" in str(result) or "empty" in str(result) or "CSV broken" in str(result)


@PROPERTY
@given(data=st.data())
def test_broken_or_random_bytes_give_a_plan_or_a_clear_refusal(store, data):
    fmt = data.draw(st.sampled_from(("csv", "xlsx")))
    valid = (st.sampled_from(WORKBOOKS) if fmt == "xlsx" else
             st.tuples(export_rows("csv"), st.sampled_from(ENCODINGS)).map(
                 lambda pair: table_bytes([HEADER, *pair[0][0]], "csv", pair[1])))
    planned(store, data.draw(broken_files(valid)), fmt)


WORKBOOKS = [table_bytes([HEADER, ["3912345678901234567", "tb_小美", "", 129.0, "", "", "", 13800000000.0, "",
                                   datetime(2026, 11, 20, 10, 11), "", ""]], "xlsx"),
             table_bytes([HEADER], "xlsx")]


@SLOW
@given(st.lists(st.lists(st.none() | st.integers(-10**20, 10**20) | st.floats() | st.booleans()
                         | st.datetimes(min_value=datetime(1900, 3, 1)) | one_line(0, 10).filter(xlsx_safe),
                         max_size=len(HEADER)), max_size=5))
def test_workbooks_of_any_cells_give_a_plan_or_a_clear_refusal(store, rows):
    planned(store, table_bytes([HEADER, *rows], "xlsx"), "xlsx")


def test_an_import_that_fails_half_way_writes_no_order(store):
    tried(FAMILY)
    rows = [["1000000000000000001", "甲", "", "1", "", "", "", "", "", "", "", ""],
            ["1000000000000000002", "乙", "", "2", "", "", "", "", "", "", "", ""]]
    with store.engine.begin() as connection:  # the disk gives up at the second order
        connection.execute(text("CREATE TRIGGER boom BEFORE INSERT ON shop_order WHEN NEW.no = '1000000000000000002' "
                                "BEGIN SELECT RAISE(ABORT, 'disk gave up'); END"))
    plan = plan_import(store, table_bytes([HEADER, *rows], "csv"), "csv", now=NOW)
    assert len(plan.rows) == 2
    with pytest.raises(IntegrityError, match="disk gave up"):
        run_import(store, plan, now=NOW)
    with store.reading() as s:
        assert list(s.scalars(select(m.Order.no))) == [] and list(s.scalars(select(m.OrderContact.order_no))) == []
