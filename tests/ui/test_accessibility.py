"""Every widget a keyboard or screen-reader user lands on in the desk and the windows it opens has a name a screen
reader can say: its accessible name, its own text (buttons, tabs), a label pointing at it (buddy), or a
placeholder. A failure lists each nameless widget by window, class and objectName."""

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

from app.desk.action_fields import ACTION_FIELDS

from app import domain
from tests.ui.conftest import NOW
from tests.ui.test_order_import_dialog import TAOBAO

INTERACTIVE = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView,
               QSlider, QTabBar)
INSIDE_ANOTHER = (QAbstractSpinBox, QComboBox, QTabBar, QAbstractItemView)  # their own line edit, scroll buttons…


def said_by_screen_reader(widget: QWidget) -> str:
    """The name Qt's accessibility gives the widget: its accessible name, or the text of a label beside it (same
    parent) whose buddy it is — a label elsewhere pointing at it is not read out."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def own_name(widget: QWidget) -> str:
    if widget.accessibleName().strip():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return widget.text()
    if isinstance(widget, QTabBar) and widget.count() and all(widget.tabText(i).strip()
                                                               for i in range(widget.count())):
        return "tabs"
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QComboBox)) and widget.placeholderText().strip():
        return widget.placeholderText()
    if isinstance(widget, QComboBox) and widget.isEditable() and widget.lineEdit().placeholderText().strip():
        return widget.lineEdit().placeholderText()
    return said_by_screen_reader(widget)


def reachable(widget: QWidget, top: QWidget) -> bool:
    """Focusable and not hidden on purpose (a page of a tab not shown yet still counts), nor a part of another
    control (a spin box's line edit, a tab bar's scroll buttons, a cell's editor)."""
    if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or widget.isHidden():
        return False
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, INSIDE_ANOTHER):
            return False
        parent = parent.parentWidget()
    return True


def nameless(top: QWidget) -> list[str]:
    where = f"{type(top).__name__} “{top.windowTitle()}”"
    return [f"{where}: {type(w).__name__} objectName={w.objectName()!r} (in {type(w.parentWidget()).__name__})"
            for w in top.findChildren(QWidget) if isinstance(w, INTERACTIVE) and reachable(w, top)
            and not own_name(w)]


def test_the_walk_finds_a_nameless_field_and_accepts_each_kind_of_name(qtbot):
    top = QDialog()
    qtbot.addWidget(top)
    bare = QLineEdit(top)
    bare.setObjectName("bare")
    QLineEdit(top).setPlaceholderText("订单号")
    labelled = QLineEdit(top)
    QLabel("&Nick", top).setBuddy(labelled)
    QLineEdit(top).setAccessibleName("Amount")
    QPushButton("&Save", top)
    QToolButton(top).setObjectName("icon_only")
    pane = QWidget(top)
    far = QListView(pane)  # its label is outside its parent: a screen reader does not find it
    far.setObjectName("far")
    QLabel("Orders", top).setBuddy(far)
    QLineEdit(top).hide()  # not reachable: not walked
    found = nameless(top)
    assert len(found) == 3, found
    assert "QLineEdit objectName='bare'" in found[0] and "'icon_only'" in found[1] and "'far'" in found[2]


def settled(qtbot) -> None:
    """What a window asked off the GUI thread as it opened (the transfer asks the shop who is there) has been
    answered: a window deleted while its question is on the way can take the process down with it
    (app/ui/background.py)."""
    qtbot.waitUntil(lambda: not any(t.name == "background-read" for t in threading.enumerate()), timeout=20_000)


def wait_for_window(qtbot, open_it) -> QWidget:
    opened = open_it()
    qtbot.waitUntil(lambda: opened.isVisible())
    return opened


OPENS = {  # a window or dialog of the desk, how the desk opens it
    "phrase manager": lambda w: w.library.open_phrase_manager(),
    "new phrase": lambda w: w.library.save_typed_as_phrase("包邮"),
    "issue list": lambda w: w.issues.open_issue_list(),
    "worklist": lambda w: w.issues.open_worklist(),
    "new issue": lambda w: w.issues.new_issue(),
    "review": lambda w: w.opens.open_review(),
    "KPIs": lambda w: w.opens.open_kpis(),
    "search": lambda w: w.opens.open_search(),
    "word lists": lambda w: w.opens.open_word_lists(),
    "clipboard history": lambda w: w.opens.open_clipboard_settings(),
    "robot": lambda w: w.opens.open_robot(),
    "robot review": lambda w: w.opens.open_robot_review(),
    "daily tables": lambda w: w.opens.open_reports(),
    "limits": lambda w: w.opens.open_policy(),
    "settings": lambda w: w.opens.open_settings(),
    "key settings": lambda w: w.opens.open_key_settings(),
    "cheat sheet": lambda w: w.opens.open_cheat_sheet(),
    "transfer": lambda w: w.transfer_chat(),
}


def test_every_control_of_the_desk_window_has_a_name(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    missing = nameless(window)
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("name", OPENS)
def test_every_control_of_each_window_the_desk_opens_has_a_name(qtbot, desk, name):
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    opened = wait_for_window(qtbot, lambda: OPENS[name](window))
    missing = nameless(opened)
    settled(qtbot)
    opened.close()
    assert not missing, "\n".join(missing)


def test_every_control_of_the_order_import_has_a_name(qtbot, desk, tmp_path):
    window = desk()
    path = tmp_path / "ExportOrderList202611.csv"
    path.write_bytes(TAOBAO.encode("gbk"))
    dialog = window.opens.import_order_export(path)
    qtbot.waitUntil(dialog.import_button.isEnabled)  # the preview's tabs are shown
    missing = nameless(dialog)
    settled(qtbot)
    dialog.reject()
    assert not missing, "\n".join(missing)


def test_every_control_of_the_phrase_import_preview_and_of_the_phrase_palette_has_a_name(qtbot, desk, tmp_path):
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    source = tmp_path / "floor.ahk"
    source.write_text("::new1::新的短语\n::bad::{Left}\n", encoding="utf-8")
    preview = window.library.open_phrase_manager().import_file(source)
    qtbot.waitUntil(lambda: preview.plan is not None)  # its tabs are shown
    missing = nameless(preview)
    settled(qtbot)
    preview.reject()
    window.palette.open_at(window.conversation.composer, "包邮")
    qtbot.waitUntil(window.palette.isVisible)
    missing += nameless(window.palette)
    window.palette.hide()
    assert not missing, "\n".join(missing)


def test_every_control_of_an_issues_details_and_of_each_action_form_has_a_name(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "收到的少了一只袜子", NOW))
    issue = window.issue_desk.open_issue(stage="after_sale", category="missing_item", buyer_id="b1")
    details = window.issues.details_of(issue)
    qtbot.waitUntil(details.isVisible)
    missing = nameless(details)
    settled(qtbot)
    details.reject()
    for kind in ACTION_FIELDS:
        form = window.issues.record_on(issue, kind)
        qtbot.waitUntil(form.isVisible)
        missing += [f"{kind}: {line}" for line in nameless(form)]
        settled(qtbot)
        form.reject()
    assert not missing, "\n".join(missing)
