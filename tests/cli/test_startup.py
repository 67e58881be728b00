"""What a `kefudesk` start imports, read from `python -X importtime` (names, never timings): a command that needs
neither the window nor the store starts without Qt, SQLAlchemy, httpx or keyring, and the desk paints its window
before the demo shop's server and keyring are loaded (issue 20; the times are in `kefudesk bench --only cli_start`
and `--only cold_start`). The pinyin tables are not watched here: the phrase library's warm-up thread starts at the
paint and may reach them before the first-paint line is printed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app.cli.main import COMMANDS

HEAVY = frozenset({"PySide6", "shiboken6", "sqlalchemy", "alembic", "httpx", "keyring", "pypinyin", "uvicorn",
                   "openpyxl"})

LIGHT = [
    ["--help"],
    ["--version"],
    *([name, "--help"] for name in COMMANDS),
    ["phrases", "suggest", "--help"],
    ["phrases", "suggest"],  # a mistake in the command line is said before anything is loaded
    ["orders", "import"],
]


def imported(lines: list[str]) -> list[str]:
    """The modules named in importtime's lines ("import time: self | cumulative | name"), in import order."""
    return [line.rsplit("|", 1)[1].strip() for line in lines if line.startswith("import time:") and "|" in line]


def packages(modules: list[str]) -> set[str]:
    return {module.split(".")[0] for module in modules}


def run_importtime(args: list[str], tmp_path, *, merged: bool = False) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"KEFUDESK_DATA_DIR": str(tmp_path / "data"), "KEFUDESK_CONFIG_DIR": str(tmp_path / "config"),
                        "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-X", "importtime", "-m", "app", *args], capture_output=not merged,
                          stdout=subprocess.PIPE if merged else None, stderr=subprocess.STDOUT if merged else None,
                          text=True, timeout=120, env=env)


@pytest.mark.parametrize("args", LIGHT, ids=" ".join)
def test_a_command_without_window_or_store_starts_without_qt_the_orm_or_the_network(args, tmp_path):
    result = run_importtime(args, tmp_path)
    modules = imported(result.stderr.splitlines())
    assert result.returncode in (0, 2), result.stderr[-2000:]
    assert "app.cli.main" in modules  # importtime's lines were read: an empty list would pass anything
    assert result.stdout or "kefudesk" in result.stderr  # it said something: help, the version or the mistake
    assert packages(modules) & HEAVY == set()


def test_the_desk_paints_before_the_demo_shop_and_keyring_load(tmp_path):
    """Stdout and stderr in one pipe keep importtime's lines and the first-paint line in the order they happened."""
    result = run_importtime(["--demo", "--exit-on-first-paint", "--lang", "en"], tmp_path, merged=True)
    lines = result.stdout.splitlines()
    painted = next((i for i, line in enumerate(lines) if line.startswith("first_paint_s=")), None)
    assert painted is not None, result.stdout[-3000:]
    before, after = imported(lines[:painted]), imported(lines[painted:])
    assert {"PySide6", "app"} <= packages(before) and "app.ui.main_window" in before
    assert not packages(before) & {"uvicorn", "keyring"}
    assert not {"app.shopsim.runner", "app.shopsim.server", "app.shopsim.world"} & set(before)  # its name only
    # deferred, not dropped: the demo shop started after the paint (quitting waits for a start under way)
    assert "uvicorn" in packages(after) and "app.shopsim.runner" in after
