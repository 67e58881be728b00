"""The README's key tables are what the registry renders (`python -m app.ui.keys --readme` writes them)."""

import pytest

from app.ui.keys.keymap import Keymap
from app.ui.keys.readme import README, TABLES, render, section


@pytest.mark.parametrize("table", list(TABLES))
def test_the_readme_key_table_is_the_registrys(table):
    assert section(README.read_text(encoding="utf-8"), table) == render(table), \
        "run: python -m app.ui.keys --readme"


def test_a_default_key_changed_in_the_registry_changes_the_table():
    moved = render("desk", Keymap().with_keys("desk.transfer", ["Ctrl+Shift+Z"]))
    assert "| Ctrl+Shift+Z | transfer the chat to a colleague" in moved
    assert "| Ctrl+T | transfer the chat" in render("desk")
