"""An issue's photos as thumbnails: each decoded once when the issue is shown; one that cannot be read says so in
place of its picture. Its words are the issue window's (one translation context)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap

from app.ui.models.record_list import RecordList

Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate  # (lupdate finds the calls by this name)


class IssuePhotos(RecordList[tuple[str, QIcon, str]]):
    """Rows of (image id, thumbnail, text)."""

    def __init__(self, load_image: Callable[[str], bytes | None], parent: object = None) -> None:
        """load_image(image id): the picture's bytes from the data dir's image store, None when it is gone."""
        super().__init__(parent)
        self.load_image = load_image

    def show_photos(self, image_ids: tuple[str, ...]) -> None:
        photos = []
        for image_id in image_ids:
            data = self.load_image(image_id)
            image = QImage.fromData(data) if data else QImage()
            if image.isNull():
                photos.append((image_id, QIcon(), translate("IssueDetails", "[picture missing]")))
            else:
                photos.append((image_id, QIcon(QPixmap.fromImage(image)), ""))
        self.set_rows(photos)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        photo = self.row_at(index)
        if photo is None:
            return None
        image_id, icon, text = photo
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.DecorationRole:
            return icon
        if role == Qt.ItemDataRole.UserRole:
            return image_id
        return None
