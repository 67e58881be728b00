"""`kefudesk phrases search`: the palette's ranking on the command line, against the real store file."""

import json

import pytest

from app import config
from app.cli.main import main


def test_search_prints_the_palettes_best_match_first(user_starter_phrases, capsys):
    assert main(["phrases", "search", "tkl"]) == 0  # pinyin initials of 退款流程
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("退款流程\t[tk]\t售后/退款\t亲，您在订单页面")


def test_search_json_has_the_fields_a_script_needs(user_starter_phrases, capsys):
    assert main(["phrases", "search", "thdz", "--json", "--limit", "3"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert 1 <= len(found) <= 3
    assert found[0]["title"] == "退货地址" and found[0]["abbreviation"] == "thdz"
    assert {"id", "group", "body", "score"} <= found[0].keys()


def test_search_without_a_match_says_so_and_exits_1(capsys):
    assert main(["phrases", "search", "qqqqzzzz"]) == 1
    assert "no phrase matches 'qqqqzzzz'" in capsys.readouterr().out


def test_search_on_a_corrupt_store_names_the_file_and_leaves_it(capsys):
    store = config.store_path()
    store.parent.mkdir(parents=True)
    store.write_bytes(b"not a database " * 100)
    assert main(["phrases", "search", "tk"]) == 3
    assert str(store) in capsys.readouterr().err
    assert store.read_bytes() == b"not a database " * 100


def test_suggest_prints_what_the_composer_would_offer(user_starter_phrases, capsys):
    assert main(["phrases", "suggest", "在吗\n宝宝脚长13厘米穿多大", "--top", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and {line.split("\t")[0] for line in lines} == {"尺码推荐", "量脚方法"}


def test_suggest_json_explains_why(user_starter_phrases, capsys):
    assert main(["phrases", "suggest", "什么时候发货", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found[0]["title"] == "发货时间" and found[0]["reasons"] == ["words: 发货"]


def test_suggest_with_nothing_to_go_on_says_why_and_exits_1(capsys):
    assert main(["phrases", "suggest", "hello"]) == 1
    assert "no phrase fits this message" in capsys.readouterr().out


AHK = "::fh::亲，今天发\n::new1::新的短语{Enter}第二行\n::bad::{Left}\n^j::x\n"


def test_import_with_bad_lines_reports_each_and_imports_nothing(user_starter_phrases, tmp_path, capsys):
    source = tmp_path / "mine.ahk"
    source.write_text(AHK, encoding="utf-8")
    assert main(["phrases", "import", str(source)]) == 1
    captured = capsys.readouterr()
    assert "line 3: presses the key {Left}" in captured.out and "line 4: not a hotstring" in captured.out
    assert "line 1: duplicate (same abbreviation) of '发货时间'" in captured.out
    assert "nothing imported" in captured.err
    assert main(["phrases", "search", "new1"]) == 1  # not in the library


def test_skip_bad_imports_the_good_lines_once_into_the_group_given(user_starter_phrases, tmp_path, capsys):
    source = tmp_path / "mine.ahk"
    source.write_text(AHK, encoding="utf-8")
    assert main(["phrases", "import", str(source), "--skip-bad", "--group", "导入/AHK"]) == 0
    assert "imported 1 phrase(s)" in capsys.readouterr().out
    assert main(["phrases", "import", str(source), "--skip-bad"]) == 0  # again: now a duplicate, not doubled
    assert "imported 0 phrase(s)" in capsys.readouterr().out
    assert main(["phrases", "search", "new1", "--json"]) == 0
    [found] = [p for p in json.loads(capsys.readouterr().out) if p["abbreviation"] == "new1"]
    assert found["group"] == "导入/AHK" and found["body"] == "新的短语\n第二行"


def test_a_big_files_report_is_its_summary_and_the_first_lines_until_details_asks_for_all(tmp_path, capsys):
    source = tmp_path / "big.ahk"  # 30 hotstrings that press keys, 30 hotkeys: 60 lines refused, 2 imported
    lines = [f"::k{n}::{{Left}}" for n in range(30)] + [f"^{chr(97 + n % 26)}::x{n}" for n in range(30)]
    source.write_text("\n".join([*lines, "::ok1::好的", "::ok2::收到"]) + "\n", encoding="utf-8")
    assert main(["phrases", "import", str(source), "--dry-run"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("summary: 2 to import") and "60 refused" in out[0]
    assert sum(line.startswith("  line ") for line in out) == 20
    assert "  … and 40 more line(s) like these: --details lists every one" in out
    assert main(["phrases", "import", str(source), "--dry-run", "--details"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("  line ") for line in out) == 60 and not any("more line(s)" in line for line in out)


def test_dry_run_changes_nothing(tmp_path, capsys):
    source = tmp_path / "workbench.csv"
    source.write_bytes("标题,内容,快捷编码\n尺码表,请看详情页尺码表哦,cmb\n".encode("gbk"))
    assert main(["phrases", "import", str(source), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "(csv, gb18030): 1 new" in out and "nothing was changed" in out
    assert main(["phrases", "search", "cmb"]) == 1


def test_export_then_import_into_a_fresh_library_is_identical(user_starter_phrases, tmp_path, capsys, monkeypatch):
    target = tmp_path / "out" / "library.json"
    assert main(["phrases", "export", str(target)]) == 0
    assert "exported 20 phrase(s)" in capsys.readouterr().out
    original = json.loads(target.read_text(encoding="utf-8"))
    monkeypatch.setenv("KEFUDESK_DATA_DIR", str(tmp_path / "other-desk"))
    # the other desk's library starts empty: every phrase is new; a second import finds each a duplicate, none doubled
    assert main(["phrases", "import", str(target)]) == 0
    assert "20 new, 0 duplicate(s), 0 bad" in capsys.readouterr().out
    assert main(["phrases", "import", str(target)]) == 0
    assert "0 new, 20 duplicate(s), 0 bad" in capsys.readouterr().out
    assert main(["phrases", "export", str(tmp_path / "again.json")]) == 0
    assert json.loads((tmp_path / "again.json").read_text(encoding="utf-8")) == original


def test_an_unreadable_file_is_one_clear_line_and_nothing_changes(tmp_path, capsys):
    broken = tmp_path / "old.xlsx"
    broken.write_bytes(b"\xd0\xcf\x11\xe0 an old .xls")
    assert main(["phrases", "import", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "not an Excel .xlsx workbook" in err and "Nothing was imported" in err
    assert main(["phrases", "import", str(tmp_path / "phrases.txt")]) == 2
    assert "--format" in capsys.readouterr().err


def test_export_of_a_hotstring_format_names_what_it_left_out(tmp_path, capsys):
    source = tmp_path / "t.csv"
    source.write_text("title,body\n无缩写,没有缩写的短语\n", encoding="utf-8")
    assert main(["phrases", "import", str(source)]) == 0
    assert main(["phrases", "export", str(tmp_path / "all.ahk")]) == 0
    out = capsys.readouterr().out
    assert "left out 1 phrase(s) without an abbreviation" in out and "无缩写" in out


def test_an_imports_report_and_a_search_show_a_files_escape_sequences_instead_of_obeying_them(tmp_path, capsys):
    from tests.conftest import obeyed_by_a_terminal

    source = tmp_path / "mine.ahk"
    source.write_text("::esc1::亲\x1b]0;pwned\x07好\n::bad::{Left}\x1b[2J\n\x9b31m not a hotstring\n",
                      encoding="utf-8")
    assert main(["phrases", "import", str(source), "--skip-bad"]) == 0
    out = capsys.readouterr().out
    assert not obeyed_by_a_terminal(out) and "{Left}␛[2J" in out and "\\x9b31m not a hotstring" in out
    assert main(["phrases", "search", "esc1"]) == 0
    out = capsys.readouterr().out
    assert not obeyed_by_a_terminal(out) and "亲␛]0;pwned␇好" in out
    assert main(["phrases", "search", "esc1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["body"] == "亲\x1b]0;pwned\x07好"


@pytest.mark.parametrize(("entry", "line"), [
    ('{"body": "亲", "uses": ' + "9" * 5000 + "}", "uses a 5,000-digit number is not a count"),
    ('{"body": "亲", "uses": 9223372036854775808}', "uses 9223372036854775808 is outside what the store keeps"),
    ('{"body": "亲", "last_used": "9999-12-31T23:59:59-05:00"}',
     "last_used 9999-12-31T23:59:59-05:00 is outside the times the store keeps"),
    ('{"body": "亲", "last_used": "0001-01-01T00:00:00+05:00"}', "last_used 0001-01-01T00:00:00+05:00 is outside the times"),
    ('{"body": "亲", "group": "' + "组" * 101 + '"}', "group is 101 characters, more than the store keeps (100)"),
    ('{"body": "亲\\u0000"}', "title holds a NUL character (\\x00), which the store cannot keep"),
])
def test_a_json_value_the_store_cannot_keep_is_one_line_and_nothing_is_written(tmp_path, capsys, entry, line):
    source = tmp_path / "phrases.json"
    source.write_text('{"format": "kefudesk-phrases", "version": 1, "phrases": [{"body": "新的一条", '
                      f'"abbreviation": "xin1"}}, {entry}]}}', encoding="utf-8")
    assert main(["phrases", "import", str(source), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert f"line 2: {line}" in out and "1 new, 0 duplicate(s), 1 bad line(s)" in out
    assert main(["phrases", "import", str(source)]) == 1
    assert "nothing imported: 1 line(s) could not be read" in capsys.readouterr().err
    assert main(["phrases", "search", "xin1"]) == 1  # the good one is not in the library either


SOGOU = (";  自定义短语\r\n\r\nzfh,1=亲，16点前付款当天发货\r\nzfh,2=亲，今天的已经发出啦\r\nzdz,1=\r\n退货地址：\r\n杭州\r\n"
         "zrq,1=#$year年$month月$day_dd日\r\n")


def test_an_input_methods_file_is_told_by_content_summed_up_first_and_every_text_of_a_code_kept(tmp_path, capsys):
    source = tmp_path / "PhraseEdit.txt"
    source.write_bytes(SOGOU.encode("utf-16"))
    assert main(["phrases", "import", str(source)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("summary: 3 to import (1 further text(s) of a code kept as variants, 0 found only by a code "
                      "that is no abbreviation), 0 duplicate(s), 0 refused")
    assert out[1].startswith(f"{source} (sogou, utf-16)")
    assert main(["phrases", "search", "zfh", "--json"]) == 0
    found = {p["body"]: (p["abbreviation"], p["variants"]) for p in json.loads(capsys.readouterr().out)}
    assert found == {"亲，16点前付款当天发货": ("zfh", ["亲，今天的已经发出啦"])}  # position 2: the phrase's variant


def test_a_sogou_export_is_what_sogou_reads_and_imports_back_as_the_same_phrases(tmp_path, capsys):
    source = tmp_path / "PhraseEdit.txt"
    source.write_bytes(SOGOU.encode("utf-16"))
    assert main(["phrases", "import", str(source)]) == 0
    out = tmp_path / "out.txt"
    assert main(["phrases", "export", str(out), "--format", "sogou"]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xff\xfe") and "\r\n" in data.decode("utf-16") and "\n\n" not in data.decode("utf-16")
    text = data.decode("utf-16")
    assert "zfh,1=亲，16点前付款当天发货\r\nzfh,2=亲，今天的已经发出啦\r\n" in text
    assert "zdz,1=\r\n退货地址：\r\n杭州\r\n" in text and "zrq,1=#$year年$month月$day_dd日\r\n" in text
    capsys.readouterr()
    assert main(["phrases", "import", str(out), "--dry-run"]) == 0  # every phrase already here: nothing doubled
    assert "0 to import" in capsys.readouterr().out


def test_an_export_to_an_input_method_names_what_it_left_out(tmp_path, capsys):
    source = tmp_path / "t.csv"
    source.write_text("title,body,abbreviation\n两行,\"第一行\n第二行\",zz2\n", encoding="utf-8")
    assert main(["phrases", "import", str(source)]) == 0
    assert main(["phrases", "export", str(tmp_path / "custom_phrase.txt"), "--format", "rime"]) == 0
    out = capsys.readouterr().out
    assert "left out" in out and "rime cannot hold" in out and "两行" in out


def test_an_espanso_packages_summary_counts_what_was_refused_by_reason(tmp_path, capsys):
    from tests.unit.quickreplies.formats.test_espanso import PACKAGE

    source = tmp_path / "package.yml"
    source.write_text(PACKAGE, encoding="utf-8")
    assert main(["phrases", "import", str(source), "--dry-run"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "summary: 5 to import (1 further text(s) of a code kept as variants, 3 found only by a code that is no "
        "abbreviation), "
        "0 duplicate(s), 2 refused — 1 variable {{…}} of type 'script' is not supported; 1 regex triggers have no "
        "KefuDesk equivalent")
