"""The status bar and the title say what the agent's status is, in characters the desk's fonts can draw."""

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from app.store.records import MessageRecord

from app.ui.start import install_translators

from app import domain
from tests.conftest import replies_stored
from tests.ui.conftest import NOW

# what a window may splice around buyer text (app/ui/buyer_text.py): direction marks, drawn as nothing
INVISIBLE = {"\u2068", "\u2069"}


def undrawable(widget: QWidget, text: str) -> list[str]:
    """The characters of text that neither the widget's font nor any font Qt falls back to has: drawn as a
    box (tofu). Whitespace draws nothing anyway."""
    metrics = QFontMetrics(widget.font())
    return [f"{c} U+{ord(c):04X}" for c in text if not c.isspace() and c not in INVISIBLE
            and not metrics.inFontUcs4(ord(c))]


def status_bar_texts(window) -> list[tuple[QWidget, str]]:
    bar = window.statusBar()
    shown = [(w, w.text()) for w in bar.findChildren(QLabel) + bar.findChildren(QAbstractButton) if w.text()]
    return shown + [(bar, bar.currentMessage()), (window, window.windowTitle())]


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    translators = install_translators(qapp, request.param)
    yield request.param
    for translator in translators:
        QApplication.removeTranslator(translator)


def test_every_status_the_agent_can_be_in_draws_without_a_missing_glyph(qtbot, desk, language):
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    seen: dict[str, list[str]] = {}
    for connected in (False, True):
        window.bridge.sig_connection.emit(connected, "" if connected else "shop_unreachable")
        for status in ("online", "suspended", "offline", "online"):
            window.status_line.set_agent_status(status)
            for widget, text in status_bar_texts(window):
                if undrawable(widget, text):
                    seen[text] = undrawable(widget, text)
    assert seen == {}


def test_the_status_button_says_the_status_in_words_beside_an_icon(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    icons = set()
    for status, words in (("suspended", "Suspended"), ("offline", "Offline"), ("online", "Taking chats")):
        window.status_line.set_agent_status(status)
        assert words in window.status_line.status_button.text()
        assert not window.status_line.status_button.icon().isNull()
        icons.add(window.status_line.status_button.icon().cacheKey())
    assert len(icons) == 3  # one picture per status


def test_the_title_follows_the_agents_status_while_connected(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    window.bridge.sig_connection.emit(True, "")
    qtbot.waitUntil(lambda: window.windowTitle().endswith("— online"))
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert window.windowTitle().endswith("— suspended")
    qtbot.keyClick(window, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    assert window.windowTitle().endswith("— offline")
    qtbot.keyClick(window, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    assert window.windowTitle().endswith("— online")


def test_the_title_says_suspended_in_chinese(qtbot, desk, qapp):
    translators = install_translators(qapp, "zh_CN")
    try:
        window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
        window.bridge.sig_connection.emit(True, "")
        window.status_line.set_agent_status("suspended")
        assert "在线" not in window.windowTitle()
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)


def test_the_outbox_count_follows_replies_once_a_burst_and_never_for_a_buyer_message(qtbot, desk, monkeypatch):
    """A promotion's buyers write several messages a second: none of them changes what waits to be sent, so none
    costs the GUI thread a store count (the soak's profile found one per message); the shop's answers about
    replies come in bursts and are counted once a burst."""
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    store = window.session.store
    counted = []
    real_count = store.outbox_count
    monkeypatch.setattr(store, "outbox_count", lambda: counted.append(1) or real_count())
    composer = window.conversation.composer
    composer.setPlainText("亲，在的呢")
    qtbot.keyClick(composer, Qt.Key.Key_Return)  # offline: the reply waits in the outbox
    replies_stored(window)
    assert "1" in window.status_line.outbox_label.text() and counted
    counted.clear()
    for n in range(5):
        record = MessageRecord(100 + n, "c1", "in", f"还有货吗{n}", NOW, f"s{n}", None, "received")
        window.bridge.sig_message.emit(record)
    assert window.conversation.model.rowCount() == 7  # the buyer's five messages are shown…
    assert counted == [] and "1" in window.status_line.outbox_label.text()  # …and the count still says one
    for n in range(5):  # a burst of the shop's answers about replies: one count for all of them
        record = MessageRecord(200 + n, "c1", "out", f"亲，好的{n}", NOW, f"o{n}", f"kd-{n}", "sent")
        window.bridge.sig_message.emit(record)
    qtbot.waitUntil(lambda: bool(counted), timeout=5000)
    assert counted == [1] and "1" in window.status_line.outbox_label.text()
