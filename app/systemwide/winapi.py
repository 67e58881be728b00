"""The part of the Win32 API the Windows desktop calls, as ctypes sees it: constants, structures laid out as on
Windows, every function's argument and result types, and `Win32`, which loads them. Importable anywhere (the
types are fixed-width, so the structures have Windows' sizes on Linux too); only `Win32()` needs Windows.
"""

from __future__ import annotations

import ctypes
from ctypes import (
    POINTER,
    c_int,
    c_int16,
    c_int32,
    c_size_t,
    c_ssize_t,
    c_ubyte,
    c_uint16,
    c_uint32,
    c_void_p,
)

from app.systemwide import DesktopUnavailable

# Windows' own names, with widths fixed: ctypes.wintypes.LONG is 8 bytes on 64-bit Linux, 4 on Windows
BOOL, UINT, DWORD, LONG, WORD, SHORT, BYTE = c_int32, c_uint32, c_uint32, c_int32, c_uint16, c_int16, c_ubyte
WPARAM, ULONG_PTR = c_size_t, c_size_t
LPARAM, LRESULT = c_ssize_t, c_ssize_t
# handles are pointer-sized: declared as c_void_p so a 64-bit handle is never cut to a 32-bit int
HWND = HANDLE = HHOOK = HINSTANCE = HMODULE = HKL = c_void_p
LPWSTR = LPCWSTR = ctypes.c_wchar_p

MOD_ALT, MOD_CONTROL, MOD_SHIFT, MOD_WIN, MOD_NOREPEAT = 0x1, 0x2, 0x4, 0x8, 0x4000
WM_QUIT, WM_HOTKEY, WM_USER, WM_APP = 0x0012, 0x0312, 0x0400, 0x8000
WM_KEYDOWN, WM_SYSKEYDOWN = 0x0100, 0x0104
PM_NOREMOVE = 0
WH_KEYBOARD_LL, HC_ACTION = 13, 0
LLKHF_EXTENDED, LLKHF_INJECTED = 0x01, 0x10
INPUT_KEYBOARD = 1
KEYEVENTF_EXTENDEDKEY, KEYEVENTF_KEYUP, KEYEVENTF_UNICODE = 0x1, 0x2, 0x4
ERROR_HOTKEY_ALREADY_REGISTERED = 1409
PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
# ToUnicodeEx's wFlags bit 2: leave the keyboard state (a pending dead key) alone. Windows 10 1607 and later;
# older Windows ignore the bit, and there looking at a key may eat the accent of a dead key typed before it
TOUNICODE_KEEP_STATE = 0x4

VK_BACK, VK_TAB, VK_RETURN, VK_SPACE, VK_PACKET = 0x08, 0x09, 0x0D, 0x20, 0xE7
VK_SHIFT, VK_CONTROL, VK_MENU, VK_CAPITAL, VK_LWIN, VK_RWIN = 0x10, 0x11, 0x12, 0x14, 0x5B, 0x5C
VK_LSHIFT, VK_RSHIFT, VK_LCONTROL, VK_RCONTROL, VK_LMENU, VK_RMENU = 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5


class POINT(ctypes.Structure):
    _fields_ = [("x", LONG), ("y", LONG)]


class MSG(ctypes.Structure):
    _fields_ = [("hwnd", HWND), ("message", UINT), ("wParam", WPARAM), ("lParam", LPARAM), ("time", DWORD),
                ("pt", POINT), ("lPrivate", DWORD)]


class KBDLLHOOKSTRUCT(ctypes.Structure):
    _fields_ = [("vkCode", DWORD), ("scanCode", DWORD), ("flags", DWORD), ("time", DWORD),
                ("dwExtraInfo", ULONG_PTR)]


class KEYBDINPUT(ctypes.Structure):
    _fields_ = [("wVk", WORD), ("wScan", WORD), ("dwFlags", DWORD), ("time", DWORD), ("dwExtraInfo", ULONG_PTR)]


class MOUSEINPUT(ctypes.Structure):
    _fields_ = [("dx", LONG), ("dy", LONG), ("mouseData", DWORD), ("dwFlags", DWORD), ("time", DWORD),
                ("dwExtraInfo", ULONG_PTR)]


