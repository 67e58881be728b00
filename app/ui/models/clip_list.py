"""The clipboard history as the clip palette lists it, newest first: a pin on the kept ones, a text on one line, a
copied picture as a thumbnail with its size, and the application each came from. A thumbnail is decoded once,
and a picture claiming to be huge is not decoded at all. Its words are the clip palette's (one translation
context)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QIcon, QImageReader, QPixmap

from app.store.clips import ClipRecord
from app.store.images import ImageError

from app.ui.models.palette_model import one_line
from app.ui.models.record_list import RecordList

Index = QModelIndex | QPersistentModelIndex
THUMB = QSize(64, 48)  # a copied picture in the clipboard history
translate = QCoreApplication.translate  # (lupdate finds the calls by this name)


class ClipList(RecordList[ClipRecord]):
    def __init__(self, read_image: Callable[[str], bytes], parent: object = None) -> None:
        """read_image(image id): the picture's bytes from the image store (ImageError or OSError when gone)."""
        super().__init__(parent)
        self.read_image = read_image
        self._thumbs: dict[str, tuple[QIcon, str]] = {}  # image hash → (thumbnail, "800×600"): decoded once

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = self.row_at(index)
        if entry is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole):
            return None
        if entry.kind == "text":  # no picture, and no room kept for one
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            return ("📌 " if entry.pinned else "") + one_line(entry.text) + (f"  · {entry.source}" if entry.source else "")
        icon, size = self.thumb(entry.image)
        if role == Qt.ItemDataRole.DecorationRole:
            return icon
        picture = translate("ClipPalette", "[Picture]")
        return f"{'📌 ' if entry.pinned else ''}{picture} {size}{f'  · {entry.source}' if entry.source else ''}"

    def thumb(self, image_id: str) -> tuple[QIcon, str]:
        """A small picture of a copied image and its size in pixels; an empty icon if it cannot be read."""
        if image_id not in self._thumbs:
            if len(self._thumbs) > 200:
                self._thumbs.clear()
            buffer = QBuffer()
            try:
                buffer.setData(QByteArray(self.read_image(image_id)))
            except (ImageError, OSError):
                pass  # gone from the image store: listed without a picture
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            reader = QImageReader(buffer)
            reader.setAllocationLimit(64)  # MB: a picture claiming to be huge is not decoded
            size = reader.size()
            reader.setScaledSize(size.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            label = f"{size.width()}×{size.height()}" if size.isValid() else ""
            self._thumbs[image_id] = (QIcon(QPixmap.fromImage(image)) if not image.isNull() else QIcon(), label)
        return self._thumbs[image_id]
