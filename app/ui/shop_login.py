"""Asking the agent for the shop's password while the desk runs: only when the desk has none it may use (the shop
refused the one given, or none was typed this session and the shop forgot the token). The desk logs in again by
itself whenever it can; this asks once per refusal, never while a question is open."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMainWindow

from app.desk.session import DeskSession

from app.ui.bridge import DeskBridge
from app.ui.labels import say


class ShopLogin(QObject):
    """Given the window: on the bridge's sig_login_needed, a password box (not modal: the chats stay usable);
    its answer goes to DeskSession.log_in, and a refusal asks again."""

    def __init__(self, window: QMainWindow, session: DeskSession, bridge: DeskBridge) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self.dialog: QInputDialog | None = None  # the open question, if any
        bridge.sig_login_needed.connect(self.ask)

    def ask(self, reason: object) -> QInputDialog:
        why = say(reason) if isinstance(reason, str) else str(reason)
        if self.dialog is not None:  # one question at a time: the newest reason on it
            self.dialog.setLabelText(self._label(why))
            return self.dialog
        account = self._session.account
        dialog = QInputDialog(self._window)
        dialog.setObjectName("shopLogin")
        dialog.setWindowTitle(self.tr("Log in to the shop"))
        dialog.setLabelText(self._label(why))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setToolTip(self.tr("%1 at %2").replace("%1", account.agent).replace("%2", account.base_url))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.NonModal)  # the chats stay usable: replies wait in the outbox
        dialog.textValueSelected.connect(self._answered)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.show()
        self._window.statusBar().showMessage(why, 30_000)
        return dialog

    def _label(self, why: str) -> str:
        return self.tr("%1. Password for %2:").replace("%1", why).replace("%2", self._session.account.agent)

    def _answered(self, password: str) -> None:
        if password:
            self._window.statusBar().showMessage(self.tr("Logging in to the shop…"), 10_000)
            self._session.log_in(password)

    def _closed(self) -> None:
        self.dialog = None
