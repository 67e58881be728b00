"""The desktop on Windows, through ctypes alone: a global hotkey with RegisterHotKey, the application in front
(GetForegroundWindow) and the clipboard's owner named by their program (the .exe's name without .exe), Ctrl+V
and typing with SendInput, and every key typed anywhere, for hotstrings, from a low-level keyboard hook.

Typing needs no keyboard tricks here (unlike X11): SendInput's KEYEVENTF_UNICODE delivers any UTF-16 code unit
as a key, whatever the keyboard layout. What Windows forbids is sending keys to, and watching keys typed into, a
program running as administrator while KefuDesk does not (UIPI); where SendInput says so, the desk is told.

Hotkeys and the keyboard hook report to the thread that asked for them, so each has a thread of its own waiting
in GetMessageW; callbacks run on those threads, so a Qt caller hands them to its GUI thread with a queued signal.
Every key of the session waits while the hook runs, and Windows removes a hook that once takes longer than
LowLevelHooksTimeout (at most a second) without telling: so the hook only translates the key and calls back, and
the callback must return at once (a Qt caller's emits a signal). Being Python, the hook also waits for the GIL.
"""

from __future__ import annotations

import ctypes
import ntpath
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from app.systemwide import AppInfo, DesktopUnavailable, split_combo
from app.systemwide import winapi as api
from app.systemwide.winapi import DWORD, HOOKPROC, INPUT, KBDLLHOOKSTRUCT, MSG, Win32

ELEVATED = ("the application in front runs as administrator; Windows does not let KefuDesk type into it: start "
            "KefuDesk as administrator too, or paste the phrase by hand")
# characters per SendInput call: SendInput puts its whole array into the input stream at once, ahead of the
# agent's own keys, so a long phrase goes in parts, and a refused part stops the typing there and says why
TYPE_CHUNK = 50
_MODIFIERS = {"ctrl": api.MOD_CONTROL, "alt": api.MOD_ALT, "shift": api.MOD_SHIFT, "super": api.MOD_WIN}
# X11's key names (lower case), so one hotkey setting means the same key on both systems. The punctuation keys
# are where a US keyboard has them (VK_OEM_*)
_KEY_NAMES = {
    "space": api.VK_SPACE, "return": api.VK_RETURN, "tab": api.VK_TAB, "backspace": api.VK_BACK,
    "escape": 0x1B, "delete": 0x2E, "insert": 0x2D, "home": 0x24, "end": 0x23, "prior": 0x21, "page_up": 0x21,
    "next": 0x22, "page_down": 0x22, "left": 0x25, "up": 0x26, "right": 0x27, "down": 0x28, "print": 0x2C,
    "pause": 0x13, "scroll_lock": 0x91, "menu": 0x5D, "comma": 0xBC, "period": 0xBE, "minus": 0xBD,
    "equal": 0xBB, "semicolon": 0xBA, "slash": 0xBF, "grave": 0xC0, "bracketleft": 0xDB, "backslash": 0xDC,
    "bracketright": 0xDD, "apostrophe": 0xDE, "kp_multiply": 0x6A, "kp_add": 0x6B, "kp_subtract": 0x6D,
    "kp_decimal": 0x6E, "kp_divide": 0x6F,
}
# keys sent with KEYEVENTF_EXTENDEDKEY, or applications take them for their numeric-keypad twins
_EXTENDED = frozenset({0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x2C, 0x2D, 0x2E, 0x5D, 0x6F,
                       api.VK_RCONTROL, api.VK_RMENU, api.VK_LWIN, api.VK_RWIN})
_SPECIAL = {api.VK_SPACE: "space", api.VK_TAB: "tab", api.VK_RETURN: "return", api.VK_BACK: "backspace"}
# pressed alone these type nothing: not a key of their own for hotstrings (X11 skips the same keysyms)
_MODIFIER_KEYS = frozenset({api.VK_SHIFT, api.VK_CONTROL, api.VK_MENU, api.VK_LSHIFT, api.VK_RSHIFT,
                            api.VK_LCONTROL, api.VK_RCONTROL, api.VK_LMENU, api.VK_RMENU, api.VK_LWIN,
                            api.VK_RWIN, api.VK_CAPITAL})


# --- the pure part: names, keys and text as Windows wants them ----------------------------------------------

