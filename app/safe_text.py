"""Text from buyers and files, written where something else would act on it: a terminal (escape sequences), a
spreadsheet (formulas), an XLSX file (characters XML cannot hold). The stored text keeps every character; only
what is written out changes, and it still reads the same to a person.

Control characters are shown, not dropped, so a reader sees that something was there and what:
- C0 controls as Unicode's control pictures (ESC is ␛, a vertical tab ␋, NUL ␀), DEL as ␡: one character for
  one, made for exactly this; tab and line feed stay where a file can hold them (a cell, a transcript), and a
  Windows line end (CR LF) is a line end there;
- C1 controls (U+0080–U+009F, which include the one-byte CSI a terminal obeys) have no pictures and are written
  as \\x9b; U+FFFE, U+FFFF (no XML file may hold them: Excel would refuse the workbook) and a lone surrogate
  as \\ufffe, \\udc80;
- the explicit bidi controls (embeddings, overrides, isolates) are dropped, as the window drops them
  (app/ui/buyer_text.py): an override makes "退款 <U+202E>001" read "退款 100".

Formulas (OWASP's CSV-injection rules): a cell is formula-like when it starts with = + - @, a tab, a carriage
return or NUL, or when its first character after blanks, controls and invisible format characters is one of
= + - @ in any width (NFKC: ＝ ＋ － ＠ count, since Excel and WPS on a Chinese desktop are fed full-width text by
input methods). In XLSX such text is stored as a string cell with Excel's quote prefix (the cell shows exactly
what was typed, and editing it keeps it text); in CSV and tab-separated text it gets a leading apostrophe, which
csv_text() takes off again when the desk reads its own file back.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

MAX_CELL = 32_767  # Excel refuses (or "repairs") a workbook with a longer cell
FORMULA_STARTS = "=+-@"
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SKIPPED = frozenset(("Zs", "Zl", "Zp", "Cc", "Cf"))  # blanks, controls, zero-width and other format characters
_EXCEL_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
_TERMINAL_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def visible(text: str, *, keep: str = "\t\n") -> str:
    """text with every control character shown (see the module's rules); the characters in keep stay."""
    if "\n" in keep:
        text = text.replace("\r\n", "\n")

    def shown(match: re.Match[str]) -> str:
        char = match.group()
        if char in keep:
            return char
        code = ord(char)
        if code < 0x20:
            return chr(0x2400 + code)
        if code == 0x7F:
            return "\u2421"
        if char in _BIDI:
            return ""
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
    return _HIDDEN.sub(shown, text)


def for_terminal(text: object) -> str:
    """A buyer's or a file's text for one line of a terminal: nothing in it can move the cursor, clear the
    screen, retitle the window or start a line of its own."""
    return visible(str(text), keep="")


def terminal_json(dumped: str) -> str:
    """JSON text (json.dumps with ensure_ascii=False) safe to print: the characters a terminal would obey that
    JSON leaves raw (DEL, C1, bidi controls, halves of surrogate pairs) as \\u escapes. Still the same JSON."""
    return _TERMINAL_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def formula_like(text: str) -> bool:
    """Would a spreadsheet take this text for a formula (or could it, behind leading apostrophes)?"""
    text = text.lstrip("'")
    if text[:1] in ("\t", "\r", "\x00"):
        return True
    for char in text:
        if unicodedata.category(char) not in _SKIPPED:
            return unicodedata.normalize("NFKC", char)[:1] in FORMULA_STARTS
    return False


def csv_cell(value: object) -> object:
    """A value for a CSV or tab-separated cell: formula-like text behind an apostrophe; numbers as they are."""
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value


def csv_text(cell: str) -> str:
    """A cell of a CSV the desk wrote, as it was before csv_cell(): the apostrophe taken off again."""
    return cell[1:] if cell.startswith("'") and formula_like(cell[1:]) else cell


def xlsx_text(text: str) -> str:
    """Text for an XLSX cell that a person reads in Excel or WPS as it was typed: controls visible, at most
    Excel's 32,767 characters (a longer text ends in …), and a literal _xHHHH_ guarded as _x005F_xHHHH_ (Excel
    would show _x0041_ as "A")."""
    text = _EXCEL_ESCAPE.sub(lambda m: "_x005F" + m.group(), visible(text))
    # cut at the end only: that cannot complete an escape, and half a guard reads as plain characters
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"


def keep_as_text(cell: Any) -> None:  # noqa: ANN401 - an openpyxl cell; openpyxl is imported only where used
    """An openpyxl cell holding text keeps it as text: a string cell (openpyxl writes a formula for text that
    starts with "="), with Excel's quote prefix when it looks like a formula, so editing it keeps it text."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if formula_like(cell.value):
            cell.quotePrefix = True
