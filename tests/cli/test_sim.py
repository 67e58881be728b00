"""`kefudesk sim`: bad fault switches and replay files are refused with the option or the line named, before the
simulator starts."""

from app.cli.main import main


def test_the_cli_refuses_bad_switches_and_files_before_starting(tmp_path, capsys):
    assert main(["sim", "--duplicate-rate", "1.5"]) == 2
    assert "--duplicate-rate must be between 0 and 1" in capsys.readouterr().err
    path = tmp_path / "gbk.jsonl"
    path.write_bytes('{"conversation": "c", "buyer": "b", "text": "在吗"}'.encode("gbk"))
    assert main(["sim", "--replay", str(path)]) == 2
    assert "not UTF-8" in capsys.readouterr().err
    assert main(["sim", "--replay", str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot be read" in capsys.readouterr().err


def test_the_cli_names_the_bad_line_and_never_starts(tmp_path, capsys):
    path = tmp_path / "chats.jsonl"
    path.write_text('# ok so far\n{"conversation": "c", "buyer": "b", "text": "在吗"}\n'
                    '{"conversation": "c", "buyer": "b", "text": "人呢", "after": "5s"}\n', encoding="utf-8")
    assert main(["sim", "--port", "0", "--replay", str(path)]) == 2  # it would serve until Ctrl+C had it started
    assert "chats.jsonl line 3: after must be seconds" in capsys.readouterr().err
    assert main(["sim", "--speed", "0", "--replay", str(path)]) == 2
    assert "--speed must be between" in capsys.readouterr().err
