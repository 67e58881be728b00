"""The shop's settings in the store are declared once (app/desk/shop_settings.py): the keys existing stores hold stay
what they were, every setting says what it is, and the desk reads and writes them through the declaration."""

from __future__ import annotations

import ast
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.store.engine import open_store

import app.desk
from app.desk import shop_settings
from app.desk.clipboard import ClipHistory, ClipSettings
from app.desk.guard import SendGuard, default_words, edit_words
from app.desk.queue import angry_words, set_angry_words
from app.desk.shop_settings import SHOP_SETTINGS, agent_id_key, recent_answers_key, resume_point_key

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
DESK = Path(app.desk.__file__).parent

# what stores written by earlier versions hold, and what a team's server checks by name: never to change
STORED_KEYS = {"issues.policy", "guard.added", "guard.removed", "queue.angry_words", "robot.settings",
               "clipboard.settings", "review.checklist", "orders.mapping", "problems.mapping"}


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path / "desk.db")
    yield store
    store.close()


def test_the_keys_are_the_ones_existing_stores_hold():
    assert {s.key for s in SHOP_SETTINGS} == STORED_KEYS
    assert len(SHOP_SETTINGS) == len(STORED_KEYS)  # none declared twice
    assert resume_point_key("https://shop.example") == "last_event_id:https://shop.example"
    assert agent_id_key("https://shop.example", "s1", "小李") == "agent_id:https://shop.example|s1|小李"
    assert recent_answers_key("小李") == "asks.recent:小李"


@pytest.mark.parametrize("setting", SHOP_SETTINGS, ids=lambda s: s.key)
def test_every_setting_says_its_shape_default_who_and_what_for(setting):
    for said in (setting.shape, setting.default, setting.changed_by, setting.help):
        assert said.strip() and "\n" not in said


def test_the_owners_write_under_the_declared_keys_and_read_what_is_there(store):
    set_angry_words(store, ["退钱"], "小李", NOW)
    assert json.loads(store.get_meta("queue.angry_words")) == ["退钱"]
    store.set_meta("queue.angry_words", json.dumps(["骗人"]))  # as an older desk left it
    assert angry_words(store) == ("骗人",)

    ClipHistory(store, clock=lambda: NOW).save_settings(ClipSettings(keep_days=7))
    assert json.loads(shop_settings.CLIPBOARD.read(store))["keep_days"] == 7

    edit_words(store, "小李", add=["本店禁词"])
    assert json.loads(store.get_meta("guard.added")) == ["本店禁词"]
    shipped = next(iter(default_words()))
    shop_settings.GUARD_REMOVED.write(store, json.dumps([shipped]))
    words = SendGuard.for_store(store).words
    assert "本店禁词" in words and shipped not in words


def _literal_keys(tree: ast.AST) -> set[str]:
    """The string constants (and f-string starts) in a module that look like one of the declared keys."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            text = str(node.values[0].value)
        else:
            continue
        if text in STORED_KEYS or text.startswith(("last_event_id:", "agent_id:", "asks.recent:")):
            found.add(text)
    return found


def test_no_module_of_the_desk_names_a_setting_by_its_own_string():
    strays = {path.name: keys for path in sorted(DESK.glob("*.py")) if path.name != "shop_settings.py"
              if (keys := _literal_keys(ast.parse(path.read_text(encoding="utf-8"))))}
    assert strays == {}, "read and write the store's settings through app/desk/shop_settings.py"
