"""The image store: pictures named by their hash, checked on the way in and on the way out."""

import hashlib

import pytest

from app.store.images import ImageError, ImageStore
from tests.conftest import png_bytes


def test_a_picture_is_kept_once_under_its_hash_and_read_back(tmp_path):
    images = ImageStore(tmp_path / "images")
    data = png_bytes()
    image_id = images.put(data)
    assert image_id == hashlib.sha256(data).hexdigest() and images.put(data) == image_id
    assert images.read(image_id) == data and images.has(image_id)
    assert len(list((tmp_path / "images").rglob("*"))) == 2  # one folder, one file, no leftovers


def test_what_is_not_a_picture_or_too_big_is_refused_with_the_way_out(tmp_path):
    images = ImageStore(tmp_path / "images")
    with pytest.raises(ImageError, match="not a PNG, JPEG, GIF or WebP"):
        images.put(b"%PDF-1.7 a price list")
    with pytest.raises(ImageError, match="limited to 5 MB — save it smaller"):
        images.put(png_bytes() + b"\0" * (5 * 1024 * 1024))
    with pytest.raises(ImageError, match="cannot read"):
        images.put_file(tmp_path / "gone.png")
    assert not (tmp_path / "images").exists()


def test_a_picture_changed_on_disk_is_not_sent_as_if_it_were_the_same(tmp_path):
    images = ImageStore(tmp_path / "images")
    image_id = images.put(png_bytes())
    images.path(image_id).write_bytes(png_bytes(rgb=(255, 0, 0)))
    with pytest.raises(ImageError, match="changed on disk"):
        images.read(image_id)
    with pytest.raises(ImageError, match="missing"):
        images.read("0" * 64)
    with pytest.raises(ImageError, match="not an image id"):
        images.path("../../etc/passwd")
