"""A user's sheet row by row, with the numbers the agent sees: a CSV's lines (a quoted cell may span several) and
the rows of a workbook's first sheet, its text unescaped as Excel escapes it. Rows are values, not meaning: the
phrase table and the order and problem-list imports each find their own columns."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from app.files.limits import ENTRIES, XLSX_COLUMNS, check_workbook
from app.files.refusals import UnreadableFile, WorkbookRefused


def csv_rows(text: str, error: type[UnreadableFile] = UnreadableFile, *, delimiter: str = ",",
             advice: str = "") -> Iterator[tuple[int, list[str]]]:
    """(the line a row starts on, its cells) of CSV text (decode_text's); error(…) naming the line where the CSV
    breaks, followed by advice."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise error(f"CSV broken at line {reader.line_num}: {exc}{advice}") from exc


_XLSX_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def sheet_values(data: bytes, error: type[UnreadableFile] = UnreadableFile,
                 what: str = "import again") -> list[tuple[int, tuple[object, ...]]]:
    """(row number, cell values) of a workbook's first sheet, its text unescaped as Excel escapes characters
    XML cannot hold (_x000B_); error(…), the caller's kind of UnreadableFile, when the bytes are not a workbook
    that can be read, or one holding more than an import reads (check_workbook counts it from the zip before
    openpyxl reads anything). what is the end of the advice for a file that is no workbook."""
    from openpyxl import load_workbook

    not_workbook = f"not an Excel .xlsx workbook (an old .xls? save it as .xlsx or CSV and {what})"
    try:
        check_workbook(data)
    except WorkbookRefused as exc:
        refused = error(str(exc))
        refused.keyed(exc.key, **exc.params)
        raise refused from exc
    except Exception as exc:  # noqa: BLE001 - zipfile raises BadZipFile, zlib.error, EOFError, RuntimeError…
        raise error(not_workbook) from exc
    rows: list[tuple[int, tuple[object, ...]]] = []
    try:
        # keep_links=False: another workbook's cached values (an external link) are not read at all
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        try:
            sheet = workbook.worksheets[0]
            width = min(sheet.max_column or XLSX_COLUMNS, XLSX_COLUMNS)
            # rows a sheet skips come back empty: bounded, and passed over without a look at each cell
            for number, row in enumerate(sheet.iter_rows(max_row=ENTRIES + 1, max_col=width, values_only=True),
                                         start=1):
                if number > ENTRIES:
                    refused = error(f"the sheet goes past row {ENTRIES:,}, the most an import reads; save it as "
                                    "CSV or split it")
                    refused.keyed("sheet_rows", limit=f"{ENTRIES:,}")
                    raise refused
                if row.count(None) == len(row):
                    rows.append((number, ()))
                    continue
                end = len(row)
                while end and row[end - 1] is None:
                    end -= 1
                rows.append((number, tuple(_xlsx_unescape(v) for v in row[:end])))
        finally:
            workbook.close()
    except UnreadableFile:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises anything (KeyError, XML syntax errors, IndexError…) for a damaged workbook
        raise error(not_workbook) from exc
    return rows


def _xlsx_unescape(value: object) -> object:
    if not isinstance(value, str) or "_x" not in value:
        return value
    return _XLSX_ESCAPED.sub(lambda m: m.group() if 0xD800 <= int(m.group(1), 16) <= 0xDFFF
                             else chr(int(m.group(1), 16)), value)
