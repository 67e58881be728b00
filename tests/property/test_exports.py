"""What the desk writes for finance, the warehouse and other tools, whatever buyers typed (issue 17): every XLSX
opens with openpyxl, no cell is a formula, each text reads back as app/safe_text.py's visible form (control
characters as ␛ and the like, Excel's _xHHHH_ decoded as Excel decodes it), numbers stay numbers; every CSV
opens with csv, no cell starts a formula, and the phrase importer reads its own export back unchanged; the
tab-separated table printed on the terminal holds nothing a terminal obeys and no formula either."""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import load_workbook

from app.safe_text import FORMULA_STARTS, formula_like, xlsx_text

from app.quickreplies.formats.registry import export, parse
from app.quickreplies.phrase import Phrase
from app.store.engine import open_store

from app.desk.issues import IssueDesk
from app.desk.money import Money
from app.desk.reports import KINDS, Reports, Table, write_xlsx
from app.desk.review import KPI_HEADERS

from app import domain
from app.cli.report import print_tsv
from tests.conftest import obeyed_by_a_terminal
from tests.property.strategies import PROPERTY, SLOW, any_char, tried

FAMILY = "exports"
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
DAY = NOW.astimezone().strftime("%Y-%m-%d")
ORDER_NO = "3912345678901234567"
DAYS = itertools.count()

# what starts a formula, what hides before it, what no file may hold, what Excel decodes, what reorders text
PREFIXES = ["=", "+", "-", "@", "\t", "\r", "\x00", " =", "\u3000=", "\xa0+", "\u200b@", "\ufeff-", "＝", "＋", "－",
            "＠", "﹦", "'=", "''+", "\n=", "\x1b="]
EDGES = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))] + [
    "\ufffe", "\uffff", "\u202e", "\u2066", "\u200d", "\u2028", "\ufdd0", "\U0010fffd", "\r\n", "_x0041_", "_x005F_",
    "_xD800_", "'", "\"", ",", "=cmd|' /C calc'!A0", "=HYPERLINK(\"http://evil.example\",\"点我\")", "亲", "😊"]
hostile = st.one_of(
    st.text(any_char, max_size=40),
    st.tuples(st.sampled_from(PREFIXES), st.text(any_char, max_size=20)).map("".join),
    st.lists(st.sampled_from(EDGES + PREFIXES), max_size=12).map("".join),
)
numbers = st.one_of(st.integers(-10**6, 10**9), st.decimals(min_value=-10**6, max_value=10**8, places=2,
                                                              allow_nan=False, allow_infinity=False))
amounts = st.integers(-10**11, 10**11).map(Money)  # a table's money cell: whole fen


def excel_shows(value: object) -> object:
    """A cell's value as Excel and WPS show it: their _xHHHH_ escapes decoded."""
    if not isinstance(value, str):
        return value
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m[1], 16)), value)


def opened_xlsx(data: bytes) -> list[list[object]]:
    """The first sheet's rows as shown, after checking the file opens, no cell is a formula and every
    formula-like text carries Excel's quote prefix."""
    rows = []
    for row in load_workbook(io.BytesIO(data)).active.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"{cell.coordinate} is a formula: {cell.value!r}"
            if isinstance(cell.value, str):
                assert cell.data_type == "s"
                assert cell.quotePrefix or not formula_like(cell.value), cell.value
        rows.append([excel_shows(cell.value) for cell in row])
    return rows


def as_written(value: object) -> object:
    """What a table's cell should read back as: text in its visible form (an empty one is an empty cell), money
    and counts as the numbers they are."""
    if isinstance(value, str):
        return excel_shows(xlsx_text(value)) or None
    if isinstance(value, Money):
        return float(value.yuan())
    return float(value) if isinstance(value, Decimal) else value


@st.composite
def tables(draw: st.DrawFn) -> Table:
    shape = draw(st.sampled_from([*KINDS, "kpi"]))
    if shape == "kpi":
        headers, money = KPI_HEADERS, (13,)
    else:
        headers = {"refunds": 7, "reships": 7, "returns": 7, "complaints": 6, "reviews": 8, "problem-orders": 9}[shape]
        headers, money = tuple(f"列{i}" for i in range(headers)), (3,) if shape == "refunds" else ()
    rows = draw(st.lists(st.tuples(*[amounts if i in money else (hostile | numbers) for i in range(len(headers))]),
                         min_size=1, max_size=4))
    return Table(shape, headers, rows)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("exports")


@PROPERTY
@given(table=tables())
@example(Table("退款信息表", ("a", "b"), [("=1+1\x1b\x0b", Money(590)), ("\ufffe_x0041_" + "亲" * 40_000, 3)]))
def test_every_table_opens_with_text_as_text_and_numbers_as_numbers(folder, table):
    tried(FAMILY)
    target = folder / "table.xlsx"
    write_xlsx(table, target)
    [header, *rows] = opened_xlsx(target.read_bytes())
    assert tuple(header) == table.headers
    assert rows == [[as_written(value) for value in row] for row in table.rows]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("store") / "k.db")
    yield s
    s.close()


