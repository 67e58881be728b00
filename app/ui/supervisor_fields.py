"""The two rows where a supervisor authorises something on the spot — their name and their password — shared by
every dialog that asks (the limits, an approval, switching a banned word off), so each reads and behaves alike."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLineEdit


class SupervisorFields:
    """Adds "Supervisor" (Alt+S) and "Password" (Alt+P, not echoed) rows to a form."""

    def __init__(self, form: QFormLayout) -> None:
        self.supervisor = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("SupervisorFields", "&Supervisor"), self.supervisor)
        form.addRow(QCoreApplication.translate("SupervisorFields", "&Password"), self.password)

    def name(self) -> str:
        return self.supervisor.text().strip()

    def take_password(self) -> str:
        """The password typed, cleared from its box: it is never kept in the widget after one try."""
        password = self.password.text()
        self.password.clear()
        return password
