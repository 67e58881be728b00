"""`kefudesk history import` and what the suggestions learn from it; `phrases suggest --batch`, `phrases evaluate`."""

import json

from app.cli.main import main

SHIPPING = "亲，付款后48小时内从杭州仓库发出，默认中通快递哦"


def write_history(path, questions=("什么时候发货", "今天能发货吗", "几号发货呀", "发货了吗亲", "下单后多久发货")):
    lines = []
    for n, question in enumerate(questions):
        lines += [{"conversation": f"c{n}", "from": "买家", "text": question, "time": "2026-03-01T10:00:00+08:00"},
                  {"conversation": f"c{n}", "from": "客服", "text": SHIPPING}]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    return path


def add_shipping_phrase(tmp_path, capsys):
    library = tmp_path / "library.csv"
    library.write_text(f"title,body\n仓库说明,{SHIPPING}\n", encoding="utf-8")
    assert main(["phrases", "import", str(library)]) == 0
    capsys.readouterr()


def test_after_import_the_shops_own_answer_to_shipping_comes_first(user_starter_phrases, tmp_path, capsys):
    add_shipping_phrase(tmp_path, capsys)
    assert main(["phrases", "suggest", "什么时候能发货呢", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["title"] == "发货时间"  # the starter phrase, by its words
    assert main(["history", "import", str(write_history(tmp_path / "chats.jsonl"))]) == 0
    assert "imported 10 message(s)" in capsys.readouterr().out
    assert main(["phrases", "suggest", "什么时候能发货呢", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["title"] == "仓库说明"


def test_importing_the_same_file_twice_adds_nothing(tmp_path, capsys):
    chats = write_history(tmp_path / "chats.jsonl")
    assert main(["history", "import", str(chats)]) == 0
    assert main(["history", "import", str(chats)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "imported 0 message(s); 10 were already there"


def test_bad_lines_are_refused_with_their_number_and_nothing_is_imported(tmp_path, capsys):
    chats = write_history(tmp_path / "chats.jsonl")
    with chats.open("a", encoding="utf-8") as f:
        f.write('{"conversation": "x", "from": "老板", "text": "?"}\n')
        f.write('not json\n')
        f.write('{"conversation": "x", "from": "buyer", "text": "hi", "time": "yesterday"}\n')
    assert main(["history", "import", str(chats)]) == 1
    out = capsys.readouterr().out
    assert "line 11:" in out and "老板" in out and "line 12: not a JSON object" in out and "line 13:" in out
    assert main(["history", "import", str(write_history(tmp_path / "good.jsonl")), "--dry-run"]) == 0
    assert "10 message(s) in 5 conversation(s)" in capsys.readouterr().out
    assert main(["history", "import", str(write_history(tmp_path / "good.jsonl"))]) == 0
    assert "imported 10 message(s)" in capsys.readouterr().out  # the refused file left nothing behind


def test_a_csv_with_chinese_headers_is_read(tmp_path, capsys):
    sheet = tmp_path / "chats.csv"
    sheet.write_text("会话,发送方,内容,时间\na,买家,在吗,\na,客服,您好,2026-03-01 10:00\n", encoding="utf-8")
    assert main(["history", "import", str(sheet)]) == 0
    assert "imported 2 message(s)" in capsys.readouterr().out


def test_batch_suggestions_come_one_line_per_message_in_order(user_starter_phrases, tmp_path, capsys):
    asked = tmp_path / "asked.jsonl"
    asked.write_text('{"text": "宝宝脚长13厘米穿多大"}\n{"text": "什么时候发货", "conversation": "a"}\n{"text": ""}\n'
                     '\n{"text": "能退款吗"}\n', encoding="utf-8")
    assert main(["phrases", "suggest", "--batch", str(asked), "--top", "2", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 5 and all(len(line) <= 2 for line in lines)  # a blank line too gets its (empty) answer
    assert lines[0][0]["title"] in {"尺码推荐", "量脚方法"} and lines[1][0]["title"] == "发货时间"
    assert lines[2] == [] == lines[3] and "退" in lines[4][0]["title"]
    assert "16点" in lines[1][0]["body"]  # the text to send, not only its title


def test_a_bad_batch_line_is_named(tmp_path, capsys):
    asked = tmp_path / "asked.jsonl"
    asked.write_text('{"text": "在吗"}\n["在吗"]\n', encoding="utf-8")
    assert main(["phrases", "suggest", "--batch", str(asked)]) == 2
    assert "line 2" in capsys.readouterr().err


def test_evaluate_reports_the_suggestions_beside_both_baselines(tmp_path, capsys):
    add_shipping_phrase(tmp_path, capsys)
    chats = write_history(tmp_path / "chats.jsonl", [f"第{n}单什么时候发货" for n in range(40)])
    assert main(["phrases", "evaluate", str(chats), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["asked"] + found["learned_from"] == 40 and found["asked"] > 5
    assert found["suggester"]["hit@1"] == 1.0 and found["most_frequent_three"]["hit@3"] == 1.0


def test_a_workbook_with_chinese_headers_is_read_and_a_bad_row_named(tmp_path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (["会话", "角色", "内容", "时间"], ["a", "买家", "在吗", None], ["a", "客服", "您好", "2026-03-01 10:00"],
                ["a", "店长", "我来", None]):
        sheet.append(row)
    book.save(tmp_path / "chats.xlsx")
    assert main(["history", "import", str(tmp_path / "chats.xlsx")]) == 1
    assert "line 4: from is '店长'" in capsys.readouterr().out
