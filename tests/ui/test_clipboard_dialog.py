"""The clipboard history's settings from the desk (Ctrl+Shift+H): kept in the store, checked, and in force at
once for what is copied next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.domain import now_utc

from app.desk.clipboard import ClipHistory

from app.ui.clipboard_dialog import ClipboardDialog


def test_the_exclusion_list_and_limits_are_set_from_the_desk(qtbot, desk):
    win = desk()
    win.clips = ClipHistory(win.session.store, clock=now_utc)  # as when the system-wide palette runs
    qtbot.keyClick(win, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ClipboardDialog))
    dialog = QApplication.activeModalWidget()
    assert "keepass" in dialog.excluded.toPlainText()  # password managers by default
    dialog.excluded.setPlainText("keepass\n企业微信")
    dialog.days.setValue(7)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert win.clips.settings.keep_days == 7
    assert win.clips.offer_text("内部群的话", "企业微信") is None  # in force at once for the running palette
    assert ClipHistory(win.session.store, clock=now_utc).settings.excluded == ("keepass", "企业微信")  # and kept
    assert "saved" in win.statusBar().currentMessage()


def picture(width: int, height: int) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("orange"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def test_copied_pictures_show_as_thumbnails_with_their_size_in_the_clipboard_palette(qtbot, desk):
    from app.ui.system_palette import ClipPalette

    win = desk()
    clips = ClipHistory(win.session.store, clock=now_utc)
    clips.offer_text("亲，在的", "firefox")
    clips.offer_image(picture(800, 600), "wps")
    palette = ClipPalette(clips)
    qtbot.addWidget(palette)
    palette.refresh()
    texts = [palette.results.model().index(i).data() for i in range(palette.results.model().rowCount())]
    assert texts == ["[Picture] 800×600  · wps", "亲，在的  · firefox"]  # newest first
    thumbnail = palette.results.model().index(0).data(Qt.ItemDataRole.DecorationRole).pixmap(palette.results.iconSize())
    assert not thumbnail.isNull() and thumbnail.width() <= 64 and thumbnail.height() <= 48
    assert thumbnail.toImage().pixelColor(thumbnail.width() // 2, thumbnail.height() // 2).name() == "#ffa500"
    assert (palette.results.model().index(1).data(Qt.ItemDataRole.DecorationRole) or QIcon()).isNull()  # a text has none
