"""`kefudesk palette` end to end on a real X server (Xvfb): the global hotkey opens the phrase palette while
another application has the focus, an abbreviation typed and Enter paste the phrase into that application's
text field, the clipboard holds what it held before, and the use counts in the phrase statistics."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from app.store.engine import open_store
from tests.desktop.test_x11 import press, x_client, xdisplay  # noqa: F401 - the Xvfb fixture


def ask(proc: subprocess.Popen, prefix: str) -> str:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("\n")
    proc.stdin.flush()
    line = proc.stdout.readline().strip()
    assert line.startswith(prefix), line
    return line[len(prefix):]


def test_the_hotkey_palette_pastes_a_phrase_into_another_application(xdisplay, tmp_path):  # noqa: F811
    clipper = x_client(xdisplay, "clipper", "剪贴板原来的内容")
    env = os.environ | {"DISPLAY": xdisplay, "QT_QPA_PLATFORM": "xcb", "KEFUDESK_DATA_DIR": str(tmp_path / "data"),
                        "KEFUDESK_CONFIG_DIR": str(tmp_path / "config")}
    palette = subprocess.Popen([sys.executable, "-m", "app", "palette", "--hotkey", "Ctrl+Alt+k", "--lang", "en"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
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
    store = open_store(tmp_path / "data" / "kefudesk.db")
    used = [p for p in store.phrases() if p.title == "发货时间"][0]
    store.close()
    assert used.uses == 1  # counted like a phrase used in the desk
