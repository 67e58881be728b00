"""A user's file read within limits, all of them here: an order export, a phrase file, finance's sheet, the
settings. A file over its limit is refused before it is read, with the limit named; a workbook is counted from
its zip before openpyxl reads any of it."""

from __future__ import annotations

import io
import os
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.files.refusals import TooLarge, UnreadableFile, WorkbookRefused

# An import reads at most this much and refuses more before reading it: a 1 GB file once took 6–7 GB of memory
# before it was refused, and a 5 KB workbook 34 s of work. Each limit is what the real files are with room to
# spare (a month of a big shop's orders, a library of 100,000 phrases) and what this code reads within seconds
# (measured on a shared 2-core machine).

MB = 1_000_000
SHEET_BYTES = 64 * MB  # an order export, a problem-order list, finance's result sheet (CSV or XLSX)
PHRASE_BYTES = 16 * MB  # a phrase file: AutoHotKey, CSV, XLSX, KefuDesk JSON (10,000 phrases are about 2 MB)
YAML_BYTES = 8 * MB  # an Espanso match file: packages reach 3.5 MB (30,000 triggers); libyaml reads ~1.3 MB/s
SETTINGS_BYTES = 1 * MB  # settings.toml
ENTRIES = 200_000  # rows of a sheet; phrases and bad lines of a phrase file
# inside a workbook: counted from the zip before openpyxl reads any of it (openpyxl reads about 125,000 cells a
# second, a workbook's styles and other parts much slower; a CSV has none of these limits)
XLSX_UNPACKED = 128 * MB  # all its parts unpacked: a few KB of zip can unpack to gigabytes
XLSX_CELLS = 1_000_000  # cells of its sheets
XLSX_SHARED_STRINGS = 500_000  # its table of shared strings, which openpyxl reads whole before the first row
XLSX_ELEMENTS = 3_000_000  # XML elements of all its parts (a cell is two or three): the rest of the work
XLSX_OTHER_ELEMENTS = 100_000  # elements openpyxl reads as objects (styles, the workbook, relations): slow ones
XLSX_COLUMNS = 256  # columns read of each row: no export of ours or a platform's is wider


def size_text(size: int) -> str:
    """Bytes as people read them: 1.1 GB, 64 MB, 4.8 KB."""
    for unit, scale in (("GB", 1000 * MB), ("MB", MB), ("KB", 1000)):
        if size >= scale:
            value = size / scale
            return f"{value:.1f} {unit}" if value < 10 and round(value, 1) != int(value) else f"{value:.0f} {unit}"
    return f"{size} bytes"


def too_large(name: str, size: int | None, limit: int, what: str, advice: str) -> str:
    """The one sentence every import says about a file over its limit."""
    how_big = f" {size_text(size)}," if size is not None else ""
    return f"{name} is{how_big} more than {what} may be ({size_text(limit)}): {advice}"


def read_limited(path: Path, limit: int, what: str, advice: str = "split it and import the parts") -> bytes:
    """The bytes of the file at path, or TooLarge when it holds more than limit: refused by the size the file
    system gives before a byte is read; a pipe, or a file still growing, stops one byte past the limit."""
    size: int | None
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size <= limit:
            data = handle.read(limit + 1)
            if len(data) <= limit:
                return data
            size = None  # a pipe, or a file still growing: longer than the limit, by how much is not known
    refused = TooLarge(too_large(path.name, size, limit, what, advice))
    refused.keyed("file_too_large" if size is not None else "file_longer", name=path.name,
                  size=size_text(size or 0), limit=size_text(limit))
    raise refused


def refuse_over_limit(data: bytes, limit: int, what: str, advice: str, error: type[UnreadableFile]) -> None:
    """Refuse (error, in read_limited's words) bytes already read that hold more than limit: a caller that
    was handed them rather than a path."""
    if len(data) > limit:
        raise error(too_large("the file", len(data), limit, what, advice), "file_too_large", name="the file",
                    size=size_text(len(data)), limit=size_text(limit))


