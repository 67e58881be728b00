"""The first start on a computer: a short wizard over the demo desk, which is already running behind it — the
language (switched at once, so a Chinese agent under an English or C locale can read the rest), the demo shop or a
shop gateway, phrases brought from a file (input-method custom phrases, AutoHotKey, Espanso, a sheet), and the
store's first supervisor. Esc, or Finish with nothing changed, leaves the demo as it is; File → Settings (Ctrl+,)
does the rest later. Shown once: a marker file in the config folder says it was."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, QLocale, Qt, QTranslator, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.desk.profiles import ProfileDesk
from app.desk.refused import IssueRefused

from app.ui.labels import say

from app import config

DONE_MARKER = "first-run.done"


def first_run_done() -> bool:
    return (config.config_dir() / DONE_MARKER).exists()


def mark_first_run_done() -> None:
    folder = config.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / DONE_MARKER).write_text("shown\n", encoding="utf-8")


def wants_welcome() -> bool:
    """The wizard is for a computer the desk has never been set up on: no settings file and not shown before."""
    return not first_run_done() and not config.settings_path().exists()


def unknown_locale() -> bool:
    """C / POSIX (a server image, a minimal container, C.UTF-8): the system says nothing about the agent's
    language, so the wizard's first page asks rather than guessing."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return value.split(".")[0] in ("C", "POSIX")
    return QLocale.system().name() in ("C", "")


def suggested_language() -> str:
    """zh_CN when the system's languages or the keyboard's input language say Chinese, else en."""
    system = QLocale.system()
    if system.name().startswith("zh") or any(lang.startswith("zh") for lang in system.uiLanguages()):
        return "zh_CN"
    keyboard = QGuiApplication.inputMethod().locale() if QGuiApplication.instance() else None
    if keyboard is not None and keyboard.name().startswith("zh"):
        return "zh_CN"
    return "zh_CN" if unknown_locale() else "en"  # a shop agent's desk: Chinese unless the system says otherwise


class Page(QWizardPage):
    """A wizard page whose explanation wraps in its body (a subtitle is cut after two lines)."""

    def __init__(self) -> None:
        super().__init__()
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.intro)


class LanguagePage(Page):
    sig_language = Signal(str)

    def __init__(self, language: str) -> None:
        super().__init__()
        self.combo = QComboBox(self)
        self.combo.setObjectName("firstRunLanguage")
        self.combo.addItem("中文（简体）", "zh_CN")
        self.combo.addItem("English", "en")
        self.combo.setCurrentIndex(self.combo.findData(language))
        self.combo.currentIndexChanged.connect(lambda: self.sig_language.emit(self.combo.currentData()))
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = self.body
        layout.addWidget(self.note)  # the question, then the choice
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome to KefuDesk"))
        self.intro.setText(self.tr("The desk is running on its demo shop behind this window. Four short questions "
                                 "set it up for your shop; Esc keeps the demo as it is."))
        self.note.setText(self.tr("Language of the interface (选择界面语言):") if unknown_locale() else
                          self.tr("Language of the interface:"))


