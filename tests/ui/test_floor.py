"""The floor's order in the real window, by keyboard: after a reply or a close the longest-waiting unanswered buyer
is open and in sight, Ctrl+↓ walks only unanswered chats, the tabs count each view as buyers write and are
answered (rows moved, never a reset), and Ctrl+Q with buyers waiting asks first."""

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

from app.config import FloorSettings

from app.gateway.secrets import MemorySecretStore
from app.store.engine import open_store

from app.desk.session import DeskSession, ShopAccount

from app.ui.bridge import DeskBridge
from app.ui.main_window import MainWindow

from app import domain
from tests.conftest import ime_type, replies_stored

NOW = datetime.now(UTC)
WAITS = (110, 94, 75, 60, 52, 45, 38, 33, 29, 26, 24, 22, 20, 18, 16, 14, 12, 10)  # 1:50 … 0:10, as on the floor
ANSWERED = 12  # chats whose buyer was answered already (the agent spoke last)


@pytest.fixture
def floor(qtbot, tmp_path):
    """floor(setting=…): a window over a queue of buyers who have waited 1:50 down to 0:10, and answered chats
    below them; short enough a window that the queue scrolls."""
    opened = []

    def make(after_reply: str = "longest", quit_while_waiting: str = "ask", waits=WAITS) -> MainWindow:
        store = open_store(tmp_path / f"floor{len(opened)}.db")
        for i, waited in enumerate(waits):
            cid = f"w{i}"
            store.upsert_conversation(domain.Conversation(cid, domain.Buyer(f"bw{i}", f"等{waited}秒"), "active", NOW))
            store.ingest_message(domain.Message(f"mw{i}", cid, "in", "在吗", NOW - timedelta(seconds=waited)))
        for i in range(ANSWERED):
            cid = f"a{i}"
            store.upsert_conversation(domain.Conversation(cid, domain.Buyer(f"ba{i}", f"已答{i}"), "active", NOW))
            store.ingest_message(domain.Message(f"ma{i}", cid, "in", "好的", NOW - timedelta(seconds=300 + i)))
            store.add_outgoing(cid, "不客气亲", f"ka{i}", NOW - timedelta(seconds=200 + i))
        bridge = DeskBridge()
        session = DeskSession(store, ShopAccount("http://127.0.0.1:9", "s", "小李"), MemorySecretStore(), bridge)
        win = MainWindow(session, bridge, shop_name="小鹿童鞋", demo=False, clock=lambda: NOW,
                         floor=FloorSettings(after_reply, quit_while_waiting))
        win.bridge = bridge
        qtbot.addWidget(win)
        win.resize(1000, 420)
        with qtbot.waitActive(win):
            win.show()
            win.activateWindow()
        qtbot.waitUntil(lambda: win.queue_model.urgent_words_ready)  # built off the GUI thread at start
        opened.append((session, store))
        return win

    yield make
    for session, store in opened:
        session.stop()
        store.close()


def open_nick(win: MainWindow) -> str:
    chat = win.current_chat()
    assert chat is not None and win.conversation.conversation_id == chat.id, "the open chat is the current row"
    return chat.buyer_nick


def row_in_sight(win: MainWindow) -> bool:
    index = win.queue_view.currentIndex()
    return index.isValid() and win.queue_view.viewport().rect().contains(win.queue_view.visualRect(index))


def reply(qtbot, win: MainWindow, text: str = "亲，在的呢") -> None:
    composer = win.conversation.composer
    ime_type(composer, text)
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    assert composer.toPlainText() == ""  # at once, before the writer has stored it
    replies_stored(win)


def to_newest_waiter(qtbot, win: MainWindow) -> None:
    """The agent picks the buyer who wrote last, at the bottom of the waiting buyers (a click in the queue)."""
    win.select_row(win.queue_model.row_of(f"w{len(WAITS) - 1}"))
    assert open_nick(win) == "等10秒"
    assert win.queue_view.verticalScrollBar().value() > 0, "the top of the queue has scrolled out of sight"


