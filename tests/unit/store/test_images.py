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


def mode(path) -> int:
    import stat

    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    import os

    before = os.umask(0o022)  # the usual desktop umask, which made images/ 0755
    yield
    os.umask(before)


@pytest.mark.skipif(__import__("os").name != "posix", reason="file modes are POSIX")
def test_the_picture_folders_and_files_are_the_users_alone(tmp_path, umask_022):
    images = ImageStore(tmp_path / "images")
    image_id = images.put(png_bytes())
    assert mode(tmp_path / "images") == 0o700  # 0755 before: anyone on the machine could list buyers' photos
    assert mode(images.path(image_id).parent) == 0o700 and mode(images.path(image_id)) == 0o600


@pytest.mark.skipif(__import__("os").name != "posix", reason="file modes are POSIX")
def test_opening_the_store_makes_an_earlier_versions_open_picture_folders_private(tmp_path, umask_022):
    import os

    from app.store.engine import open_store

    folder = tmp_path / "images" / "ab"
    folder.mkdir(parents=True)
    os.chmod(tmp_path / "images", 0o755)
    os.chmod(folder, 0o775)
    open_store(tmp_path / "kefudesk.db").close()
    assert mode(tmp_path / "images") == 0o700 and mode(folder) == 0o700
    os.chmod(folder, 0o500)  # one made read-only stays so: taking bits away, never adding
    open_store(tmp_path / "kefudesk.db").close()
    assert mode(folder) == 0o500