# start tags, with any namespace prefix: <c …>, <x:c …>, <row r="7" …>, <si>, <dimension ref="A1:C9"/>
_PREFIX = rb"<(?:[A-Za-z_][\w.-]{0,63}:)?"
_COUNTED = re.compile(_PREFIX + rb"(c|si|row)(?=[\s/>])")
_ROW_NUMBER = re.compile(_PREFIX + rb"row\s[^<>]*?\br\s*=\s*[\"']\s*([0-9]{1,12})")
_DIMENSION = re.compile(_PREFIX + rb"dimension\s[^<>]*?ref\s*=\s*[\"'][A-Za-z$]*[0-9]*(?::[A-Za-z$]*([0-9]{1,12}))?")
# what openpyxl reads into objects, whole: found the way openpyxl finds them (by name, by the content types, by the
# relations), never by what a part says it is — it does not look at a part's root element either
_FIXED_PARTS = {"[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml", "docProps/core.xml", "docProps/custom.xml"}
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,63}:)?(Override|Relationship)\s[^<>]*>")
_ATTRIBUTE = re.compile(rb"""\b(PartName|ContentType|Type|Target|TargetMode)\s*=\s*["']([^"']*)["']""")
_MAIN = re.compile(rb"\.(?:sheet|template)\.(?:macroEnabled\.)?main\+xml$")
_INDEX_BYTES = 4 * MB  # the content types or one part's relations: a few KB in any workbook a program wrote
_CHUNK = 1 << 20
_LONGEST_TAG = 4096  # a start tag longer than this is counted by its name; a row number after that is not seen


@dataclass
class _Tally:
    elements: int = 0
    other: int = 0  # elements of the parts read as objects
    cells: int = 0
    strings: int = 0


