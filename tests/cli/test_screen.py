"""Without a screen the desk says so in one line and exits 2, instead of Qt aborting the process (exit 134)."""

from __future__ import annotations

import os
import subprocess
import sys

from app.cli.screen import NO_DISPLAY, screen_problem


def every_library(name: str) -> str:
    return f"lib{name}.so"


def no_library(name: str) -> None:
    return None


def x_socket(path: str) -> bool:
    return path == "/tmp/.X11-unix/X0"


def test_no_display_at_all_says_how_to_get_one():
    assert screen_problem({}, "linux", every_library, x_socket) == NO_DISPLAY
    assert "set DISPLAY" in NO_DISPLAY and "--screenshot" in NO_DISPLAY and "offscreen" in NO_DISPLAY


def test_a_display_nobody_serves_is_named():
    problem = screen_problem({"DISPLAY": ":7"}, "linux", every_library, x_socket)
    assert problem is not None and ":7" in problem and "no X server" in problem


def test_a_running_display_with_qts_libraries_is_fine_and_missing_ones_name_the_package():
    assert screen_problem({"DISPLAY": ":0"}, "linux", every_library, x_socket) is None
    assert screen_problem({"DISPLAY": "remote-host:10.0"}, "linux", every_library, x_socket) is None  # ssh -X
    problem = screen_problem({"DISPLAY": ":0.0"}, "linux", no_library, x_socket)
    assert problem is not None
    assert "libxcb-cursor" in problem and "packaging/os-deps.sh" in problem and "libxcb-cursor0" in problem


def test_offscreen_wayland_and_other_systems_need_no_x():
    assert screen_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", no_library, x_socket) is None
    assert screen_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", no_library, x_socket) is None
    assert screen_problem({"QT_QPA_PLATFORM": "wayland"}, "linux", no_library, x_socket) == NO_DISPLAY
    assert screen_problem({}, "win32", no_library, x_socket) is None
    assert screen_problem({"QT_QPA_PLATFORM": "xcb"}, "linux", every_library, x_socket) == NO_DISPLAY


def test_the_desk_started_without_a_display_exits_2_with_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-c", "import sys; from app.cli.main import main; sys.exit(main([]))"], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [f"kefudesk: {NO_DISPLAY}"]