def key_vk(name: str) -> int | None:
    """The virtual-key code of an X11 key name (Space, K, F12, BackSpace, Return…), any case; None if unknown."""
    lowered = name.lower()
    if len(name) == 1 and name.isascii() and name.isalnum():
        return ord(name.upper())  # VK_A… and VK_0… are the ASCII codes of the capital letters and digits
    if lowered[:1] == "f" and lowered[1:].isdigit() and 1 <= int(lowered[1:]) <= 24:
        return 0x6F + int(lowered[1:])
    if lowered[:3] == "kp_" and len(lowered) == 4 and lowered[3].isdigit():
        return 0x60 + int(lowered[3])
    return _KEY_NAMES.get(lowered)


def parse_combo(combo: str) -> tuple[int, int]:
    """("Ctrl+Alt+Space") → (MOD_ mask, virtual-key code); ValueError names what is wrong, as on X11."""
    modifiers, key = split_combo(combo, lambda key: key_vk(key) is not None)
    mask = 0
    for name in modifiers:
        mask |= _MODIFIERS[name]
    vk = key_vk(key)
    assert vk is not None  # split_combo checked it
    return mask, vk


def _key(vk: int = 0, unit: int = 0, up: bool = False) -> INPUT:
    flags = (api.KEYEVENTF_UNICODE if unit else 0) | (api.KEYEVENTF_KEYUP if up else 0)
    if vk in _EXTENDED:
        flags |= api.KEYEVENTF_EXTENDEDKEY
    record = INPUT(type=api.INPUT_KEYBOARD)
    record.ki.wVk, record.ki.wScan, record.ki.dwFlags = vk, unit, flags
    return record


def key_inputs(vk: int) -> list[INPUT]:
    """A key pressed and released, by its virtual-key code."""
    return [_key(vk), _key(vk, up=True)]


def paste_inputs() -> list[INPUT]:
    """Ctrl down, V down, V up, Ctrl up."""
    return [_key(api.VK_CONTROL), _key(ord("V")), _key(ord("V"), up=True), _key(api.VK_CONTROL, up=True)]


def char_inputs(char: str) -> list[INPUT]:
    """The keys that type one character: a line break is Enter, a tab Tab; anything else goes as UTF-16 code units
    (KEYEVENTF_UNICODE), a key down and up each, so a character beyond the BMP (an emoji) is two keys, its
    surrogates, which the receiving window puts back together."""
    if char in "\r\n":
        return key_inputs(api.VK_RETURN)
    if char == "\t":
        return key_inputs(api.VK_TAB)
    encoded = char.encode("utf-16-le", "surrogatepass")
    units = [int.from_bytes(encoded[i:i + 2], "little") for i in range(0, len(encoded), 2)]
    return [record for unit in units for record in (_key(unit=unit), _key(unit=unit, up=True))]


def _characters(text: str) -> list[str]:
    return list(text.replace("\r\n", "\n"))


def text_inputs(text: str) -> list[INPUT]:
    """Everything typing text sends, in order (\r\n is one Enter)."""
    return [record for char in _characters(text) for record in char_inputs(char)]


def typing_chunks(text: str, size: int = TYPE_CHUNK) -> Iterator[list[INPUT]]:
    """text_inputs(text) in parts of `size` characters, never splitting a character's keys."""
    chars = _characters(text)
    for start in range(0, len(chars), size):
        yield [record for char in chars[start:start + size] for record in char_inputs(char)]


@dataclass(frozen=True)
class Held:
    """The modifiers down (and Caps Lock on) when a key is pressed."""

    shift: bool = False
    ctrl: bool = False
    alt: bool = False
    win: bool = False
    caps_lock: bool = False


def keyboard_state(held: Held) -> bytes:
    """The 256-byte key state ToUnicodeEx reads: 0x80 for a key down, 0x01 for a lock that is on. Ctrl and Alt
    only count together, as AltGr: that is how Windows types a layout's third-level characters (@ on a German
    keyboard)."""
    state = bytearray(256)
    if held.shift:
        state[api.VK_SHIFT] = state[api.VK_LSHIFT] = 0x80
    if held.ctrl and held.alt:
        state[api.VK_CONTROL] = state[api.VK_LCONTROL] = state[api.VK_MENU] = state[api.VK_RMENU] = 0x80
    if held.caps_lock:
        state[api.VK_CAPITAL] = 0x01
    return bytes(state)


