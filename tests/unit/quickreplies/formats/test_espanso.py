"""Espanso match files: triggers, labels, date variables and the cursor imported; what KefuDesk has no equivalent
for reported with its line; broken YAML refused with the line named."""

import pytest

from app.quickreplies.formats.base import PhraseFileError
from app.quickreplies.formats.registry import export, parse

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


# as packages on the Espanso hub write them: triggers with spaces, several matches sharing a trigger (Espanso offers
# a choice), a list of triggers, search_terms, a label, the cursor, and the kinds KefuDesk has no equivalent for
PACKAGE = """\
# kaomoji and replies
matches:
  - trigger: ";kao joy 00"
    replace: "(＾▽＾)"
  - trigger: ";kao joy 01"
    replace: "(´▽`)"
    search_terms: [happy, 开心]
  - trigger: ":thx"
    replace: "谢谢亲～"
  - trigger: ":thx"
    replace: "感谢您的支持$|$！"
    label: 感谢2
  - triggers: [":addr", ":dz", ":address-of-the-warehouse-in-hangzhou-for-returns"]
    replace: "退货地址：杭州"
  - trigger: ":this-trigger-is-longer-than-forty-characters-ok"
    replace: "long"
  - trigger: ":sh"
    replace: "{{out}}"
    vars: [{name: out, type: script, params: {args: [python, x.py]}}]
  - regex: ":(?P<n>\\\\d+)"
    replace: "{{n}}"
"""


def test_every_match_of_a_package_is_imported_none_dropped_for_sharing_a_trigger():
    parsed = parse(PACKAGE.encode(), "espanso")
    rows = [(p.abbreviation, p.texts, p.title) for p in parsed.phrases]
    assert rows == [
        ("", ("(＾▽＾)",), "(＾▽＾) [;kao joy 00]"),
        ("", ("(´▽`)",), "(´▽`) [;kao joy 01]"),
        (":thx", ("谢谢亲～", "感谢您的支持{cursor}！"), "谢谢亲～"),  # the second :thx match: its variant 2
        (":addr", ("退货地址：杭州",), "退货地址：杭州"),
        ("", ("long",), "long [:this-trigger-is-longer-than-forty-characters-ok]")]
    assert parsed.phrases[1].tags == ("happy", "开心", "编码:;kao joy 01")
    assert parsed.phrases[3].tags == ("编码::dz", "编码::address-of-the-warehouse-in-hangzhou-for-returns")
    assert [(r.line, r.reason.split(":")[0]) for r in parsed.rejected] == [
        (17, "variable {{out}} of type 'script' is not supported"), (20, "regex triggers have no KefuDesk equivalent")]


def test_what_cannot_be_an_abbreviation_is_said_once_with_a_count():
    notes = [n.reason for n in parse(PACKAGE.encode(), "espanso").notes]
    assert notes[0].startswith("2 further trigger(s) of matches with several (:dz, :address-of")
    assert not any("share their code" in n for n in notes)  # a variant is kept whole: no caveat
    assert any(n.startswith("3 code(s) cannot be typed as an abbreviation") for n in notes)


def test_a_thirty_thousand_match_package_parses_once_with_the_c_loader(monkeypatch):
    import yaml

    composed = []
    original = yaml.CSafeLoader.get_single_node
    monkeypatch.setattr(yaml.CSafeLoader, "get_single_node",
                        lambda self: composed.append(1) or original(self))
    monkeypatch.setattr(yaml, "compose", lambda *a, **k: pytest.fail("a second parse"))
    package = "matches:\n" + "".join(f"  - trigger: \";t {n // 2}\"\n    replace: \"回复 {n}\"\n" for n in range(30_000))
    from app.quickreplies.formats.espanso import parse as parse_espanso

    parsed = parse_espanso(package.encode())
    assert len(parsed.phrases) == 15_000 and composed == [1]  # two matches a trigger: one phrase, two variants
    assert all(p.texts == (f"回复 {2 * n}", f"回复 {2 * n + 1}") for n, p in enumerate(parsed.phrases))


def test_a_package_imported_exported_and_imported_again_is_the_same():
    first = parse(PACKAGE.encode(), "espanso")
    written = export(first.phrases, "espanso").decode()
    assert '  - triggers: [":addr", ":dz", ":address-of-the-warehouse-in-hangzhou-for-returns"]' in written
    assert written.count('trigger: ":thx"') == 2 and 'search_terms: ["happy", "开心"]' in written
    assert parse(written.encode(), "espanso").phrases == first.phrases


def test_a_trigger_too_long_to_name_whole_in_a_title_still_reads_back_the_same():
    long_trigger = ":" + "很长的触发词" * 20
    first = parse(f'matches:\n  - trigger: "{long_trigger}"\n    replace: "好的"\n'.encode(), "espanso").phrases
    assert len(first[0].title) < 80 and parse(export(first, "espanso"), "espanso").phrases == first
