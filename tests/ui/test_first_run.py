"""The first-run wizard over the demo desk: Enter through it keeps the demo, the language switches the wizard at once,
a gateway's fields are checked before going on, the first supervisor is made on the store, a phrase file opens
in the phrase manager's preview, and the wizard is shown once."""

from __future__ import annotations

import tomllib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.ui.first_run import FirstRunWizard, first_run_done, unknown_locale, wants_welcome
from app.ui.phrase_manager import ImportDialog

from app import config

STRONG = "Zhu-guan-2026!"


@pytest.fixture
def wizard(qtbot, desk):
    def make(language: str = "en") -> FirstRunWizard:
        window = desk()
        made = FirstRunWizard(window, window.issue_desk, language)
        made.show()
        qtbot.waitUntil(made.isVisible)
        made.activateWindow()
        return made

    return make


def press_enter(qtbot, wizard: FirstRunWizard) -> None:
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)


def settings() -> dict:
    path = config.settings_path()
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def test_a_fresh_computer_is_welcomed_once(qtbot, wizard):
    assert wants_welcome()
    made = wizard()
    made.reject()
    qtbot.waitUntil(lambda: not made.isVisible())
    assert first_run_done() and not wants_welcome()
    assert settings() == {}  # Esc keeps the demo exactly as it was


def test_enter_through_the_wizard_keeps_the_demo(qtbot, wizard):
    made = wizard()
    done = []
    made.sig_done.connect(lambda changed, path: done.append((changed, path)))
    for page in (made.language_page, made.shop_page, made.phrases_page, made.supervisor_page):
        qtbot.waitUntil(lambda page=page: made.currentPage() is page)
        press_enter(qtbot, made)
    qtbot.waitUntil(lambda: bool(done))
    changed, path = done[0]
    assert "gateway.url" not in changed and path == ""
    assert made.result() == QWizard.DialogCode.Accepted and first_run_done()
    if unknown_locale():  # under C/POSIX the wizard asked, so the answer is kept
        assert settings()["ui"]["language"] == "en"


def test_choosing_chinese_turns_the_wizard_chinese_at_once(qtbot, wizard):
    made = wizard("en")
    assert made.language_page.title() == "Welcome to KefuDesk"
    made.language_page.combo.setCurrentIndex(made.language_page.combo.findData("zh_CN"))
    qtbot.waitUntil(lambda: made.language_page.title() != "Welcome to KefuDesk")
    assert "客服台" in made.language_page.title()
    made.next()
    assert "店铺" in made.shop_page.title()
    made.accept()
    assert settings()["ui"]["language"] == "zh_CN"


def test_a_gateway_is_checked_before_going_on_and_saved(qtbot, wizard):
    made = wizard()
    made.next()
    page = made.shop_page
    qtbot.keyClicks(page.url, "gateway.myshop")  # typing there chooses the gateway
    assert page.gateway.isChecked()
    made.next()
    assert made.currentPage() is page and "https://" in page.problem.text()
    page.url.setText("https://gateway.myshop.cn")
    made.next()
    assert made.currentPage() is page and "shop id" in page.problem.text()
    page.shop.setText("myshop")
    page.agent.setText("xiaoli")
    made.next()
    assert made.currentPage() is made.phrases_page
    made.next()
    made.accept()
    assert settings()["gateway"] == {"url": "https://gateway.myshop.cn", "shop": "myshop", "agent": "xiaoli"}


def test_the_first_supervisor_is_made_on_the_store(qtbot, wizard):
    made = wizard()
    for _ in range(3):
        made.next()
    page = made.supervisor_page
    assert made.currentPage() is page and page.name.isEnabled()
    page.name.setText("老板")
    page.password.setText(STRONG)
    page.again.setText(STRONG + "x")
    assert not page.validatePage() and "differ" in page.problem.text()
    page.password.setText("123")
    page.again.setText("123")
    assert not page.validatePage() and page.problem.text().startswith("Not made")
    page.password.setText(STRONG)
    page.again.setText(STRONG)
    assert page.validatePage()
    assert ("老板", "supervisor") in page.profiles.profiles()


def test_a_phrase_file_chosen_opens_in_the_phrase_managers_preview(qtbot, desk, tmp_path):
    from app.ui.start import _welcome

    window = desk()
    phrases = tmp_path / "快捷短语.csv"
    phrases.write_text("title,text\n发货,亲，16点前付款当天发货哦\n", encoding="utf-8")
    made = _welcome(window, "en")
    qtbot.waitUntil(made.isVisible)
    made.phrases_page.set_path(str(phrases))
    assert str(phrases) in made.phrases_page.chosen.text()
    made.accept()
    qtbot.waitUntil(lambda: window.findChild(ImportDialog) is not None)
    assert window.findChild(ImportDialog).isVisible()


def test_the_phrases_page_says_whether_the_library_is_empty_or_holds_the_demos_examples(qtbot, desk):
    window = desk(starter=False)  # a new shop's store
    empty = FirstRunWizard(window, window.issue_desk, "en", phrases=len(window.phrases.phrases))
    assert empty.phrases_page.intro.text().startswith("Your phrase library is empty.")
    assert "Ctrl+Shift+K" in empty.phrases_page.intro.text() and "examples" not in empty.phrases_page.intro.text()
    empty.deleteLater()
    demo = FirstRunWizard(window, window.issue_desk, "en", phrases=20)  # the demo brought its starter phrases
    assert "already holds 20 phrase(s)" in demo.phrases_page.intro.text()
    assert "delete them in the phrase manager" in demo.phrases_page.intro.text()
    demo.deleteLater()
