"""CSV and XLSX phrase tables: Chinese headers in every encoding workbenches write, bad rows reported with their
numbers, and no cell a spreadsheet would run as a formula, in either direction."""

import io

import pytest
from openpyxl import Workbook

from app.quickreplies.formats.base import PhraseFileError
from app.quickreplies.formats.registry import export, parse
from app.quickreplies.phrase import Phrase

CSV_ZH = "标题,内容,分组,快捷编码,序号\n发货,亲，今天发哦～,售中/物流,fh,1\n多行,\"第一行\n第二行\",售后,dh,\n坏序号,有内容,售后,x,十\n空内容,,售后,y,\n,,,,\n无标题的长长长长长长长长长长长内容行,内容在这,,,\n"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_csv_with_chinese_headers_in_every_encoding_workbenches_write(encoding):
    parsed = parse(CSV_ZH.encode(encoding), "csv")
    assert parsed.encoding == {"gbk": "gb18030"}.get(encoding, encoding)
    assert [(p.title, p.body, p.group, p.abbreviation, p.slot) for p in parsed.phrases] == [
        ("发货", "亲，今天发哦～", "售中/物流", "fh", 1),
        ("多行", "第一行\n第二行", "售后", "dh", None),
        ("无标题的长长长长长长长长长长长内容行", "内容在这", "", "", None)]
    assert [(r.line, r.reason) for r in parsed.rejected] == [
        (5, "slot '十' is not a whole number 1–9: not imported"), (6, "empty text: not imported")]


def test_a_table_without_a_text_column_lists_the_names_it_accepts():
    with pytest.raises(PhraseFileError, match="name it one of: body, 内容"):
        parse("名字,说明\na,b\n".encode(), "csv")


def test_bytes_in_no_chinese_encoding_are_refused_whole():
    with pytest.raises(PhraseFileError, match="neither UTF-8 nor GBK"):
        parse(b"body\n\x81\x20\xff\xff\n", "csv")


def test_xlsx_rows_with_numeric_slots():
    book = Workbook()
    sheet = book.active
    sheet.append(["短语标题", "短语内容", "短语分组", "缩写", "快捷序号", "标签"])
    sheet.append(["退款", "亲，申请退款即可～\n我们尽快处理", "售后/退款", "tk", 1, "退款，售后"])
    sheet.append(["坏", "有内容", "售后", "b", 2.5, None])
    out = io.BytesIO()
    book.save(out)
    parsed = parse(out.getvalue(), "xlsx")
    assert parsed.phrases == [Phrase(0, "退款", "亲，申请退款即可～\n我们尽快处理", "售后/退款", "tk", 1, ("退款", "售后"))]
    assert parsed.rejected[0].line == 3 and "2.5" in parsed.rejected[0].reason


def test_an_old_xls_or_any_other_file_is_not_taken_for_a_workbook():
    with pytest.raises(PhraseFileError, match="not an Excel .xlsx workbook"):
        parse(b"\xd0\xcf\x11\xe0 old excel", "xlsx")


# --- formulas (issue 17): what a spreadsheet opens never runs a phrase's text ------------------------------

FORMULAS = [Phrase(0, "=1+1", '=HYPERLINK("http://evil.example","点我")', "+群", "-x", 3, ("@标签",)),
            Phrase(0, "'=看着像守卫", " =空格后", "''-1", "＝", None, ("＠全角",)),
            Phrase(0, "@SUM(A1)", "\t=跳格后", "'", "'a", 1)]


def test_a_csv_export_writes_no_cell_a_spreadsheet_would_take_for_a_formula():
    import csv

    rows = list(csv.reader(io.StringIO(export(FORMULAS, "csv").decode("utf-8-sig"), newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells[1] == "'" + FORMULAS[0].body  # written unguarded before: =HYPERLINK ran in Excel and WPS
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'3" not in cells and "3" in cells  # a slot is a number, not guarded


def test_the_importer_reads_its_own_guarded_csv_back_unchanged():
    assert parse(export(FORMULAS, "csv"), "csv").phrases == FORMULAS


def test_an_xlsx_export_keeps_formula_like_text_as_text_that_stays_text_when_edited():
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export(FORMULAS, "xlsx"))).active
    body = sheet["B2"]
    assert (body.value, body.data_type, body.quotePrefix) == (FORMULAS[0].body, "s", True)
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert parse(export(FORMULAS, "xlsx"), "xlsx").phrases == FORMULAS


def test_another_tools_csv_keeps_a_leading_apostrophe_only_our_own_export_takes_it_off():
    assert [p.body for p in parse("标题,内容\n表情,'-_-' 亲\n".encode(), "csv").phrases] == ["'-_-' 亲"]
    assert [p.body for p in parse(export([Phrase(0, "t", "'-_-' 亲")], "csv"), "csv").phrases] == ["'-_-' 亲"]


@pytest.mark.parametrize("header", ["回复", "话术", "内容", "reply", "快捷回复", "Reply"])
def test_the_text_column_is_found_by_the_names_shops_give_it(header):
    parsed = parse(f"缩写,{header}\nfh,亲，今天发\n".encode("gbk"), "csv")
    assert [(p.abbreviation, p.body) for p in parsed.phrases] == [("fh", "亲，今天发")]
