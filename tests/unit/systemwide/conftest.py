"""A recording stand-in for user32 and kernel32, so the Windows desktop runs on the Linux CI: Windows cannot run
here. It keeps thread message queues, hotkeys and keyboard hooks the way Windows does, checks every call against
the types app/systemwide/winapi.py declares (as ctypes would on Windows), and records what was sent."""

from __future__ import annotations

import ctypes
import queue
import threading

import pytest

from app.systemwide import winapi as api
from app.systemwide.windows import WindowsDesktop

ERROR_ACCESS_DENIED, ERROR_INVALID_THREAD_ID = 5, 1444
# a German keyboard's AltGr+Q and its dead accent key
ALTGR = {0x51: "@"}
DEAD_ACCENT = 0xDD


def _declared(function):  # noqa: ANN001, ANN202 - a decorator of the recorder's own methods
    """Check the call against winapi.SIGNATURES as ctypes would (and integers for range, which it does not)."""
    name = function.__name__
    _library, _restype, argtypes = api.SIGNATURES[name]

    def checked(self, *args):  # noqa: ANN001, ANN202
        assert len(args) == len(argtypes), f"{name}: {len(args)} arguments, declared {len(argtypes)}"
        for argtype, arg in zip(argtypes, args, strict=True):
            argtype.from_param(arg)  # raises for a wrong type, as the real call would
            if isinstance(arg, int) and issubclass(argtype, ctypes._SimpleCData) and argtype._type_ in "bBhHiIlLqQ":
                assert argtype(arg).value == arg, f"{name}: {arg} does not fit {argtype.__name__}"
        self.calls.append((name, threading.get_native_id(), args))
        return function(self, *args)

    checked.__name__ = name
    return checked


