"""`kefudesk --screenshot-of VIEW` for the user guide's pictures: each view the CLI offers is one the desk can
open, and one of them, run for real offscreen, is a real picture of that view."""

import argparse
import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from app.ui.start import SHOTS

from app.cli.desk import add_arguments

pytestmark = pytest.mark.integration


def _choices() -> set[str]:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    (option,) = [a for a in parser._actions if a.dest == "screenshot_of"]
    return set(option.choices)


def test_every_view_the_command_offers_is_one_the_desk_opens():
    assert _choices() == {"desk", *SHOTS}
    assert {"palette", "phrases", "issue", "worklist", "search", "settings", "keys"} <= set(SHOTS)


def _longest_edge(image: QImage, colour: int = 0xFF606060) -> int:
    """The longest horizontal run of the edge start.py draws round a popup or dialog pictured over the desk."""
    longest = 0
    for y in range(image.height()):
        run = 0
        for x in range(image.width()):
            run = run + 1 if image.pixel(x, y) == colour else 0
            longest = max(longest, run)
    return longest


def _distinct_colours(image: QImage) -> int:
    step_x, step_y = max(1, image.width() // 60), max(1, image.height() // 60)
    return len({image.pixel(x, y) for x in range(0, image.width(), step_x) for y in range(0, image.height(), step_y)})


def test_the_palette_screenshot_is_the_desk_with_the_palette_open_over_a_chat(tmp_path, qapp):
    target = tmp_path / "palette.png"
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "KEFUDESK_DATA_DIR": str(tmp_path / "data"),
                        "KEFUDESK_CONFIG_DIR": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-m", "app", "--screenshot", str(target), "--screenshot-of", "palette",
                             "--after", "2", "--lang", "en"], capture_output=True, text=True, timeout=90, env=env)
    assert result.returncode == 0, result.stderr
    assert "before the palette screenshot" in result.stdout and f"screenshot saved to {target}" in result.stdout
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(target))
    assert image.width() >= 1000 and image.height() >= 600  # the whole desk, not the popup alone
    assert _distinct_colours(image) > 20  # drawn widgets and text, not one flat colour
    assert _longest_edge(image) >= 500  # and the palette (520 wide) over it, not the desk alone