def check_workbook(data: bytes) -> None:
    """Refuse (WorkbookRefused) a workbook that would take openpyxl more than an import's work: more unpacked
    bytes, cells, shared strings, rows or XML elements than the limits above, or XML this count could not see
    whole and Excel never writes (UTF-16, a DTD). Counted from the zip in one pass of regular expressions, before
    openpyxl reads anything; zipfile's own errors (not a zip, encrypted, damaged) pass through for the caller."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = archive.infolist()
        unpacked = sum(part.file_size for part in parts)  # zipfile never unpacks more than a part declares
        if unpacked > XLSX_UNPACKED:
            raise WorkbookRefused(f"the workbook unpacks to {size_text(unpacked)}, more than an import reads "
                                  f"({size_text(XLSX_UNPACKED)}); save it as CSV or split it", "workbook_unpacked",
                                  size=size_text(unpacked), limit=size_text(XLSX_UNPACKED))
        objects = _object_parts(archive, parts)
        tally = _Tally()
        for part in parts:
            with archive.open(part) as stream:
                _count(part.filename, stream, tally, part.filename in objects)


def _object_parts(archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo]) -> set[str]:
    """The parts openpyxl reads into objects: the fixed ones, every part's relations, the workbook part the content
    types name, and chartsheets with all they refer to (drawings, charts)."""
    objects = set(_FIXED_PARTS)
    links: dict[str, list[tuple[bytes, str]]] = {}  # part → (relation type, target part)
    for part in parts:
        name = part.filename
        if name != "[Content_Types].xml" and not name.endswith(".rels"):
            continue
        objects.add(name)
        if part.file_size > _INDEX_BYTES:
            raise WorkbookRefused(f"the workbook's part {name[:80]!r} is {size_text(part.file_size)}, more than an "
                                  f"import reads ({size_text(_INDEX_BYTES)}); save it as CSV or split it",
                                  "workbook_unpacked", size=size_text(part.file_size), limit=size_text(_INDEX_BYTES))
        folder = posixpath.dirname(posixpath.dirname(name))  # xl/worksheets/_rels/sheet1.xml.rels → xl/worksheets
        owner = posixpath.join(folder, posixpath.basename(name)[:-len(".rels")]) if name.endswith(".rels") else ""
        for tag in _TAG.finditer(archive.read(part)):
            values = dict(_ATTRIBUTE.findall(tag.group()))
            if tag.group(1) == b"Override" and _MAIN.search(values.get(b"ContentType", b"")):
                objects.add(values.get(b"PartName", b"").decode("utf-8", "replace").lstrip("/"))
            elif tag.group(1) == b"Relationship" and values.get(b"TargetMode") != b"External":
                target = values.get(b"Target", b"").decode("utf-8", "replace")
                resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(folder, target))
                links.setdefault(owner, []).append((values.get(b"Type", b""), resolved))
    # a chartsheet is read whole, with its drawing and the drawing's charts
    waiting = [target for targets in links.values() for kind, target in targets if kind.endswith(b"/chartsheet")]
    while waiting:
        part_name = waiting.pop()
        if part_name not in objects:
            objects.add(part_name)
            waiting += [target for _kind, target in links.get(part_name, [])]
    return objects


def _over(tally: _Tally) -> None:
    """Refuse as soon as a count passes its limit: a hostile workbook is not read to its end."""
    for count, limit, what, key in ((tally.cells, XLSX_CELLS, "cells", "workbook_cells"),
                                    (tally.strings, XLSX_SHARED_STRINGS, "shared strings", "workbook_strings"),
                                    (tally.elements, XLSX_ELEMENTS, "XML elements", "workbook_elements"),
                                    (tally.other, XLSX_OTHER_ELEMENTS, "XML elements outside its sheets",
                                     "workbook_other_elements")):
        if count > limit:
            raise WorkbookRefused(f"the workbook holds more than {limit:,} {what}, the most an import reads from a "
                                  "workbook; save it as CSV or split it", key, limit=f"{limit:,}")


def _count(name: str, stream: BinaryIO, tally: _Tally, read_as_objects: bool) -> None:
    """Add one part's elements, cells and shared strings to the tally; refuse a sheet's rows past ENTRIES."""
    rows = 0
    tail = b""
    first = True
    while True:
        chunk = stream.read(_CHUNK)
        if first and chunk[:2] in (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<"):
            raise WorkbookRefused(f"the workbook's part {name[:80]!r} is XML in UTF-16, which no spreadsheet "
                                  "program writes; open the file in Excel or WPS, save it again and import that",
                                  "workbook_utf16", part=name[:80])
        buffer = tail + chunk
        # a start tag holds one "<": up to the last one every tag is whole, the rest waits for the next chunk
        cut = buffer.rfind(b"<") if chunk else -1
        if cut < 0 or len(buffer) - cut > _LONGEST_TAG:
            cut = len(buffer)
        whole, tail, first = buffer[:cut], buffer[cut:], False
        if b"<!DOCTYPE" in whole:  # its entities could spell out elements this count never sees
            raise WorkbookRefused(f"the workbook's part {name[:80]!r} declares a DTD, which no spreadsheet program "
                                  "writes; open the file in Excel or WPS, save it again and import that",
                                  "workbook_dtd", part=name[:80])
        # every "<" but those of end tags, comments, declarations and processing instructions starts an element
        elements = whole.count(b"<") - whole.count(b"</") - whole.count(b"<!") - whole.count(b"<?")
        tally.elements += elements
        if read_as_objects:
            tally.other += elements
        names = _COUNTED.findall(whole)
        tally.cells += names.count(b"c")
        tally.strings += names.count(b"si")
        rows += names.count(b"row")
        last = max((int(n) for n in _ROW_NUMBER.findall(whole)), default=0)
        declared = 0
        if b"dimension" in whole:
            declared = max((int(n) for n in _DIMENSION.findall(whole) if n), default=0)
        if max(rows, last, declared) > ENTRIES:
            said = f" (it declares {declared:,} rows)" if declared > ENTRIES else ""
            raise WorkbookRefused(f"a sheet of the workbook goes past row {ENTRIES:,}, the most an import reads"
                                  f"{said}; save it as CSV or split it", "sheet_rows", limit=f"{ENTRIES:,}")
        _over(tally)
        if not chunk:
            return
