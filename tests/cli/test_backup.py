"""`kefudesk backup`, `restore` and `export-all` on the user's real store file: what they print and exit with."""

import json
import zipfile

import pytest

from app.store.engine import open_store

from app import config, domain
from app.cli.main import main
from tests.unit.store.conftest import T0, buyer_says


@pytest.fixture
def user_store():
    s = open_store(config.store_path())
    s.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_小美妈妈"), "waiting", T0))
    s.ingest_message(buyer_says("m1", "鞋子开胶了", 1))
    yield s
    s.close()


def test_backup_without_a_path_goes_to_the_backups_folder_and_twice_makes_two(user_store, capsys):
    assert main(["backup"]) == 0
    assert main(["backup"]) == 0  # in the same second too
    made = sorted((config.data_dir() / "backups").iterdir())
    assert len(made) == 2 and all(p.name.startswith("kefudesk-") and p.suffix == ".db" for p in made)
    out = capsys.readouterr().out
    assert f"to {made[0]}" in out and f"to {made[1]}" in out


def test_restore_brings_back_a_backup_while_no_desk_runs(user_store, tmp_path, capsys):
    assert main(["backup", str(tmp_path / "before-mistake.db")]) == 0
    user_store.ingest_message(buyer_says("m2", "误操作之后", 2))
    user_store.close()

    assert main(["restore", str(tmp_path / "before-mistake.db")]) == 0
    out = capsys.readouterr().out
    assert "restored" in out and "kept as" in out
    s = open_store(config.store_path())
    assert [m.text for m in s.messages("c1")] == ["鞋子开胶了"]
    s.close()


def test_restore_while_the_desk_runs_is_refused_with_exit_3(user_store, tmp_path, capsys):
    assert main(["backup", str(tmp_path / "b.db")]) == 0
    assert main(["restore", str(tmp_path / "b.db")]) == 3
    err = capsys.readouterr().err
    assert err.startswith("kefudesk restore: ") and "in use by another program" in err
    assert [m.text for m in user_store.messages("c1")] == ["鞋子开胶了"]


def test_restore_of_something_else_names_it_and_changes_nothing(user_store, tmp_path, capsys):
    sheet = tmp_path / "退款信息表.xlsx"
    sheet.write_bytes(b"PK\x03\x04" + b"\x00" * 400)
    user_store.close()
    before = config.store_path().read_bytes()
    assert main(["restore", str(sheet)]) == 3
    assert str(sheet) in capsys.readouterr().err
    assert config.store_path().read_bytes() == before


def test_export_all_writes_a_zip_with_a_manifest(user_store, tmp_path, capsys):
    target = tmp_path / "all.zip"
    assert main(["export-all", str(target)]) == 0
    assert "message 1" in capsys.readouterr().out
    with zipfile.ZipFile(target) as archive:
        assert json.loads(archive.read("manifest.json"))["tables"]["message"] == 1
    assert main(["export-all", str(target)]) == 3  # never over an existing file
    assert "already exists" in capsys.readouterr().err


def test_with_no_store_yet_the_commands_say_so(capsys, tmp_path):
    assert main(["backup"]) == 3
    assert "no store at" in capsys.readouterr().err
    assert main(["export-all", str(tmp_path / "x.zip")]) == 3
    assert not config.store_path().exists()  # asking created nothing


def test_restore_without_a_file_is_one_line_and_exit_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["restore"])
    assert caught.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "PATH" in err and "--help" in err


def test_a_desk_on_the_team_server_is_told_to_back_that_up_with_postgresql_tools(capsys):
    from app import config
    from app.cli.main import main

    config.settings_path().parent.mkdir(parents=True, exist_ok=True)
    config.settings_path().write_text('[store]\nurl = "postgresql+psycopg://kefu@10.0.0.5/kefudesk"\n',
                                      encoding="utf-8")
    assert main(["backup"]) == 2
    said = capsys.readouterr().err
    assert "team's server" in said and "pg_dump" in said
    assert not config.store_path().exists()  # no local store made on the way


def test_restoring_over_a_store_with_a_supervisor_takes_one_and_is_in_the_restored_log(user_store, tmp_path, capsys,
                                                                                        monkeypatch):
    """An agent restoring yesterday's backup would take back today's refunds, profiles and audit entries: the
    store's own supervisor authorises it (checked against the store replaced, not the backup), and the restored
    log says who did it and where the replaced log ended."""
    from app.desk.issues import IssueDesk

    assert main(["backup", str(tmp_path / "yesterday.db")]) == 0
    IssueDesk(user_store, "setup").add_profile("店长", "supervisor", "boss-pass-1")
    user_store.close()
    capsys.readouterr()

    assert main(["restore", str(tmp_path / "yesterday.db")]) == 2
    assert "--supervisor NAME" in capsys.readouterr().err
    monkeypatch.setenv("KEFUDESK_SUPERVISOR_PASSWORD", "wrong-pass")
    assert main(["restore", str(tmp_path / "yesterday.db"), "--supervisor", "店长"]) == 2
    assert "wrong password" in capsys.readouterr().err
    s = open_store(config.store_path())
    assert IssueDesk(s, "").profiles() == [("店长", "supervisor")]  # nothing was restored
    s.close()

    monkeypatch.setenv("KEFUDESK_SUPERVISOR_PASSWORD", "boss-pass-1")
    assert main(["restore", str(tmp_path / "yesterday.db"), "--supervisor", "店长"]) == 0
    assert "restored" in capsys.readouterr().out
    s = open_store(config.store_path())
    [entry] = [e for e in IssueDesk(s, "").audit.audit_log() if e.what == "store restored"]
    assert entry.who == "店长" and entry.after["from"] == str(tmp_path / "yesterday.db")
    assert entry.before["audit_head"].startswith("2:")  # the replaced log: first supervisor, one wrong password
    assert IssueDesk(s, "").profiles() == []  # yesterday's store, as it was
    s.close()
