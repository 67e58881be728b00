"""The simulator's buyer photos: real PNGs any decoder opens, read back here with the spec and zlib alone."""

import hashlib
import random
import struct
import zlib

import pytest

from app.shopsim.pictures import encode_png, photo_png

from app import domain


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The PNG's chunks, each CRC checked."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length:at + 12 + length])[0] == zlib.crc32(kind + body)
        found.append((kind, body))
        at += 12 + length
    return found


def test_a_photo_is_a_png_whose_header_and_pixels_agree():
    data = photo_png(random.Random(1))
    assert domain.image_type(data) == "image/png"
    parts = chunks(data)
    assert [kind for kind, _ in parts] == [b"IHDR", b"IDAT", b"IEND"]
    width, height, depth, colour, *_ = struct.unpack(">IIBBBBB", parts[0][1])
    assert (width, height, depth, colour) == (64, 48, 8, 2)  # 8-bit truecolour
    raw = zlib.decompress(parts[1][1])
    assert len(raw) == height * (1 + width * 3) and all(raw[y * (1 + width * 3)] == 0 for y in range(height))


def test_photos_differ_per_draw_and_repeat_for_the_same_seed():
    photos = [photo_png(random.Random(seed)) for seed in range(50)]
    assert len({hashlib.sha256(p).hexdigest() for p in photos}) == 50
    assert photo_png(random.Random(7)) == photos[7]
    assert all(len(p) < domain.MAX_IMAGE_BYTES // 1000 for p in photos)  # small enough to keep hundreds


def test_encode_png_refuses_pixels_that_do_not_fill_the_picture():
    assert struct.unpack(">II", chunks(encode_png(2, 1, bytes(6)))[0][1][:8]) == (2, 1)
    with pytest.raises(ValueError, match="2×2×3 bytes"):
        encode_png(2, 2, bytes(6))
