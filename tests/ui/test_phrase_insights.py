"""The phrase manager's analytics window with real widgets, by the keyboard: Ctrl+Shift+A opens it on a month of
use, Ctrl+Tab goes to the proposed phrases, Del dismisses one for good, Alt+A opens the editor with its text and the
saved phrase is no longer proposed."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.store.engine import open_store

from app.desk.mined_phrases import MinedPhrases
from app.desk.phrase_sends import FiredPhrases
from app.desk.phrases import PhraseBook

from app.ui.models.mined_table import COUNT, TEXT
from app.ui.models.phrase_stats_table import BY_AGENT, EDITED, SENT, TITLE, USES
from app.ui.phrase_editor import PhraseEditor
from app.ui.phrase_insights import PhraseInsights
from app.ui.phrase_manager import PhraseManager

from app import domain
from tests.conftest import with_starter_phrases
from tests.ui.conftest import when_modal

STOCK = ["亲，这款现货的哦，今天拍明天发", "亲亲这款现货的，今天拍明天发😊", "这款现货的呢 今天拍明天发"]


@pytest.fixture
def manager(qtbot, tmp_path):
    store = with_starter_phrases(open_store(tmp_path / "k.db"))
    book = PhraseBook(store)
    now = domain.now_utc() - timedelta(minutes=5)
    ship = next(p for p in book.phrases if p.title == "发货时间")
    sends = FiredPhrases(store)
    for n, text in enumerate([*STOCK, ship.body]):
        chat = f"c{n}"
        store.upsert_conversation(domain.Conversation(chat, domain.Buyer(f"b{n}", f"买家{n}"), "active", now))
        if n == 3:
            store.phrase_used(ship.id, now, "什么时候发货", conversation_id=chat, agent="xiaowang")
            sends.fired(chat, ship.id, ship.body)
        sent = text[:-2] + "，顺丰哦" if n == 3 else text  # the agent changed the phrase's end
        record, _ = store.ingest_message(domain.Message(f"m{n}", chat, "out", sent, now, agent="xiaowang"))
        sends.record_sent(chat, record.id, sends.sent(chat, record.text))
    win = PhraseManager(PhraseBook(store))
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    yield win
    store.close()


def open_insights(qtbot, manager) -> PhraseInsights:
    qtbot.keyClick(manager, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PhraseInsights))
    insights = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: insights.stats.rowCount() > 0 and insights.proposals.rowCount() > 0)
    return insights


def test_ctrl_shift_a_shows_each_phrases_use_and_del_dismisses_a_proposal_for_good(qtbot, manager):
    insights = open_insights(qtbot, manager)
    top = [insights.stats.index(0, column).data() for column in (TITLE, USES, SENT, EDITED, BY_AGENT)]
    assert top == ["发货时间", "1", "1", "100", "xiaowang 1"]  # sent changed: edited
    assert "not used in these days" in insights.stats_note.text()
    proposals = insights.proposals
    assert [(proposals.index(0, TEXT).data(), proposals.index(0, COUNT).data())] == [(STOCK[2], "3")]

    qtbot.keyClick(insights.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert insights.tabs.currentIndex() == 1
    insights.proposals_view.setFocus()
    qtbot.keyClick(insights.proposals_view, Qt.Key.Key_Delete)
    assert proposals.rowCount() == 0
    assert MinedPhrases(manager.book.store, manager.book).proposals() == []  # remembered in the store


def test_alt_a_opens_the_editor_with_the_reply_and_a_saved_phrase_is_no_longer_proposed(qtbot, manager):
    insights = open_insights(qtbot, manager)
    insights.tabs.setCurrentIndex(1)
    edited = "亲，这款是现货，今天拍明天发"
    insights.proposals.setData(insights.proposals.index(0, TEXT), edited)  # F2 in the table does this
    seen = {}

    def save(editor: PhraseEditor):
        seen["body"] = editor.body.toPlainText()
        editor.title.setText("现货")
        editor.accept()

    when_modal(PhraseEditor, save)
    qtbot.keyClick(insights.accept_button, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: any(p.title == "现货" for p in manager.book.phrases))
    assert seen["body"] == edited
    qtbot.waitUntil(lambda: insights.proposals.rowCount() == 0)


def test_a_phrase_sent_from_the_desk_is_recorded_with_its_message_agent_and_edit(qtbot, desk):
    from datetime import datetime

    from app.store.phrase_stats import uses_between

    from tests.ui.conftest import NOW

    window = desk(domain.Message("m1", "c1", "in", "什么时候发货", NOW))
    store, composer = window.session.store, window.conversation.composer
    composer.setFocus()
    qtbot.keyClick(composer, Qt.Key.Key_Slash)
    qtbot.keyClicks(window.palette.query, "fahuo")
    qtbot.keyClick(window.palette.query, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)  # insert and send
    window.firing.insert(window.phrases.by_abbreviation("fh"))
    composer.setPlainText(composer.toPlainText().replace("亲", "亲爱的", 1))  # changed before Enter
    window.conversation.send_current()

    def sends() -> list[tuple[int | None, str, str, bool, bool]]:
        return [(u.message_id, u.agent, u.conversation_id, u.sent, u.edited)
                for u in uses_between(store, datetime.min.replace(tzinfo=NOW.tzinfo), datetime.max.replace(
                    tzinfo=NOW.tzinfo))]

    qtbot.waitUntil(lambda: len(sends()) == 2 and all(s[3] for s in sends()))
    replies = [m for m in store.messages("c1") if m.direction == "out"]
    agent = window.session.account.agent
    assert agent and sends() == [(replies[0].id, agent, "c1", True, False), (replies[1].id, agent, "c1", True, True)]
