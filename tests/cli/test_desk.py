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
    # and the demo can approve: its supervisor was made in that store, as its first (app/desk/demo.py)
    from app.store.engine import open_store

    from app.desk.issues import IssueDesk

    store = open_store(tmp_path / "data" / "kefudesk.db")
    assert IssueDesk(store, "demo").profiles() == [("zhuguan", "supervisor")]
    store.close()


def test_the_review_screenshot_answers_some_buyers_first_and_shows_their_chats(tmp_path, qapp):
    from datetime import UTC, datetime, timedelta

    from app.store.engine import open_store
    from app.store.review import messages_between

    target = tmp_path / "review.png"
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "KEFUDESK_DATA_DIR": str(tmp_path / "data"),
                        "KEFUDESK_CONFIG_DIR": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-m", "app", "--screenshot", str(target), "--screenshot-of", "review",
                             "--after", "2", "--lang", "en"], capture_output=True, text=True, timeout=90, env=env)
    assert result.returncode == 0, result.stderr
    assert "before the review screenshot" in result.stdout and f"screenshot saved to {target}" in result.stdout
    assert QImage(str(target)).width() >= 1000
    store = open_store(tmp_path / "data" / "kefudesk.db")
    now = datetime.now(UTC)
    answers = [m for m in messages_between(store, now - timedelta(hours=1), now + timedelta(minutes=1))
               if m.direction == "out"]
    store.close()
    assert answers and all(m.agent == "demo" for m in answers)  # sent through the window, named for the KPIs
