"""The demo shop starts after the desk's first paint, on a thread of its own, and the session only once the shop
is up; a shop that cannot start is said on the status bar (app/ui/start.py ShopStarter)."""

import threading

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow

from app.ui.start import ShopStarter


class Window(QMainWindow):
    """What ShopStarter uses of the desk's window: its first-paint signal and its status bar."""

    sig_first_paint = Signal()


def test_the_shop_starts_after_the_first_paint_off_the_gui_thread_then_the_session(qtbot):
    window = Window()
    qtbot.addWidget(window)
    shop_threads, session_threads = [], []
    starter = ShopStarter(window, lambda: shop_threads.append(threading.current_thread()),
                          lambda: session_threads.append(threading.current_thread()))
    assert not shop_threads  # nothing starts before the window has painted
    window.sig_first_paint.emit()
    qtbot.waitUntil(lambda: session_threads)
    starter.join()
    assert shop_threads[0] is not threading.main_thread()
    assert session_threads == [threading.main_thread()]  # the session starts on the GUI thread, after the shop


def test_a_shop_that_cannot_start_is_said_and_the_session_is_not_started(qtbot):
    window = Window()
    qtbot.addWidget(window)
    started = []

    def taken() -> None:
        raise OSError("port 49152 on 127.0.0.1 is already in use")

    starter = ShopStarter(window, taken, lambda: started.append(True))
    window.sig_first_paint.emit()
    qtbot.waitUntil(lambda: "did not start" in window.statusBar().currentMessage())
    starter.join()
    assert window.statusBar().currentMessage() == (
        "The demo shop did not start: port 49152 on 127.0.0.1 is already in use")
    assert not started
