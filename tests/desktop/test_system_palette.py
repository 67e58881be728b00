"""`kefudesk palette` end to end on a real X server (Xvfb): the global hotkey opens the phrase palette while
another application has the focus, an abbreviation typed and Enter paste the phrase into that application's
text field, the clipboard holds what it held before, and the use counts in the phrase statistics."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from app.desktop import detect
from app.store.engine import open_store
from tests.desktop.test_x11 import press, x_client, xdisplay  # noqa: F401 - the Xvfb fixture


def ask(proc: subprocess.Popen, prefix: str) -> str:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("\n")
    proc.stdin.flush()
    line = proc.stdout.readline().strip()
    assert line.startswith(prefix), line
    return line[len(prefix):]


def start_palette(display: str, tmp_path, *args: str) -> subprocess.Popen:  # noqa: ANN001
    """`kefudesk palette` on the test's X server, with its own data and config dirs, in English."""
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


def test_the_hotkey_palette_pastes_a_phrase_into_another_application(xdisplay, tmp_path):  # noqa: F811
    clipper = x_client(xdisplay, "clipper", "剪贴板原来的内容")
    palette = start_palette(xdisplay, tmp_path, "--hotkey", "Ctrl+Alt+k")
    try:
        assert palette.stdout is not None
        assert "ready" in palette.stdout.readline()
        target = x_client(xdisplay, "target")
        time.sleep(0.5)
        press(xdisplay, "Control_L", "Alt_L", "k")
        time.sleep(1.0)  # the palette opens at the mouse and takes the keys
        for key in ("f", "h"):  # the abbreviation of 发货时间
            press(xdisplay, key)
        time.sleep(0.3)
        press(xdisplay, "Return")
        time.sleep(1.5)  # pasted, then the clipboard given back
        assert ask(target, "TEXT:") == "亲，每天16点前付款的订单当天发货，16点后的次日发出哦～"
        reader = x_client(xdisplay, "reader")
        assert ask(reader, "CLIP:") == "剪贴板原来的内容"
        reader.kill()
        target.kill()
    finally:
        palette.terminate()
        palette.wait(10)
        clipper.kill()
    assert uses_of(tmp_path, "发货时间") == 1  # counted like a phrase used in the desk


def test_where_pastes_are_refused_the_phrase_is_typed_and_alt_enter_sends_it(xdisplay, tmp_path):  # noqa: F811
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text('[palette]\ntype_in = "kd-nopaste"\n', encoding="utf-8")
    clipper = x_client(xdisplay, "clipper", "剪贴板原来的内容")
    palette = start_palette(xdisplay, tmp_path, "--hotkey", "Ctrl+Alt+h")
    phrase = "亲，每天16点前付款的订单当天发货，16点后的次日发出哦～"
    desktop = detect({"DISPLAY": xdisplay}, "linux")
    try:
        assert palette.stdout is not None and "ready" in palette.stdout.readline()
        field = x_client(xdisplay, "nopaste")
        time.sleep(0.5)
        press(xdisplay, "Control_L", "Alt_L", "h")
        time.sleep(1.0)
        for key in ("f", "h", "Return"):  # Enter: this application is one that refuses pastes, so it is typed
            press(xdisplay, key)
        time.sleep(1.0)
        assert ask(field, "TEXT:") == f"{phrase}|SENT:"
        press(xdisplay, "Control_L", "Alt_L", "h")
        time.sleep(1.0)
        press(xdisplay, "f")
        press(xdisplay, "h")
        press(xdisplay, "Alt_L", "Return")  # typed, then Enter: sent, as a seller client sends on Enter
        time.sleep(1.0)
        assert ask(field, "TEXT:") == f"|SENT:{phrase}{phrase}"
        field.kill()
        target = x_client(xdisplay, "target")  # an ordinary application: Shift+Enter types there too
        time.sleep(0.5)
        press(xdisplay, "Control_L", "Alt_L", "h")
        time.sleep(1.0)
        press(xdisplay, "f")
        press(xdisplay, "h")
        press(xdisplay, "Shift_L", "Return")
        time.sleep(1.0)
        assert ask(target, "TEXT:") == phrase
        owner = desktop.clipboard_owner()  # typing never touched the clipboard: still the application's copy
        assert owner is not None and owner.app == "kd-clipper"
        target.kill()
    finally:
        desktop.close()
        palette.terminate()
        palette.wait(10)
        clipper.kill()
    assert uses_of(tmp_path, "发货时间") == 3


