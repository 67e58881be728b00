"""`kefudesk problems import|list`: the back-end's problem-order list imported all or nothing, the worklist printed
for a person and as JSON for a script, and a file's escape sequences shown, never obeyed."""

import json

from app.cli.main import main
from tests.conftest import obeyed_by_a_terminal
from tests.unit.desk.test_problem_orders import HEADER, LIST


def test_the_cli_imports_all_or_nothing_and_lists_the_phone_calls_due(tmp_path, capsys):
    good = tmp_path / "problems.csv"
    good.write_bytes(LIST.encode("gbk"))
    bad = tmp_path / "bad.csv"
    bad.write_bytes((LIST + "1234,x,天气不好,?,,\r\n").encode("gbk"))
    assert main(["problems", "import", str(bad)]) == 1
    out = capsys.readouterr()
    assert "line 5: order no. '1234' is not a number" in out.out and "nothing imported" in out.err
    assert main(["problems", "--as", "小王", "import", str(good)]) == 0
    assert "3 new problem(s)" in capsys.readouterr().out
    assert main(["problems", "import", str(good)]) == 0
    assert "0 new problem(s), 0 refreshed, 3 already on the worklist" in capsys.readouterr().out
    assert main(["problems", "list", "--category", "超区", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["order_no"], r["step"], r["phone"], r["overdue"]) for r in rows] == [
        ("3912000000000000001", "message", "13800138001", True)]
    assert main(["problems", "list", "--step", "phone"]) == 0
    assert "0 problem(s)" in capsys.readouterr().out
    assert main(["problems", "list", "--category", "天气"]) == 2


def test_the_cli_shows_a_files_escape_sequences_and_never_lets_them_drive_the_terminal(tmp_path, capsys):
    clear, retitle = "\x1b[2J\x1b[H", "\x1b]0;pwned\x07"
    source = tmp_path / "problems.csv"
    source.write_bytes((HEADER + f"3912000000000000009,tb_{retitle}果果,超区,新疆{clear}\x9b2J阿勒泰,13800138001,"
                        "2026-11-24 09:10\r\n" + f"12{clear},x,超区,?,,\r\n").encode("utf-8"))
    assert main(["problems", "import", str(source), "--skip-bad"]) == 0
    out = capsys.readouterr().out
    assert not obeyed_by_a_terminal(out) and "12␛[2J␛[H" in out  # the rejected line, shown
    assert main(["problems", "list"]) == 0
    out = capsys.readouterr().out
    assert not obeyed_by_a_terminal(out) and "tb_␛]0;pwned␇果果" in out and "新疆␛[2J␛[H\\x9b2J阿勒泰" in out
    assert main(["problems", "list", "--json"]) == 0
    out = capsys.readouterr().out
    assert not obeyed_by_a_terminal(out)
    [row] = [json.loads(line) for line in out.splitlines()]
    assert (row["buyer"], row["detail"]) == (f"tb_{retitle}果果", f"新疆{clear}\x9b2J阿勒泰")  # a script gets it exact
