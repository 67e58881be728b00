"""Finance's reconciliation sheet, whatever arrives (issue 9): the amount finance wrote is compared exactly, in
fen, however it was written; a broken sheet gives marks with each bad line named, or OrderFileError."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.store.engine import open_store

from app.desk.issues import IssueDesk
from app.desk.money import yuan_text
from app.desk.order_import import OrderFileError
from app.desk.reconcile import reconcile

from app import domain
from tests.property.strategies import (
    ENCODINGS,
    PROPERTY,
    amount_text,
    any_char,
    broken_files,
    outcome,
    table_bytes,
    tried,
    yuan_text_in,
)

FAMILY = "finance reconciliation sheets"
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
DAY = NOW.astimezone().strftime("%Y-%m-%d")
ORDER = domain.Order("3912345678901234567", "b1", (domain.OrderItem("S1", "小鹿运动鞋", 1, 12900),), 12900,
                     "交易成功", NOW - timedelta(days=3), "中通快递", "7312", "浙江省杭州市文三路88号")
REFUND_FEN = 590


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("finance") / "k.db")
    s.upsert_orders([ORDER], NOW)
    desk = IssueDesk(s, "小李", clock=lambda: NOW)
    issue = desk.open_issue(stage="after_sale", category="missing_item", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
    desk.act(issue.id, "partial_refund", {"amount": yuan_text(REFUND_FEN), "reason": "少发袜子", "alipay": "xm@example.com"})
    yield s
    s.close()


def marked(store, data: bytes, fmt: str) -> object:
    tried(FAMILY)
    result = outcome(lambda: reconcile(store, data, fmt, DAY, who="财务"), OrderFileError)
    if isinstance(result, list):
        assert all(m.result in ("matched", "mismatched", "not_in_sheet", "not_in_desk") for m in result)
    return result


@PROPERTY
@given(fen=st.integers(0, 10**11 - 1), style=st.sampled_from(("plain", "yen", "元", "commas", "full-width")),
       encoding=st.sampled_from(ENCODINGS), others=st.lists(st.integers(0, 10**6), max_size=3))
def test_finances_amount_is_compared_exactly_however_it_is_written(store, fen, style, encoding, others):
    rows = [["订单号", "金额", "支付宝"], [ORDER.no, yuan_text_in(fen, style), "xm@example.com"]]
    rows += [[f"100000000000000{n}", yuan_text_in(other, style), ""] for n, other in enumerate(others)]
    marks = marked(store, table_bytes(rows, "csv", encoding), "csv")
    assert [(m.order_no, m.result, m.detail) for m in marks] == [
        (ORDER.no, "matched", "") if fen == REFUND_FEN else
        (ORDER.no, "mismatched", f"amount ¥{yuan_text(REFUND_FEN)} → ¥{yuan_text(fen)}")] + [
        (f"100000000000000{n}", "not_in_desk", f"¥{yuan_text(other)}") for n, other in enumerate(others)]


@PROPERTY
@given(st.lists(st.lists(st.one_of(st.text(any_char, max_size=10), amount_text), max_size=4), max_size=5),
       st.lists(st.sampled_from(("订单号", "订单编号", "金额", "退款金额", "支付宝", "amount", "", "备注")), max_size=5),
       st.sampled_from(ENCODINGS))
def test_any_cells_under_any_header_give_marks_or_a_clear_refusal(store, rows, header, encoding):
    result = marked(store, table_bytes([header, *rows], "csv", encoding), "csv")
    if isinstance(result, list):  # a line whose amount is not one is named, never counted as some amount
        assert all(m.detail.startswith(("line ", "¥", "amount ")) or m.detail == "" for m in result)


@PROPERTY
@given(data=st.data())
def test_broken_or_random_bytes_give_marks_or_a_clear_refusal(store, data):
    fmt = data.draw(st.sampled_from(("csv", "xlsx")))
    valid = st.sampled_from(SHEETS[fmt])
    marked(store, data.draw(broken_files(valid)), fmt)


SHEETS = {fmt: [table_bytes([["订单号", "金额", "支付宝"], [ORDER.no, "5.90", "xm@example.com"],
                             ["1999999999999999999", 8.0 if fmt == "xlsx" else "8.00", "who@example.com"]], fmt, "gbk")]
          for fmt in ("csv", "xlsx")}
