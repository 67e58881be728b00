"""The desktop on X11 (python-xlib): a global hotkey with XGrabKey on the root window, the application in front
(_NET_ACTIVE_WINDOW, or the input focus without a window manager) and the clipboard's owner (XGetSelectionOwner)
named by WM_CLASS, Ctrl+V sent with XTest, and text typed key by key where pasting is blocked.

Typing any character (Chinese too) needs a key that makes it: the keyboard has none for 您, so unused keycodes are
given the characters' keysyms for a moment. Every character of a batch gets a keycode of its own and the mapping
is changed once per batch. Reusing one keycode character after character (what xdotool and pynput do) loses
characters when typing fast: the receiving application reads the new mapping only when it gets to the mapping
event, by which time the keycode may already mean the next character.

The hotkey listens on a connection and a thread of its own; callbacks run on that thread, so a Qt caller hands
them to its GUI thread with a queued signal.
"""

from __future__ import annotations

import os
import select
import threading
import time
from collections.abc import Callable
from pathlib import Path

from Xlib import XK, X, display, error
from Xlib.ext import record, res, xtest
from Xlib.protocol import rq

from app.systemwide import AppInfo, DesktopUnavailable, split_combo

MODIFIERS = {"ctrl": X.ControlMask, "alt": X.Mod1Mask, "shift": X.ShiftMask, "super": X.Mod4Mask}
# NumLock and CapsLock must not stop the hotkey: grab it with each combination of them too
_LOCKS = (0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask)
# between two typing batches that reuse keycodes: time for the receiving application to act on the last keys
# before their keycodes change meaning (a batch is as many different characters as there are spare keycodes).
# Nothing in X11 says when another client has read its keys, so it is a wait: longer on a busy machine, where the
# application gets the CPU later (tests/systemwide/test_x11.py typed garbage in 3 of 4 runs with 8 busy processes on
# 2 cores at a flat 0.06 s, 1 of 4 at 0.25 s)
BATCH_PAUSE = 0.25
BATCH_PAUSE_MOST = 2.0


def batch_pause() -> float:
    """BATCH_PAUSE, stretched by how many processes wait for each core (the 1-minute load average)."""
    try:
        waiting = os.getloadavg()[0] / (os.cpu_count() or 1)
    except OSError:  # no load average on this system
        waiting = 1.0
    return min(BATCH_PAUSE_MOST, BATCH_PAUSE * max(1.0, waiting))
_NAMED = {"\n": "Return", "\t": "Tab", " ": "space"}


def keysym_for(char: str) -> int:
    """The keysym that types char: Latin-1 keysyms are the code point itself, the rest of Unicode is 0x01000000
    plus the code point (X11's rule since 2004, understood by xkbcommon, GTK and Qt)."""
    if char in _NAMED:
        return XK.string_to_keysym(_NAMED[char])
    point = ord(char)
    if 0x20 <= point <= 0x7E or 0xA0 <= point <= 0xFF:
        return point
    return 0x01000000 | point


def parse_combo(combo: str) -> tuple[int, str]:
    """("Ctrl+Alt+Space") → (modifier mask, key name); ValueError names what is wrong."""
    modifiers, key = split_combo(combo, lambda key: bool(XK.string_to_keysym(key) or
                                                         XK.string_to_keysym(key.lower())))
    mask = 0
    for name in modifiers:
        mask |= MODIFIERS[name]
    return mask, key


