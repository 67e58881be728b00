"""Microsoft Pinyin's user-defined phrase file (mschxudp): the two layouts Windows 10 wrote (1607's version 1, 1703's
version 2) read entry by entry, the candidate position ordering a code's texts, damaged entries reported by number,
and an export that reads back the same."""

import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.quickreplies.formats.base import PhraseFileError
from app.quickreplies.formats.registry import export, parse, sniff
from app.quickreplies.phrase import Phrase


def utf16(text: str) -> bytes:
    return text.encode("utf-16-le") + b"\x00\x00"


def udp_file(entries: list[tuple[str, str, int]], version: int = 2) -> bytes:
    """A file laid out as the mschxudp project describes what Windows writes, entry by entry."""
    blobs = []
    for code, text, position in entries:
        if version == 2:
            head = b"\x10\x00\x10\x00" + struct.pack("<HBB", 16 + len(utf16(code)), position, 6) + b"\0\0\0\0\x96\x0a\x99\x20"
        else:
            head = b"\x08\x00\x08\x00" + struct.pack("<HBB", 8 + len(utf16(code)), position, 6)
        blobs.append(head + utf16(code) + utf16(text))
    offsets = [sum(map(len, blobs[:n])) for n in range(len(blobs))]
    first = 0x40 + 4 * len(blobs)
    counts = struct.pack("<4I", 0x40, first, first + sum(map(len, blobs)), len(blobs))
    head = b"mschxudp" + (b"\x02\x00\x60\x00\x01\x00\x00\x00" + counts if version == 2 else b"\x01\0\0\0" + counts)
    return head.ljust(0x40, b"\0") + struct.pack(f"<{len(blobs)}I", *offsets) + b"".join(blobs)


ENTRIES = [("fh", "亲，今天发货", 2), ("kd", "中通快递", 1), ("fh", "亲，16点前付款当天发货", 1),
           ("dz", "退货地址：\r\n杭州", 1)]


@pytest.mark.parametrize("version", [1, 2])
def test_both_layouts_are_read_with_a_codes_texts_in_candidate_order(version):
    data = udp_file(ENTRIES, version)
    assert sniff(data) == "mspy"
    parsed = parse(data, "mspy")
    assert [(p.abbreviation, p.texts) for p in parsed.phrases] == [
        ("fh", ("亲，16点前付款当天发货", "亲，今天发货")), ("kd", ("中通快递",)), ("dz", ("退货地址：\n杭州",))]
    assert parsed.lines == [3, 2, 4]
    assert parsed.rejected == [] and parsed.encoding == f"UTF-16LE, version {version}"


def test_the_example_from_the_format_description_reads():
    # the two entries of the mschxudp README's 1703 dump, byte for byte
    dump = bytes.fromhex(
        "6d73636878756470020060000100000040000000480000009800000002000000494e0659" + "00" * 28
        + "0000000024000000" + "1000100018000606" + "00000000960a9920" + "610061006100" + "0000"
        + "61006100610061006100" + "0000" + "100010001a000706" + "00000000a60a9920"
        + "6200620062006200" + "0000" + "620062006200620062006200620062000000")
    assert [(p.abbreviation, p.body) for p in parse(dump, "mspy").phrases] == [("aaa", "aaaaa"), ("bbbb", "bbbbbbbb")]


def test_a_damaged_entry_is_reported_by_number_and_a_file_that_is_none_refused():
    data = bytearray(udp_file(ENTRIES))
    data[0x40 + 16:0x40 + 20] = b"XXXX"  # the first entry's head, after the table of four offsets
    parsed = parse(bytes(data), "mspy")
    assert [(r.line, r.reason.split(" (")[0]) for r in parsed.rejected] == [(1, "entry damaged")]
    with pytest.raises(PhraseFileError, match="not a Microsoft Pinyin phrase file"):
        parse(b"mschxudp" + b"\xff" * 60, "mspy")


def test_an_export_reads_back_the_same():
    parsed = parse(udp_file(ENTRIES), "mspy")
    again = parse(export(parsed.phrases, "mspy"), "mspy")
    assert again.phrases == parsed.phrases and again.rejected == []
    assert export([Phrase(0, "t", "x", "", "a")], "mspy").startswith(b"mschxudp\x02\x00\x60\x00\x01\x00\x00\x00")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.integers(0, 200))
def test_damaged_files_parse_or_are_refused_with_a_message(noise, at):
    data = bytearray(udp_file(ENTRIES))
    data[at:at + len(noise)] = noise
    try:
        parsed = parse(bytes(data), "mspy")
    except PhraseFileError as refused:
        assert str(refused)
        return
    assert len(parsed.phrases) == len(parsed.lines)
