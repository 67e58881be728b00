"""The keys in force are one per process: a test that changes them gives the defaults back to the tests after it."""

import pytest

from app.ui.keys.keymap import SHORTCUTS, Keymap


@pytest.fixture(autouse=True)
def default_keys():
    yield
    SHORTCUTS.set(Keymap())
