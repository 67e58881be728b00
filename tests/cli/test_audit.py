"""`kefudesk audit verify` and `kefudesk audit repair-schema` on the user's store, and what `restore` and any
command print for a store whose schema was changed: what they print and exit with."""

import sqlite3

import pytest

from app.store.audit_log import Audit, AuditLog
from app.store.backup import backup
from app.store.engine import open_store
from app.store.profiles import ProfileStore

from app.desk.profiles import hash_password

from app import config
from app.cli.main import main
from tests.unit.store.conftest import at
from tests.unit.store.test_audit_chain import _rechain
from tests.unit.store.test_schema_check import ZERO_REFUNDS, _refund, _tamper

PASSWORD = "店长的密码-42"


@pytest.fixture
def user_store():
    """The user's store with a supervisor and a refund (three audit entries), closed."""
    s = open_store(config.store_path())
    ProfileStore(s).add_profile("店长", "supervisor", hash_password(PASSWORD), at(0), Audit("店长", "first supervisor"),
                                first_supervisor=True)
    _refund(s, 350)
    s.close()
    return config.store_path()


def _head(out: str) -> str:
    (line,) = [line for line in out.splitlines() if line.startswith("head: ")]
    return line[len("head: "):]


def test_verify_prints_the_count_and_the_head_and_exits_0(user_store, capsys):
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert f"audit log of {user_store}: 3 entries" in out and "whole:" in out
    head = _head(out)
    assert head.startswith("3:") and len(head) == 66
    assert f"kefudesk audit verify --anchor {head}" in out
    assert main(["audit", "verify", "--anchor", head]) == 0
    assert "anchor 3: holds" in capsys.readouterr().out


def test_verify_names_the_entry_edited_in_a_copy_and_exits_1(user_store, tmp_path, capsys):
    copy = backup(user_store, tmp_path / "copy.db")
    _tamper(copy, "DROP TRIGGER audit_no_update",
            """UPDATE audit SET after = '{"amount_fen": 35000}' WHERE id = 3""",
            "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
    assert main(["audit", "verify", "--file", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "BROKEN at entry 3 (changed): entry 3 was changed after it was written" in out
    assert "whole" not in out


def test_verify_names_an_entry_deleted_from_the_middle(user_store, tmp_path, capsys):
    copy = backup(user_store, tmp_path / "copy.db")
    _tamper(copy, "DROP TRIGGER audit_no_delete", "DELETE FROM audit WHERE id = 2")
    assert main(["audit", "verify", "--file", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "BROKEN at entry 3 (missing): entry 2 is missing" in out
    assert "schema: changed outside KefuDesk (missing trigger audit_no_delete on audit)" in out


def test_an_anchor_catches_a_copy_chained_again(user_store, tmp_path, capsys):
    assert main(["audit", "verify"]) == 0
    noted = _head(capsys.readouterr().out)
    copy = backup(user_store, tmp_path / "copy.db")
    tamper = sqlite3.connect(copy)
    tamper.execute("DROP TRIGGER audit_no_update")
    tamper.execute("""UPDATE audit SET after = '{"amount_fen": 35000}' WHERE id = 3""")
    _rechain(tamper, 3)
    tamper.execute("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
                   "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
    tamper.commit()
    tamper.close()
    assert main(["audit", "verify", "--file", str(copy)]) == 0  # alone it cannot tell: the key is in the file
    capsys.readouterr()
    assert main(["audit", "verify", "--file", str(copy), "--anchor", noted]) == 1
    assert "anchor 3: BROKEN: entry 3 is not the entry noted" in capsys.readouterr().out


def test_a_malformed_anchor_is_refused_with_exit_2(user_store, capsys):
    assert main(["audit", "verify", "--anchor", "3:xyz"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kefudesk audit verify: ") and "ID:HASH" in err


def test_any_command_refuses_a_store_with_a_hidden_trigger_and_says_the_way_out(user_store, capsys):
    _tamper(user_store, ZERO_REFUNDS)
    assert main(["policy", "show"]) == 3
    err = capsys.readouterr().err
    assert "extra trigger zero_refunds on issue_action" in err
    assert "kefudesk audit repair-schema --supervisor NAME" in err and "kefudesk restore" in err


def test_restore_refuses_a_backup_with_a_hidden_trigger(user_store, tmp_path, capsys):
    bad = backup(user_store, tmp_path / "backup.db")
    _tamper(bad, ZERO_REFUNDS)
    before = user_store.read_bytes()
    assert main(["restore", str(bad)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("kefudesk restore: ") and "extra trigger zero_refunds on issue_action" in err
    assert user_store.read_bytes() == before


def test_repair_schema_takes_a_supervisors_password(user_store, monkeypatch, capsys):
    _tamper(user_store, ZERO_REFUNDS, "DROP TRIGGER audit_no_update")
    monkeypatch.setenv("KEFUDESK_SUPERVISOR_PASSWORD", "not-the-password")
    assert main(["audit", "repair-schema", "--supervisor", "店长"]) == 2
    assert "wrong password" in capsys.readouterr().err
    assert main(["audit", "repair-schema", "--supervisor", "小王"]) == 2  # not a supervisor
    assert "not a supervisor" in capsys.readouterr().err
    assert main(["policy", "show"]) == 3  # still refused: nothing was changed
    capsys.readouterr()

    monkeypatch.setenv("KEFUDESK_SUPERVISOR_PASSWORD", PASSWORD)
    assert main(["audit", "repair-schema", "--supervisor", "店长"]) == 0
    out = capsys.readouterr().out
    assert "dropped zero_refunds; made audit_no_update" in out and "audit log" in out
    assert main(["audit", "verify"]) == 0
    s = open_store(user_store)
    try:
        assert AuditLog(s).audit_log()[-1].what == "schema repaired"
        assert _refund(s, 420).amount_fen == 420
    finally:
        s.close()
    assert main(["audit", "repair-schema", "--supervisor", "店长"]) == 0
    assert "nothing to repair" in capsys.readouterr().out