@SLOW
@given(nick=hostile, words=hostile, detail=hostile)
@example(nick="=HYPERLINK(\"http://evil.example\")", words="\x1b]0;x\x07", detail="\x0b\x00\x7f\x9b")
def test_the_days_tables_from_the_store_open_whatever_the_buyer_typed(store, folder, nick, words, detail):
    tried(FAMILY)
    now = NOW + timedelta(days=next(DAYS))  # a day of its own: each example's tables hold its rows alone
    store.upsert_orders([domain.Order(ORDER_NO, "b1", (domain.OrderItem("S1", words, 1, 100),), 1_000_000, "交易成功",
                                      now, "", "", detail)], now)  # the address and the item as a buyer gave them
    desk = IssueDesk(store, "小李", clock=lambda: now)
    # the desk strips a field's ends and wants words in the required ones: the tail keeps them there
    issue = desk.open_issue(stage="after_sale", category="damage", order_no=ORDER_NO, buyer_nick=nick + "尾")
    desk.act(issue.id, "partial_refund", {"amount": "1", "reason": words + "尾", "real_name": detail[:500]})
    desk.act(issue.id, "reship", {"items": detail + "尾", "reason": words + "尾", "courier": nick[:40]})
    desk.act(issue.id, "return", {"shipping_paid_by": "buyer", "reason": words[:500]})
    desk.act(issue.id, "complaint", {"problem": "damage", "detail": detail[:500], "packer": words[:40]})
    review = desk.open_issue(stage="bad_review", category="bad_review", buyer_nick=nick + "尾")
    desk.act(review.id, "review_outcome", {"group": 1, "review_text": words[:2000], "changed": True})
    problem = desk.open_issue(stage="in_sale", category="unclear_address", buyer_nick=nick + "尾", note=detail)
    for kind in KINDS:
        table = Reports(store).table(kind, now.astimezone().strftime("%Y-%m-%d"))
        assert table.rows
        target = folder / f"{kind}.xlsx"
        write_xlsx(table, target)
        [_header, *rows] = opened_xlsx(target.read_bytes())
        assert rows == [[as_written(value) for value in row] for row in table.rows]
    desk.set_state(problem.id, "resolved")  # off the next day's worklist


phrase_text = hostile.map(lambda t: t.replace("\r", ""))  # a CSV's line ends are read as \n, a lone CR too


@st.composite
def phrases(draw: st.DrawFn) -> list[Phrase]:
    """A library with hostile text in every field, as the importer keeps it: title, group, abbreviation and tags
    trimmed, tags without their separators."""
    def trimmed() -> str:
        return draw(phrase_text).strip()

    found = []
    for _ in range(draw(st.integers(1, 4))):
        tags = tuple(t for t in (trimmed().translate({ord(c): None for c in ",，;；"}).strip()
                                 for _ in range(draw(st.integers(0, 2)))) if t)
        found.append(Phrase(0, trimmed() or "t", draw(phrase_text.filter(str.strip)), trimmed(), trimmed(),
                            draw(st.none() | st.integers(1, 9)), tags))
    return found


def csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@PROPERTY
@given(library=phrases())
@example([Phrase(0, "=1+1", "=HYPERLINK(\"x\")\x0b", "+群", "-x", 3, ("@a",)),
          Phrase(0, "'=x", " =y", "''-1", "＝", None, ()), Phrase(0, "@SUM(A1)", "\t=z", "'", "'a")])
def test_phrase_exports_hold_no_formula_and_read_back_as_written(library):
    tried(FAMILY)
    data = export(library, "csv")
    for row in csv_cells(data)[1:]:
        assert len(row) == 6
        assert not [cell for cell in row if cell[:1] in (*FORMULA_STARTS, "\t", "\r")], row
    assert parse(data, "csv").phrases == library
    data = export(library, "xlsx")
    opened_xlsx(data)
    assert parse(data, "xlsx").phrases == library


@PROPERTY
@given(table=tables())
def test_the_printed_table_is_tab_separated_text_no_terminal_obeys_and_no_sheet_runs(table):
    tried(FAMILY)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        print_tsv(replace(table, headers=tuple(h.replace("\t", " ") for h in table.headers)))
    lines = out.getvalue().split("\n")
    assert lines.pop() == "" and len(lines) == len(table.rows) + 1
    assert obeyed_by_a_terminal(out.getvalue()) == []
    for line, row in zip(lines[1:], table.rows, strict=True):
        cells = line.split("\t")
        assert len(cells) == len(row)
        assert not [c for c, value in zip(cells, row, strict=True) if isinstance(value, str) and formula_like(c)
                    and not c.startswith("'")]
