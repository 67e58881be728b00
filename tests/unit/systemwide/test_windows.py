"""The Windows desktop. Windows cannot run on this Linux CI, so these tests run the pure translations (hotkey
names, text to SendInput records, hook events to hotstring keys) as they are, and the desktop itself against a
recorder standing in for user32 and kernel32 (tests/unit/systemwide/conftest.py), which keeps message queues,
hotkeys and hooks per thread as Windows does. Not tested here: what real Windows does with these calls."""

from __future__ import annotations

import importlib
import threading

import pytest

from app.systemwide import AppInfo, DesktopUnavailable, Unsupported, detect
from app.systemwide import winapi as api
from app.systemwide.windows import (
    TYPE_CHUNK,
    Held,
    WindowsDesktop,
    key_word,
    parse_combo,
    program_name,
    text_inputs,
)

UNICODE, UP = api.KEYEVENTF_UNICODE, api.KEYEVENTF_KEYUP
CTRL_ALT = api.MOD_CONTROL | api.MOD_ALT


def records(inputs):  # noqa: ANN001, ANN201
    return [(r.ki.wVk, r.ki.wScan, r.ki.dwFlags) for r in inputs]


# --- on any system ------------------------------------------------------------------------------------------

def test_the_module_imports_on_linux_and_detect_says_why_windows_is_off():
    importlib.reload(importlib.import_module("app.systemwide.windows"))  # no ctypes.windll at import time
    found = detect({}, "win32")
    assert isinstance(found, Unsupported) and found.name == "windows"
    assert "user32" in found.why
    with pytest.raises(DesktopUnavailable, match="user32"):
        found.grab_hotkey("Ctrl+Alt+Space", lambda: None)


def test_hotkeys_are_read_as_on_x11_with_the_same_complaints():
    pytest.importorskip("Xlib", reason="python-xlib compares the X11 wording; it is a dependency on Linux")
    from app.systemwide import x11

    assert parse_combo("Ctrl+Alt+Space") == (CTRL_ALT, api.VK_SPACE)
    assert parse_combo("win+shift+f12") == (api.MOD_WIN | api.MOD_SHIFT, 0x7B)
    assert parse_combo("Control-Alt-v") == (CTRL_ALT, ord("V"))
    assert parse_combo("Ctrl+Alt+BackSpace") == (CTRL_ALT, api.VK_BACK)
    for bad in ("Space", "Hyper+K", "Ctrl+Banana", "", "Ctrl+"):
        with pytest.raises(ValueError) as on_windows:
            parse_combo(bad)
        with pytest.raises(ValueError) as on_x11:
            x11.parse_combo(bad)
        assert str(on_windows.value) == str(on_x11.value)


def test_a_phrase_becomes_utf16_unicode_keys_and_enter():
    """亲 is one code unit, 👍 two (its surrogates), each a key down and up with KEYEVENTF_UNICODE; the line
    break is the Enter key itself, which sends in a chat client."""
    assert records(text_inputs("亲👍\n")) == [
        (0, 0x4EB2, UNICODE), (0, 0x4EB2, UNICODE | UP),
        (0, 0xD83D, UNICODE), (0, 0xD83D, UNICODE | UP),
        (0, 0xDC4D, UNICODE), (0, 0xDC4D, UNICODE | UP),
        (api.VK_RETURN, 0, 0), (api.VK_RETURN, 0, UP),
    ]
    assert records(text_inputs("a\tb\r\n")) == [
        (0, ord("a"), UNICODE), (0, ord("a"), UNICODE | UP), (api.VK_TAB, 0, 0), (api.VK_TAB, 0, UP),
        (0, ord("b"), UNICODE), (0, ord("b"), UNICODE | UP), (api.VK_RETURN, 0, 0), (api.VK_RETURN, 0, UP)]


def test_programs_are_named_by_their_exe_without_it():
    assert program_name(r"C:\Program Files\AliWorkBench\AliWorkBench.exe") == "AliWorkBench"
    assert program_name(r"\\?\C:\Tools\WeChat.EXE") == "WeChat"
    assert program_name(r"C:\odd\runner") == "runner"


def test_the_desks_own_typing_is_not_read_back_and_costs_no_translation():
    """Keys a program injected (LLKHF_INJECTED) are not hotstring keys, and ToUnicodeEx is not even asked."""
    asked = []

    def translate(vk: int, scan: int, state: bytes) -> str:
        asked.append(vk)
        return "a"

    assert key_word(0x41, 0x1E, api.LLKHF_INJECTED, Held(), translate) is None
    assert key_word(api.VK_RETURN, 0x1C, api.LLKHF_INJECTED, Held(), translate) is None
    assert asked == []
    assert key_word(0x41, 0x1E, 0, Held(), translate) == "a"


