"""The command line: mistakes get one clear line and a non-zero exit; a broken store is refused untouched."""

import os
import subprocess
import sys

import pytest

from app import config
from app.cli.main import main


def test_an_unknown_option_is_one_line_and_exit_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--colour", "pink"])
    assert caught.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--colour" in err and "--help" in err


def test_a_bad_settings_file_names_the_file_and_exits_2(capsys):
    path = config.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("[gateway]\nurl = 42\n", encoding="utf-8")
    assert main([]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(path) in err and "gateway.url" in err


def test_a_corrupt_store_is_refused_with_its_path_and_left_as_it_was(capsys, qapp):
    store = config.store_path()
    store.parent.mkdir(parents=True)
    store.write_bytes(b"PK\x03\x04 not a database at all" * 50)
    before = store.read_bytes()
    assert main(["--screenshot", str(store.parent / "never.png"), "--after", "0"]) == 3
    err = capsys.readouterr().err
    assert str(store) in err and "left untouched" in err
    assert store.read_bytes() == before
    assert not (store.parent / "never.png").exists()


def test_sim_refuses_a_port_outside_the_range(capsys):
    assert main(["sim", "--port", "70000"]) == 2
    assert "not a port number" in capsys.readouterr().err


def test_bench_rejects_an_unknown_option(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["bench", "--fast"])
    assert caught.value.code == 2 and "--fast" in capsys.readouterr().err


def test_data_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("KEFUDESK_DATA_DIR", str(tmp_path / "elsewhere"))
    assert config.store_path() == tmp_path / "elsewhere" / "kefudesk.db"
    assert os.fspath(config.data_dir()).endswith("elsewhere")


def _kefudesk(*args: str) -> subprocess.CompletedProcess:
    """The real command in its own process, on a computer whose OS offers no keyring (as this box, by choice)."""
    env = os.environ | {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return subprocess.run([sys.executable, "-m", "app", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_a_command_that_never_logs_in_says_nothing_about_the_keyring():
    done = _kefudesk("profiles", "list")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.strip() == "(nobody yet)"


def test_a_command_that_reads_a_password_from_the_keyring_still_says_it_has_none():
    path = config.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('[store]\nurl = "postgresql+psycopg://desk@127.0.0.1:9/kefudesk"\n', encoding="utf-8")
    done = _kefudesk("profiles", "list")
    assert done.returncode != 0
    assert "no usable OS keyring" in done.stderr and "kept in memory for this session only" in done.stderr


def _subcommands(name: str) -> list[str]:
    """The subcommands `kefudesk NAME` takes (none for a command without), as its parser declares them."""
    import argparse
    import importlib

    from app.cli.common import Parser
    from app.cli.main import COMMANDS

    command = COMMANDS[name]
    parser = Parser(prog=f"kefudesk {name}")
    getattr(importlib.import_module(f"app.cli.{command.module}"), command.add_arguments)(parser)
    return [sub for action in parser._actions if isinstance(action, argparse._SubParsersAction)
            for sub in action.choices]


def _help(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as caught:
        main([*argv, "--help"])
    out = capsys.readouterr().out
    assert caught.value.code == 0, out
    return " ".join(out.split())


def test_every_command_in_the_table_answers_help_with_its_description(capsys):
    from app.cli.main import COMMANDS, DESK

    assert " ".join(DESK.description.split()) in _help(capsys)
    for name, command in COMMANDS.items():
        said = _help(capsys, name)
        assert said.startswith(f"usage: kefudesk {name}") and " ".join(command.description.split()) in said
        for sub in _subcommands(name):
            assert _help(capsys, name, sub).startswith(f"usage: kefudesk {name} {sub}")
