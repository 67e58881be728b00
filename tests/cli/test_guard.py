"""`kefudesk guard remove` on a store with a supervisor, as an agent at the same computer would try it: the real
command, in-process, the supervisor's password given the way setup scripts give it (no terminal here)."""

import io

import pytest

from app.store.audit_log import AuditLog
from app.store.engine import open_store

from app import config
from app.cli.main import main


@pytest.fixture
def supervised(monkeypatch, capsys):
    """The shop's set-up: the first supervisor 店长."""
    monkeypatch.setenv("KEFUDESK_NEW_PASSWORD", "secret-1")
    assert main(["profiles", "add", "店长", "--role", "supervisor"]) == 0
    monkeypatch.delenv("KEFUDESK_NEW_PASSWORD")
    monkeypatch.delenv("KEFUDESK_SUPERVISOR_PASSWORD", raising=False)
    capsys.readouterr()


def said(err: str) -> list[str]:
    """The command's own lines (a warning logged on the way, such as no OS keyring, is not one of them)."""
    return [line for line in err.splitlines() if line.startswith("kefudesk guard:")]


def guard_changes() -> list:
    store = open_store(config.store_path())
    try:
        return [e for e in AuditLog(store).audit_log() if e.what == "guard words changed"]
    finally:
        store.close()


def test_removing_a_banned_word_without_a_supervisor_is_refused_in_one_line(supervised, capsys):
    assert main(["guard", "remove", "加微信"]) == 2
    assert said(capsys.readouterr().err) == [
        "kefudesk guard: this store has a supervisor: switching off 加微信 takes a supervisor's name and "
        "password; give --supervisor NAME (see `kefudesk profiles list`); nothing was changed"]
    assert main(["guard", "check", "可以加微信吗"]) == 1  # still stopped
    assert guard_changes() == []
    assert main(["guard", "add", "闲鱼"]) == 0  # adding needs nobody


def test_a_supervisors_password_from_the_environment_switches_it_off(supervised, capsys, monkeypatch):
    monkeypatch.setenv("KEFUDESK_SUPERVISOR_PASSWORD", "guess-1")
    assert main(["guard", "remove", "加微信", "--supervisor", "店长"]) == 2
    assert said(capsys.readouterr().err) == ["kefudesk guard: wrong password for '店长'; nothing was changed"]
    assert main(["guard", "check", "可以加微信吗"]) == 1

    monkeypatch.setenv("KEFUDESK_SUPERVISOR_PASSWORD", "secret-1")
    assert main(["guard", "remove", "加微信", "--supervisor", "店长"]) == 0
    assert main(["guard", "check", "可以加微信吗"]) == 0
    [entry] = guard_changes()
    assert entry.who == "店长" and entry.after["removed"] == ["加微信"]
    assert entry.after["desk"].startswith("terminal")  # where it was typed


def test_no_terminal_and_no_password_given_names_the_variable(supervised, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal, also when pytest runs with -s
    assert main(["guard", "remove", "加微信", "--supervisor", "店长"]) == 2
    assert "KEFUDESK_SUPERVISOR_PASSWORD" in capsys.readouterr().err
    assert main(["guard", "check", "可以加微信吗"]) == 1


def test_the_guard_from_the_command_line(capsys):
    assert main(["guard", "check", "好的亲，马上发货"]) == 0 and capsys.readouterr().out == ""
    assert main(["guard", "check", "加我微信吧"]) == 1
    assert capsys.readouterr().out.split("\t")[1:3] == ["off_platform", "加我微信"]
    assert main(["guard", "add", "差评师"]) == 0
    assert main(["guard", "check", "你这个差评师"]) == 1
    capsys.readouterr()
    assert main(["guard", "remove", "差评师", "笨蛋"]) == 0
    assert main(["guard", "check", "笨蛋"]) == 0
    assert main(["guard", "list"]) == 0
    listed = capsys.readouterr().out
    assert "insult\t傻B" in listed and "笨蛋" not in listed
