"""Where the agent left things: each window's size and place, its panes' widths (splitters) and its tables' column
widths and order, kept per window in window-state.ini beside settings.toml and put back the next time that window
opens. A layout saved on another screen or by another version is adjusted by Qt or, when it no longer fits (a
table with other columns), ignored: never an error."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QWidget

from app import config

STATE_FILE = "window-state.ini"


def _parts(window: QWidget) -> tuple[list[QSplitter], list[QHeaderView]]:
    """The window's splitters and its tables' column headers, in a stable order (creation order)."""
    splitters = window.findChildren(QSplitter)
    headers = [h for h in window.findChildren(QHeaderView) if h.orientation() == Qt.Orientation.Horizontal]
    return splitters, headers


class LayoutMemory(QObject):
    """track(window) restores a window's layout now and saves it whenever the window is hidden or closed."""

    def __init__(self, parent: QObject | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.path = path or config.config_dir() / STATE_FILE
        self._settings: QSettings | None = None
        self._keys: dict[int, str] = {}

    @property
    def settings(self) -> QSettings:
        if self._settings is None:  # made on first use: a desk in a test or a screenshot may never track anything
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)
        return self._settings

    def track(self, window: QWidget, key: str = "") -> None:
        key = key or window.objectName() or type(window).__name__
        self._keys[id(window)] = key
        self.restore(window, key)
        window.installEventFilter(self)

    def restore(self, window: QWidget, key: str) -> None:
        s = self.settings
        geometry = s.value(f"{key}/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            window.restoreGeometry(geometry)  # Qt moves it onto a screen that is there now
        state = s.value(f"{key}/state")
        if isinstance(window, QMainWindow) and isinstance(state, QByteArray):
            window.restoreState(state)
        splitters, headers = _parts(window)
        for n, splitter in enumerate(splitters):
            saved = s.value(f"{key}/splitter{n}")
            if isinstance(saved, QByteArray):
                splitter.restoreState(saved)
        self._restore_headers(headers, key)

    def _restore_headers(self, headers: list[QHeaderView], key: str) -> None:
        for n, header in enumerate(headers):
            saved, columns = self.settings.value(f"{key}/header{n}"), self.settings.value(f"{key}/header{n}_columns")
            if isinstance(saved, QByteArray) and str(columns) == str(header.count()) and header.count():
                header.restoreState(saved)  # only onto the same columns: another table's widths would be nonsense

    def save(self, window: QWidget, key: str) -> None:
        s = self.settings
        s.setValue(f"{key}/geometry", window.saveGeometry())
        if isinstance(window, QMainWindow):
            s.setValue(f"{key}/state", window.saveState())
        splitters, headers = _parts(window)
        for n, splitter in enumerate(splitters):
            s.setValue(f"{key}/splitter{n}", splitter.saveState())
        for n, header in enumerate(headers):
            if header.count():
                s.setValue(f"{key}/header{n}", header.saveState())
                s.setValue(f"{key}/header{n}_columns", header.count())
        s.sync()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Hide, QEvent.Type.Close) and isinstance(watched, QWidget):
            key = self._keys.get(id(watched))
            if key is not None and not watched.isMinimized():
                self.save(watched, key)
        elif event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            key = self._keys.get(id(watched))
            if key is not None:  # a table's model may have arrived since track(): its columns now fit
                self._restore_headers(_parts(watched)[1], key)
        return False