def test_shortcuts_are_other_but_altgr_characters_are_typing():
    def translate(vk: int, scan: int, state: bytes) -> str:
        return "@" if state[api.VK_CONTROL] and state[api.VK_MENU] else "q"

    assert key_word(0x51, 0x10, 0, Held(ctrl=True), translate) == "other"
    assert key_word(0x51, 0x10, 0, Held(alt=True), translate) == "other"
    assert key_word(0x51, 0x10, 0, Held(win=True), translate) == "other"
    assert key_word(api.VK_SPACE, 0x39, 0, Held(ctrl=True, alt=True), translate) == "other"  # the palette's hotkey
    assert key_word(0x51, 0x10, 0, Held(ctrl=True, alt=True), translate) == "@"
    assert key_word(api.VK_SPACE, 0x39, 0, Held(shift=True), translate) == "space"
    assert key_word(api.VK_LSHIFT, 0x2A, 0, Held(shift=True), translate) is None


# --- the desktop, against a recorder -----------------------------------------------------------------------

def test_typing_sends_the_phrase_and_enter(desktop, win32):
    """A recorder stands in for user32: Windows cannot run on this Linux CI. The text field receiving what
    SendInput got shows the phrase, emoji whole, and Enter was pressed."""
    desktop.type_text("亲👍\n")
    assert win32.typed() == "亲👍\n"
    assert records(text_inputs("亲👍\n")) == [r for call in win32.sent for r in call]


