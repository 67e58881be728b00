"""The settings dialog (File → Settings, Ctrl+,): every setting of docs/settings.md, built from the same declaration
(app/config.py SETTINGS), checked by the same rules as the file, saved into settings.toml with the user's other
lines kept. What the open desk can take at once (the chat after a reply, quitting while buyers wait) is in force on
Save; the rest (marked *) at the next start. The keys have their own dialog (Ctrl+F1), one button away."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import config

LIVE = frozenset({"queue.after_reply", "ui.quit_while_waiting", "ui.theme"})  # the open desk takes these on Save
HIDDEN = frozenset({"keys.bindings", "keys.preset"})  # the key settings dialog (Ctrl+F1) edits these
GROUPS = (  # (group id, the settings' section prefixes), in the dialog's order
    ("shop", ("gateway.",)),
    ("team", ("store.",)),
    ("window", ("ui.", "queue.")),
    ("palette", ("palette.",)),
    ("privacy", ("logging.",)),
    ("demo", ("demo.",)),
)


class SettingsDialog(QDialog):
    """Edits config.SETTINGS; `saved` carries the changed settings' names and new values."""

    saved = Signal(dict)

    def __init__(self, parent: QWidget | None = None, open_keys: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.resize(620, 640)
        self.fields: dict[str, QWidget] = {}
        broken = ""
        try:
            self.values = config.load_settings()
        except config.SettingsError as exc:  # edited by hand while the desk ran: shown, and nothing written over it
            self.values = {s.name: s.default for s in config.SETTINGS}
            broken = str(exc)
        texts = self._texts()
        layout = QVBoxLayout(self)
        body = QWidget()
        column = QVBoxLayout(body)
        for group, prefixes in GROUPS:
            box = QGroupBox(texts[group][0], body)
            form = QFormLayout(box)
            for setting in config.SETTINGS:
                if setting.name in HIDDEN or not setting.name.startswith(prefixes):
                    continue
                label, tip = texts[setting.name]
                field = self._field(setting, tip)
                self.fields[setting.name] = field
                shown = QLabel(label + ("" if setting.name in LIVE else " *"), box)
                shown.setBuddy(field)
                form.addRow(shown, field)
            column.addWidget(box)
        folder = QLabel(self.tr("Data folder (chats, backups, log): %1").replace("%1", str(config.data_dir())), body)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder.setWordWrap(True)
        column.addWidget(folder)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout.addWidget(scroll)
        note = QLabel(self.tr("* takes effect at the next start. The rest is in force when you save."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.problem = QLabel(self)
        self.problem.setObjectName("settingsProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c92a2a")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        if open_keys is not None:
            keys = QPushButton(self.tr("&Keys… (Ctrl+F1)"), self)
            self.buttons.addButton(keys, QDialogButtonBox.ButtonRole.ActionRole)
            keys.clicked.connect(open_keys)
        if broken:
            self.problem.setText(self.tr("The settings file cannot be read, so it cannot be saved from here: %1")
                                 .replace("%1", broken))
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _texts(self) -> dict[str, tuple[str, str]]:
        """Each setting's label and tooltip, and each group's title, in the interface language."""
        return {
            "shop": (self.tr("Shop connection"), ""),
            "team": (self.tr("Team store"), ""),
            "window": (self.tr("Window"), ""),
            "palette": (self.tr("Over other applications"), ""),
            "privacy": (self.tr("Privacy"), ""),
            "demo": (self.tr("Demo shop"), ""),
            "gateway.url": (self.tr("Shop gateway URL"),
                            self.tr("The shop gateway's address, https://…; empty: the built-in demo shop")),
            "gateway.shop": (self.tr("Shop id"), self.tr("The shop to log in to")),
            "gateway.agent": (self.tr("Your agent login"),
                              self.tr("Your login at the shop; the password is asked when the desk starts and kept "
                                      "in the system keyring")),
            "gateway.allow_plain_http": (
                self.tr("Allow plain http:// to another machine"),
                self.tr("Only for a test lab: the password and the token would cross the network readable by "
                        "anyone")),
            "store.url": (
                self.tr("Team PostgreSQL server"),
                self.tr("postgresql+psycopg://USER@HOST:PORT/DATABASE without the password (asked once, kept in "
                        "the system keyring); empty: this computer's store")),
            "ui.language": (self.tr("Language"), self.tr("The interface language; System follows the computer's")),
            "ui.theme": (self.tr("Light or dark"), self.tr("Automatic follows the system's light or dark setting")),
            "ui.quit_while_waiting": (self.tr("Quitting while buyers wait"),
                                      self.tr("Ask (saying how many wait), or keep running in the tray")),
            "queue.after_reply": (self.tr("After a reply, open"),
                                  self.tr("Which chat opens after you send a reply or close a chat")),
            "palette.hotkey": (self.tr("Phrase palette hotkey"),
                               self.tr("Opens the phrase palette over any application; empty: none")),
            "palette.clipboard_hotkey": (self.tr("Clipboard history hotkey"),
                                         self.tr("Opens the clipboard history over any application; empty: none")),
            "palette.hotstring_groups": (
                self.tr("Phrase groups expanding everywhere"),
                self.tr("Groups whose abbreviations expand in any application, comma-separated (售中, 售后/退款)")),
            "palette.type_in": (self.tr("Applications typed into key by key"),
                                self.tr("Applications that refuse a paste (their window class, comma-separated)")),
            "logging.redact": (self.tr("Hide phone numbers and addresses in the log"),
                               self.tr("Turn off only to chase a bug, and delete the log afterwards")),
            "demo.buyers": (self.tr("Simulated buyers"), self.tr("Buyers in the demo shop")),
            "demo.rate": (self.tr("New messages per minute"), self.tr("How busy the demo shop is")),
            "demo.initial_chats": (self.tr("Buyers waiting at start"),
                                   self.tr("Chats already waiting when the demo starts")),
        }

    def _choice_texts(self) -> dict[str, str]:
        return {"auto": self.tr("System"), "light": self.tr("Light"), "dark": self.tr("Dark"), "zh_CN": "中文（简体）", "en": "English", "ask": self.tr("Ask"),
                "tray": self.tr("Keep running in the tray"), "longest": self.tr("The buyer who has waited longest"),
                "next": self.tr("The next unanswered buyer below"), "stay": self.tr("Stay on the chat")}

    def _field(self, setting: config.Setting, tip: str) -> QWidget:
        value = self.values[setting.name]
        field: QWidget
        if setting.choices:
            field = QComboBox(self)
            shown = self._choice_texts()
            for choice in setting.choices:
                field.addItem(shown.get(choice, str(choice)), choice)
            field.setCurrentIndex(max(0, field.findData(value)))
        elif setting.type is bool:
            field = QCheckBox(self)
            field.setChecked(bool(value))
        elif setting.type is int:
            field = QSpinBox(self)
            low, high = setting.bounds or (0, 2**31 - 1)
            field.setRange(int(low), int(high))
            field.setValue(int(value))
        elif setting.type is float:
            field = QDoubleSpinBox(self)
            low, high = setting.bounds or (0.0, 1e9)
            field.setRange(low, high)
            field.setDecimals(1)
            field.setValue(float(value))
        else:
            field = QLineEdit(str(value), self)
            field.setMaxLength(2000)
        field.setObjectName(setting.name)
        field.setToolTip(tip)
        field.setAccessibleDescription(tip)
        return field

    def value(self, name: str) -> Any:
        field = self.fields[name]
        if isinstance(field, QComboBox):
            return field.currentData()
        if isinstance(field, QCheckBox):
            return field.isChecked()
        if isinstance(field, QSpinBox | QDoubleSpinBox):
            return field.value()
        return field.text().strip() if isinstance(field, QLineEdit) else None

    def _problem(self, name: str, value: Any) -> str:
        """What is wrong with one field's value, in the interface language ("" when nothing)."""
        try:
            config.check_value(name, value)
        except config.SettingsError as exc:
            return str(exc)
        if not isinstance(value, str) or not value:
            return ""
        if name == "gateway.url" and urlsplit(value).scheme not in ("http", "https"):
            return self.tr("it must start with https:// (or http:// for a gateway on this computer)")
        if name == "store.url":
            parts = urlsplit(value)
            if not parts.scheme.startswith("postgresql"):
                return self.tr("it must start with postgresql+psycopg://")
            if parts.password is not None:
                return self.tr("leave the password out of it: the desk asks for it once and keeps it in the system "
                               "keyring, not in a settings file anyone can read")
        if name in ("palette.hotkey", "palette.clipboard_hotkey") and not QKeySequence.fromString(
                value, QKeySequence.SequenceFormat.PortableText).toString():  # an unknown key reads back empty
            return self.tr("not a key Qt knows; write it as Ctrl+Alt+Space")
        return ""

    def save(self) -> None:
        """Check every field, then write the changed ones (all or none); a problem names the field and stays."""
        if not self.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled():
            return
        changed: dict[str, Any] = {}
        for name, field in self.fields.items():
            value = self.value(name)
            problem = self._problem(name, value)
            if problem:
                label = self._texts()[name][0]
                self.problem.setText(self.tr("%1: %2").replace("%1", label).replace("%2", problem))
                field.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            if value != self.values[name]:
                changed[name] = value
        if changed:
            try:
                config.save_settings(changed)
            except (OSError, config.SettingsError) as exc:
                self.problem.setText(self.tr("The settings could not be saved (%1); nothing was changed.")
                                     .replace("%1", str(exc)))
                return
        self.values.update(changed)
        self.saved.emit(changed)
        self.accept()
