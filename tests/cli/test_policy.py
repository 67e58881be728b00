"""`kefudesk policy show|set`: the shop's limits for agents from the command line, changed only with a supervisor's
password and named back as the floor says them."""

from app.store.engine import open_store

from app.desk.issues import IssueDesk

from app import config
from app.cli.main import main


def test_the_limits_from_the_command_line(monkeypatch, capsys):
    monkeypatch.setenv("KEFUDESK_NEW_PASSWORD", "secret-9")
    assert main(["profiles", "add", "店长", "--role", "supervisor"]) == 0
    assert main(["policy", "show"]) == 0
    assert "partial-refund-max     6.00" in capsys.readouterr().out
    # a bad value is named before any password is asked (no terminal here: asking would fail)
    assert main(["policy", "set", "--supervisor", "店长", "--partial-refund-share", "150%"]) == 2
    assert "not between 0 and 100%" in capsys.readouterr().err
    monkeypatch.setenv("KEFUDESK_SUPERVISOR_PASSWORD", "wrong")
    assert main(["policy", "set", "--supervisor", "店长", "--partial-refund-max", "30"]) == 2
    assert "wrong password" in capsys.readouterr().err
    monkeypatch.setenv("KEFUDESK_SUPERVISOR_PASSWORD", "secret-9")
    assert main(["policy", "set", "--supervisor", "店长", "--partial-refund-max", "30", "--rounding-max", "2%"]) == 0
    out = capsys.readouterr().out
    assert "partial-refund-max     30.00" in out and "rounding-max           2%" in out
    store = open_store(config.store_path())
    assert IssueDesk(store, "小李").policy.partial_refund_max_fen == 3000
    store.close()
    assert main(["policy", "set", "--supervisor", "店长"]) == 2
    assert "nothing to change" in capsys.readouterr().err
