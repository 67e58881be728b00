"""Input methods' custom phrases (Sogou PhraseEdit.txt, Baidu and QQ Pinyin): files written as their users write
them (UTF-16LE or UTF-8 with a BOM, CRLF, ; comments, blank lines, multi-line entries, # date expressions,
positions out of order) read whole, several texts under one code kept as one phrase's variants in position order, and
an export that writes them back as positions 1, 2, 3 and reads back the same."""

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.quickreplies.formats.base import CODE_TAG, PhraseFileError
from app.quickreplies.formats.registry import export, left_out, parse, sniff
from app.quickreplies.phrase import Phrase
from app.quickreplies.template import clock_values, fill

# as an agent's PhraseEdit.txt reads after years of use: Sogou's own comment head, entries added by hand in any
# order, a multi-line reply with a blank line inside, date expressions
SOGOU = """\
;  搜狗输入法 自定义短语配置文件
;  格式：字符串+英文逗号+数字（排序位置）=短语

fh,1=亲，16点前付款当天发货哦～
kd,1=亲，默认发中通快递，需要顺丰请补运费差价
fh,3=亲，预售商品按页面时间发货
fh,2=亲，今天的已经发出啦，请留意物流信息
dz,1=
亲，退货地址如下：
浙江省杭州市余杭区XX路88号

收件人：小王 13800000000
; 下面是日期
rq,1=#$year年$month月$day_dd日 星期$weekday_cn
sj,1=#$fullhour:$minute:$second
rq,2=#$year-$month_mm-$day_dd
"""


def as_users_save(text: str, encoding: str) -> bytes:
    return text.replace("\n", "\r\n").encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_a_sogou_file_is_read_whole_in_the_encodings_sogou_writes(encoding):
    parsed = parse(as_users_save(SOGOU, encoding), "sogou")
    assert (parsed.rejected, parsed.format) == ([], "sogou")
    by_body = {text: p for p in parsed.phrases for text in p.texts}
    assert len(parsed.phrases) == 5 and sum(len(p.texts) for p in parsed.phrases) == 8
    assert by_body["亲，退货地址如下：\n浙江省杭州市余杭区XX路88号\n\n收件人：小王 13800000000"].abbreviation == "dz"
    assert by_body["{year}年{month}月{day_dd}日 星期{weekday}"].abbreviation == "rq"
    assert "{time}:{second}" in by_body  # $fullhour:$minute is the desk's {time}
    assert by_body["{date}"] is by_body["{year}年{month}月{day_dd}日 星期{weekday}"]  # rq,2: the second rq text


def test_texts_under_one_code_are_one_phrases_variants_in_position_order():
    parsed = parse(as_users_save(SOGOU, "utf-16"), "sogou")
    (fh,) = [p for p in parsed.phrases if p.abbreviation == "fh"]
    assert [text[:6] for text in fh.texts] == ["亲，16点前", "亲，今天的已", "亲，预售商品"]  # positions 1, 2, 3
    assert fh.title == "亲，16点前付款当天发货哦～" and fh.tags == ()
    assert not any(CODE_TAG in t for p in parsed.phrases for t in p.tags)  # no loose phrase per position any more
    assert parsed.notes == []  # variants are kept whole: nothing to warn of


def test_an_expression_becomes_the_desks_date_variables_filled_at_send_time():
    body = next(p.body for p in parse(as_users_save(SOGOU, "utf-16"), "sogou").phrases if p.abbreviation == "rq")
    now = datetime(2026, 3, 8, 9, 5, 7)  # a Sunday
    assert fill(body, clock_values(now)).text == "2026年3月08日 星期日"


def test_chinese_numeral_functions_are_written_with_digits_and_twelve_hour_ones_refused():
    parsed = parse("rq,1=#$year_cn年$month_cn月\nam,1=#$ampm_cn$halfhour点\n".encode("utf-16"), "sogou")
    assert [p.body for p in parsed.phrases] == ["{year}年{month}月"]
    assert "$year_cn, $month_cn written with digits" in parsed.notes[0].reason
    assert parsed.rejected[0].line == 2 and "no KefuDesk equivalent" in parsed.rejected[0].reason


def test_lines_that_are_no_entry_are_reported_with_their_number():
    parsed = parse("fh,1=好的\r\n这行没有编码\r\nx,=缺位置\r\n".encode("utf-16"), "sogou")
    assert [(r.line, r.reason.split(" (")[0]) for r in parsed.rejected] == [(2, "not an entry"),
                                                                           (3, "not an entry")]


def test_baidu_and_qq_files_read_their_code_equals_position_comma_text_lines():
    data = "fh=1,亲，今天发货\r\nfh=2,亲，明天发货\r\nkd=1,中通快递\r\n".encode("utf-16-le")
    for fmt in ("baidu", "qq"):
        parsed = parse(data, fmt)
        assert [(p.abbreviation, p.texts) for p in parsed.phrases] == [
            ("fh", ("亲，今天发货", "亲，明天发货")), ("kd", ("中通快递",))]
    assert sniff(data) == "baidu"


def test_the_format_is_told_by_content():
    assert sniff(as_users_save(SOGOU, "utf-16")) == "sogou"
    assert sniff(as_users_save(SOGOU, "utf-16-le")) == "sogou"  # no BOM, as converters write it
    assert sniff(b"hello world\n") == ""


