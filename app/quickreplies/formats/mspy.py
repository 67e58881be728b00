"""Microsoft Pinyin's user-defined phrases (用户自定义短语), in and out: the binary file its settings import and
export (UserDefinedPhrase.dat, ChsPinyinUDP.lex), as described publicly by the mschxudp project. A header ("mschxudp",
version, where the entries are, how many), a table of entry offsets, and each entry: a small head with the
candidate position, then the code and the text as NUL-ended UTF-16LE. Windows 10 1607 wrote version 1 (8-byte
entry heads), 1703 and later version 2 (16-byte heads); both are read, version 2 is written."""

from __future__ import annotations

import struct
import time
from collections.abc import Sequence

from app.files.refusals import Rejected

from app.quickreplies.formats.base import (
    Coded,
    Parsed,
    PhraseFileError,
    PhraseFormat,
    by_code,
    share_codes,
    title_from,
)
from app.quickreplies.formats.ime import over_limit
from app.quickreplies.phrase import Phrase

MAGIC = b"mschxudp"
HEADER = 0x40
_HEADS = {1: (b"\x08\x00\x08\x00", 8), 2: (b"\x10\x00\x10\x00", 16)}  # version: (an entry's magic, its head's size)


def _unreadable(why: str) -> PhraseFileError:
    return PhraseFileError(f"not a Microsoft Pinyin phrase file: {why}; export it again from Microsoft Pinyin's "
                           "settings (用户自定义短语 → 导出)")


def _utf16_until_nul(data: bytes, start: int, end: int) -> tuple[str, int]:
    """The NUL-ended UTF-16LE string at start (not past end), and where the bytes after its NUL begin."""
    at = start
    while at + 1 < end and data[at:at + 2] != b"\x00\x00":
        at += 2
    return data[start:at].decode("utf-16-le", "surrogatepass"), at + 2


def parse(data: bytes) -> Parsed:
    if not data.startswith(MAGIC) or len(data) < HEADER:
        raise _unreadable("it does not start with 'mschxudp'")
    if data[8:10] == b"\x02\x00":  # 1703 and later: an unknown u32, then the version
        version = 2
        table, first, end, count = struct.unpack_from("<4I", data, 0x10)
    else:
        version = 1
        table, first, end, count = struct.unpack_from("<4I", data, 0x0C)
    if table < HEADER or first != table + 4 * count or not first <= end <= len(data):
        raise _unreadable("its entry table does not fit the file")
    over_limit(count)
    magic, head = _HEADS[version]
    offsets = [*struct.unpack_from(f"<{count}I", data, table), end - first]
    coded: list[Coded] = []
    rejected: list[Rejected] = []
    for number in range(1, count + 1):
        start, stop = first + offsets[number - 1], first + offsets[number]
        if not (first <= start < stop <= end) or data[start:start + 4] != magic or stop - start < head + 4:
            rejected.append(Rejected(number, "entry damaged (its offsets or head do not fit): not imported", ""))
            continue
        text_at = start + struct.unpack_from("<H", data, start + 4)[0]
        position = data[start + 6]
        try:
            code, _after = _utf16_until_nul(data, start + head, min(text_at, stop))
            body, _after = _utf16_until_nul(data, text_at, stop)
        except UnicodeDecodeError:
            rejected.append(Rejected(number, "entry damaged (not UTF-16 text): not imported", ""))
            continue
        if not code or not body.strip():
            rejected.append(Rejected(number, "entry without a code or a text: not imported", code or body))
            continue
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        coded.append(Coded(Phrase(0, title_from(body) or code, body, "", code), number, position))
    phrases, lines, notes = share_codes(coded)
    return Parsed(phrases, rejected, notes, "mspy", f"UTF-16LE, version {version}", lines)


def can_write(phrase: Phrase) -> bool:
    return bool(phrase.body.strip())


def export(phrases: Sequence[Phrase]) -> bytes:
    stamp = int(time.time()) & 0xFFFFFFFF
    entries: list[bytes] = []
    for code, texts in by_code(phrases, can_write).items():
        code_bytes = code.encode("utf-16-le") + b"\x00\x00"
        for position, phrase in enumerate(texts, start=1):
            body = phrase.body.replace("\n", "\r\n").encode("utf-16-le", "surrogatepass") + b"\x00\x00"
            # a candidate position is one byte: the 255th text of a code and those after it share the last
            head = _HEADS[2][0] + struct.pack("<HBBII", 16 + len(code_bytes), min(position, 255), 6, 0, stamp)
            entries.append(head + code_bytes + body)
    offsets, at = [], 0
    for entry in entries:
        offsets.append(at)
        at += len(entry)
    first = HEADER + 4 * len(entries)
    header = MAGIC + b"\x02\x00\x60\x00\x01\x00\x00\x00" + struct.pack("<5I", HEADER, first, first + at, len(entries),
                                                                       stamp)
    return header.ljust(HEADER, b"\x00") + struct.pack(f"<{len(entries)}I", *offsets) + b"".join(entries)


FORMAT = PhraseFormat("mspy", (), parse, export, called="a Microsoft Pinyin phrase file", needs_abbreviation=True,
                      can_write=can_write)
