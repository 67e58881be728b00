"""Buyers' photos for the simulator: small real PNGs written with zlib and struct, so the simulator needs no
image library and any decoder (Qt's included) opens what it serves."""

from __future__ import annotations

import random
import struct
import zlib

PHOTO_SIZE = (64, 48)  # big enough to be seen as a thumbnail, small enough to keep hundreds in memory


def encode_png(width: int, height: int, rgb: bytes) -> bytes:
    """An 8-bit truecolour PNG of rgb (width × height × 3 bytes, rows top to bottom)."""
    if width <= 0 or height <= 0 or len(rgb) != width * height * 3:
        raise ValueError(f"need {width}×{height}×3 bytes of pixels, got {len(rgb)}")

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    stride = width * 3
    # every row starts with filter type 0 (none)
    raw = b"".join(b"\x00" + rgb[y * stride:(y + 1) * stride] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def photo_png(rng: random.Random, size: tuple[int, int] = PHOTO_SIZE) -> bytes:
    """A stand-in for a buyer's photo of a claim: a background (the table, the open box) and three to five
    coloured blocks (the item, the scuff, the wrong colour) placed and coloured by rng, so two claims' photos,
    and so their ids, differ."""
    width, height = size
    pixels = bytearray(bytes((rng.randrange(150, 256), rng.randrange(150, 256), rng.randrange(150, 256)))
                       * (width * height))
    for _ in range(rng.randrange(3, 6)):
        colour = bytes((rng.randrange(256), rng.randrange(256), rng.randrange(256)))
        left, top = rng.randrange(width - 4), rng.randrange(height - 4)
        right, bottom = rng.randrange(left + 4, width + 1), rng.randrange(top + 4, height + 1)
        for y in range(top, bottom):
            pixels[(y * width + left) * 3:(y * width + right) * 3] = colour * (right - left)
    return encode_png(width, height, bytes(pixels))