def test_a_phrase_needing_values_asks_for_them_and_the_copied_order_no_fills_itself(xdisplay, tmp_path):  # noqa: F811
    palette = start_palette(xdisplay, tmp_path, "--hotkey", "Ctrl+Alt+j")
    try:
        assert palette.stdout is not None and "ready" in palette.stdout.readline()
        clipper = x_client(xdisplay, "clipper", "买家的订单号 3698123456789012345")  # copied in another app
        target = x_client(xdisplay, "target")
        time.sleep(0.8)
        press(xdisplay, "Control_L", "Alt_L", "j")
        time.sleep(1.0)
        for key in ("w", "l", "Return"):  # 物流查询: order no., courier, tracking no.
            press(xdisplay, key)
        time.sleep(0.6)
        for key in ("z", "t", "o", "Tab", "7", "3", "1", "2", "Return"):  # the form asks for the other two
            press(xdisplay, key)
        time.sleep(1.5)
        assert ask(target, "TEXT:") == "亲，您的订单3698123456789012345已经由zto发出啦，运单号7312，请耐心等待哦～"
        target.kill()
        clipper.kill()
    finally:
        palette.terminate()
        palette.wait(10)
    from app.store.clips import clips

    store = open_store(tmp_path / "data" / "kefudesk.db")
    kept = clips(store)
    store.close()
    assert [(c.text, c.source) for c in kept][-1] == ("买家的订单号 3698123456789012345", "kd-clipper")


def test_the_clipboard_history_pastes_an_earlier_copy_and_keeps_it_as_a_phrase(xdisplay, tmp_path):  # noqa: F811
    palette = start_palette(xdisplay, tmp_path, "--hotkey", "Ctrl+Alt+m", "--clipboard-hotkey", "Ctrl+Alt+c")
    try:
        assert palette.stdout is not None and "Ctrl+Alt+c the clipboard history" in palette.stdout.readline()
        clipper = x_client(xdisplay, "clipper", "退货地址：浙江省杭州市西湖区文三路88号 小鹿童鞋 0571-88888888")
        time.sleep(0.8)
        clipper.kill()  # the copy outlives the application it came from, in the history
        target = x_client(xdisplay, "target")
        time.sleep(0.5)
        press(xdisplay, "Control_L", "Alt_L", "c")
        time.sleep(1.0)
        press(xdisplay, "Control_L", "s")  # keep it as a phrase
        time.sleep(0.3)
        press(xdisplay, "Return")  # and paste it
        time.sleep(1.5)
        assert ask(target, "TEXT:") == "退货地址：浙江省杭州市西湖区文三路88号 小鹿童鞋 0571-88888888"
        target.kill()
    finally:
        palette.terminate()
        palette.wait(10)
    store = open_store(tmp_path / "data" / "kefudesk.db")
    kept = [p for p in store.phrases() if p.group == "剪贴板"]
    store.close()
    assert [p.body for p in kept] == ["退货地址：浙江省杭州市西湖区文三路88号 小鹿童鞋 0571-88888888"]


def test_a_hotstring_typed_in_another_application_becomes_its_phrase_but_not_inside_a_word(xdisplay, tmp_path):  # noqa: F811
    palette = start_palette(xdisplay, tmp_path, "--hotkey", "Ctrl+Alt+n", "--clipboard-hotkey", "", "--hotstrings",
                            "售中")
    try:
        assert palette.stdout is not None and "ready" in palette.stdout.readline()
        target = x_client(xdisplay, "target")
        time.sleep(0.8)
        for key in ("i", "f", "h", "space"):  # inside a word: stays as typed
            press(xdisplay, key)
        time.sleep(0.5)
        for key in ("f", "h", "space"):  # a word of its own, in an opted-in group: expands
            press(xdisplay, key)
        time.sleep(1.5)
        assert ask(target, "TEXT:") == "ifh 亲，每天16点前付款的订单当天发货，16点后的次日发出哦～"
        target.kill()
    finally:
        palette.terminate()
        palette.wait(10)
