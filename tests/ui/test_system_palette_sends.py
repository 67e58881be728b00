"""The phrase palette over other applications never presses Enter on a 【blank】: Alt+Enter asks for every value
first, a phrase the shop never finished is pasted but not sent, and values a phrase asks for are checked as in
the desk. Driven with the keyboard against a recording desktop (the X11 side is tested on Xvfb in
tests/systemwide)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from app.domain import now_utc

from app.store.engine import open_store
from app.systemwide import AppInfo

from app.desk.clipboard import ClipHistory
from app.desk.phrases import PhraseBook

from app.ui.system_palette import SystemPalette

from tests.conftest import ime_type, with_starter_phrases


class RecordingDesktop:
    """What the palette did to the application in front: the texts it pasted and the keys it pressed."""

    name = "recording"

    def __init__(self) -> None:
        self.pasted: list[str] = []
        self.taps: list[str] = []

    def grab_hotkey(self, combo: str, callback: Callable[[], None]) -> None:
        return None

    def release_hotkeys(self) -> None:
        return None

    def active_app(self) -> AppInfo | None:
        return AppInfo("kd-seller-client")

    def clipboard_owner(self) -> AppInfo | None:
        return None

    def paste(self) -> None:
        self.pasted.append(QGuiApplication.clipboard().text())

    def type_text(self, text: str) -> None:
        self.pasted.append(text)

    def watch_keys(self, callback: Callable[[str], None]) -> None:
        return None

    def tap(self, key: str, times: int = 1) -> None:
        self.taps += [key] * times

    def close(self) -> None:
        return None


@pytest.fixture
def palette(qtbot, tmp_path):
    store = with_starter_phrases(open_store(tmp_path / "k.db"))
    desktop = RecordingDesktop()
    system = SystemPalette(desktop, PhraseBook(store), ClipHistory(store, clock=now_utc), shop="小鹿童鞋", agent="小李")
    system.problems = []
    system.sig_problem.connect(system.problems.append)
    yield system
    system.palette.hide()
    system.form.hide()
    qtbot.waitUntil(lambda: system._saved is None)  # the agent's clipboard given back before the store closes
    store.close()


def choose(qtbot, system: SystemPalette, abbreviation: str) -> None:
    """Hotkey, the abbreviation, Alt+Enter: paste it and press Enter (send it, in a seller client)."""
    system.open(QPoint(200, 200))
    qtbot.keyClicks(system.palette.query, abbreviation)
    qtbot.keyClick(system.palette.query, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)


def test_alt_enter_needs_every_value_before_it_sends(qtbot, palette):
    choose(qtbot, palette, "wl")  # 物流查询: the order no., courier and tracking no. only the agent knows here
    form = palette.form
    assert form.isVisible() and list(form.fields) == ["order_no", "courier", "tracking_no"]
    qtbot.keyClick(form.fields["order_no"], Qt.Key.Key_Return)
    assert form.isVisible() and "订单号" in form.problem.text() and palette.desktop.pasted == []
    for name, value in (("order_no", "3698123456789012345"), ("courier", "zhongtong"), ("tracking_no", "7312345")):
        qtbot.keyClicks(form.fields[name], value)
    qtbot.keyClick(form.fields["tracking_no"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: palette.desktop.taps == ["Return"])
    assert palette.desktop.pasted == ["亲，您的订单3698123456789012345已经由zhongtong发出啦，运单号7312345，请耐心等待哦～"]


def test_a_phrase_never_finished_is_pasted_but_not_sent(qtbot, palette):
    choose(qtbot, palette, "thdz")  # 退货地址: 【请在短语管理里填上店铺的退货地址…】
    qtbot.keyClicks(palette.form.fields["order_no"], "3698123456789012345")
    with qtbot.waitSignal(palette.sig_pasted):
        qtbot.keyClick(palette.form.fields["order_no"], Qt.Key.Key_Return)
    assert "【请在短语管理里填上店铺的退货地址、收件人和电话】" in palette.desktop.pasted[0]
    assert palette.desktop.taps == []  # no Enter: the agent writes the address there first
    assert "not sent" in palette.problems[0]


def test_an_asked_amount_is_checked_before_it_is_pasted_and_sent(qtbot, palette):
    choose(qtbot, palette, "zl")  # 质量问题道歉: 补偿{ask:补偿金额|money}元
    form = palette.form
    assert not form.fields and [ask.label for ask, _field in form.asked] == ["补偿金额"]
    amount = form.asked[0][1]
    ime_type(amount, "一百")
    qtbot.keyClick(amount, Qt.Key.Key_Return)
    assert form.isVisible() and "not an amount" in form.problem.text()
    amount.clear()
    qtbot.keyClicks(amount, "5")
    qtbot.keyClick(amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: palette.desktop.taps == ["Return"])
    assert "补偿5.00元" in palette.desktop.pasted[0]