def test_after_enter_the_longest_waiting_unanswered_buyer_is_open_and_in_sight(qtbot, floor):
    win = floor()
    to_newest_waiter(qtbot, win)
    reply(qtbot, win)
    assert open_nick(win) == "等110秒"  # 1:50, not the next row down
    assert row_in_sight(win) and win.queue_view.verticalScrollBar().value() == 0
    assert win.conversation.composer.hasFocus()  # ready to type the next answer
    reply(qtbot, win)
    assert open_nick(win) == "等94秒"  # and on: 1:34


def test_after_ctrl_w_the_longest_waiting_buyer_is_open(qtbot, floor):
    win = floor()
    qtbot.keyClick(win, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # Alt+↓ walks into the answered ones
    for _ in range(len(WAITS)):
        qtbot.keyClick(win, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert open_nick(win).startswith("已答")
    qtbot.keyClick(win, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)  # the agent spoke last: it closes
    assert open_nick(win) == "等110秒" and row_in_sight(win)


def test_the_setting_next_opens_the_next_unanswered_buyer_and_stay_stays(qtbot, floor):
    win = floor(after_reply="next")
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert open_nick(win) == "等94秒"
    reply(qtbot, win)
    assert open_nick(win) == "等75秒"
    stay = floor(after_reply="stay")
    qtbot.keyClick(stay, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    reply(qtbot, stay)
    assert open_nick(stay) == "等94秒" and row_in_sight(stay)


def test_ctrl_down_walks_only_the_unanswered_buyers(qtbot, floor):
    win = floor(waits=(50, 20))
    qtbot.keyClick(win, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    walked = [open_nick(win)]
    for _ in range(3):
        qtbot.keyClick(win, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
        walked.append(open_nick(win))
    qtbot.keyClick(win, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    walked.append(open_nick(win))
    assert walked == ["等50秒", "等20秒", "等50秒", "等20秒", "等50秒"]  # never into the twelve answered chats


def test_answering_in_the_unanswered_view_opens_the_next_buyer_once_and_keeps_no_draft(qtbot, floor):
    win = floor(waits=(50, 20))
    opened = []
    win.conversation.model.modelReset.connect(lambda: opened.append(win.conversation.conversation_id))
    qtbot.keyClick(win, Qt.Key.Key_F6)
    qtbot.keyClick(win, Qt.Key.Key_F6)  # 未回复: an answered chat leaves this view
    answered = win.current_chat().id
    opened.clear()
    reply(qtbot, win)
    assert open_nick(win) == "等20秒" and opened == ["w1"]  # no other chat opened on the way
    win.session._writer.submit(lambda: None).result()  # the drafts' writer has done what it was given
    assert win.session.store.draft(answered) == ""  # the sent reply is not kept as the answered chat's draft


def tab_texts(win: MainWindow) -> list[str]:
    return [win.queue_views.tabText(i) for i in range(win.queue_views.count())]


def test_the_tabs_count_each_view_as_buyers_write_and_are_answered(qtbot, floor):
    win = floor(waits=(50, 20))
    store, model = win.session.store, win.queue_model
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    assert tab_texts(win) == ["All 14", "Mine 14", "Unanswered 2", "Urgent 0"]

    store.ingest_message(domain.Message("new1", "a3", "in", "我要投诉！！！", NOW))  # an answered buyer writes again
    win.bridge.on_conversation(store.conversation("a3"))
    assert tab_texts(win) == ["All 14", "Mine 14", "Unanswered 3", "Urgent 1"]
    store.upsert_conversation(domain.Conversation("n1", domain.Buyer("bn", "新买家"), "active", NOW))
    store.ingest_message(domain.Message("new2", "n1", "in", "有货吗", NOW))
    win.bridge.on_conversation(store.conversation("n1"))
    assert tab_texts(win) == ["All 15", "Mine 15", "Unanswered 4", "Urgent 1"]

    qtbot.keyClick(win, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    reply(qtbot, win)  # the longest waiter answered
    assert tab_texts(win) == ["All 15", "Mine 15", "Unanswered 3", "Urgent 1"]
    assert open_nick(win) == "等20秒"
    reply(qtbot, win)
    assert open_nick(win) == "已答3"  # the angry buyer, who wrote again
    reply(qtbot, win, "亲，非常抱歉，马上为您处理")
    assert tab_texts(win) == ["All 15", "Mine 15", "Unanswered 1", "Urgent 0"]
    assert not resets, "rows moved, the model was never reset"
    qtbot.keyClick(win, Qt.Key.Key_F6)
    qtbot.keyClick(win, Qt.Key.Key_F6)  # the Unanswered view: its one row, the counts unchanged
    assert model.rowCount() == 1 and tab_texts(win)[2] == "Unanswered 1"


def seen() -> QMessageBox | None:
    box = QApplication.activeModalWidget()
    return box if isinstance(box, QMessageBox) and box.objectName() == "quitWhileWaiting" else None


def the_question(qtbot) -> QMessageBox:
    """The quit question, open and holding the keyboard (a key before that would go to the window)."""
    qtbot.waitUntil(lambda: seen() is not None and QApplication.activeWindow() is seen())
    return seen()


def test_ctrl_q_with_buyers_waiting_asks_and_says_how_many_and_how_long(qtbot, floor):
    win = floor(waits=(110, 40, 10))
    qtbot.keyClick(win, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    box = the_question(qtbot)
    assert box.text() == "3 buyer(s) wait for an answer; the longest has waited 1:50."
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc: back to the chats
    qtbot.waitUntil(lambda: seen() is None and QApplication.activeWindow() is win)
    assert win.isVisible() and not win.quit_guard.confirmed
    qtbot.keyClick(win, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(the_question(qtbot), Qt.Key.Key_Return)  # Enter is Back too: nothing is lost by a reflex
    qtbot.waitUntil(lambda: seen() is None and QApplication.activeWindow() is win)
    assert win.isVisible()
    qtbot.keyClick(win, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(the_question(qtbot), Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)  # Alt+Q: quit anyway
    qtbot.waitUntil(lambda: not win.isVisible())
    assert win.quit_guard.confirmed


def test_ctrl_q_with_nobody_waiting_quits_without_asking(qtbot, floor):
    win = floor(waits=())
    qtbot.keyClick(win, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not win.isVisible())
    assert QApplication.activeModalWidget() is None


def test_keep_running_in_the_tray_hides_the_desk_without_quitting(qtbot, floor):
    win = floor(waits=(30,))
    win.status_line.tray = QSystemTrayIcon(win)  # a desktop with a tray (this test's screen has none)
    qtbot.keyClick(win, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(the_question(qtbot), Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # Alt+T: to the tray
    qtbot.waitUntil(lambda: not win.isVisible())
    assert not win.quit_guard.confirmed and win._tick.isActive()  # still running: the queue ticks on
    tray_first = floor(waits=(30,), quit_while_waiting="tray")
    tray_first.status_line.tray = QSystemTrayIcon(tray_first)
    qtbot.keyClick(tray_first, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)  # the setting: no question
    qtbot.waitUntil(lambda: not tray_first.isVisible())
    assert QApplication.activeModalWidget() is None and not tray_first.quit_guard.confirmed


def test_the_close_button_asks_as_ctrl_q_does(qtbot, floor):
    win = floor(waits=(30,))

    class CloseButton:  # what the window manager's close button sends: a spontaneous close event
        ignored = False

        def spontaneous(self) -> bool:
            return True

        def ignore(self) -> None:
            self.ignored = True

    event = CloseButton()
    assert win.quit_guard.may_close(event) is False and event.ignored
    qtbot.keyClick(the_question(qtbot), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: seen() is None)
    assert win.isVisible()
