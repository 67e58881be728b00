"""The Win32 declarations: structures laid out as Windows lays them out, every handle pointer-sized, and nothing
the desktop calls left undeclared. (Windows cannot run on this Linux CI; these are plain ctypes facts.)"""

from __future__ import annotations

import ctypes

import pytest

from app.systemwide import DesktopUnavailable
from app.systemwide import winapi as api

from tests.unit.systemwide.conftest import Win32Recorder

POINTER_SIZE = ctypes.sizeof(ctypes.c_void_p)


def test_structures_have_the_sizes_windows_gives_them():
    # SendInput refuses the whole array when cbSize is not Windows' sizeof(INPUT): 40 bytes on x64, 28 on x86
    assert ctypes.sizeof(api.INPUT) == (40 if POINTER_SIZE == 8 else 28)
    assert ctypes.sizeof(api.MSG) == (48 if POINTER_SIZE == 8 else 28)
    assert ctypes.sizeof(api.KBDLLHOOKSTRUCT) == (24 if POINTER_SIZE == 8 else 20)
    assert ctypes.sizeof(api.KEYBDINPUT) == (24 if POINTER_SIZE == 8 else 16)


def test_handles_are_pointer_sized_so_64_bit_ones_are_not_cut():
    handle_results = ["GetForegroundWindow", "GetClipboardOwner", "SetWindowsHookExW", "GetModuleHandleW",
                      "OpenProcess", "GetKeyboardLayout"]
    for name in handle_results:
        assert ctypes.sizeof(api.SIGNATURES[name][1]) == POINTER_SIZE, name
    assert ctypes.sizeof(api.SIGNATURES["CallNextHookEx"][1]) == POINTER_SIZE  # LRESULT
    for name in ("UnhookWindowsHookEx", "CloseHandle", "QueryFullProcessImageNameW", "GetWindowTextW"):
        assert ctypes.sizeof(api.SIGNATURES[name][2][0]) == POINTER_SIZE, name


def test_the_recorder_answers_exactly_the_declared_functions():
    """The tests of the desktop run against a recorder that checks every call against SIGNATURES, so a function
    the desktop calls without declaring it fails them."""
    answered = {name for name in dir(Win32Recorder) if name[:1].isupper()}
    assert answered == set(api.SIGNATURES)


def test_loading_says_what_is_missing_where_windows_is_not():
    with pytest.raises(DesktopUnavailable, match="cannot load the Windows libraries"):
        api.Win32()