class ShopPage(Page):
    def __init__(self) -> None:
        super().__init__()
        self.demo = QRadioButton(self)
        self.demo.setObjectName("firstRunDemo")
        self.gateway = QRadioButton(self)
        self.gateway.setObjectName("firstRunGateway")
        group = QButtonGroup(self)
        group.addButton(self.demo)
        group.addButton(self.gateway)
        self.demo.setChecked(True)
        self.url = QLineEdit(self)
        self.url.setObjectName("firstRunUrl")
        self.url.setPlaceholderText("https://gateway.example-shop.cn")
        self.shop = QLineEdit(self)
        self.shop.setObjectName("firstRunShop")
        self.agent = QLineEdit(self)
        self.agent.setObjectName("firstRunAgent")
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c92a2a")
        self.form = QFormLayout()
        self.url_label, self.shop_label, self.agent_label = QLabel(self), QLabel(self), QLabel(self)
        for label, field in ((self.url_label, self.url), (self.shop_label, self.shop), (self.agent_label, self.agent)):
            label.setBuddy(field)
            self.form.addRow(label, field)
        layout = self.body
        layout.addWidget(self.demo)
        layout.addWidget(self.gateway)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        for field in (self.url, self.shop, self.agent):  # typing a gateway's details is choosing it
            field.textEdited.connect(lambda _text: self.gateway.setChecked(True))
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Your shop"))
        self.intro.setText(self.tr("Try the desk on the built-in demo shop, or connect it to your shop's gateway."))
        self.demo.setText(self.tr("&Try the demo shop (simulated buyers; nothing leaves this computer)"))
        self.gateway.setText(self.tr("&Connect a shop gateway"))
        self.url_label.setText(self.tr("Gateway &URL:"))
        self.shop_label.setText(self.tr("&Shop id:"))
        self.agent_label.setText(self.tr("Your &login:"))

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        if not self.gateway.isChecked():
            return True
        url = self.url.text().strip()
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            self.problem.setText(self.tr("The gateway URL must look like https://gateway.example-shop.cn."))
            self.url.setFocus()
            return False
        if not self.shop.text().strip() or not self.agent.text().strip():
            self.problem.setText(self.tr("Fill in the shop id and your login (the password is asked at the next "
                                         "start, and kept in the system keyring)."))
            (self.shop if not self.shop.text().strip() else self.agent).setFocus()
            return False
        self.problem.clear()
        return True