class X11Desktop:
    name = "x11"

    def __init__(self, display_name: str) -> None:
        try:
            self._d = display.Display(display_name)
            self._events = display.Display(display_name)  # the hotkey thread's own connection
        except Exception as exc:  # noqa: BLE001 - python-xlib fails in many ways (refused, bad name, no auth)
            raise DesktopUnavailable(f"cannot reach the X display {display_name!r} ({exc})") from exc
        if not self._d.has_extension("XTEST"):
            raise DesktopUnavailable("the X server has no XTEST extension: pasting into other applications is "
                                     "not possible")
        self._lock = threading.Lock()
        self._grabs: dict[tuple[int, int], Callable[[], None]] = {}
        self._wake_r, self._wake_w = os.pipe()  # close() writes to it to end the listening thread at once
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._record: display.Display | None = None  # the key watcher's connection (hotstrings)
        self._record_ctx: int | None = None
        self._record_thread: threading.Thread | None = None
        self._spare: list[int] | None = None  # keycodes with no key on this keyboard, for typing
        self._lent: dict[int, tuple[int, int]] = {}  # keycode → the keysyms it types now (given back at close)

    # --- the hotkey ---------------------------------------------------------------------------------

    def grab_hotkey(self, combo: str, callback: Callable[[], None]) -> None:
        """Call callback whenever combo is pressed, whichever application has the focus. DesktopUnavailable
        when another program holds that combination already."""
        mask, key = parse_combo(combo)
        keysym = XK.string_to_keysym(key) or XK.string_to_keysym(key.lower())
        keycode = self._events.keysym_to_keycode(keysym)
        if not keycode:
            raise DesktopUnavailable(f"the keyboard has no key for {key!r}")
        root = self._events.screen().root
        failed: list[object] = []
        for lock in _LOCKS:
            root.grab_key(keycode, mask | lock, True, X.GrabModeAsync, X.GrabModeAsync,
                          onerror=lambda err, *_: failed.append(err))
        self._events.sync()
        if failed:
            for lock in _LOCKS:
                root.ungrab_key(keycode, mask | lock)
            self._events.sync()
            raise DesktopUnavailable(f"{combo} is already taken by another program: choose another hotkey")
        with self._lock:
            self._grabs[(keycode, mask)] = callback
        if self._thread is None:
            self._thread = threading.Thread(target=self._listen, name="kefudesk-hotkey", daemon=True)
            self._thread.start()

    def release_hotkeys(self) -> None:
        root = self._events.screen().root
        with self._lock:
            grabs, self._grabs = list(self._grabs), {}
        for keycode, mask in grabs:
            for lock in _LOCKS:
                root.ungrab_key(keycode, mask | lock)
        self._events.sync()

    def _listen(self) -> None:
        conn = self._events
        while not self._stopping:
            readable, _w, _x = select.select([conn.fileno(), self._wake_r], [], [], 1.0)
            if self._wake_r in readable:
                return
            while conn.pending_events():
                event = conn.next_event()
                if event.type != X.KeyPress:
                    continue
                state = event.state & ~(X.LockMask | X.Mod2Mask)
                with self._lock:
                    callback = self._grabs.get((event.detail, state))
                if callback is not None:
                    callback()

    # --- who is in front ----------------------------------------------------------------------------

    def active_app(self) -> AppInfo | None:
        """The application in front: the window manager's _NET_ACTIVE_WINDOW, else the input focus."""
        with self._lock:
            try:
                root = self._d.screen().root
                active = root.get_full_property(self._d.intern_atom("_NET_ACTIVE_WINDOW"), X.AnyPropertyType)
                if active is not None and active.value and active.value[0]:
                    return self._describe(self._d.create_resource_object("window", active.value[0]))
                focus = self._d.get_input_focus().focus
                return self._describe(focus) if hasattr(focus, "id") else None
            except error.XError:
                return None

    def clipboard_owner(self) -> AppInfo | None:
        """The application that owns the clipboard now (what was just copied came from it). Toolkits own the
        selection with a hidden window that has no WM_CLASS, so the owner is named by its process (X-Resource
        extension → PID → the process name), and by WM_CLASS only where the window has one."""
        with self._lock:
            try:
                owner = self._d.get_selection_owner(self._d.intern_atom("CLIPBOARD"))
                if not owner or owner == X.NONE:
                    return None
                return self._describe(owner) or self._process(owner.id)
            except error.XError:
                return None

    def _process(self, window_id: int) -> AppInfo | None:
        if not self._d.has_extension("X-Resource"):
            return None
        spec = [{"client": window_id, "mask": res.LocalClientPIDMask}]
        for found in self._d.res_query_client_ids(spec).ids:
            if found.spec.mask == res.LocalClientPIDMask and found.value:
                try:
                    name = Path(f"/proc/{found.value[0]}/comm").read_text().strip()
                except OSError:
                    return None
                return AppInfo(name) if name else None
        return None

    def _describe(self, window: object) -> AppInfo | None:
        """WM_CLASS and title of the window or of its nearest ancestor that has them."""
        current = window
        for _ in range(20):
            try:
                wm_class = current.get_wm_class()  # type: ignore[attr-defined]
                if wm_class:
                    title = current.get_wm_name() or ""  # type: ignore[attr-defined]
                    return AppInfo(wm_class[1] or wm_class[0], title if isinstance(title, str) else "")
                parent = current.query_tree().parent  # type: ignore[attr-defined]
            except (error.XError, AttributeError):
                return None
            if not parent or parent == self._d.screen().root:
                return None
            current = parent
        return None

    # --- every key, for hotstrings ---------------------------------------------------------------------

    def watch_keys(self, callback: Callable[[str], None]) -> None:
        """Call callback with each key pressed in any application: the character typed, or a name (space, tab,
        return, backspace; "other" for the rest, and for anything typed with Ctrl, Alt or Super held). Uses
        the RECORD extension, on a connection and a thread of its own."""
        if self._record_thread is not None:
            return
        try:
            self._record = display.Display(self._d.get_display_name())
        except Exception as exc:  # noqa: BLE001 - python-xlib fails in many ways
            raise DesktopUnavailable(f"cannot watch the keyboard ({exc})") from exc
        if not self._record.has_extension("RECORD"):
            raise DesktopUnavailable("the X server has no RECORD extension: hotstrings are not possible")
        self._record_ctx = self._record.record_create_context(0, [record.AllClients], [{
            "core_requests": (0, 0), "core_replies": (0, 0), "ext_requests": (0, 0, 0, 0),
            "ext_replies": (0, 0, 0, 0), "delivered_events": (0, 0), "device_events": (X.KeyPress, X.KeyPress),
            "errors": (0, 0), "client_started": False, "client_died": False}])
        special = {XK.XK_space: "space", XK.XK_Tab: "tab", XK.XK_Return: "return", XK.XK_KP_Enter: "return",
                   XK.XK_BackSpace: "backspace"}
        lookup = display.Display(self._d.get_display_name())  # keycodes to characters, on the watcher's thread

        def received(reply: object) -> None:
            if getattr(reply, "category", None) != record.FromServer or getattr(reply, "client_swapped", False):
                return
            data = reply.data  # type: ignore[attr-defined]
            while data:
                event, data = rq.EventField(None).parse_binary_value(data, lookup.display, None, None)
                if event.type != X.KeyPress:
                    continue
                keysym = lookup.keycode_to_keysym(event.detail, 1 if event.state & X.ShiftMask else 0)
                if XK.XK_Shift_L <= keysym <= XK.XK_Hyper_R:
                    continue  # a bare modifier is not a key of its own
                if event.state & (X.ControlMask | X.Mod1Mask | X.Mod4Mask):
                    callback("other")  # a shortcut, not typing
                elif keysym in special:
                    callback(special[keysym])
                else:
                    char = XK.keysym_to_string(keysym) or ""
                    callback(char if len(char) == 1 and char.isprintable() else "other")

        def run() -> None:
            assert self._record is not None
            try:
                self._record.record_enable_context(self._record_ctx, received)
            except Exception:  # noqa: BLE001 - the connection closed under it at close()
                pass
            finally:
                lookup.close()

        self._record_thread = threading.Thread(target=run, name="kefudesk-keys", daemon=True)
        self._record_thread.start()

    def tap(self, key: str, times: int = 1) -> None:
        """Press and release a key (by its X name: BackSpace, Return…) `times` times, as if typed."""
        with self._lock:
            code = self._d.keysym_to_keycode(XK.string_to_keysym(key))
            for _ in range(times):
                xtest.fake_input(self._d, X.KeyPress, code)
                xtest.fake_input(self._d, X.KeyRelease, code)
            self._d.sync()

    # --- keystrokes ---------------------------------------------------------------------------------

    def type_text(self, text: str) -> None:
        """Type text into the window with the focus, key by key (XTest), for applications that refuse a paste.
        Line breaks are Enter, tabs Tab. Characters the keyboard has are typed with their own keys; the rest
        through spare keycodes, two characters to a keycode (the second with Shift)."""
        if not text:
            return
        with self._lock:
            slots = [(code, level) for code in self._spare_keycodes() for level in (0, 1)]
            if not slots:
                raise DesktopUnavailable("the keyboard mapping has no free key to type with: paste instead")
            own = self._keyboard_keys()
            shift = self._d.keysym_to_keycode(XK.string_to_keysym("Shift_L"))
            chars = list(text)
            start = 0
            while start < len(chars):
                lent: dict[str, tuple[int, int]] = {}
                end = start
                while end < len(chars):
                    char = chars[end]
                    if keysym_for(char) not in own and char not in lent:
                        if len(lent) == len(slots):
                            break
                        lent[char] = slots[len(lent)]
                    end += 1
                if start and lent:  # the keycodes of the batch before are about to mean other characters
                    time.sleep(batch_pause())
                self._lend(lent)
                for char in chars[start:end]:
                    code, level = lent.get(char) or own[keysym_for(char)]
                    if level:
                        xtest.fake_input(self._d, X.KeyPress, shift)
                    xtest.fake_input(self._d, X.KeyPress, code)
                    xtest.fake_input(self._d, X.KeyRelease, code)
                    if level:
                        xtest.fake_input(self._d, X.KeyRelease, shift)
                self._d.sync()
                start = end

    def _keyboard_keys(self) -> dict[int, tuple[int, int]]:
        """keysym → (keycode, level: 0 plain, 1 with Shift) for what the keyboard types itself. With Caps Lock on,
        letters are left out (Caps Lock would turn them round); they go through spare keycodes instead."""
        first = self._d.display.info.min_keycode
        count = self._d.display.info.max_keycode - first + 1
        caps = bool(self._d.get_keyboard_control().led_mask & 1)
        keys: dict[int, tuple[int, int]] = {}
        for offset, syms in enumerate(self._d.get_keyboard_mapping(first, count)):
            if first + offset in self._lent:
                continue
            for level, sym in enumerate(syms[:2]):
                letter = sym < 0x100 and chr(sym).isalpha()
                if sym and sym not in keys and not (caps and letter):
                    keys[sym] = (first + offset, level)
        return keys

    def _spare_keycodes(self) -> list[int]:
        """Keycodes the keyboard has no keysym on (found once)."""
        if self._spare is None:
            first = self._d.display.info.min_keycode
            count = self._d.display.info.max_keycode - first + 1
            mapping = self._d.get_keyboard_mapping(first, count)
            self._spare = [first + i for i, syms in enumerate(mapping) if not any(syms)]
        return self._spare

    def _lend(self, lent: dict[str, tuple[int, int]]) -> None:
        """Give the spare keycodes the characters' keysyms, changing only the keycodes whose keysyms differ, in
        one request per run of neighbouring keycodes (each change makes every X client re-read the keyboard)."""
        wanted: dict[int, list[int]] = {}
        for char, (code, level) in lent.items():
            wanted.setdefault(code, [0, 0])[level] = keysym_for(char)
        pairs = {code: (syms[0], syms[1] or syms[0]) for code, syms in wanted.items()}
        changes = sorted((code, pair) for code, pair in pairs.items() if self._lent.get(code) != pair)
        for first, rows in _runs(changes):
            self._d.change_keyboard_mapping(first, rows)
        self._lent.update(pairs)
        if changes:
            self._d.sync()

    def _give_back(self) -> None:
        """The spare keycodes are empty again, as the keyboard had them."""
        for first, rows in _runs(sorted(self._lent.items())):
            self._d.change_keyboard_mapping(first, [(0, 0)] * len(rows))
        self._lent.clear()

    def paste(self) -> None:
        """Ctrl+V to the window with the focus, as if typed (XTest)."""
        with self._lock:
            control = self._d.keysym_to_keycode(XK.string_to_keysym("Control_L"))
            v = self._d.keysym_to_keycode(XK.string_to_keysym("v"))
            for event_type, code in ((X.KeyPress, control), (X.KeyPress, v), (X.KeyRelease, v),
                                     (X.KeyRelease, control)):
                xtest.fake_input(self._d, event_type, code)
            self._d.sync()

    def close(self) -> None:
        self._stopping = True
        if self._record_ctx is not None:
            with self._lock:
                self._d.record_disable_context(self._record_ctx)
                self._d.flush()
            if self._record_thread is not None:
                self._record_thread.join(2.0)
            if self._record is not None:
                self._record.record_free_context(self._record_ctx)
                self._record.close()
        try:
            self.release_hotkeys()
            with self._lock:
                self._give_back()
        except error.XError:
            pass
        os.write(self._wake_w, b"x")
        if self._thread is not None:
            self._thread.join(2.0)
        self._events.close()
        self._d.close()



def _runs(pairs: list[tuple[int, tuple[int, int]]]) -> list[tuple[int, list[tuple[int, int]]]]:
    """[(keycode, keysyms)] sorted by keycode → [(first keycode, [keysyms of it and of the keycodes after it])]."""
    runs: list[tuple[int, list[tuple[int, int]]]] = []
    for code, syms in pairs:
        if runs and runs[-1][0] + len(runs[-1][1]) == code:
            runs[-1][1].append(syms)
        else:
            runs.append((code, [syms]))
    return runs
