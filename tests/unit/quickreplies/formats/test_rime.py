"""Rime's custom_phrase.txt: text, tab, code, tab, weight lines as Rime users keep them (a `# Rime table` comment
head, a YAML header block, blank lines, entries without a weight, codes with spaces) read whole; the heavier text
of a code first; an export Rime reads, which reads back the same."""

from app.quickreplies.formats.base import CODE_TAG
from app.quickreplies.formats.registry import export, left_out, parse, sniff
from app.quickreplies.phrase import Phrase

RIME = """\
# Rime table
# coding: utf-8
#@/db_name\tcustom_phrase.txt
#@/db_type\ttabledb
#
# 客服常用语：文字<Tab>编码<Tab>权重

亲，16点前付款当天发货哦～\tfh\t3
亲，预售商品按页面时间发货\tfh\t1
亲，今天的已经发出啦\tfh\t2
默认中通快递\tkd
您好\tni hao\t1
少了编码
"""


def test_a_rime_file_is_read_with_the_heaviest_text_of_a_code_first():
    parsed = parse(RIME.replace("\n", "\r\n").encode("utf-8-sig"), "rime")
    assert [(p.abbreviation, [text[:6] for text in p.texts]) for p in parsed.phrases] == [
        ("fh", ["亲，16点前", "亲，今天的已", "亲，预售商品"]), ("kd", ["默认中通快递"]), ("", ["您好"])]
    assert parsed.phrases[0].tags == ()  # the heavier texts are the variants 2 and 3, in weight order
    # a code with a space cannot be typed as an abbreviation: found by it in the palette
    assert parsed.phrases[2].tags == (CODE_TAG + "ni hao",)
    assert [(r.line, r.reason.split(" (")[0]) for r in parsed.rejected] == [(13, "not an entry")]
    assert any("cannot be typed as an abbreviation" in n.reason and n.reason.startswith("1 ") for n in parsed.notes)


def test_a_yaml_header_block_is_skipped():
    data = "---\nname: custom_phrase\nversion: \"1\"\nsort: original\n...\n\n好的\thd\n".encode()
    assert [(p.abbreviation, p.body) for p in parse(data, "rime").phrases] == [("hd", "好的")]
    assert sniff(data) == "rime"


def test_the_export_reads_back_the_same_and_leaves_out_several_line_texts():
    parsed = parse(RIME.encode(), "rime")
    data = export(parsed.phrases, "rime")
    assert "亲，16点前付款当天发货哦～\tfh\t3\n亲，今天的已经发出啦\tfh\t2\n" in data.decode()
    assert parse(data, "rime").phrases == parsed.phrases
    two_lines = Phrase(0, "地址", "第一行\n第二行", "", "dz")
    assert left_out([two_lines], "rime") == [two_lines] and "第一行" not in export([two_lines], "rime").decode()
