"""Windows open as the agent left them: size, pane widths and table columns come back in the next session (a new
LayoutMemory over the same file, as after a restart); a state file from another layout or broken is ignored."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QDialog, QSplitter, QTableView, QVBoxLayout

from app.ui.layout_memory import LayoutMemory

from app import config


def table_dialog(columns: int = 4) -> QDialog:
    dialog = QDialog()
    dialog.setObjectName("ordersTable")
    view = QTableView(dialog)
    view.setModel(QStandardItemModel(3, columns, view))
    QVBoxLayout(dialog).addWidget(view)
    return dialog


def test_the_desk_comes_back_with_its_size_and_pane_widths(qtbot, desk, tmp_path):
    window = desk()
    memory = LayoutMemory(window, tmp_path / "state.ini")
    memory.track(window, "desk")
    window.resize(777, 555)  # within the test screen (offscreen: 800×600); the width stops at the window's minimum
    left_as = window.size()
    assert left_as != desk().size()  # not what a window opens with anyway
    splitter = window.centralWidget()
    assert isinstance(splitter, QSplitter)
    splitter.setSizes([300, 300, 150])
    left = splitter.sizes()[0]
    assert left != 280  # not the desk's default width
    window.hide()

    again = desk()  # the next session: a new window, a new memory over the same file
    LayoutMemory(again, tmp_path / "state.ini").track(again, "desk")
    assert again.size() == left_as
    assert again.centralWidget().sizes()[0] == left


def test_a_tool_window_keeps_its_size_and_column_widths(qtbot, tmp_path):
    path = tmp_path / "state.ini"
    first = table_dialog()
    qtbot.addWidget(first)
    LayoutMemory(first, path).track(first)
    first.resize(730, 420)
    first.show()
    header = first.findChild(QTableView).horizontalHeader()
    header.resizeSection(2, 233)
    first.close()

    second = table_dialog()
    qtbot.addWidget(second)
    LayoutMemory(second, path).track(second)
    second.show()
    assert second.size() == QSize(730, 420)
    assert second.findChild(QTableView).horizontalHeader().sectionSize(2) == 233


def test_columns_saved_for_another_table_or_a_broken_file_are_ignored(qtbot, tmp_path):
    path = tmp_path / "state.ini"
    first = table_dialog(columns=4)
    qtbot.addWidget(first)
    LayoutMemory(first, path).track(first)
    first.show()
    first.findChild(QTableView).horizontalHeader().resizeSection(1, 300)
    first.close()

    other = table_dialog(columns=6)  # a later version added columns
    qtbot.addWidget(other)
    LayoutMemory(other, path).track(other)
    other.show()
    assert other.findChild(QTableView).horizontalHeader().sectionSize(1) != 300

    path.write_bytes(b"\x00\xff[ordersTable]\ngeometry=@ByteArray(garbage\n")
    broken = table_dialog()
    qtbot.addWidget(broken)
    LayoutMemory(broken, path).track(broken)
    broken.show()
    qtbot.waitUntil(broken.isVisible)


def test_the_running_desk_remembers_its_tool_windows_in_the_config_folder(qtbot, desk):
    window = desk()
    window.tools.memory = LayoutMemory(window)
    issues = window.issues.open_issue_list()
    issues.resize(677, 455)
    left_as = issues.size()
    issues.close()
    assert (config.config_dir() / "window-state.ini").exists()
    window.issues.issue_list = None  # the next session's window
    again = window.issues.open_issue_list()
    assert again is not issues and again.size() == left_as and left_as.height() == 455
