"""Readable at 200 % scaling: the desk drawn with QT_SCALE_FACTOR=2 is the same window at twice the pixels, and
the desk and each window it opens, in Chinese, can shrink to fit a 1920×1080 screen at 200 % (960×540 logical
pixels, a title bar included), so nothing has to be cut off; a text box sized in lines still shows its lines
when the font is doubled. The scale factor is read once, when Qt starts: those runs are processes of their own."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
SCREEN_AT_200 = (1920 // 2, 1080 // 2)  # a 1920×1080 screen at 200 %, in the logical pixels layouts are made of
TITLE_BAR = 32  # logical pixels the window manager adds above a window

# the desk (offline: nothing listens on port 9) and each window its own actions open; prints their minimum sizes
MINIMUM_SIZES = """
import json, sys, threading, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from app.gateway.secrets import MemorySecretStore
from app.store.engine import open_store
from app.desk.session import DeskSession, ShopAccount
from app.ui.bridge import DeskBridge
from app.ui.main_window import MainWindow
from app.ui.start import install_translators

app = QApplication([])
install_translators(app, "zh_CN")
store = open_store(Path(sys.argv[1]))
bridge = DeskBridge()
session = DeskSession(store, ShopAccount("http://127.0.0.1:9", "s", "小李"), MemorySecretStore(), bridge)
desk = MainWindow(session, bridge, shop_name="小鹿童鞋", demo=False)
desk.show()
opens = {"phrase manager": desk.library.open_phrase_manager, "issue list": desk.issues.open_issue_list,
         "worklist": desk.issues.open_worklist, "new issue": desk.issues.new_issue,
         "review": desk.opens.open_review, "KPIs": desk.opens.open_kpis, "search": desk.opens.open_search,
         "word lists": desk.opens.open_word_lists, "clipboard history": desk.opens.open_clipboard_settings,
         "robot": desk.opens.open_robot, "robot review": desk.opens.open_robot_review,
         "daily tables": desk.opens.open_reports, "limits": desk.opens.open_policy,
         "settings": desk.opens.open_settings, "key settings": desk.opens.open_key_settings,
         "cheat sheet": desk.opens.open_cheat_sheet}
app.processEvents()
sizes = {"desk": desk.minimumSizeHint().expandedTo(desk.minimumSize()).toTuple()}
for name, open_it in opens.items():
    window = open_it()
    app.processEvents()
    sizes[name] = window.minimumSizeHint().expandedTo(window.minimumSize()).toTuple()
    window.close()
print(json.dumps({"ratio": desk.devicePixelRatio(), "sizes": sizes}))
deadline = time.monotonic() + 20  # the windows' first reads off the GUI thread answered before the process ends
while any(t.name == "background-read" for t in threading.enumerate()) and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
session.stop()
store.close()
"""


def qt_env(tmp_path: Path, scale: str) -> dict[str, str]:
    return os.environ | {"QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale,
                         "KEFUDESK_DATA_DIR": str(tmp_path / f"data{scale}"),
                         "KEFUDESK_CONFIG_DIR": str(tmp_path / f"config{scale}")}


def test_the_desk_and_each_window_it_opens_fit_a_1920x1080_screen_at_200_percent_in_chinese(tmp_path):
    done = subprocess.run([sys.executable, "-c", MINIMUM_SIZES, str(tmp_path / "desk.db")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env=qt_env(tmp_path, "2"))
    assert done.returncode == 0, done.stderr
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    assert measured["ratio"] == 2.0  # the scale factor was in force
    width, height = SCREEN_AT_200
    too_big = {name: size for name, size in measured["sizes"].items()
               if size[0] > width or size[1] + TITLE_BAR > height}
    assert len(measured["sizes"]) == 17 and not too_big, f"cannot shrink to {width}×{height - TITLE_BAR}: {too_big}"


@pytest.mark.integration
def test_the_desk_at_200_percent_is_the_same_window_at_twice_the_pixels(tmp_path, qapp):
    shots = {}
    for scale in ("1", "2"):
        shots[scale] = tmp_path / f"desk@{scale}x.png"
        done = subprocess.run([sys.executable, "-m", "app", "--screenshot", str(shots[scale]), "--after", "1",
                               "--lang", "zh_CN", "--demo"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                              env=qt_env(tmp_path, scale))
        assert done.returncode == 0, done.stderr
    once, twice = QImage(str(shots["1"])), QImage(str(shots["2"]))
    assert once.width() >= 1000 and (twice.width(), twice.height()) == (2 * once.width(), 2 * once.height())


@pytest.mark.parametrize("points", [9, 18])
def test_the_new_issue_note_shows_five_lines_at_a_normal_and_at_a_doubled_font(qtbot, desk, points):
    window = desk()
    app = QApplication.instance()
    before = app.font()
    bigger = QFont(before)
    bigger.setPointSize(points)
    app.setFont(bigger)
    try:
        dialog = window.issues.new_issue()
        qtbot.waitUntil(dialog.isVisible)
        note = dialog.note
        note.setPlainText("\n".join(f"第{n}行 少发袜子" for n in range(1, 6)))
        qtbot.waitUntil(lambda: note.height() == note.maximumHeight())
        assert note.verticalScrollBar().maximum() == 0  # all five lines in sight
        note.appendPlainText("第6行")
        qtbot.waitUntil(lambda: note.verticalScrollBar().maximum() > 0)  # the box is five lines, not more
        dialog.reject()
    finally:
        app.setFont(before)