def key_word(vk: int, scan: int, flags: int, held: Held,
             translate: Callable[[int, int, bytes], str]) -> str | None:
    """What watch_keys reports for a key-down seen by the keyboard hook: the character typed, space, tab, return,
    backspace, or "other" (also for anything typed with Ctrl, Alt or Win held, except AltGr characters). None for
    what is not a key of its own: a modifier alone, and keys a program sent (LLKHF_INJECTED), the desk's own
    typing first of all, which must not expand hotstrings. translate(vk, scan, keyboard state) is ToUnicodeEx."""
    if flags & api.LLKHF_INJECTED or vk in _MODIFIER_KEYS:
        return None
    if vk in _SPECIAL:
        return "other" if held.ctrl or held.alt or held.win else _SPECIAL[vk]
    if held.win or held.ctrl != held.alt:
        return "other"  # a shortcut, not typing
    # VK_PACKET: a character an input panel sent as such, carried in the scan code
    char = chr(scan & 0xFFFF) if vk == api.VK_PACKET else translate(vk, scan, keyboard_state(held))
    return char if len(char) == 1 and char.isprintable() else "other"


def program_name(path: str) -> str:
    """C:\\Program Files\\AliWorkBench\\AliWorkBench.exe → AliWorkBench."""
    name = ntpath.basename(path)
    return name[:-4] if name.lower().endswith(".exe") else name


# --- threads with a message queue -----------------------------------------------------------------------------

class _MessageLoop:
    """A thread waiting in GetMessageW. RegisterHotKey without a window and a low-level keyboard hook report to
    the thread that asked for them, so they are asked for on this one, through call()."""

    def __init__(self, win32: Any, name: str, on_message: Callable[[int, int], None]) -> None:
        self._w, self._name, self._on_message = win32, name, on_message
        self._calls: queue.SimpleQueue[tuple[Callable[[], Any], list[Any], threading.Event]] = queue.SimpleQueue()
        self._ready = threading.Event()
        self.thread_id = 0
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()
        if not self._ready.wait(5.0):
            raise DesktopUnavailable(f"the {name} thread did not start")

    def _run(self) -> None:
        msg = MSG()
        # a thread has a message queue only once it asks for a message: make it now, so posts to it arrive
        self._w.PeekMessageW(msg, None, api.WM_USER, api.WM_USER, api.PM_NOREMOVE)
        self.thread_id = self._w.GetCurrentThreadId()
        self._ready.set()
        while self._w.GetMessageW(msg, None, 0, 0) > 0:  # 0 is WM_QUIT, -1 an error
            if msg.message == api.WM_APP:
                self._run_calls()
            else:
                self._on_message(msg.message, msg.wParam)

    def _run_calls(self) -> None:
        while True:
            try:
                function, box, done = self._calls.get_nowait()
            except queue.Empty:
                return
            try:
                box.append(function())
            except Exception as exc:  # noqa: BLE001 - handed to the caller, raised there
                box.append(exc)
            done.set()

    def call(self, function: Callable[[], Any]) -> Any:
        """function() run on the loop's thread; its result, or its exception raised here."""
        if threading.get_ident() == self._thread.ident:
            return function()  # a callback of this loop asking: waiting for itself would never end
        box: list[Any] = []
        done = threading.Event()
        self._calls.put((function, box, done))
        if not self._w.PostThreadMessageW(self.thread_id, api.WM_APP, 0, 0) or not done.wait(5.0):
            raise DesktopUnavailable(f"the {self._name} thread does not answer (Windows error "
                                     f"{self._w.last_error()})")
        if isinstance(box[0], Exception):
            raise box[0]
        return box[0]

    def stop(self) -> None:
        self._w.PostThreadMessageW(self.thread_id, api.WM_QUIT, 0, 0)
        self._thread.join(2.0)


# --- the desktop ----------------------------------------------------------------------------------------------

