"""`kefudesk profiles` as a shop uses it, and as an agent at the same computer would try to misuse it: the real
command, in-process, passwords given the way setup scripts give them (no terminal here)."""

import json

import pytest

from app.store.engine import open_store

from app.desk.issues import IssueDesk
from app.desk.profiles import password_ok
from app.desk.refused import IssueRefused

from app import config, domain
from app.cli.main import main


@pytest.fixture
def passwords(monkeypatch):
    """Set (or clear, with None) the passwords a command takes from the environment."""

    def give(new: str | None = None, supervisor: str | None = None, old: str | None = None) -> None:
        for name, value in (("KEFUDESK_NEW_PASSWORD", new), ("KEFUDESK_SUPERVISOR_PASSWORD", supervisor),
                            ("KEFUDESK_OLD_PASSWORD", old)):
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)

    return give


@pytest.fixture
def set_up(passwords, capsys):
    """The shop's set-up: the first supervisor 店长 and the agent 小李."""
    passwords(new="secret-1")
    assert main(["profiles", "add", "店长", "--role", "supervisor"]) == 0
    assert main(["profiles", "add", "小李"]) == 0
    capsys.readouterr()


def stored() -> tuple[IssueDesk, object]:
    store = open_store(config.store_path())
    return IssueDesk(store, "小李"), store


