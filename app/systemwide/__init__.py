"""The rest of the agent's screen (issue 8): a global hotkey, which application is in front or owns the
clipboard, and pasting into it — the small interface the system-wide palette and the clipboard history need,
with one implementation per windowing system. Nothing here imports Qt.

What each system allows:
- X11: everything (app/systemwide/x11.py, python-xlib: XGrabKey for the hotkey, XTest for the paste keystroke,
  WM_CLASS for the application's name, spare keycodes remapped to type any character where a paste is refused).
- Windows: everything (app/systemwide/windows.py, ctypes only: RegisterHotKey, the foreground window's program
  name, SendInput for Ctrl+V and for typing any character, a low-level keyboard hook for hotstrings), except in
  applications running as administrator while KefuDesk does not: Windows (UIPI) then drops the keys KefuDesk
  sends and hides the keys typed there from its hotstrings. Nothing reaches the secure desktop (UAC prompts,
  the lock screen).
- Wayland: by design an application cannot grab keys globally, see which window is in front or send keystrokes
  to another application; the desk says so and offers its palette inside its own window only. (Running the desk
  under XWayland does not change this for native Wayland applications.)
- macOS: not written yet (it needs Quartz event taps and the user's Accessibility permission); the desk says so.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class DesktopUnavailable(Exception):
    """This windowing system does not allow it; the message says what and what the desk does instead."""


@dataclass(frozen=True)
class AppInfo:
    """An application window as the desk names it: its WM_CLASS (X11) or process name, and its title."""

    app: str
    title: str = ""


# the modifiers a hotkey may name, by the names the platforms map to their own codes
MODIFIER_NAMES = {"ctrl": "ctrl", "control": "ctrl", "alt": "alt", "shift": "shift", "super": "super",
                  "win": "super"}


def split_combo(combo: str, is_key: Callable[[str], bool]) -> tuple[frozenset[str], str]:
    """"Ctrl+Alt+Space" → ({"ctrl", "alt"}, "Space"): the modifiers by their names in MODIFIER_NAMES' values and
    the key as written, which is_key accepts (each system knows its own keys). ValueError says what is wrong, in
    the same words on every system."""
    parts = [p.strip() for p in combo.replace("-", "+").split("+") if p.strip()]
    if not parts:
        raise ValueError("a hotkey such as Ctrl+Alt+Space")
    modifiers: set[str] = set()
    for name in parts[:-1]:
        if name.lower() not in MODIFIER_NAMES:
            raise ValueError(f"{name!r} is not a modifier (Ctrl, Alt, Shift, Super)")
        modifiers.add(MODIFIER_NAMES[name.lower()])
    key = parts[-1]
    if not is_key(key):
        raise ValueError(f"{key!r} is not a key name (Space, K, F12…)")
    if not modifiers:
        raise ValueError("a global hotkey needs a modifier, or it would take the key from every application")
    return frozenset(modifiers), key


class Desktop(Protocol):
    name: str

    def grab_hotkey(self, combo: str, callback: Callable[[], None]) -> None: ...
    def release_hotkeys(self) -> None: ...
    def active_app(self) -> AppInfo | None: ...
    def clipboard_owner(self) -> AppInfo | None: ...
    def paste(self) -> None: ...
    def type_text(self, text: str) -> None: ...
    def watch_keys(self, callback: Callable[[str], None]) -> None: ...
    def tap(self, key: str, times: int = 1) -> None: ...
    def close(self) -> None: ...


class Unsupported:
    """Where the desk cannot reach other applications: every call says why."""

    def __init__(self, name: str, why: str) -> None:
        self.name, self.why = name, why

    def grab_hotkey(self, combo: str, callback: Callable[[], None]) -> None:
        raise DesktopUnavailable(self.why)

    def release_hotkeys(self) -> None:
        return None

    def active_app(self) -> AppInfo | None:
        return None

    def clipboard_owner(self) -> AppInfo | None:
        return None

    def paste(self) -> None:
        raise DesktopUnavailable(self.why)

    def type_text(self, text: str) -> None:
        raise DesktopUnavailable(self.why)

    def watch_keys(self, callback: Callable[[str], None]) -> None:
        raise DesktopUnavailable(self.why)

    def tap(self, key: str, times: int = 1) -> None:
        raise DesktopUnavailable(self.why)

    def close(self) -> None:
        return None


WAYLAND = ("on Wayland an application cannot use a global hotkey or paste into other applications; the phrase "
           "palette works inside KefuDesk (Ctrl+K), and GNOME/KDE can bind a system shortcut to `kefudesk` instead")


def detect(environ: dict[str, str] | None = None, platform: str = sys.platform) -> Desktop:
    """The implementation for the running session."""
    env = os.environ if environ is None else environ
    if platform.startswith("linux") or platform.startswith("freebsd"):
        if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE", "").lower() == "wayland":
            return Unsupported("wayland", WAYLAND)
        if env.get("DISPLAY"):
            from app.systemwide.x11 import X11Desktop

            try:
                return X11Desktop(env["DISPLAY"])
            except DesktopUnavailable as exc:
                return Unsupported("x11", str(exc))
        return Unsupported("none", "no graphical session (DISPLAY is not set)")
    if platform == "win32":
        from app.systemwide.windows import WindowsDesktop

        try:
            return WindowsDesktop()
        except DesktopUnavailable as exc:
            return Unsupported("windows", str(exc))
    if platform == "darwin":
        return Unsupported("macos", "the system-wide palette is not written for macOS yet (it needs Quartz event "
                                    "taps and the Accessibility permission); the palette works inside KefuDesk")
    return Unsupported(platform, f"the system-wide palette does not know {platform}")