class WindowsDesktop:
    name = "windows"

    def __init__(self, win32: Any = None) -> None:
        """win32: the functions of app.systemwide.winapi (loaded here when not given; DesktopUnavailable when they
        cannot be)."""
        self._w = win32 if win32 is not None else Win32()
        self._lock = threading.Lock()  # one SendInput sequence at a time
        self._hotkeys_lock = threading.Lock()
        self._hotkeys: dict[int, tuple[tuple[int, int], Callable[[], None]]] = {}  # id → ((mask, vk), callback)
        self._next_id = 1
        self._hotkey_loop: _MessageLoop | None = None
        self._keys_loop: _MessageLoop | None = None
        self._hook: int | None = None
        self._hook_proc: Any = None  # the hook's C function: kept alive as long as Windows may call it

    # --- the hotkey ---------------------------------------------------------------------------------

    def grab_hotkey(self, combo: str, callback: Callable[[], None]) -> None:
        """Call callback whenever combo is pressed, whichever application has the focus. DesktopUnavailable
        when another program holds that combination already."""
        mask, vk = parse_combo(combo)
        with self._hotkeys_lock:
            for number, (keys, _old) in self._hotkeys.items():
                if keys == (mask, vk):
                    self._hotkeys[number] = (keys, callback)
                    return
            number, self._next_id = self._next_id, self._next_id + 1
            self._hotkeys[number] = ((mask, vk), callback)
        if self._hotkey_loop is None:
            self._hotkey_loop = _MessageLoop(self._w, "kefudesk-hotkey", self._hotkey_message)

        def register() -> tuple[bool, int]:
            # MOD_NOREPEAT: holding the combination down opens the palette once, not once per auto-repeat
            return bool(self._w.RegisterHotKey(None, number, mask | api.MOD_NOREPEAT, vk)), self._w.last_error()

        registered, error = self._hotkey_loop.call(register)
        if not registered:
            with self._hotkeys_lock:
                del self._hotkeys[number]
            if error == api.ERROR_HOTKEY_ALREADY_REGISTERED:
                raise DesktopUnavailable(f"{combo} is already taken by another program: choose another hotkey")
            raise DesktopUnavailable(f"Windows refused the hotkey {combo} (error {error}): choose another hotkey")

    def _hotkey_message(self, message: int, wparam: int) -> None:
        if message != api.WM_HOTKEY:
            return
        with self._hotkeys_lock:
            found = self._hotkeys.get(wparam)
        if found is not None:
            found[1]()

    def release_hotkeys(self) -> None:
        with self._hotkeys_lock:
            numbers, self._hotkeys = list(self._hotkeys), {}
        if self._hotkey_loop is not None and numbers:
            self._hotkey_loop.call(lambda: [self._w.UnregisterHotKey(None, number) for number in numbers])

    # --- who is in front ----------------------------------------------------------------------------

    def active_app(self) -> AppInfo | None:
        """The application of the window in front (GetForegroundWindow)."""
        return self._describe(self._w.GetForegroundWindow())

    def clipboard_owner(self) -> AppInfo | None:
        """The application whose window owns the clipboard (what was just copied came from it); None when the
        clipboard was filled without an owner, which some programs do."""
        return self._describe(self._w.GetClipboardOwner())

    def _describe(self, window: int | None) -> AppInfo | None:
        if not window:
            return None
        pid = DWORD(0)
        self._w.GetWindowThreadProcessId(window, pid)
        program = self._program(pid.value)
        if not program:
            return None
        length = self._w.GetWindowTextLengthW(window)
        title = ctypes.create_unicode_buffer(max(length, 0) + 1)
        self._w.GetWindowTextW(window, title, len(title))
        return AppInfo(program, title.value)

    def _program(self, pid: int) -> str:
        if not pid:
            return ""
        # limited information is granted even for most processes of other users and elevated ones
        process = self._w.OpenProcess(api.PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not process:
            return ""
        try:
            size = DWORD(32768)
            path = ctypes.create_unicode_buffer(size.value)
            if not self._w.QueryFullProcessImageNameW(process, 0, path, size):
                return ""
            return program_name(path.value)
        finally:
            self._w.CloseHandle(process)

    # --- every key, for hotstrings ---------------------------------------------------------------------

    def watch_keys(self, callback: Callable[[str], None]) -> None:
        """Call callback with each key pressed in any application: the character typed, or a name (space, tab,
        return, backspace; "other" for the rest, and for anything typed with Ctrl, Alt or Win held). Keys that
        programs send (the desk's own typing too) are not reported. A low-level keyboard hook, on a thread of its
        own."""
        if self._keys_loop is not None:
            return

        def hook(code: int, wparam: int, lparam: int) -> int:
            if code == api.HC_ACTION and wparam in (api.WM_KEYDOWN, api.WM_SYSKEYDOWN):
                event = KBDLLHOOKSTRUCT.from_address(lparam)
                word = key_word(event.vkCode, event.scanCode, event.flags, self._held(), self._translate)
                if word is not None:
                    callback(word)
            # should anything above raise, ctypes prints it and returns 0: the key still reaches the application
            return self._w.CallNextHookEx(None, code, wparam, lparam)

        self._hook_proc = HOOKPROC(hook)
        loop = _MessageLoop(self._w, "kefudesk-keys", lambda message, wparam: None)
        installed, error = loop.call(lambda: (self._w.SetWindowsHookExW(
            api.WH_KEYBOARD_LL, self._hook_proc, self._w.GetModuleHandleW(None), 0), self._w.last_error()))
        if not installed:
            loop.stop()
            raise DesktopUnavailable(f"Windows refused the keyboard hook (error {error}): hotstrings are off")
        self._keys_loop, self._hook = loop, installed

    def _held(self) -> Held:
        def down(vk: int) -> bool:
            return bool(self._w.GetAsyncKeyState(vk) & 0x8000)

        return Held(shift=down(api.VK_SHIFT), ctrl=down(api.VK_CONTROL), alt=down(api.VK_MENU),
                    win=down(api.VK_LWIN) or down(api.VK_RWIN),
                    caps_lock=bool(self._w.GetKeyState(api.VK_CAPITAL) & 1))

    def _translate(self, vk: int, scan: int, state: bytes) -> str:
        """The character the key types in the application in front, with that application's keyboard layout."""
        front = self._w.GetForegroundWindow()
        layout = self._w.GetKeyboardLayout(self._w.GetWindowThreadProcessId(front, None) if front else 0)
        keys = (ctypes.c_ubyte * 256).from_buffer_copy(state)
        typed = ctypes.create_unicode_buffer(8)
        # TOUNICODE_KEEP_STATE: without it, translating a key here would use up a dead key (^, ´) the agent typed
        # before it, and the application would get the bare letter instead of the accented one
        count = self._w.ToUnicodeEx(vk, scan, keys, typed, len(typed), api.TOUNICODE_KEEP_STATE, layout)
        return typed[:count] if count > 0 else ""  # -1: a dead key, which types nothing yet

    def tap(self, key: str, times: int = 1) -> None:
        """Press and release a key (by its X name: BackSpace, Return…) `times` times, as if typed."""
        vk = key_vk(key)
        if vk is None:
            raise ValueError(f"{key!r} is not a key name (Space, K, F12…)")
        with self._lock:
            self._send(key_inputs(vk) * times)

    # --- keystrokes ---------------------------------------------------------------------------------

    def type_text(self, text: str) -> None:
        """Type text into the window with the focus, key by key, for applications that refuse a paste. Line
        breaks are Enter, tabs Tab, everything else its UTF-16 code units (KEYEVENTF_UNICODE)."""
        with self._lock:
            for chunk in typing_chunks(text):
                self._send(chunk)

    def paste(self) -> None:
        """Ctrl+V to the window with the focus, as if typed."""
        with self._lock:
            self._send(paste_inputs())

    def _send(self, inputs: list[INPUT]) -> None:
        if not inputs:
            return
        sent = self._w.SendInput(len(inputs), (INPUT * len(inputs))(*inputs), ctypes.sizeof(INPUT))
        if sent != len(inputs):
            # Windows does not say why; by far the likeliest is UIPI: a program running as administrator takes
            # no input from one that does not. (A UAC prompt or the lock screen refuses the same way; rare and
            # passing, it gets the same words.)
            raise DesktopUnavailable(ELEVATED)

    def close(self) -> None:
        """The hotkeys and the hook are given back and their threads end."""
        hotkeys, self._hotkey_loop = self._hotkey_loop, None
        keys, self._keys_loop = self._keys_loop, None
        hook, self._hook = self._hook, None
        with self._hotkeys_lock:
            numbers, self._hotkeys = list(self._hotkeys), {}
        for loop, give_back in ((hotkeys, lambda: [self._w.UnregisterHotKey(None, n) for n in numbers]),
                                (keys, lambda: self._w.UnhookWindowsHookEx(hook))):
            if loop is None:
                continue
            try:
                loop.call(give_back)
            except DesktopUnavailable:
                pass  # the thread is gone or stuck: Windows frees a thread's hotkeys and hook when it ends
            loop.stop()