class HARDWAREINPUT(ctypes.Structure):
    _fields_ = [("uMsg", DWORD), ("wParamL", WORD), ("wParamH", WORD)]


class _INPUTUNION(ctypes.Union):
    # the mouse member is the largest: without it INPUT is too small and SendInput refuses the whole array
    _fields_ = [("mi", MOUSEINPUT), ("ki", KEYBDINPUT), ("hi", HARDWAREINPUT)]


class INPUT(ctypes.Structure):
    _anonymous_ = ("u",)
    _fields_ = [("type", DWORD), ("u", _INPUTUNION)]


# LowLevelKeyboardProc; stdcall on 32-bit Windows (WINFUNCTYPE), the one calling convention everywhere else
HOOKPROC = getattr(ctypes, "WINFUNCTYPE", ctypes.CFUNCTYPE)(LRESULT, c_int, WPARAM, LPARAM)

# name → (library, result type, argument types) of every function the desktop calls
SIGNATURES: dict[str, tuple[str, object, list[object]]] = {
    "RegisterHotKey": ("user32", BOOL, [HWND, c_int, UINT, UINT]),
    "UnregisterHotKey": ("user32", BOOL, [HWND, c_int]),
    "GetMessageW": ("user32", BOOL, [POINTER(MSG), HWND, UINT, UINT]),
    "PeekMessageW": ("user32", BOOL, [POINTER(MSG), HWND, UINT, UINT, UINT]),
    "PostThreadMessageW": ("user32", BOOL, [DWORD, UINT, WPARAM, LPARAM]),
    "GetForegroundWindow": ("user32", HWND, []),
    "GetClipboardOwner": ("user32", HWND, []),
    "GetWindowThreadProcessId": ("user32", DWORD, [HWND, POINTER(DWORD)]),
    "GetWindowTextLengthW": ("user32", c_int, [HWND]),
    "GetWindowTextW": ("user32", c_int, [HWND, LPWSTR, c_int]),
    "SendInput": ("user32", UINT, [UINT, POINTER(INPUT), c_int]),
    "SetWindowsHookExW": ("user32", HHOOK, [c_int, HOOKPROC, HINSTANCE, DWORD]),
    "UnhookWindowsHookEx": ("user32", BOOL, [HHOOK]),
    "CallNextHookEx": ("user32", LRESULT, [HHOOK, c_int, WPARAM, LPARAM]),
    "GetAsyncKeyState": ("user32", SHORT, [c_int]),
    "GetKeyState": ("user32", SHORT, [c_int]),
    "GetKeyboardLayout": ("user32", HKL, [DWORD]),
    "ToUnicodeEx": ("user32", c_int, [UINT, UINT, POINTER(BYTE), LPWSTR, c_int, UINT, HKL]),
    "GetCurrentThreadId": ("kernel32", DWORD, []),
    "GetModuleHandleW": ("kernel32", HMODULE, [LPCWSTR]),
    "OpenProcess": ("kernel32", HANDLE, [DWORD, BOOL, DWORD]),
    "QueryFullProcessImageNameW": ("kernel32", BOOL, [HANDLE, DWORD, LPWSTR, POINTER(DWORD)]),
    "CloseHandle": ("kernel32", BOOL, [HANDLE]),
}


class Win32:
    """The functions of SIGNATURES, declared, as attributes of the same names; last_error() is GetLastError of
    the calling thread's last call. Tests on other systems give the desktop a stand-in with the same names.

    Own WinDLL instances, not ctypes.windll: types declared on the shared one would change them for every other
    module of the process."""

    def __init__(self) -> None:
        try:
            libraries = {name: ctypes.WinDLL(name, use_last_error=True)  # type: ignore[attr-defined]
                         for name in ("user32", "kernel32")}
            for name, (library, restype, argtypes) in SIGNATURES.items():
                function = getattr(libraries[library], name)
                function.restype, function.argtypes = restype, argtypes
                setattr(self, name, function)
        except (AttributeError, OSError) as exc:  # not Windows (ctypes has no WinDLL), or a function missing
            raise DesktopUnavailable(f"cannot load the Windows libraries user32 and kernel32 ({exc})") from exc

    @staticmethod
    def last_error() -> int:
        return ctypes.get_last_error()  # type: ignore[attr-defined]