def test_the_first_supervisor_is_made_once_at_set_up_and_said_so(passwords, capsys):
    passwords(new="secret-1")
    assert main(["profiles", "add", "店长", "--role", "supervisor"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "店长: supervisor", "first supervisor of this store: from now on adding a supervisor, changing anyone's role "
        "or another person's password, changing the limits and removing a banned word take a supervisor's name and "
        "password"]
    passwords(new="secret-2")
    assert main(["profiles", "add", "老板", "--role", "supervisor"]) == 2
    assert "this store has a supervisor" in capsys.readouterr().err


def test_an_agent_cannot_make_themselves_supervisor_nor_approve_their_own_refund(set_up, passwords, capsys):
    passwords(new="mine-123")
    assert main(["profiles", "add", "小李2", "--role", "supervisor"]) == 2
    err = capsys.readouterr().err
    [said] = [line for line in err.splitlines() if line.startswith("kefudesk profiles:")]  # one line
    assert "this store has a supervisor" in said and "give --supervisor NAME" in said
    passwords(new="mine-123", supervisor="guess")
    assert main(["profiles", "role", "小李", "supervisor", "--supervisor", "店长"]) == 2
    assert "wrong password for '店长'" in capsys.readouterr().err

    desk, store = stored()
    try:
        assert desk.role("小李") == "agent" and desk.role("小李2") == "agent"
        order = domain.Order("3912345678901234567", "b1", (), 12900, "交易成功", domain.now_utc())
        store.upsert_orders([order], domain.now_utc())
        issue = desk.open_issue(stage="after_sale", category="damage", order_no=order.no)
        asked = desk.act(issue.id, "partial_refund", {"amount": "50", "reason": "开胶"})
        assert asked.action.status == "awaiting_approval"
        with pytest.raises(IssueRefused, match="not a supervisor"):
            desk.approve(asked.action.id, "小李", "mine-123")
    finally:
        store.close()


def test_add_never_overwrites_a_profile_and_says_how_to_change_it(set_up, passwords, capsys):
    passwords(new="taken-over")
    for argv in (["profiles", "add", "店长", "--role", "supervisor"], ["profiles", "add", "店长"],
                 ["profiles", "add", "店长", "--role", "supervisor", "--supervisor", "店长"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "'店长' already has a profile (supervisor): nothing was changed" in err
        assert "kefudesk profiles password 店长" in err
    desk, store = stored()
    try:
        assert desk.role("店长") == "supervisor" and password_ok("secret-1", desk.people.profile("店长")[1])
        assert all(entry.who != "店长" for entry in desk.audit.audit_log())  # 店长 did nothing: never named as actor
    finally:
        store.close()


def test_every_change_is_audited_as_the_supervisor_who_made_it_never_the_person_it_was_about(set_up, passwords,
                                                                                               capsys):
    passwords(new="boss-123", supervisor="secret-1")
    assert main(["profiles", "add", "老板", "--role", "supervisor", "--supervisor", "店长"]) == 0
    passwords(new="reset-1", supervisor="boss-123")
    assert main(["profiles", "password", "店长", "--by", "老板"]) == 0  # 店长 forgot it
    passwords(new="mine-123", supervisor="reset-1")
    assert main(["profiles", "role", "小李", "supervisor", "--supervisor", "店长"]) == 0
    passwords(new="mine-456", old="mine-123")
    assert main(["profiles", "password", "小李"]) == 0  # one's own, with the old one
    passwords(supervisor="mine-456")
    assert main(["profiles", "role", "老板", "agent", "--supervisor", "小李"]) == 0
    assert main(["profiles", "list"]) == 0
    assert capsys.readouterr().out.splitlines()[-3:] == ["小李\tsupervisor", "店长\tsupervisor", "老板\tagent"]

    desk, store = stored()
    try:
        log = desk.audit.audit_log()
    finally:
        store.close()
    people = [(e.who, e.what, (e.after or {}).get("profile")) for e in log]
    assert people[2:] == [("店长", "profile added", "老板"), ("老板", "password changed", "店长"),
                          ("店长", "role changed", "小李"), ("小李", "password changed", "小李"),
                          ("小李", "role changed", "老板")]
    assert people[0][0].startswith("terminal") and people[0][1:] == ("first supervisor", "店长")  # who typed it
    text = json.dumps([[e.who, e.what, e.before, e.after] for e in log], ensure_ascii=False)
    assert "scrypt" not in text and "secret-1" not in text and "reset-1" not in text


def test_the_last_supervisor_and_agents_passwords(set_up, passwords, capsys):
    passwords(supervisor="secret-1")
    assert main(["profiles", "role", "店长", "agent", "--supervisor", "店长"]) == 2
    assert "last supervisor: make another supervisor first" in capsys.readouterr().err
    assert main(["profiles", "remove", "店长", "--supervisor", "店长"]) == 2
    capsys.readouterr()
    passwords(new="mine-123", old="x")
    assert main(["profiles", "password", "小李"]) == 2
    assert "only a supervisor has a password" in capsys.readouterr().err
    passwords(supervisor="secret-1")
    assert main(["profiles", "remove", "小李", "--supervisor", "店长"]) == 0
    assert main(["profiles", "remove", "小李", "--supervisor", "店长"]) == 2
    assert "'小李' has no profile on this desk; see `kefudesk profiles list`" in capsys.readouterr().err


def test_no_password_without_a_terminal_or_the_environment(set_up, passwords, capsys):
    passwords()
    assert main(["profiles", "role", "小李", "supervisor", "--supervisor", "店长"]) == 2
    err = capsys.readouterr().err
    assert "no terminal to ask password of supervisor 店长" in err and "KEFUDESK_SUPERVISOR_PASSWORD" in err
    with pytest.raises(SystemExit) as caught:  # a password is never an argument
        main(["profiles", "add", "小王", "--role", "supervisor", "--password", "secret-9"])
    assert caught.value.code == 2


def test_profiles_from_the_command_line_keep_only_a_hash(monkeypatch, capsys):
    monkeypatch.setenv("KEFUDESK_NEW_PASSWORD", "123")
    assert main(["profiles", "add", "店长", "--role", "supervisor"]) == 2
    assert "at least 6 characters" in capsys.readouterr().err
    monkeypatch.setenv("KEFUDESK_NEW_PASSWORD", "secret-9")
    assert main(["profiles", "add", "店长", "--role", "supervisor"]) == 0
    store = open_store(config.store_path())
    desk = IssueDesk(store, "小李")
    assert desk.role("店长") == "supervisor"
    files = list(config.store_path().parent.glob("kefudesk.db*"))  # the database and its WAL
    assert files and all(b"secret-9" not in f.read_bytes() for f in files)
    store.close()
