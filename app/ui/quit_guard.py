"""Quitting while buyers wait (Ctrl+Q, the close button, the tray's Quit): the desk says how many wait and how long
the longest has waited, and asks — quit anyway, keep running in the tray, or back to the chats — or, as the
setting ui.quit_while_waiting says, goes to the tray without asking. With nobody waiting it quits at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QPushButton, QSystemTrayIcon

from app.desk.queue import format_wait, wait_seconds

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

WHEN_WAITING = ("ask", "tray")


class QuitGuard(QObject):
    def __init__(self, window: MainWindow, when_waiting: str = "ask") -> None:
        super().__init__(window)
        if when_waiting not in WHEN_WAITING:
            raise ValueError(f"quitting while buyers wait: one of {', '.join(WHEN_WAITING)}")
        self.window = window
        self.when_waiting = when_waiting
        self.confirmed = False  # the agent chose to quit: the close that follows goes through
        self.box: QMessageBox | None = None
        if window.status_line.tray is not None:  # the tray's own way back and out
            menu = QMenu(window)
            menu.addAction(self.tr("Show the desk"), self.show_window)
            menu.addAction(self.tr("Quit KefuDesk"), self.quit_from_tray)
            window.status_line.tray.setContextMenu(menu)

    def waiting(self) -> tuple[int, float]:
        """How many of this agent's buyers wait for an answer, and the longest wait in seconds."""
        model = self.window.queue_model
        now = model.clock()
        waits = [wait_seconds(chat, now) for chat in model.open_chats()
                 if chat.waiting_since is not None and "mine" in model.flags_of(chat)]
        return len(waits), max((w for w in waits if w is not None), default=0.0)

    def request(self) -> QMessageBox | None:
        """Ctrl+Q or the close button: quit when nobody waits; otherwise as the setting says."""
        count, longest = self.waiting()
        if not count:
            self.quit_now()
            return None
        if self.when_waiting == "tray" and self._tray_available():
            self.to_tray(count)
            return None
        return self.ask(count, longest)

    def ask(self, count: int, longest: float) -> QMessageBox:
        """Window-modal, opened without a nested event loop: the chats keep arriving while the agent decides.
        Enter and Esc go back to the chats; Alt+Q quits, Alt+T keeps the desk running in the tray."""
        if self.box is not None:
            self.box.close()
        box = self.box = QMessageBox(self.window)
        box.setObjectName("quitWhileWaiting")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Buyers are waiting"))
        box.setText(self.tr("%n buyer(s) wait for an answer; the longest has waited %1.", "", count)
                    .replace("%1", format_wait(longest)))
        box.setInformativeText(self.tr("Quitting leaves them waiting until a colleague or the robot answers."))
        quit_button = box.addButton(self.tr("&Quit anyway"), QMessageBox.ButtonRole.DestructiveRole)
        quit_button.setObjectName("quitAnyway")
        tray_button: QPushButton | None = None
        if self._tray_available():
            tray_button = box.addButton(self.tr("Keep running in the &tray"), QMessageBox.ButtonRole.ActionRole)
            tray_button.setObjectName("quitToTray")
        back = box.addButton(self.tr("&Back to the chats"), QMessageBox.ButtonRole.RejectRole)
        back.setObjectName("quitBack")
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen() -> None:
            clicked = box.clickedButton()
            self.box = None
            if clicked is quit_button:
                self.quit_now()
            elif tray_button is not None and clicked is tray_button:
                self.to_tray(self.waiting()[0])
            else:  # back to typing answers, the keyboard in the reply box
                self.window.activateWindow()
                self.window.focus_composer()

        box.finished.connect(lambda _result: chosen())
        box.open()
        return box

    def quit_now(self) -> None:
        self.confirmed = True
        in_tray = not self.window.isVisible()
        self.window.close()
        if in_tray:  # closing a hidden window is no "last window closed": the application is told to quit itself
            QApplication.quit()

    def to_tray(self, count: int) -> None:
        """Hidden, still running: chats arrive, sounds and the tray's messages say so; the tray brings it back."""
        self.window.hide()
        tray = self.window.status_line.tray
        if tray is not None and tray.isVisible():
            tray.showMessage(self.tr("KefuDesk keeps running"),
                             self.tr("%n buyer(s) waiting. Click the icon to come back; its menu quits.", "", count),
                             QSystemTrayIcon.MessageIcon.Information, 5_000)

    def show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def quit_from_tray(self) -> None:
        """The tray's Quit: the window comes back first, so the agent sees whom the question is about."""
        count, longest = self.waiting()
        if not count:
            self.quit_now()
            return
        self.show_window()
        self.ask(count, longest)

    def may_close(self, event: QCloseEvent) -> bool:
        """The close event goes through when the agent chose to quit, or when the program closes the window
        itself (a test, the end of a run); the close button goes through request() first."""
        if self.confirmed or not event.spontaneous():
            return True
        event.ignore()
        self.request()
        return False

    def _tray_available(self) -> bool:
        return self.window.status_line.tray is not None