class Win32Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int, tuple]] = []  # (function, thread, arguments)
        self.sent: list[list[tuple[int, int, int]]] = []  # per SendInput: (wVk, wScan, dwFlags) per record
        self.elevated_front = False  # UIPI: SendInput into the window in front is refused
        self.taken: set[tuple[int, int]] = set()  # (MOD_ mask, vk) that other programs hold
        self.hotkeys: dict[int, tuple[int, int, int]] = {}  # id → (thread, mask with MOD_NOREPEAT, vk)
        self.hooks: dict[int, tuple[int, object]] = {}  # hook handle → (thread, procedure)
        self.held: set[int] = set()  # virtual keys down
        self.caps_lock = False
        self.windows: dict[int, tuple[int, str]] = {}  # window → (process id, title)
        self.processes: dict[int, str] = {}  # process id → its .exe's path
        self.front: int | None = None
        self.clipboard: int | None = None
        self.open_handles: set[int] = set()
        self._queues: dict[int, queue.Queue] = {}
        self._errors = threading.local()

    # --- what a test does to it ------------------------------------------------------------------------

    def press_hotkey(self, mask: int, vk: int) -> bool:
        """The user presses a registered hotkey: WM_HOTKEY to the thread that registered it."""
        for number, (thread, registered, key) in list(self.hotkeys.items()):
            if (registered & ~api.MOD_NOREPEAT, key) == (mask, vk):
                self._queues[thread].put(("msg", api.WM_HOTKEY, number, 0))
                return True
        return False

    def press(self, vk: int, scan: int = 0, flags: int = 0, held: tuple[int, ...] = ()) -> list[int]:
        """A key goes down with `held` keys down: every low-level hook sees it on its own thread, in its
        GetMessageW, before the application does. Returns what each hook answered, once they all have."""
        answers: list[int] = []
        done = threading.Event()
        self.held = set(held)
        for thread in {thread for thread, _proc in self.hooks.values()}:
            self._queues[thread].put(("key", vk, scan, flags, answers, done))
            assert done.wait(5), "the hook thread did not take the key"
        self.held = set()
        return answers

    def typed(self) -> str:
        """What a text field receiving everything SendInput sent would show."""
        units: list[int] = []
        text = ""
        for record in (r for call in self.sent for r in call):
            vk, scan, flags = record
            if flags & api.KEYEVENTF_KEYUP:
                continue
            if flags & api.KEYEVENTF_UNICODE:
                units.append(scan)
                continue
            text += b"".join(u.to_bytes(2, "little") for u in units).decode("utf-16-le")
            units = []
            text += {api.VK_RETURN: "\n", api.VK_TAB: "\t"}.get(vk, f"<{vk:#x}>")
        return text + b"".join(u.to_bytes(2, "little") for u in units).decode("utf-16-le")

    def called(self, name: str) -> list[tuple[int, tuple]]:
        return [(thread, args) for function, thread, args in self.calls if function == name]

    def _fail(self, error: int) -> int:
        self._errors.value = error
        return 0

    def last_error(self) -> int:
        return getattr(self._errors, "value", 0)

    # --- user32: messages, hotkeys, hooks ---------------------------------------------------------------

    @_declared
    def PeekMessageW(self, msg, hwnd, low, high, remove):  # noqa: ANN001, ANN201
        self._queues.setdefault(threading.get_native_id(), queue.Queue())
        return 0

    @_declared
    def GetMessageW(self, msg, hwnd, low, high):  # noqa: ANN001, ANN201
        thread = threading.get_native_id()
        mine = self._queues.setdefault(thread, queue.Queue())
        while True:
            item = mine.get()
            if item[0] == "key":
                self._run_hooks(thread, *item[1:])
                continue
            msg.message, msg.wParam, msg.lParam = item[1:]
            if item[1] == api.WM_QUIT:
                del self._queues[thread]  # the thread ends: posts to it fail from now on
                return 0
            return 1

    def _run_hooks(self, thread, vk, scan, flags, answers, done):  # noqa: ANN001, ANN202
        event = api.KBDLLHOOKSTRUCT(vkCode=vk, scanCode=scan, flags=flags)
        for hook_thread, procedure in list(self.hooks.values()):
            if hook_thread == thread:
                answers.append(procedure(api.HC_ACTION, api.WM_KEYDOWN, ctypes.addressof(event)))
        done.set()

    @_declared
    def PostThreadMessageW(self, thread, message, wparam, lparam):  # noqa: ANN001, ANN201
        if thread not in self._queues:
            return self._fail(ERROR_INVALID_THREAD_ID)
        self._queues[thread].put(("msg", message, wparam, lparam))
        return 1

    @_declared
    def RegisterHotKey(self, hwnd, number, mask, vk):  # noqa: ANN001, ANN201
        if (mask & ~api.MOD_NOREPEAT, vk) in self.taken or any(
                (m, k) == (mask, vk) for _t, m, k in self.hotkeys.values()):
            return self._fail(api.ERROR_HOTKEY_ALREADY_REGISTERED)
        self.hotkeys[number] = (threading.get_native_id(), mask, vk)
        return 1

    @_declared
    def UnregisterHotKey(self, hwnd, number):  # noqa: ANN001, ANN201
        # without a window, only the thread that registered a hotkey can give it back
        if self.hotkeys.get(number, (None,))[0] != threading.get_native_id():
            return self._fail(1419)  # ERROR_HOTKEY_NOT_REGISTERED
        del self.hotkeys[number]
        return 1

    @_declared
    def SetWindowsHookExW(self, kind, procedure, module, thread):  # noqa: ANN001, ANN201
        assert kind == api.WH_KEYBOARD_LL and module and thread == 0
        handle = 0x7FF6_0000_1000 + len(self.hooks)  # beyond 32 bits, as 64-bit handles can be
        self.hooks[handle] = (threading.get_native_id(), procedure)
        return handle

    @_declared
    def UnhookWindowsHookEx(self, handle):  # noqa: ANN001, ANN201
        return 1 if self.hooks.pop(handle, None) else self._fail(1404)  # ERROR_INVALID_HOOK_HANDLE

    @_declared
    def CallNextHookEx(self, handle, code, wparam, lparam):  # noqa: ANN001, ANN201
        return 0

    @_declared
    def GetAsyncKeyState(self, vk):  # noqa: ANN001, ANN201
        down = vk in self.held
        return ctypes.c_int16(0x8000 if down else 0).value  # SHORT: the "down" bit makes it negative

    @_declared
    def GetKeyState(self, vk):  # noqa: ANN001, ANN201
        return 1 if vk == api.VK_CAPITAL and self.caps_lock else 0

    @_declared
    def GetKeyboardLayout(self, thread):  # noqa: ANN001, ANN201
        return 0x0407_0407 if thread == 77 else 0x0409_0409  # the window in front types German

    @_declared
    def ToUnicodeEx(self, vk, scan, state, buffer, size, flags, layout):  # noqa: ANN001, ANN201
        shift = bool(state[api.VK_SHIFT] & 0x80)
        altgr = bool(state[api.VK_CONTROL] & 0x80 and state[api.VK_MENU] & 0x80)
        if vk == DEAD_ACCENT:
            return -1
        if altgr:
            char = ALTGR.get(vk, "") if layout == 0x0407_0407 else ""
        elif 0x41 <= vk <= 0x5A:
            char = chr(vk) if shift != bool(state[api.VK_CAPITAL] & 1) else chr(vk).lower()
        elif 0x30 <= vk <= 0x39:
            char = ")!@#$%^&*("[vk - 0x30] if shift else chr(vk)
        else:
            char = ""
        for i, c in enumerate(char):
            buffer[i] = c
        return len(char)

    # --- user32: windows, the clipboard, input ------------------------------------------------------------

    @_declared
    def GetForegroundWindow(self):  # noqa: ANN201
        return self.front

    @_declared
    def GetClipboardOwner(self):  # noqa: ANN201
        return self.clipboard

    @_declared
    def GetWindowThreadProcessId(self, window, pid):  # noqa: ANN001, ANN201
        if window not in self.windows:
            return 0
        if pid is not None:
            pid.value = self.windows[window][0]
        return 77

    @_declared
    def GetWindowTextLengthW(self, window):  # noqa: ANN001, ANN201
        return len(self.windows.get(window, (0, ""))[1])

    @_declared
    def GetWindowTextW(self, window, buffer, size):  # noqa: ANN001, ANN201
        title = self.windows.get(window, (0, ""))[1][:size - 1]
        buffer.value = title
        return len(title)

    @_declared
    def SendInput(self, count, inputs, size):  # noqa: ANN001, ANN201
        if size != ctypes.sizeof(api.INPUT):
            return self._fail(87)  # ERROR_INVALID_PARAMETER: Windows checks the structure's size
        if self.elevated_front:
            return self._fail(ERROR_ACCESS_DENIED)
        assert all(inputs[i].type == api.INPUT_KEYBOARD for i in range(count))
        self.sent.append([(inputs[i].ki.wVk, inputs[i].ki.wScan, inputs[i].ki.dwFlags) for i in range(count)])
        return count

    # --- kernel32 ---------------------------------------------------------------------------------------

    @_declared
    def GetCurrentThreadId(self):  # noqa: ANN201
        return threading.get_native_id()

    @_declared
    def GetModuleHandleW(self, name):  # noqa: ANN001, ANN201
        return 0x7FF7_1234_0000

    @_declared
    def OpenProcess(self, access, inherit, pid):  # noqa: ANN001, ANN201
        if pid not in self.processes:
            return self._fail(ERROR_ACCESS_DENIED)
        handle = 0x1_0000_0000 + pid
        self.open_handles.add(handle)
        return handle

    @_declared
    def QueryFullProcessImageNameW(self, handle, flags, buffer, size):  # noqa: ANN001, ANN201
        path = self.processes[handle - 0x1_0000_0000]
        if len(path) >= size.value:
            return self._fail(122)  # ERROR_INSUFFICIENT_BUFFER
        buffer.value = path
        size.value = len(path)
        return 1

    @_declared
    def CloseHandle(self, handle):  # noqa: ANN001, ANN201
        self.open_handles.remove(handle)
        return 1


@pytest.fixture
def win32():
    return Win32Recorder()


@pytest.fixture
def desktop(win32):
    found = WindowsDesktop(win32)
    yield found
    found.close()
