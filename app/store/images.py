"""Images kept by the desk (image phrases, buyers' photos, issue evidence, copied pictures), named by the SHA-256
of their bytes in the data dir: the same picture is stored once, and a name can never point at other bytes.

Nothing from outside names a file here: a picture's path is its hash, whatever the buyer or the gateway called
it. And a picture is kept only when its header declares a size the UI can decode without running out of
memory (a few hundred bytes of PNG can declare 50000×50000 pixels, 10 GB once decoded), read here from the
header bytes in pure Python, before anything decodes it.
"""

from __future__ import annotations

import hashlib
import logging
import struct
from pathlib import Path

from app.domain import MAX_IMAGE_BYTES, image_type, is_image_id
from app.files.limits import read_limited
from app.files.refusals import TooLarge
from app.files.writing import private_dir, write_atomic

log = logging.getLogger("kefudesk.store.images")
MAX_IMAGE_PIXELS = 50_000_000  # 200 MB as 32-bit pixels, under Qt's 256 MB allocation limit; phones save ≤ 48 MP
MAX_IMAGE_SIDE = 30_000


class ImageError(ValueError):
    """The file cannot be kept as an image; the message says why and what to do."""


def image_size(data: bytes) -> tuple[int, int]:
    """The width and height a PNG, JPEG, GIF or WebP declares in its header (for a GIF, the largest extent of
    its screen and frames). Raises ImageError when the bytes are not one of those or the header is cut short
    or inconsistent."""
    kind = image_type(data)
    reader = {"image/png": _png_size, "image/jpeg": _jpeg_size, "image/gif": _gif_size,
              "image/webp": _webp_size}.get(kind)
    if reader is None:
        raise ImageError("not a PNG, JPEG, GIF or WebP picture")
    try:
        width, height = reader(data)
    except (struct.error, IndexError) as exc:
        raise ImageError(f"the {kind[6:].upper()} picture's header is cut short or damaged") from exc
    if width <= 0 or height <= 0:
        raise ImageError(f"the {kind[6:].upper()} picture declares no size ({width}×{height})")
    return width, height


def check_decodable(data: bytes) -> None:
    """Refuse a picture whose declared size would take more memory to decode than a chat picture should."""
    width, height = image_size(data)
    if width * height > MAX_IMAGE_PIXELS or max(width, height) > MAX_IMAGE_SIDE:
        raise ImageError(f"the picture declares {width}×{height} pixels, too large to show safely (at most "
                         f"{MAX_IMAGE_PIXELS // 1_000_000} million pixels, {MAX_IMAGE_SIDE} a side); "
                         "save it smaller and choose it again")


def _png_size(data: bytes) -> tuple[int, int]:
    length, chunk = struct.unpack_from(">I4s", data, 8)
    if chunk != b"IHDR" or length != 13:  # the PNG standard: IHDR first, always 13 bytes
        raise IndexError("no IHDR")
    return struct.unpack_from(">II", data, 16)


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}  # frame headers, not DHT/JPG/DAC


def _jpeg_size(data: bytes) -> tuple[int, int]:
    at = 2
    while True:  # each step moves forward, so a hostile file ends in IndexError, never in a loop
        if data[at] != 0xFF:
            raise IndexError("not a marker")
        while data[at] == 0xFF:  # fill bytes
            at += 1
        marker = data[at]
        at += 1
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            continue
        if marker in (0xD9, 0xDA):  # end of image, or the scan began without a frame header
            raise IndexError("no frame header")
        (length,) = struct.unpack_from(">H", data, at)
        if length < 2:
            raise IndexError("bad segment length")
        if marker in _SOF:
            height, width = struct.unpack_from(">HH", data, at + 3)
            return width, height
        at += length


def _gif_size(data: bytes) -> tuple[int, int]:
    width, height, flags = struct.unpack_from("<HHB", data, 6)
    at = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)  # the global colour table
    while True:
        block = data[at]
        if block == 0x3B:  # trailer
            return width, height
        if block == 0x21:  # an extension: its label, then sub-blocks up to an empty one
            at += 2
        elif block == 0x2C:  # a frame: where it sits and its size; a frame may reach past the screen
            left, top, frame_w, frame_h, frame_flags = struct.unpack_from("<HHHHB", data, at + 1)
            width, height = max(width, left + frame_w), max(height, top + frame_h)
            at += 10 + (3 << ((frame_flags & 7) + 1) if frame_flags & 0x80 else 0) + 1  # + LZW code size
        else:
            raise IndexError("unknown block")
        while data[at]:
            at += data[at] + 1
        at += 1


def _webp_size(data: bytes) -> tuple[int, int]:
    chunk = data[12:16]
    if chunk == b"VP8 ":  # lossy: a key frame's start code, then 14-bit sizes
        if data[23:26] != b"\x9d\x01\x2a":
            raise IndexError("no VP8 start code")
        width, height = struct.unpack_from("<HH", data, 26)
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":  # lossless: a signature byte, then 14 bits each of width-1 and height-1
        if data[20] != 0x2F:
            raise IndexError("no VP8L signature")
        (bits,) = struct.unpack_from("<I", data, 21)
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":  # extended: the canvas, 24 bits each of width-1 and height-1
        if len(data) < 30:
            raise IndexError("cut short")
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    raise IndexError("unknown WebP chunk")


class ImageStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def make_private(self) -> None:
        """images/ and its folders user-only (buyers' photos of parcels and packing slips), also where an earlier
        version made images/ 0755. Its files need no visit: nobody else can enter the folder that holds them."""
        if not self.root.is_dir():
            return
        private_dir(self.root)
        try:
            folders = [folder for folder in self.root.iterdir() if folder.is_dir()]
        except OSError as exc:  # a folder this user cannot list is not one the desk made: said, and it goes on
            log.warning("the picture folder %s cannot be read: %s", self.root, exc.strerror or exc)
            return
        for folder in folders:
            private_dir(folder)

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
        check_decodable(data)  # kept before the check existed, it still never reaches a decoder
        return data

    def put(self, data: bytes) -> str:
        """Keep the bytes (checked: a PNG, JPEG, GIF or WebP within the size marketplaces accept); their id."""
        if len(data) > MAX_IMAGE_BYTES:
            raise ImageError(f"the picture is {len(data) / 1024 / 1024:.1f} MB; chat images are limited to "
                             f"{MAX_IMAGE_BYTES // 1024 // 1024} MB — save it smaller and choose it again")
        check_decodable(data)  # by the bytes: a file's name or claimed type says nothing
        image_id = hashlib.sha256(data).hexdigest()
        target = self.path(image_id)
        if not target.is_file():
            private_dir(self.root)  # made as a parent of images/ab, it would get the umask's 0755
            private_dir(target.parent)
            write_atomic(target, data)  # whole or not at all
        return image_id

    def put_file(self, path: Path) -> str:
        try:
            data = read_limited(path, MAX_IMAGE_BYTES, "a picture", "save it smaller and choose it again")
        except TooLarge as exc:
            raise ImageError(str(exc)) from exc
        except OSError as exc:
            raise ImageError(f"cannot read {path}: {exc.strerror or exc}") from exc
        return self.put(data)
