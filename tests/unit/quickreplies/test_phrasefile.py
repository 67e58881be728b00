"""Phrase files in and out: every format, malformed lines reported with their numbers, encodings detected,
and export → import giving back what went out."""

import io
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from app.quickreplies.phrase import Phrase
from app.quickreplies.phrasefile import (
    PhraseFileError,
    dedupe,
    export,
    format_for,
    left_out,
    parse,
)

EMOJI_BODY = "亲～/:^_^ 尺码请看👇\n  第二行带缩进 /:012\n最后一行{buyer}"
LIBRARY = [
    Phrase(0, "欢迎语", "亲，您好呀～{cursor}", "通用/问候", "hi", 1, ("问候",)),
    Phrase(0, "尺码推荐", EMOJI_BODY, "售前/尺码", ";cm", 2, ("尺码", "图")),
    Phrase(0, "发货时间", "16点前付款当天发；16点后次日发", "售中/物流", "fh", None),
]

AHK = """\
; my hotstrings
#SingleInstance Force
/* a block
::not::imported
*/
::fh::亲，16点前付款当天发货哦～
:*C:tk::亲，退款请点“申请退款”{Enter}我们尽快处理 ; trailing comment
:R:raw::100% {braces} stay! ^_^
::dz::
(LTrim
    亲，退货地址：
    浙江省杭州市 `; 收件人 小王
)
::run::
Run, notepad.exe
return
::keys::{Left 3}
^j::MsgBox hi
::bang::Hi!
"""


def test_ahk_hotstrings_with_options_escapes_and_continuation_sections():
    parsed = parse(AHK.encode(), "ahk")
    bodies = {p.abbreviation: p.body for p in parsed.phrases}
    assert bodies == {
        "fh": "亲，16点前付款当天发货哦～",
        "tk": "亲，退款请点“申请退款”\n我们尽快处理",
        "raw": "100% {braces} stay! ^_^",
        "dz": "亲，退货地址：\n浙江省杭州市 ; 收件人 小王",
    }
    assert parsed.encoding == "utf-8" and parsed.phrases[0].title == "亲，16点前付款当天发货哦～"


def test_ahk_commands_keys_and_hotkeys_are_reported_with_their_lines_not_imported_as_text():
    rejected = {r.line: r.reason for r in parse(AHK.encode(), "ahk").rejected}
    assert set(rejected) == {14, 17, 18, 19}
    assert "runs commands (Run)" in rejected[14]
    assert "{Left 3}" in rejected[17]
    assert "not a hotstring" in rejected[18]
    assert "'!' is a modifier key" in rejected[19]


def test_an_unclosed_continuation_section_is_rejected_not_swallowed():
    parsed = parse(b"::a::\n(\nline\n::b::ok\n", "ahk")
    assert parsed.phrases == [] and "never closed" in parsed.rejected[0].reason


ESPANSO = """\
matches:
  - trigger: ":fh"
    replace: "亲，今天{{today}}下单，16点前发货哦～$|$"
    vars:
      - name: today
        type: date
        params: {format: "%m月%d日"}
  - triggers: [":tk", ":refund"]
    label: 退款流程
    replace: |
      亲，申请退款即可～
      我们尽快处理
  - trigger: ":ip"
    replace: "{{output}}"
    vars:
      - name: output
        type: shell
        params: {cmd: "curl ip.sb"}
  - regex: "(?P<x>.*)ok"
    replace: "{{x}}"
  - trigger: ":form"
    form: "Hi [[name]]"
"""


def test_espanso_triggers_labels_date_vars_and_cursor():
    parsed = parse(ESPANSO.encode(), "espanso")
    fh, tk = parsed.phrases
    assert fh.abbreviation == ":fh" and fh.body == "亲，今天{date}下单，16点前发货哦～{cursor}"
    assert (tk.title, tk.abbreviation, tk.body) == ("退款流程", ":tk", "亲，申请退款即可～\n我们尽快处理\n")
    assert ":refund" in parsed.notes[0].reason


def test_espanso_shell_vars_regex_and_forms_are_reported_with_their_lines():
    rejected = parse(ESPANSO.encode(), "espanso").rejected
    assert [(r.line, r.reason.split(":")[0]) for r in rejected] == [
        (13, "variable {{output}} of type 'shell' is not supported"),
        (19, "regex triggers have no KefuDesk equivalent"),
        (21, "forms are not supported")]