def test_a_long_phrase_goes_in_parts_that_never_split_an_emoji(desktop, win32):
    """A recorder stands in for user32: Windows cannot run on this Linux CI."""
    phrase = ("亲，您的订单已发货👍" * 20)[:200]
    desktop.type_text(phrase)
    assert win32.typed() == phrase
    assert len(win32.sent) == -(-200 // TYPE_CHUNK)
    for call in win32.sent:
        units = [scan for vk, scan, flags in call if not flags & UP]
        assert not 0xD800 <= units[-1] <= 0xDBFF  # no part ends between the two halves of an emoji


def test_an_application_running_as_administrator_is_named_when_it_refuses_the_keys(desktop, win32):
    """A recorder stands in for user32: Windows cannot run on this Linux CI. UIPI: SendInput inserts fewer
    events than it was given when the window in front belongs to an elevated program."""
    win32.elevated_front = True
    for attempt in (lambda: desktop.type_text("您好"), desktop.paste, lambda: desktop.tap("Return")):
        with pytest.raises(DesktopUnavailable, match="runs as administrator; Windows does not let KefuDesk type "
                                                     "into it: start KefuDesk as administrator too"):
            attempt()
    assert win32.sent == []


def test_paste_is_ctrl_v_and_tap_repeats_a_key(desktop, win32):
    """A recorder stands in for user32: Windows cannot run on this Linux CI."""
    desktop.paste()
    desktop.tap("BackSpace", 3)
    v = ord("V")
    assert win32.sent[0] == [(api.VK_CONTROL, 0, 0), (v, 0, 0), (v, 0, UP), (api.VK_CONTROL, 0, UP)]
    assert win32.sent[1] == [(api.VK_BACK, 0, 0), (api.VK_BACK, 0, UP)] * 3
    with pytest.raises(ValueError, match="not a key name"):
        desktop.tap("Banana")


def test_the_hotkey_fires_on_its_own_thread_and_goes_away(desktop, win32):
    """A recorder stands in for user32: Windows cannot run on this Linux CI. RegisterHotKey without a window
    reports to the registering thread, so the desk registers on its hotkey thread and calls back from there."""
    fired, where = threading.Event(), []
    desktop.grab_hotkey("Ctrl+Alt+Space", lambda: (where.append(threading.get_native_id()), fired.set()))
    [(thread, (_window, number, mask, vk))] = win32.called("RegisterHotKey")
    assert (mask, vk) == (CTRL_ALT | api.MOD_NOREPEAT, api.VK_SPACE)  # held down, it opens the palette once
    assert thread != threading.get_native_id()
    assert win32.press_hotkey(CTRL_ALT, api.VK_SPACE)
    assert fired.wait(5)
    assert where == [thread]
    desktop.release_hotkeys()
    assert win32.called("UnregisterHotKey") == [(thread, (None, number))]
    assert not win32.press_hotkey(CTRL_ALT, api.VK_SPACE)


def test_a_hotkey_another_program_holds_is_refused_by_name(desktop, win32):
    """A recorder stands in for user32: Windows cannot run on this Linux CI."""
    win32.taken.add((CTRL_ALT, api.VK_SPACE))
    with pytest.raises(DesktopUnavailable, match=r"^Ctrl\+Alt\+Space is already taken by another program: "
                                                 "choose another hotkey$"):
        desktop.grab_hotkey("Ctrl+Alt+Space", lambda: None)
    desktop.grab_hotkey("Ctrl+Alt+V", lambda: None)  # another combination still works
    assert [(mask, vk) for _t, mask, vk in win32.hotkeys.values()] == [(CTRL_ALT | api.MOD_NOREPEAT, ord("V"))]


def test_hotstrings_see_typed_characters_not_the_desks_own_keys(desktop, win32):
    """A recorder stands in for user32: Windows cannot run on this Linux CI. The low-level hook runs on its
    own thread; each key still goes on to the application (CallNextHookEx)."""
    words = []
    desktop.watch_keys(words.append)
    [(hook_thread, (kind, _proc, module, _zero))] = win32.called("SetWindowsHookExW")
    assert kind == api.WH_KEYBOARD_LL and module and hook_thread != threading.get_native_id()
    for vk in (0x48, 0x49):  # "hi"
        win32.press(vk)
    win32.press(api.VK_SPACE)
    win32.press(0x41, flags=api.LLKHF_INJECTED)  # the desk typing its phrase: not fed back
    win32.press(api.VK_BACK, flags=api.LLKHF_INJECTED)
    win32.press(0x41, held=(api.VK_SHIFT,))
    win32.press(api.VK_LSHIFT, held=(api.VK_SHIFT,))  # Shift alone is no key of its own
    win32.press(0x43, held=(api.VK_CONTROL,))  # Ctrl+C: a shortcut
    win32.press(0x31, held=(api.VK_SHIFT,))
    win32.press(api.VK_RETURN)
    win32.press(api.VK_BACK)
    assert words == ["h", "i", "space", "A", "other", "!", "return", "backspace"]
    assert len(win32.called("CallNextHookEx")) == 11  # every key, ours and bare modifiers too, passes on


def test_hotstrings_read_the_front_windows_layout_without_eating_dead_keys(desktop, win32):
    """A recorder stands in for user32: Windows cannot run on this Linux CI. AltGr+Q types @ on the German
    keyboard of the window in front; ToUnicodeEx is asked with the flag that leaves a pending dead key alone."""
    win32.windows[0x10010] = (4242, "Editor")
    win32.front = 0x10010
    words = []
    desktop.watch_keys(words.append)
    win32.press(0x51, held=(api.VK_CONTROL, api.VK_MENU))
    win32.press(0xDD)  # a dead accent: nothing typed yet
    win32.caps_lock = True
    win32.press(0x42)
    assert words == ["@", "other", "B"]
    asked = win32.called("ToUnicodeEx")
    assert {args[5] for _t, args in asked} == {api.TOUNICODE_KEEP_STATE}
    assert {args[6] for _t, args in asked} == {0x0407_0407}


def test_the_application_in_front_and_the_clipboards_owner_are_named(desktop, win32):
    """A recorder stands in for user32 and kernel32: Windows cannot run on this Linux CI."""
    win32.processes[4242] = r"C:\Program Files\AliWorkBench\AliWorkBench.exe"
    win32.windows[0x1_0001_0010] = (4242, "千牛工作台 - 聊天")
    win32.windows[0x20020] = (9, "")  # a process the desk may not open (a system one)
    win32.front = win32.clipboard = 0x1_0001_0010
    assert desktop.active_app() == AppInfo("AliWorkBench", "千牛工作台 - 聊天")
    assert desktop.clipboard_owner() == AppInfo("AliWorkBench", "千牛工作台 - 聊天")
    assert {args[0] for _t, args in win32.called("OpenProcess")} == {api.PROCESS_QUERY_LIMITED_INFORMATION}
    assert win32.open_handles == set()
    win32.front, win32.clipboard = 0x20020, None
    assert desktop.active_app() is None
    assert desktop.clipboard_owner() is None


def test_close_gives_everything_back_and_ends_the_threads(win32):
    """A recorder stands in for user32: Windows cannot run on this Linux CI."""
    desktop = WindowsDesktop(win32)
    desktop.grab_hotkey("Ctrl+Alt+Space", lambda: None)
    desktop.watch_keys(lambda word: None)
    threads = {t.name: t for t in threading.enumerate() if t.name in ("kefudesk-hotkey", "kefudesk-keys")}
    assert set(threads) == {"kefudesk-hotkey", "kefudesk-keys"}
    [hook] = win32.hooks
    assert hook > 0xFFFF_FFFF
    desktop.close()
    assert win32.hotkeys == {} and win32.hooks == {}
    assert [args for _t, args in win32.called("UnhookWindowsHookEx")] == [(hook,)]  # the 64-bit handle, whole
    assert not any(t.is_alive() for t in threads.values())
    desktop.close()  # twice is harmless
