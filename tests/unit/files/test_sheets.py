"""A user's sheet row by row with the numbers the agent sees in the file: a CSV's line (a quoted cell may span
lines), a workbook's row with Excel's escapes undone; a broken file refused with its line, as the importer's own
kind of refusal, in the same words for phrases and orders."""

import io

import pytest
from openpyxl import Workbook

from app.files.refusals import UnreadableFile
from app.files.sheets import csv_rows, sheet_values

from app.quickreplies.formats.base import PhraseFileError
from app.quickreplies.formats.registry import parse
from app.store.engine import open_store

from app.desk.order_import import OrderFileError, plan_import


def test_a_csv_row_is_numbered_by_the_line_it_starts_on():
    text = '订单编号,备注\n3912,"第一行\n第二行"\n3913,好\n'
    assert list(csv_rows(text)) == [(1, ["订单编号", "备注"]), (2, ["3912", "第一行\n第二行"]), (4, ["3913", "好"])]
    assert list(csv_rows("标题\t内容\n发货\t今天发\n", delimiter="\t")) == [(1, ["标题", "内容"]), (2, ["发货", "今天发"])]


BROKEN = '标题,内容\n发货,今天发\n坏,"' + "长" * 140_000 + '"\n'  # a cell over the csv module's field limit


def test_a_broken_csv_is_refused_with_its_line_in_the_importers_kind(tmp_path):
    with pytest.raises(PhraseFileError, match=r"^CSV broken at line 3: field larger than field limit \(131072\); "
                                              "fix the file and import again$"):
        list(csv_rows(BROKEN, PhraseFileError, advice="; fix the file and import again"))
    with pytest.raises(PhraseFileError, match=r"^CSV broken at line 3: .*; fix the file and import again$"):
        parse(BROKEN.encode(), "csv")
    store = open_store(tmp_path / "k.db")
    with pytest.raises(OrderFileError, match=r"^CSV broken at line 3: field larger than field limit \(131072\)$"):
        plan_import(store, BROKEN.replace("标题,内容", "订单编号,买家会员名").encode(), "csv")
    store.close()


def workbook(*rows: list[object]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbooks_rows_come_numbered_with_excels_escapes_undone_and_empty_ends_dropped():
    data = workbook(["订单编号", "备注", None], [], ["3912", "竖_x000B_线 _xD800_ 留着", None], [3913.0])
    assert sheet_values(data) == [(1, ("订单编号", "备注")), (2, ()), (3, ("3912", "竖\x0b线 _xD800_ 留着")),
                                  (4, (3913,))]


@pytest.mark.parametrize(("kind", "what"), [(PhraseFileError, "import again"), (OrderFileError, "try again")])
def test_a_file_that_is_no_workbook_is_refused_with_the_way_out_in_the_importers_kind(kind, what):
    with pytest.raises(kind) as refused:
        sheet_values(b"\xd0\xcf\x11\xe0 an old .xls", kind, what)
    assert str(refused.value) == f"not an Excel .xlsx workbook (an old .xls? save it as .xlsx or CSV and {what})"
    assert isinstance(refused.value, UnreadableFile)
