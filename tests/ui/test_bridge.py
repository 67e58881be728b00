"""Signals carrying True must not lose references to it.

PySide6 6.12.0 decrements True's reference count on every emission that carries it (False, ints and objects
are fine); on Python 3.11, where True is not immortal, the desk aborts after a few thousand such emissions
("bool_dealloc"). pyproject.toml excludes that release; this test fails if an installed PySide6 does it again.
"""

import sys

from app.ui.bridge import DeskBridge
from app.ui.phrase_palette import PhrasePalette


def test_going_online_many_times_keeps_true_alive(qapp):
    bridge = DeskBridge()
    received = []
    bridge.sig_connection.connect(lambda online, detail: received.append(online))
    before = sys.getrefcount(True)
    for _ in range(200):
        bridge.on_connection(True, "")
    assert received.count(True) == 200
    assert sys.getrefcount(True) >= before - 5  # a few references may move elsewhere; 200 lost ones may not


def test_alt_enter_many_times_keeps_true_alive(qapp):
    palette = PhrasePalette(lambda query: [])
    palette.sig_chosen.connect(lambda phrase, send: None)
    before = sys.getrefcount(True)
    for _ in range(200):
        palette.sig_chosen.emit(None, True)
    assert sys.getrefcount(True) >= before - 5
