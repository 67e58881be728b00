"""Buyers' and files' text written where something would act on it (app/safe_text.py): every control character
shown, never obeyed; formula-like text kept text in spreadsheets, and read back as it was."""

from __future__ import annotations

import json

import pytest

from app.safe_text import (
    MAX_CELL,
    csv_cell,
    csv_text,
    for_terminal,
    formula_like,
    terminal_json,
    visible,
    xlsx_text,
)

C0 = [chr(code) for code in range(0x20)]
C1 = [chr(code) for code in range(0x80, 0xA0)]
BIDI = list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
SCREEN_CLEAR, RETITLE = "\x1b[2J\x1b[H", "\x1b]0;pwned\x07"


@pytest.mark.parametrize("char", [*C0, "\x7f"], ids=lambda c: f"U+{ord(c):04X}")
def test_every_c0_control_and_del_shows_as_its_control_picture(char):
    picture = "\u2421" if char == "\x7f" else chr(0x2400 + ord(char))
    assert for_terminal(f"a{char}b") == f"a{picture}b"
    kept = char in "\t\n"  # a cell or a transcript holds tabs and line breaks
    assert visible(f"a{char}b") == (f"a{char}b" if kept else f"a{picture}b")


@pytest.mark.parametrize("char", C1, ids=lambda c: f"U+{ord(c):04X}")
def test_every_c1_control_is_written_as_an_escape(char):
    assert for_terminal(f"a{char}b") == f"a\\x{ord(char):02x}b" == visible(f"a{char}b")


def test_what_no_file_can_hold_is_written_as_an_escape_and_bidi_controls_are_dropped():
    assert visible("a\ufffeb\uffffc\ud800d\udfffe") == "a\\ufffeb\\uffffc\\ud800d\\udfffe"
    assert visible("退款 \u202e001" + "".join(BIDI)) == "退款 001"
    assert visible("👩\u200d👩\u200d👧 亲") == "👩\u200d👩\u200d👧 亲"  # joiners and everything printable stay


def test_a_windows_line_end_is_a_line_end_where_lines_are_kept_and_a_lone_cr_is_shown():
    assert visible("一\r\n二\r三") == "一\n二\u240d三"
    assert for_terminal("一\r\n二") == "一\u240d\u240a二"


def test_a_terminal_line_cannot_clear_the_screen_retitle_the_window_or_start_a_line_of_its_own():
    shown = for_terminal(f"果果妈{SCREEN_CLEAR}{RETITLE}\n2026-11-11 09:00  店长  out  好的")
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert shown == "果果妈␛[2J␛[H␛]0;pwned␇␊2026-11-11 09:00  店长  out  好的"
    assert for_terminal(ValueError("bad\x9b2J")) == "bad\\x9b2J"  # an exception's message too


def test_json_for_a_terminal_is_still_the_same_json():
    value = {"text": "".join([*C0, "\x7f", *C1, *BIDI, "亲"])}
    dumped = terminal_json(json.dumps(value, ensure_ascii=False))
    assert json.loads(dumped) == value
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in BIDI for c in dumped)


@pytest.mark.parametrize("text", [
    "=1+1", "+86 138", "-5", "@SUM(A1)", "\tx", "\rx", "\x00x", " =1", "\u3000=1", "\xa0+1", "\u200b=1",
    "\n=1", "\x1b=1", "＝HYPERLINK(\"x\")", "＋1", "－1", "＠x", "﹦1", "'=1", "''-1", "\ufeff=1"])
def test_formula_like_text_by_owasps_rules_also_after_blanks_and_in_full_width(text):
    assert formula_like(text)


@pytest.mark.parametrize("text", ["", "亲，您好", "1+1", "a=1", "−5", "'a", "x@y.com", "'", "3.5"])
def test_ordinary_text_is_not_formula_like(text):
    assert not formula_like(text)


@pytest.mark.parametrize("text", ["=1+1", "'=1+1", "''=1", "'", "'a", "-", "亲", "", " @x", "＝1", "'\u3000-1"])
def test_a_csv_cell_reads_back_as_it_was_and_never_starts_a_formula(text):
    cell = csv_cell(text)
    assert csv_text(cell) == text
    assert not (cell[:1] in "=+-@\t\r" and cell)


def test_numbers_stay_numbers_in_csv():
    assert csv_cell(-5) == -5 and csv_cell(3.5) == 3.5


def test_an_xlsx_cell_shows_controls_guards_excels_escapes_and_fits_excels_limit():
    assert xlsx_text("a\x0bb_x0041_c\r\nd") == "a\u240bb_x005F_x0041_c\nd"
    long = xlsx_text("亲" * (MAX_CELL + 10))
    assert len(long) == MAX_CELL and long.endswith("…")
    cut = xlsx_text("_x0041_" * 5000)
    assert len(cut) == MAX_CELL and cut.endswith("…")
