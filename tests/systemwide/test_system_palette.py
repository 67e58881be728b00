"""`kefudesk palette` end to end on a real X server (Xvfb): the global hotkey opens the phrase palette while
another application has the focus, an abbreviation typed and Enter paste the phrase into that application's
text field, the clipboard holds what it held before, and the use counts in the phrase statistics."""

from __future__ import annotations

import os
import subprocess
import sys

from Xlib import X, display, error

from app.store.clips import clips
from app.store.engine import open_store
from app.systemwide import Desktop

from tests.conftest import with_starter_phrases
from tests.systemwide.test_x11 import desktop, eventually, press, x_client, xdisplay  # noqa: F401 - the fixtures


def ask(proc: subprocess.Popen, prefix: str) -> str:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("\n")
    proc.stdin.flush()
    line = proc.stdout.readline().strip()
    assert line.startswith(prefix), line
    return line[len(prefix):]


def answers(proc: subprocess.Popen, prefix: str, expected: str) -> None:
    """Ask the X client until it says what is expected (keys, pastes and typing arrive in their own time)."""
    assert eventually(lambda: ask(proc, prefix) == expected), ask(proc, prefix)


def in_front(desktop: Desktop, app: str) -> None:  # noqa: F811 - the fixture's value
    """Wait until the X client has the focus: the clients map their windows in their own time."""
    assert eventually(lambda: (front := desktop.active_app()) is not None and app in front.app), f"{app} is not in front"


def popups(display_name: str) -> set[int]:
    """The palette's windows on the screen now. Its popups take the keyboard with a grab, not the focus, so they
    are found by their WM_CLASS; Qt grabs the keyboard when the popup is mapped."""
    d = display.Display(display_name)
    try:
        found = set()
        for window in d.screen().root.query_tree().children:
            try:
                wm_class = window.get_wm_class()
                if wm_class and "KefuDesk" in wm_class and window.get_attributes().map_state == X.IsViewable:
                    found.add(window.id)
            except error.XError:
                continue  # gone meanwhile (a client closed a window)
        return found
    finally:
        d.close()


def popup_opens(display_name: str, other_than: set[int] | None = None) -> set[int]:
    """Wait until one of the palette's popups is on the screen (another than other_than: the next one)."""
    shown = eventually(lambda: popups(display_name) - (other_than or set()))
    assert shown, "the palette did not open"
    return shown


def kept_copy(tmp_path, text: str) -> bool:  # noqa: ANN001
    """The palette has kept the copy in its clipboard history."""
    store = open_store(tmp_path / "data" / "kefudesk.db")
    try:
        return any(clip.text == text for clip in clips(store))
    finally:
        store.close()


