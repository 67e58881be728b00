"""What the demo tells about its supervisor: on the status line and in Help, the name and password that approve an
over-limit refund in the demo (app/desk/demo.py); outside the demo, a warning while that password still works."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QMessageBox

from app.desk.demo import (
    DEMO_SUPERVISOR,
    DEMO_SUPERVISOR_PASSWORD,
    OTHERS,
    demo_password_left,
    demo_supervisor,
)

from app.ui.keys.keymap import SHORTCUTS

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class DemoHelp(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.label: QLabel | None = None

    def show_supervisor(self) -> str:
        """The demo's supervisor made (or found), and said: a status-line label and a Help entry."""
        state = demo_supervisor(self.window.issue_desk)
        if state == OTHERS:
            text = self.tr("Demo: approvals take one of this store's own supervisors")
        else:
            text = (self.tr("Demo supervisor: %1, password %2").replace("%1", DEMO_SUPERVISOR)
                    .replace("%2", DEMO_SUPERVISOR_PASSWORD))
        self.label = QLabel(text)
        self.label.setObjectName("demoSupervisor")
        self.label.setToolTip(self.tr("An agent's refund over the limits waits for a supervisor: type this name and "
                                      "password in the approval (Shift+F1 says more)."))
        self.window.statusBar().addPermanentWidget(self.label)
        SHORTCUTS.add_actions(self.window, {"desk.demo_supervisor": lambda: self.explain(state)}, self.window.menus)
        return state

    def explain(self, state: str) -> QMessageBox:
        if state == OTHERS:
            text = self.tr("This store has supervisors of its own, so the demo made none: an over-limit refund "
                           "waits for one of them.")
        else:
            text = self.tr("The demo shop's supervisor is %1, password %2.\n\nRecord a partial refund over the "
                           "agent's limit (Ctrl+Shift+I on an issue): it waits for approval, and this name and "
                           "password approve it. The password is public: on a store for a real shop, change it "
                           "(kefudesk profiles password %1).").replace("%1", DEMO_SUPERVISOR) \
                .replace("%2", DEMO_SUPERVISOR_PASSWORD)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("The demo's supervisor"), text,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("demoSupervisorHelp")
        box.open()
        return box

    def warn_if_left(self) -> bool:
        """Outside the demo: the demo's supervisor with its public password is a way round every limit. True when
        the status bar says so (once the window shows)."""
        left = demo_password_left(self.window.issue_desk)
        if left:
            QTimer.singleShot(0, self.window, lambda: self.window.statusBar().showMessage(self.tr(
                "%1, the demo's supervisor, still has the demo's public password: change it (kefudesk profiles "
                "password %1), or anyone can approve refunds.").replace("%1", DEMO_SUPERVISOR),
                60_000))
        return left
