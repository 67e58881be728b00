"""Images kept by the desk (image phrases now; buyers' photos and issue evidence later), named by the SHA-256
of their bytes in the data dir: the same picture is stored once, and a name can never point at other bytes."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from app.gateway.schema import MAX_IMAGE_BYTES, image_type, is_image_id


class ImageError(ValueError):
    """The file cannot be kept as an image; the message says why and what to do."""


class ImageStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, image_id: str) -> Path:
        if not is_image_id(image_id):
            raise ImageError(f"{image_id[:70]!r} is not an image id")
        return self.root / image_id[:2] / image_id

    def has(self, image_id: str) -> bool:
        return is_image_id(image_id) and self.path(image_id).is_file()

    def read(self, image_id: str) -> bytes:
        try:
            data = self.path(image_id).read_bytes()
        except FileNotFoundError as exc:
            raise ImageError(f"the image {image_id[:12]}… is missing from {self.root}; choose the picture "
                             "again in the phrase") from exc
        if hashlib.sha256(data).hexdigest() != image_id:
            raise ImageError(f"the image file {self.path(image_id)} was changed on disk; choose the picture again")
        return data

    def put(self, data: bytes) -> str:
        """Keep the bytes (checked: a PNG, JPEG, GIF or WebP within the size marketplaces accept); their id."""
        if len(data) > MAX_IMAGE_BYTES:
            raise ImageError(f"the picture is {len(data) / 1024 / 1024:.1f} MB; chat images are limited to "
                             f"{MAX_IMAGE_BYTES // 1024 // 1024} MB — save it smaller and choose it again")
        if not image_type(data):
            raise ImageError("not a PNG, JPEG, GIF or WebP picture")
        image_id = hashlib.sha256(data).hexdigest()
        target = self.path(image_id)
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".part") as part:
                part.write(data)
            os.replace(part.name, target)  # whole or not at all
        return image_id

    def put_file(self, path: Path) -> str:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ImageError(f"cannot read {path}: {exc.strerror or exc}") from exc
        return self.put(data)