def start_palette(display: str, tmp_path, *args: str) -> subprocess.Popen:  # noqa: ANN001
    """`kefudesk palette` on the test's X server, with its own data and config dirs, in English; its store holds the
    demo's starter phrases (发货时间 fh, 物流查询 wl…) the tests fire."""
    (tmp_path / "data").mkdir(exist_ok=True)
    with_starter_phrases(open_store(tmp_path / "data" / "kefudesk.db")).close()
    env = os.environ | {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "KEFUDESK_DATA_DIR": str(tmp_path / "data"),
                        "KEFUDESK_CONFIG_DIR": str(tmp_path / "config")}
    return subprocess.Popen([sys.executable, "-m", "app", "palette", *args, "--lang", "en"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def uses_of(tmp_path, title: str) -> int:  # noqa: ANN001
    """How often the phrase was used, as the phrase statistics count it."""
    store = open_store(tmp_path / "data" / "kefudesk.db")
    used = [p for p in store.phrases() if p.title == title][0].uses
    store.close()
    return used


def test_the_hotkey_palette_pastes_a_phrase_into_another_application(xdisplay, desktop, tmp_path):  # noqa: F811
    clipper = x_client(xdisplay, "clipper", "剪贴板原来的内容")
    palette = start_palette(xdisplay, tmp_path, "--hotkey", "Ctrl+Alt+k")
    try:
        assert palette.stdout is not None
        assert "ready" in palette.stdout.readline()
        target = x_client(xdisplay, "target")
        in_front(desktop, "target")
        press(xdisplay, "Control_L", "Alt_L", "k")
        popup_opens(xdisplay)  # the palette opens at the mouse and takes the keys
        for key in ("f", "h"):  # the abbreviation of 发货时间
            press(xdisplay, key)
        press(xdisplay, "Return")
        answers(target, "TEXT:", "亲，每天16点前付款的订单当天发货，16点后的次日发出哦～")  # pasted
        reader = x_client(xdisplay, "reader")
        answers(reader, "CLIP:", "剪贴板原来的内容")  # then the clipboard given back
        reader.kill()
        target.kill()
    finally:
        palette.terminate()
        palette.wait(10)
        clipper.kill()
    assert uses_of(tmp_path, "发货时间") == 1  # counted like a phrase used in the desk


def test_where_pastes_are_refused_the_phrase_is_typed_and_alt_enter_sends_it(xdisplay, desktop, tmp_path):  # noqa: F811
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text('[palette]\ntype_in = "kd-nopaste"\n', encoding="utf-8")
    clipper = x_client(xdisplay, "clipper", "剪贴板原来的内容")
    palette = start_palette(xdisplay, tmp_path, "--hotkey", "Ctrl+Alt+h")
    phrase = "亲，每天16点前付款的订单当天发货，16点后的次日发出哦～"
    try:
        assert palette.stdout is not None and "ready" in palette.stdout.readline()
        field = x_client(xdisplay, "nopaste")
        in_front(desktop, "nopaste")
        press(xdisplay, "Control_L", "Alt_L", "h")
        popup_opens(xdisplay)
        for key in ("f", "h", "Return"):  # Enter: this application is one that refuses pastes, so it is typed
            press(xdisplay, key)
        answers(field, "TEXT:", f"{phrase}|SENT:")
        assert eventually(lambda: uses_of(tmp_path, "发货时间") == 1)  # the palette is done with it
        press(xdisplay, "Control_L", "Alt_L", "h")
        popup_opens(xdisplay)
        press(xdisplay, "f")
        press(xdisplay, "h")
        press(xdisplay, "Alt_L", "Return")  # typed, then Enter: sent, as a seller client sends on Enter
        answers(field, "TEXT:", f"|SENT:{phrase}{phrase}")
        assert eventually(lambda: uses_of(tmp_path, "发货时间") == 2)
        field.kill()
        target = x_client(xdisplay, "target")  # an ordinary application: Shift+Enter types there too
        in_front(desktop, "target")
        press(xdisplay, "Control_L", "Alt_L", "h")
        popup_opens(xdisplay)
        press(xdisplay, "f")
        press(xdisplay, "h")
        press(xdisplay, "Shift_L", "Return")
        answers(target, "TEXT:", phrase)
        owner = desktop.clipboard_owner()  # typing never touched the clipboard: still the application's copy
        assert owner is not None and owner.app == "kd-clipper"
        target.kill()
    finally:
        palette.terminate()
        palette.wait(10)
        clipper.kill()
    assert uses_of(tmp_path, "发货时间") == 3


def test_a_phrase_needing_values_asks_for_them_and_the_copied_order_no_fills_itself(xdisplay, desktop, tmp_path):  # noqa: F811, E501
    palette = start_palette(xdisplay, tmp_path, "--hotkey", "Ctrl+Alt+j")
    try:
        assert palette.stdout is not None and "ready" in palette.stdout.readline()
        clipper = x_client(xdisplay, "clipper", "买家的订单号 3698123456789012345")  # copied in another app
        target = x_client(xdisplay, "target")
        in_front(desktop, "target")
        assert eventually(lambda: kept_copy(tmp_path, "买家的订单号 3698123456789012345")), "the copy was not seen"
        press(xdisplay, "Control_L", "Alt_L", "j")
        phrases = popup_opens(xdisplay)
        for key in ("w", "l", "Return"):  # 物流查询: order no., courier, tracking no.
            press(xdisplay, key)
        popup_opens(xdisplay, other_than=phrases)  # the form, in the palette's place
        for key in ("z", "t", "o", "Tab", "7", "3", "1", "2", "Return"):  # the form asks for the other two
            press(xdisplay, key)
        answers(target, "TEXT:", "亲，您的订单3698123456789012345已经由zto发出啦，运单号7312，请耐心等待哦～")
        target.kill()
        clipper.kill()
    finally:
        palette.terminate()
        palette.wait(10)
    store = open_store(tmp_path / "data" / "kefudesk.db")
    kept = clips(store)
    store.close()
    assert [(c.text, c.source) for c in kept][-1] == ("买家的订单号 3698123456789012345", "kd-clipper")


def test_the_clipboard_history_pastes_an_earlier_copy_and_keeps_it_as_a_phrase(xdisplay, desktop, tmp_path):  # noqa: F811
    palette = start_palette(xdisplay, tmp_path, "--hotkey", "Ctrl+Alt+m", "--clipboard-hotkey", "Ctrl+Alt+c")
    try:
        assert palette.stdout is not None and "Ctrl+Alt+c the clipboard history" in palette.stdout.readline()
        clipper = x_client(xdisplay, "clipper", "退货地址：浙江省杭州市西湖区文三路88号 小鹿童鞋 0571-88888888")
        assert eventually(lambda: kept_copy(tmp_path, "退货地址：浙江省杭州市西湖区文三路88号 小鹿童鞋 0571-88888888"))
        clipper.kill()  # the copy outlives the application it came from, in the history
        target = x_client(xdisplay, "target")
        in_front(desktop, "target")
        press(xdisplay, "Control_L", "Alt_L", "c")
        popup_opens(xdisplay)
        press(xdisplay, "Control_L", "s")  # keep it as a phrase
        press(xdisplay, "Return")  # and paste it
        answers(target, "TEXT:", "退货地址：浙江省杭州市西湖区文三路88号 小鹿童鞋 0571-88888888")
        target.kill()
    finally:
        palette.terminate()
        palette.wait(10)
    store = open_store(tmp_path / "data" / "kefudesk.db")
    kept = [p for p in store.phrases() if p.group == "剪贴板"]
    store.close()
    assert [p.body for p in kept] == ["退货地址：浙江省杭州市西湖区文三路88号 小鹿童鞋 0571-88888888"]


def test_a_hotstring_typed_in_another_application_becomes_its_phrase_but_not_inside_a_word(xdisplay, desktop,  # noqa: F811
                                                                                               tmp_path):
    palette = start_palette(xdisplay, tmp_path, "--hotkey", "Ctrl+Alt+n", "--clipboard-hotkey", "", "--hotstrings",
                            "售中")
    try:
        assert palette.stdout is not None and "ready" in palette.stdout.readline()
        target = x_client(xdisplay, "target")
        in_front(desktop, "target")
        for key in ("i", "f", "h", "space"):  # inside a word: stays as typed
            press(xdisplay, key)
        answers(target, "TEXT:", "ifh")  # (the answer comes stripped)
        for key in ("f", "h", "space"):  # a word of its own, in an opted-in group: expands
            press(xdisplay, key)
        answers(target, "TEXT:", "ifh 亲，每天16点前付款的订单当天发货，16点后的次日发出哦～")
        target.kill()
    finally:
        palette.terminate()
        palette.wait(10)
