"""`kefudesk phrases search`: the palette's ranking on the command line, against the real store file."""

import json

from app import config
from app.cli import main


def test_search_prints_the_palettes_best_match_first(capsys):
    assert main(["phrases", "search", "tkl"]) == 0  # pinyin initials of 退款流程
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("退款流程\t[tk]\t售后/退款\t亲，您在订单页面")


def test_search_json_has_the_fields_a_script_needs(capsys):
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


def test_suggest_prints_what_the_composer_would_offer(capsys):
    assert main(["phrases", "suggest", "在吗\n宝宝脚长13厘米穿多大", "--top", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and {line.split("\t")[0] for line in lines} == {"尺码推荐", "量脚方法"}


def test_suggest_json_explains_why(capsys):
    assert main(["phrases", "suggest", "什么时候发货", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found[0]["title"] == "发货时间" and found[0]["reasons"] == ["words: 发货"]


def test_suggest_with_nothing_to_go_on_says_why_and_exits_1(capsys):
    assert main(["phrases", "suggest", "hello"]) == 1
    assert "no phrase fits this message" in capsys.readouterr().out
