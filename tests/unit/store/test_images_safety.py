"""Pictures from outside (a buyer's photo, a copied picture, a file the agent picked): kept only when their bytes
are an allowed image type whose declared size is safe to decode — a decompression bomb is refused from its header,
before anything decodes it — and stored under their hash, whatever name they came with."""

from __future__ import annotations

import hashlib
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage

from app.store.images import MAX_IMAGE_PIXELS, ImageError, ImageStore, image_size

from tests.conftest import png_bytes

# the classic 1×1 GIF: screen 1×1, a two-colour table, one frame
GIF_1X1 = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
           b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")


def encoded(width: int, height: int, fmt: str, quality: int = -1) -> bytes:
    """A real picture as Qt writes it (tests may use Qt; app.store may not)."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(64, 158, 255))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt, quality)
    return bytes(buffer.data())


def qt_size(data: bytes) -> tuple[int, int]:
    """What Qt decodes (these are small)."""
    image = QImage.fromData(data)
    return image.width(), image.height()


def png_declaring(width: int, height: int) -> bytes:
    """A few dozen bytes of PNG whose header claims width×height (the IDAT is a token)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def jpeg_declaring(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc2" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"  # progressive
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def gif_declaring(screen: tuple[int, int], frame: tuple[int, int, int, int]) -> bytes:
    left, top, width, height = frame
    return (b"GIF89a" + struct.pack("<HHBBB", *screen, 0x80, 0, 0) + b"\xff\xff\xff\x00\x00\x00"
            + b"!\xf9\x04\x01\x00\x00\x00\x00" + b"," + struct.pack("<HHHHB", left, top, width, height, 0)
            + b"\x02\x02D\x01\x00;")


def webp_declaring(width: int, height: int, kind: bytes) -> bytes:
    if kind == b"VP8X":
        body = b"VP8X" + struct.pack("<I", 10) + b"\x00\x00\x00\x00" + (width - 1).to_bytes(3, "little") \
            + (height - 1).to_bytes(3, "little")
    elif kind == b"VP8L":
        body = b"VP8L" + struct.pack("<I", 5) + b"\x2f" + struct.pack("<I", (width - 1) | (height - 1) << 14)
    else:
        body = b"VP8 " + struct.pack("<I", 10) + b"\x00\x00\x00\x9d\x01\x2a" + struct.pack("<HH", width, height)
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


@settings(max_examples=30, deadline=None)
@given(width=st.integers(1, 300), height=st.integers(1, 300),
       fmt=st.sampled_from([("PNG", -1), ("JPEG", 80), ("WEBP", 80), ("WEBP", 100)]))
def test_the_size_read_from_the_header_is_the_size_written_and_the_size_qt_decodes(width, height, fmt):
    data = encoded(width, height, *fmt)  # WebP at 100 is lossless (VP8L), below it lossy (VP8)
    assert image_size(data) == (width, height)
    if fmt != ("WEBP", 100):  # this Qt writes lossless WebP that its own reader cannot open
        assert qt_size(data) == (width, height)


def test_a_gif_is_as_large_as_its_largest_frame():
    assert image_size(GIF_1X1) == qt_size(GIF_1X1) == (1, 1)
    assert image_size(gif_declaring((1, 1), (10, 20, 1, 1))) == (11, 21)  # a frame past the screen counts


@pytest.mark.parametrize(("bomb", "declared"), [
    (png_declaring(50_000, 50_000), "50000×50000"),
    (jpeg_declaring(65_000, 65_000), "65000×65000"),
    (gif_declaring((65_535, 65_535), (0, 0, 1, 1)), "65535×65535"),
    (gif_declaring((1, 1), (0, 0, 60_000, 60_000)), "60000×60000"),
    (webp_declaring(16_384, 16_384, b"VP8L"), "16384×16384"),
    (webp_declaring(16_383, 16_383, b"VP8 "), "16383×16383"),
    (webp_declaring(1 << 24, 1 << 24, b"VP8X"), "16777216×16777216"),
], ids=["png", "jpeg", "gif-screen", "gif-frame", "webp-lossless", "webp-lossy", "webp-extended"])
def test_a_tiny_file_declaring_billions_of_pixels_is_refused_before_anything_decodes_it(tmp_path, bomb, declared):
    assert len(bomb) < 200
    images = ImageStore(tmp_path / "images")
    with pytest.raises(ImageError, match=f"declares {declared} pixels, too large to show safely"):
        images.put(bomb)
    assert not (tmp_path / "images").exists()


def test_a_bomb_kept_by_an_older_version_is_never_handed_to_a_decoder(tmp_path):
    images = ImageStore(tmp_path / "images")
    bomb = png_declaring(50_000, 50_000)
    image_id = hashlib.sha256(bomb).hexdigest()
    images.path(image_id).parent.mkdir(parents=True)
    images.path(image_id).write_bytes(bomb)  # as the store wrote it before it checked sizes
    with pytest.raises(ImageError, match="too large to show safely"):
        images.read(image_id)


def test_the_largest_allowed_picture_still_goes_in(tmp_path):
    side = int(MAX_IMAGE_PIXELS ** 0.5)
    assert ImageStore(tmp_path / "images").put(png_declaring(side, side))


@pytest.mark.parametrize("data", [png_bytes(), encoded(5, 4, "JPEG", 80), encoded(5, 4, "WEBP", 80),
                                  encoded(5, 4, "WEBP", 100), GIF_1X1], ids=["png", "jpeg", "webp", "webp-l", "gif"])
def test_a_picture_cut_anywhere_in_its_header_is_refused_as_damaged(tmp_path, data):
    images = ImageStore(tmp_path / "images")
    for cut in range(4, 40):
        piece = data[:cut]
        try:
            image_size(piece)
        except ImageError as exc:
            assert "cut short or damaged" in str(exc) or "not a PNG" in str(exc) or "declares no size" in str(exc)
            with pytest.raises(ImageError):
                images.put(piece)


MAGIC = st.sampled_from([b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"RIFF\0\0\0\0WEBPVP8 ",
                         b"RIFF\0\0\0\0WEBPVP8L", b"RIFF\0\0\0\0WEBPVP8X", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"])


@settings(max_examples=300, deadline=None)
@given(data=st.builds(lambda magic, rest: magic + rest, MAGIC, st.binary(max_size=80)))
def test_any_bytes_after_a_pictures_magic_give_a_size_or_an_image_error(data):
    try:
        width, height = image_size(data)
    except ImageError:
        return
    assert width > 0 and height > 0


@pytest.mark.parametrize("name", ["../../etc/passwd", "..\\..\\x", "C:\\x", "/etc/passwd", "a\0b", "photo.png",
                                  "a" * 64 + "\n", "A" * 64, "a" * 63, "", "%2e%2e%2fetc", "a" * 64 + "/../x"])
def test_a_name_from_outside_never_becomes_a_path(tmp_path, name):
    images = ImageStore(tmp_path / "images")
    with pytest.raises(ImageError, match="not an image id"):
        images.path(name)
    with pytest.raises(ImageError):
        images.read(name)
    assert not images.has(name)
    assert not (tmp_path / "images").exists()


@pytest.mark.parametrize("filename", ["../../etc/passwd", "C:\\x.png", "invoice.pdf", "照片 (1).png", ".png"])
def test_a_picture_is_stored_under_its_hash_whatever_its_file_was_called(tmp_path, filename):
    source = tmp_path / "from buyer"
    source.mkdir()
    picked = source / filename.replace("/", "_").replace("\0", "_")
    picked.write_bytes(png_bytes())
    images = ImageStore(tmp_path / "images")
    image_id = images.put_file(picked)
    assert image_id == hashlib.sha256(png_bytes()).hexdigest()
    assert [p.relative_to(tmp_path / "images").as_posix() for p in (tmp_path / "images").rglob("*") if p.is_file()] \
        == [f"{image_id[:2]}/{image_id}"]


@pytest.mark.parametrize(("data", "what"), [
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "svg"),
    (b"<html><img src=x onerror=alert(1)>", "html"),
    (b"BM" + b"\0" * 60, "bmp"),
    (b"%PDF-1.7 a price list", "pdf"),
    (b"II*\0" + b"\0" * 60, "tiff"),
])
def test_only_png_jpeg_gif_and_webp_are_kept_whatever_the_file_claims(tmp_path, data, what):
    named_as_picture = tmp_path / f"{what}.png"
    named_as_picture.write_bytes(data)
    with pytest.raises(ImageError, match="not a PNG, JPEG, GIF or WebP"):
        ImageStore(tmp_path / "images").put_file(named_as_picture)