def test_the_sogou_export_is_utf16_with_a_bom_and_crlf_and_reads_back_the_same():
    parsed = parse(as_users_save(SOGOU, "utf-16"), "sogou")
    data = export(parsed.phrases, "sogou")
    assert data.startswith(b"\xff\xfe") and b"\r\x00\n\x00" in data and b"\n\x00\n\x00" not in data
    text = data.decode("utf-16")
    assert "fh,1=亲，16点前付款当天发货哦～\r\nfh,2=亲，今天的已经发出啦" in text
    assert "fh,3=亲，预售商品按页面时间发货\r\n" in text  # the variants, back as positions 2 and 3
    assert "rq,1=#$year年$month月$day_dd日 星期$weekday_cn\r\n" in text and "rq,2=#$year-$month_mm-$day_dd" in text
    again = parse(data, "sogou")
    assert again.phrases == parsed.phrases and again.rejected == []


def test_baidu_export_reads_back_and_leaves_out_what_it_cannot_hold():
    phrases = [Phrase(0, "发货", "今天发", "", "fh"), Phrase(0, "地址", "两行\n地址", "", "dz"),
               Phrase(0, "无码", "没有缩写", "", "")]
    data = export(phrases, "baidu")
    assert data.decode("utf-16") == "fh=1,今天发\r\n"
    assert [p.title for p in left_out(phrases, "baidu")] == ["地址", "无码"]
    assert [p.title for p in left_out(phrases, "sogou")] == ["无码"]
    assert parse(data, "baidu").phrases == [Phrase(0, "今天发", "今天发", "", "fh")]


def test_a_hundred_thousand_entries_are_read_and_one_more_is_refused():
    lines = [f"c{n // 3},{n % 3 + 1}=亲，第{n}条回复" for n in range(100_000)]
    parsed = parse(("\r\n".join(lines) + "\r\n").encode("utf-16"), "sogou")
    assert sum(len(p.texts) for p in parsed.phrases) == 100_000 and parsed.rejected == []
    assert len(parsed.phrases) == 33_334 and all(p.abbreviation for p in parsed.phrases)
    assert parsed.phrases[5].texts == ("亲，第15条回复", "亲，第16条回复", "亲，第17条回复")
    with pytest.raises(PhraseFileError, match="more than 100,000 entries"):
        parse(("\r\n".join([*lines, "z,1=one more"]) + "\r\n").encode("utf-16"), "sogou")


codes = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789"), min_size=1, max_size=6)
lines = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=12)
replies = st.text(st.sampled_from("亲好的发货今天明天😊abcXYZ，。！1234"), min_size=1, max_size=10)  # one-line texts every IME keeps


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(codes, st.lists(lines, min_size=1, max_size=3).map("\n".join)), min_size=1, max_size=8),
       st.sampled_from(["sogou", "baidu", "qq", "rime", "mspy"]))
def test_import_export_import_is_identical_for_every_format(entries, fmt):
    source = [Phrase(0, "t", body, "", code) for code, body in entries]
    first = parse(export(source, fmt), fmt)
    assert first.rejected == []
    assert parse(export(first.phrases, fmt), fmt).phrases == first.phrases


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(codes, st.lists(replies, min_size=1, max_size=4, unique=True)), min_size=1, max_size=6,
                unique_by=lambda entry: entry[0]),
       st.sampled_from(["sogou", "baidu", "qq", "rime", "mspy"]))
def test_a_phrases_variants_go_out_as_positions_and_come_back_as_the_same_variants(entries, fmt):
    source = [Phrase(0, texts[0], texts[0], "", code, variants=tuple(texts[1:])) for code, texts in entries]
    again = parse(export(source, fmt), fmt)
    assert [(p.abbreviation, p.texts) for p in again.phrases] == [(code, tuple(texts)) for code, texts in entries]
    assert parse(export(again.phrases, fmt), fmt).phrases == again.phrases  # and re-importing changes nothing


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["fh,1=", "fh=1,", ",", "=", "#", "$year", "${day}", "$ampm", ";", "\t",
                                           "\r", " ", "---", "...", "# Rime table", "亲"]), lines), max_size=10)
       .map("".join), st.sampled_from(["sogou", "baidu", "qq", "rime"]), st.sampled_from(["utf-16", "utf-8"]))
def test_files_of_any_shape_parse_or_are_refused_with_a_message(text, fmt, encoding):
    try:
        parsed = parse(text.encode(encoding, "surrogatepass"), fmt)
    except PhraseFileError as refused:
        assert str(refused)
        return
    assert len(parsed.phrases) == len(parsed.lines)
    assert all(p.body.strip() and (p.abbreviation or any(t.startswith(CODE_TAG) for t in p.tags))
               for p in parsed.phrases)


def test_an_expression_of_nothing_is_an_empty_text_not_imported():
    parsed = parse("fh,1=#\r\nfh,2=亲，今天发\r\n".encode("utf-16"), "sogou")
    assert [(p.abbreviation, p.texts) for p in parsed.phrases] == [("fh", ("亲，今天发",))]
    assert [(r.line, r.reason) for r in parsed.rejected] == [(1, "empty text: not imported")]
