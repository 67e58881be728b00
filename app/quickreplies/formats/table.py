"""Phrases as a table, one per row under a header: CSV (comma or tab, any Chinese encoding) and XLSX, as
workbenches and spreadsheets write them. The two share their columns (found by the English or Chinese names
other tools use) and how a row becomes a phrase; only the container differs."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence

from app.files.refusals import Rejected
from app.files.sheets import csv_rows, sheet_values
from app.files.text import decode_text
from app.safe_text import csv_cell, csv_text, keep_as_text

from app.quickreplies.formats.base import Parsed, PhraseFileError, PhraseFormat, short, title_from, too_many
from app.quickreplies.phrase import Phrase

COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title", "标题", "短语名称", "名称", "短语标题"),
    "body": ("body", "内容", "短语内容", "回复内容", "快捷短语", "text", "phrase", "回复", "话术", "话术内容", "快捷回复",
             "回复话术", "答复", "reply", "content", "message"),
    "group": ("group", "分组", "分类", "短语分组"),
    "abbreviation": ("abbreviation", "abbr", "缩写", "快捷编码", "快捷键", "编码", "trigger"),
    "slot": ("slot", "序号", "快捷序号"),
    "tags": ("tags", "标签"),
}
HEADER = ("title", "body", "group", "abbreviation", "slot", "tags")


def _columns(header: Sequence[object]) -> dict[str, int]:
    names = [str(h or "").strip().lower() for h in header]
    found = {field: names.index(alias.lower()) for field, aliases in COLUMNS.items()
             for alias in reversed(aliases) if alias.lower() in names}
    if "body" not in found:
        accepted = ", ".join(COLUMNS["body"])
        raise PhraseFileError(f"no text column in the header ({', '.join(n for n in names if n) or 'empty'}); "
                              f"name it one of: {accepted}")
    return found


_SLOT = re.compile(r"([1-9])(?:\.0*)?")


def _rows_to_phrases(rows: Iterator[tuple[int, Sequence[object]]], fmt: str, encoding: str) -> Parsed:
    first = next(rows, None)
    if first is None:
        raise PhraseFileError("the file is empty: it needs a header row (title, body, group, abbreviation, slot)")
    columns = _columns(first[1])
    phrases: list[Phrase] = []
    rejected: list[Rejected] = []
    lines_of: list[int] = []
    for count, (number, row) in enumerate(rows, start=1):
        too_many(count, "rows")
        cells = {field: row[i] if i < len(row) else None for field, i in columns.items()}
        if all(c is None or str(c).strip() == "" for c in row):
            continue
        body = "" if cells.get("body") is None else str(cells["body"]).replace("\r\n", "\n")
        shown = short(" | ".join(str(c) for c in row if c is not None))
        if not body.strip():
            rejected.append(Rejected(number, "empty text: not imported", shown))
            continue
        slot_cell = cells.get("slot")
        slot: int | None = None
        if slot_cell is not None and str(slot_cell).strip():
            whole = _SLOT.fullmatch(str(slot_cell).strip())  # 3 or 3.0 (a spreadsheet's number); not nan, 1e400
            if whole is None:
                rejected.append(Rejected(number, f"slot {short(str(slot_cell).strip())!r} is not a whole number "
                                                 "1–9: not imported", shown))
                continue
            slot = int(whole.group(1))
        tags = tuple(t.strip() for t in re.split(r"[,，;；]", str(cells.get("tags") or "")) if t.strip())
        title = str(cells.get("title") or "").strip() or title_from(body)
        phrases.append(Phrase(0, title, body, str(cells.get("group") or "").strip(),
                              str(cells.get("abbreviation") or "").strip(), slot, tags))
        lines_of.append(number)
    return Parsed(phrases, rejected, [], fmt, encoding, lines_of)


def parse_csv(data: bytes) -> Parsed:
    text, encoding = decode_text(data, PhraseFileError)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","

    def rows() -> Iterator[tuple[int, Sequence[object]]]:
        ours = False
        for start, row in csv_rows(text, PhraseFileError, delimiter=delimiter,
                                   advice="; fix the file and import again"):
            # our own export (its header) put an apostrophe before formula-like text: taken off again; another
            # tool's file is read as it is
            ours = ours or (start == 1 and tuple(row) == HEADER)
            yield start, [csv_text(cell) for cell in row] if ours else row
    return _rows_to_phrases(rows(), "csv", encoding)


_XLSX_RAW = re.compile(r"_x[0-9A-Fa-f]{4}_|[\x00-\x08\x0b-\x0d\x0e-\x1f\ufffe\uffff]")


def _xlsx_cell(value: str) -> str:
    """Text as an .xlsx cell holds it: characters XML cannot carry as _xHHHH_, and a literal _xHHHH_ guarded
    (_x005F_xHHHH_), as Excel writes them."""
    return _XLSX_RAW.sub(lambda m: "_x005F" + m.group() if len(m.group()) > 1 else f"_x{ord(m.group()):04X}_",
                         value)


def parse_xlsx(data: bytes) -> Parsed:
    return _rows_to_phrases(iter(sheet_values(data, PhraseFileError)), "xlsx", "")


def export_csv(phrases: Sequence[Phrase]) -> bytes:
    # every text quoted, and formula-like text behind an apostrophe (OWASP's rules: a body "=HYPERLINK(…)" must
    # not run in the spreadsheet that opens the file); parse_csv takes the apostrophe off again
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(HEADER)
    for p in phrases:
        writer.writerow([csv_cell(v) for v in (p.title, p.body, p.group, p.abbreviation, p.slot or "",
                                                ", ".join(p.tags))])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel on a Chinese Windows read UTF-8


def export_xlsx(phrases: Sequence[Phrase]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "phrases"
    sheet.append(list(HEADER))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for p in phrases:
        sheet.append([_xlsx_cell(p.title), _xlsx_cell(p.body), _xlsx_cell(p.group), _xlsx_cell(p.abbreviation),
                      p.slot, _xlsx_cell(", ".join(p.tags))])
        for cell in sheet[sheet.max_row]:
            keep_as_text(cell)  # text, even when it starts with "=" (openpyxl would write a formula)
        sheet.cell(sheet.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["B"].width = 60
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


CSV = PhraseFormat("csv", (".csv",), parse_csv, export_csv)
XLSX = PhraseFormat("xlsx", (".xlsx",), parse_xlsx, export_xlsx)