def test_invalid_yaml_names_the_line():
    with pytest.raises(PhraseFileError, match="line 3"):
        parse(b"matches:\n  - trigger: a\n\treplace: b\n", "espanso")


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


def test_json_is_lossless_including_usage_owner_and_image():
    used = replace(LIBRARY[1], uses=7, last_used=datetime(2026, 11, 11, 2, 0, tzinfo=UTC), owner="小王",
                   image="ab" * 32)
    phrases = [LIBRARY[0], used, LIBRARY[2]]
    assert parse(export(phrases, "json"), "json").phrases == phrases


def test_json_entries_that_are_wrong_are_reported_by_number():
    data = ('{"format": "kefudesk-phrases", "version": 1, "phrases": ['
            '{"title": "a", "body": "ok"}, {"title": "b", "body": "x", "slot": 12}, {"body": ""}, 3]}')
    parsed = parse(data.encode(), "json")
    assert [p.title for p in parsed.phrases] == ["a"]
    assert [(r.line, r.reason) for r in parsed.rejected] == [
        (2, "slot 12 is not 1–9: not imported"), (3, "empty text: not imported"), (4, "not an object: not imported")]


def test_json_from_a_newer_kefudesk_is_refused_with_the_way_out():
    with pytest.raises(PhraseFileError, match="update KefuDesk"):
        parse(b'{"format": "kefudesk-phrases", "version": 2, "phrases": []}', "json")


@pytest.mark.parametrize("fmt", ["ahk", "espanso", "csv", "xlsx"])
def test_export_then_import_gives_back_what_the_format_carries(fmt):
    back = parse(export(LIBRARY, fmt), fmt).phrases
    assert back == [replace(p, slot=None, tags=()) for p in LIBRARY] if fmt in ("ahk", "espanso") else LIBRARY


def test_hotstring_formats_leave_out_phrases_without_an_abbreviation_and_say_which():
    untriggered = Phrase(0, "无缩写", "内容", "g")
    assert left_out([*LIBRARY, untriggered], "ahk") == [untriggered] == left_out([untriggered], "espanso")
    assert left_out([untriggered], "csv") == []
    assert "无缩写" not in export([*LIBRARY, untriggered], "ahk").decode("utf-8-sig")


def test_the_group_option_puts_every_phrase_in_one_group():
    assert {p.group for p in parse(AHK.encode(), "ahk", group="导入/AHK").phrases} == {"导入/AHK"}


def test_duplicates_of_the_library_and_within_the_file_are_shown_not_doubled():
    existing = [Phrase(1, "发货", "16点前发", "g", "fh")]
    incoming = [Phrase(0, "a", "别的内容", "g", "FH"), Phrase(0, "b", "16点前发  ", "g", "x"),
                Phrase(0, "c", "新的", "g", "new"), Phrase(0, "d", "新的", "g", "")]
    new, duplicates = dedupe(incoming, existing)
    assert [p.title for p in new] == ["c"]
    assert [(d.phrase.title, d.existing.title, d.why) for d in duplicates] == [
        ("a", "发货", "same abbreviation"), ("b", "发货", "same text"), ("d", "c", "same text")]


def test_format_from_the_file_name():
    assert [format_for(n) for n in ("a.ahk", "b.YML", "c.yaml", "d.csv", "e.xlsx", "f.json")] == [
        "ahk", "espanso", "espanso", "csv", "xlsx", "json"]
    with pytest.raises(PhraseFileError, match="--format"):
        format_for("phrases.txt")


body_text = st.lists(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"),
                                            include_characters="\t"), max_size=20), min_size=1, max_size=4).map(
    "\n".join).filter(lambda b: b.strip())


@settings(max_examples=150, deadline=None)
@given(body=body_text)
@pytest.mark.parametrize("fmt", ["ahk", "espanso", "csv", "json"])
def test_any_body_survives_a_round_trip(fmt, body):
    phrase = Phrase(0, "t", body, "g", "ab")
    assert [p.body for p in parse(export([phrase], fmt), fmt).phrases] == [body]


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
