"""`kefudesk --screenshot` as the README runs it: the real entry point, the demo shop, a PNG of the window."""

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

pytestmark = pytest.mark.integration


def test_screenshot_starts_the_demo_desk_and_saves_the_window(tmp_path, qapp):
    target = tmp_path / "shot.png"
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "KEFUDESK_DATA_DIR": str(tmp_path / "data"),
                        "KEFUDESK_CONFIG_DIR": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-m", "app", "--screenshot", str(target), "--after", "2",
                             "--lang", "zh_CN"], capture_output=True, text=True, timeout=90, env=env)
    assert result.returncode == 0, result.stderr
    assert f"screenshot saved to {target}" in result.stdout
    image = QImage(str(target))
    assert image.width() >= 1000 and image.height() >= 600
    # the demo's buyers were stored in the user's data dir, and the chats are there after the run
    assert (tmp_path / "data" / "kefudesk.db").stat().st_size > 0