class PhrasesPage(Page):
    def __init__(self, phrases: int = 0) -> None:
        """phrases: how many the library holds now (a new shop's is empty; the demo brought its examples)."""
        super().__init__()
        self.phrases = phrases
        self.path: Path | None = None
        self.choose = QPushButton(self)
        self.choose.setObjectName("firstRunPhrases")
        self.choose.setAutoDefault(False)  # Enter goes on to the next page; Space (or Alt+C) chooses a file
        self.choose.clicked.connect(self._choose)
        self.chosen = QLabel(self)
        self.chosen.setWordWrap(True)
        layout = self.body
        layout.addWidget(self.choose)
        layout.addWidget(self.chosen)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Your canned replies"))
        if not self.phrases:
            self.intro.setText(self.tr(
                "Your phrase library is empty. Bring the phrases you already have: your input method's custom "
                "phrases (Sogou, QQ, Baidu, Microsoft Pinyin, Rime), AutoHotKey or Espanso files, or a sheet (CSV, "
                "XLSX). You see them before anything is added. Or skip: the phrase manager (Ctrl+Shift+K) adds or "
                "imports them later."))
        else:
            self.intro.setText(self.tr("Bring the phrases you already have: your input method's custom phrases (Sogou, "
                                       "QQ, Baidu, Microsoft Pinyin, Rime), AutoHotKey or Espanso files, or a sheet "
                                       "(CSV, XLSX). You see them before anything is added. Or skip: the phrase "
                                       "manager (Ctrl+Shift+K) imports later.") + " " +
                               self.tr("The library already holds %n phrase(s) (on a new computer, the demo shop's "
                                       "examples): edit or delete them in the phrase manager once yours are in.", "",
                                       self.phrases))
        self.choose.setText(self.tr("&Choose a phrase file…"))
        if self.path is not None:
            self.chosen.setText(self.tr("Imported after this wizard, with a preview: %1").replace("%1", str(self.path)))

    def _choose(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a phrase file"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.set_path)
        dialog.open()

    def set_path(self, name: str) -> None:
        self.path = Path(name) if name else None
        self.retranslate()


class SupervisorPage(Page):
    def __init__(self, profiles: ProfileDesk) -> None:
        super().__init__()
        self.profiles = profiles
        self.name = QLineEdit(self)
        self.name.setObjectName("firstRunSupervisor")
        self.password = QLineEdit(self)
        self.password.setObjectName("firstRunPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit(self)
        self.again.setObjectName("firstRunPasswordAgain")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c92a2a")
        self.labels = (QLabel(self), QLabel(self), QLabel(self))
        form = QFormLayout()
        for label, field in zip(self.labels, (self.name, self.password, self.again), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        layout = self.body
        layout.addWidget(self.state)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        self.made = ""
        self.retranslate()

    def existing(self) -> list[str]:
        return [name for name, role in self.profiles.profiles() if role == "supervisor"]

    def retranslate(self) -> None:
        self.setTitle(self.tr("The first supervisor"))
        self.intro.setText(self.tr("A supervisor (主管) approves refunds over an agent's limit and manages the word "
                                 "lists and profiles. Leave it empty to do this later (kefudesk profiles add)."))
        for label, text in zip(self.labels, (self.tr("&Name:"), self.tr("&Password:"), self.tr("Password &again:")),
                               strict=True):
            label.setText(text)
        supervisors = self.existing()
        if supervisors:
            self.state.setText(self.tr("This store already has a supervisor (%1); more are added by one of them.")
                               .replace("%1", "、".join(supervisors)))
        for field in (self.name, self.password, self.again):
            field.setEnabled(not supervisors)

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        name, password = self.name.text().strip(), self.password.text()
        if self.existing() or not (name or password or self.again.text()):
            return True
        if password != self.again.text():
            self.problem.setText(self.tr("The two passwords differ; type them again."))
            self.again.clear()
            self.password.setFocus()
            return False
        try:
            self.profiles.add_profile(name, "supervisor", password)
        except IssueRefused as refused:
            self.problem.setText(self.tr("Not made: %1").replace("%1", say(refused.reason)))
            self.name.setFocus()
            return False
        self.made = name
        self.problem.clear()
        return True


class FirstRunWizard(QWizard):
    """Over the running demo desk. `sig_done` carries what the window should do next: the settings written (name →
    value) and a phrase file to import (or "")."""

    sig_done = Signal(dict, str)

    def __init__(self, parent: QWidget | None, profiles: ProfileDesk, language: str, *, phrases: int = 0) -> None:
        """phrases: how many the phrase library holds now (its page says what is there)."""
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.started_language = language
        self._translators: list[QTranslator] = []
        self.language_page = LanguagePage(language)
        self.shop_page = ShopPage()
        self.phrases_page = PhrasesPage(phrases)
        self.supervisor_page = SupervisorPage(profiles)
        for page in (self.language_page, self.shop_page, self.phrases_page, self.supervisor_page):
            self.addPage(page)
        self.language_page.sig_language.connect(self.switch_language)
        self.setWindowTitle(self.tr("Set up KefuDesk"))
        self.finished.connect(self._finished)

    def switch_language(self, language: str) -> None:
        """The wizard in the chosen language at once (the desk behind it takes it at the next start)."""
        from app.ui.start import install_translators  # start builds on this module

        app = QApplication.instance()
        for translator in self._translators:
            app.removeTranslator(translator)
        if language != self.started_language:
            self._translators = install_translators(app, language)
        else:
            self._translators = []

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(self.tr("Set up KefuDesk"))
            for page in (self.language_page, self.shop_page, self.phrases_page, self.supervisor_page):
                page.retranslate()
        super().changeEvent(event)

    def choices(self) -> dict[str, str]:
        """The settings the answers make (only what differs from a fresh computer's defaults)."""
        changed: dict[str, str] = {}
        language = self.language_page.combo.currentData()
        if language != self.started_language or unknown_locale():
            changed["ui.language"] = language
        if self.shop_page.gateway.isChecked():
            changed["gateway.url"] = self.shop_page.url.text().strip()
            changed["gateway.shop"] = self.shop_page.shop.text().strip()
            changed["gateway.agent"] = self.shop_page.agent.text().strip()
        return changed

    def _finished(self, result: int) -> None:
        mark_first_run_done()  # once, whatever the answer: Settings (Ctrl+,) is where to change it later
        for translator in self._translators:
            QApplication.instance().removeTranslator(translator)  # the desk behind keeps its own language for now
        if result != QWizard.DialogCode.Accepted:
            return
        changed = self.choices()
        if changed:
            config.save_settings(changed)
        path = self.phrases_page.path
        self.sig_done.emit(changed, str(path) if path else "")
