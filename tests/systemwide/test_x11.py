"""The X11 desktop layer against a real X server (Xvfb) and real X clients in other processes: the global
hotkey fires from any window and a taken one is refused, the application in front and the clipboard's owner are
named, and Ctrl+V pastes into another application's text field."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.systemwide import DesktopUnavailable, Unsupported, detect

APPS = Path(__file__).with_name("x_apps.py")


@pytest.fixture(scope="module")
def xdisplay():
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed: sudo packaging/os-deps.sh --test installs it (CI does)")
    read, write = os.pipe()  # Xvfb picks a free display number itself and writes it here (-displayfd)
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp",
                               "-noreset"],  # not reset when the last client leaves: the tests come and go
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(write,))
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    if not number:
        server.kill()
        pytest.fail("Xvfb did not start")
    name = f":{number}"
    yield name
    server.terminate()  # not kill: Xvfb removes its lock and socket on the way out
    server.wait(5)


def x_client(display_name: str, *args: str) -> subprocess.Popen:
    env = os.environ | {"DISPLAY": display_name, "QT_QPA_PLATFORM": "xcb"}
    proc = subprocess.Popen([sys.executable, str(APPS), *args], env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None and "READY" in proc.stdout.readline()
    return proc


@pytest.fixture
def desktop(xdisplay):
    found = detect({"DISPLAY": xdisplay}, "linux")
    assert found.name == "x11", getattr(found, "why", "")
    yield found
    found.close()


def eventually(probe, timeout: float = 30.0):  # noqa: ANN001, ANN201 - a test helper
    """probe() once it gives something true, polling; its last answer when time runs out (at least 30 s: a
    deadline for a failing test, never a timing — see DEADLINE_MS in tests/conftest.py)."""
    deadline = time.monotonic() + max(timeout, 30.0)
    while True:
        found = probe()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def press(display_name: str, *keys: str) -> None:
    """Another X client presses the keys together, as a user would (XTest)."""
    from Xlib import XK, X, display
    from Xlib.ext import xtest

    d = display.Display(display_name)
    codes = [d.keysym_to_keycode(XK.string_to_keysym(k)) for k in keys]
    for code in codes:
        xtest.fake_input(d, X.KeyPress, code)
    for code in reversed(codes):
        xtest.fake_input(d, X.KeyRelease, code)
    d.sync()
    d.close()


def test_the_hotkey_fires_whatever_has_the_focus_and_a_taken_one_is_refused(xdisplay, desktop):
    target = x_client(xdisplay, "target")
    fired = threading.Event()
    desktop.grab_hotkey("Ctrl+Alt+space", fired.set)
    assert eventually(lambda: (app := desktop.active_app()) and "target" in app.app.lower())  # the focus elsewhere
    press(xdisplay, "Control_L", "Alt_L", "space")
    assert fired.wait(5), "the hotkey did not reach the desk"
    other = detect({"DISPLAY": xdisplay}, "linux")
    with pytest.raises(DesktopUnavailable, match="already taken"):
        other.grab_hotkey("Ctrl+Alt+space", lambda: None)
    other.close()
    desktop.release_hotkeys()
    fired.clear()
    press(xdisplay, "Control_L", "Alt_L", "space")
    assert not fired.wait(0.5)  # released: the key belongs to the applications again
    target.kill()


def test_paste_goes_to_the_application_in_front_and_the_clipboard_owner_is_named(xdisplay, desktop):
    clipper = x_client(xdisplay, "clipper", "亲，您的订单已发货～")
    target = x_client(xdisplay, "target")
    owner = eventually(desktop.clipboard_owner)  # the X clients map their windows in their own time
    assert owner is not None and "clipper" in owner.app.lower()
    front = eventually(lambda: (app := desktop.active_app()) and "target" in app.app.lower() and app)
    assert front, "the target window never got the focus"
    desktop.paste()
    assert eventually(lambda: read_target(target) == "亲，您的订单已发货～"), read_target(target)
    target.kill()
    clipper.kill()


def read_target(target: subprocess.Popen) -> str:
    assert target.stdin is not None and target.stdout is not None
    target.stdin.write("\n")
    target.stdin.flush()
    return target.stdout.readline().rstrip("\n").removeprefix("TEXT:")


def test_text_is_typed_exactly_where_pasting_is_blocked_even_more_characters_than_spare_keys(xdisplay, desktop):
    target = x_client(xdisplay, "target")
    assert eventually(lambda: (app := desktop.active_app()) and "target" in app.app.lower())
    # more different characters than the keyboard has spare keys: the text is typed in several batches, with
    # keycodes reused from one batch to the next, and a character repeated right after itself
    many = "".join(chr(0x4E00 + i * 7) for i in range(len(desktop._spare_keycodes()) + 40))
    text = "亲～Order 12345 已发货，顺丰SF1234567890!! 谢谢 👍 " + many + " 好好好"
    desktop.type_text(text)
    assert eventually(lambda: read_target(target) == text, timeout=10), read_target(target)[:80]
    target.kill()


def test_where_it_cannot_work_the_desk_says_why():
    wayland = detect({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}, "linux")
    assert isinstance(wayland, Unsupported) and "Wayland" in wayland.why
    with pytest.raises(DesktopUnavailable, match="global hotkey"):
        wayland.grab_hotkey("Ctrl+Alt+space", lambda: None)
    assert "DISPLAY" in detect({}, "linux").why
    assert detect({}, "win32").name == "windows"
    gone = detect({"DISPLAY": ":59999"}, "linux")
    assert isinstance(gone, Unsupported) and "cannot reach the X display" in gone.why


def test_hotkey_names_are_checked():
    from app.systemwide.x11 import parse_combo

    assert parse_combo("Ctrl+Alt+Space")[1] == "Space"
    for bad, message in (("Space", "needs a modifier"), ("Hyper+K", "not a modifier"), ("Ctrl+Banana", "key name")):
        with pytest.raises(ValueError, match=message):
            parse_combo(bad)
