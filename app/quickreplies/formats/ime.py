"""Chinese input methods' custom phrases (自定义短语), in and out: Sogou Pinyin's PhraseEdit.txt
(`code,position=text`), and Baidu's and QQ Pinyin's files (`code=position,text`). A code typed in the IME offers its
texts as candidates in position order; several texts under one code are one phrase's variants (base.share_codes). Sogou's `#`
expressions become the desk's date and time variables; the export writes what Sogou reads (UTF-16LE with a BOM,
CRLF) and what Baidu and QQ Pinyin read (UTF-16LE with a BOM, CRLF, one line an entry)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.files.refusals import Rejected
from app.files.text import decode_text

from app.quickreplies.formats.base import (
    Coded,
    Parsed,
    PhraseFileError,
    PhraseFormat,
    by_code,
    share_codes,
    short,
    title_from,
    too_many,
)
from app.quickreplies.phrase import Phrase

MAX_ENTRIES = 100_000  # Sogou's own limit for a custom phrase file
# a code is what can be typed in the IME: no comma, equals sign or white space
SOGOU_ENTRY = re.compile(r"^([^\s,=;]+),[ \t]*(\d{1,6})[ \t]*=(.*)$")
BAIDU_ENTRY = re.compile(r"^([^\s,=;]+)=[ \t]*(\d{1,6})[ \t]*,(.*)$")

# Sogou's date and time functions → the desk's variables (app/quickreplies/template.py). The Chinese-numeral ones
# are written with digits (noted), 12-hour clocks have no equivalent (refused)
_FUNCTIONS = {"year": "year", "year_yy": "year_yy", "month": "month", "month_mm": "month_mm", "day": "day",
              "day_dd": "day_dd", "weekday": "weekday", "weekday_cn": "weekday", "fullhour": "hour",
              "fullhour_hh": "hour", "minute": "minute", "minute_mm": "minute", "second": "second",
              "second_ss": "second"}
_IN_DIGITS = {"year_cn": "year", "year_yy_cn": "year_yy", "month_cn": "month", "day_cn": "day",
              "fullhour_cn": "hour", "minute_cn": "minute", "second_cn": "second"}
_NO_EQUIVALENT = ("halfhour", "halfhour_hh", "halfhour_cn", "ampm", "ampm_cn")
_FUNCTION = re.compile(r"\$(?:\{(\w+)\}|([a-z_]+))")
# what the export writes back as one variable, the other way round
_COMPOUND = (("{year}-{month_mm}-{day_dd}", "{date}"), ("{hour}:{minute}", "{time}"))
_EXPRESSION_OF = {"date": "$year-$month_mm-$day_dd", "time": "$fullhour:$minute", "year": "$year",
                  "year_yy": "$year_yy", "month": "$month", "month_mm": "$month_mm", "day": "$day",
                  "day_dd": "$day_dd", "weekday": "$weekday_cn", "hour": "$fullhour", "minute": "$minute",
                  "second": "$second"}
_VARIABLE = re.compile(r"\{(" + "|".join(_EXPRESSION_OF) + r")\}")


def over_limit(count: int) -> None:
    """Refuse a file past MAX_ENTRIES entries, Sogou's own limit, when its entry number count is read."""
    if count > MAX_ENTRIES:
        raise PhraseFileError(f"the file holds more than {MAX_ENTRIES:,} entries, the most an input method's custom "
                              "phrase file holds; split it and import the parts", "phrase_file_entries",
                              limit=f"{MAX_ENTRIES:,}")


class _NoEquivalent(ValueError):
    pass


def _expression(text: str, approximated: list[str]) -> str:
    """A Sogou expression (the text after its #) with the desk's variables for its functions; $name Sogou does not
    know stays as written, as Sogou shows it."""
    def function(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        if name in _FUNCTIONS:
            return "{" + _FUNCTIONS[name] + "}"
        if name in _IN_DIGITS:
            approximated.append("$" + name)
            return "{" + _IN_DIGITS[name] + "}"
        if name in _NO_EQUIVALENT:
            raise _NoEquivalent(f"the function ${name} (12-hour clock, AM/PM) has no KefuDesk equivalent")
        return match.group()
    body = _FUNCTION.sub(function, text)
    for parts, whole in _COMPOUND:
        body = body.replace(parts, whole)
    return body


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of an IME's file: UTF-16LE also without a BOM (converters write it so), else as any text."""
    if not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")) and len(data) >= 2:
        sample = data[:4000]
        if sample[1::2].count(0) > len(sample) // 4 and sample[::2].count(0) < len(sample) // 8:
            try:
                text = data.decode("utf-16-le")
            except UnicodeDecodeError as exc:
                raise PhraseFileError(f"the file reads as UTF-16 text but byte {exc.start} is not UTF-16; save it "
                                      "again and import again") from exc
            return text.replace("\r\n", "\n").replace("\r", "\n"), "utf-16-le"
    return decode_text(data, PhraseFileError)


def _parse(data: bytes, entry: re.Pattern[str], fmt: str) -> Parsed:
    text, encoding = decode(data)
    lines = text.split("\n")
    coded: list[Coded] = []
    rejected: list[Rejected] = []
    notes: list[Rejected] = []
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        stripped = line.strip()
        if not stripped or stripped.startswith(";"):
            continue
        found = entry.match(stripped)
        if found is None:
            rejected.append(Rejected(number, "not an entry (code,position=text): not imported", short(stripped)))
            continue
        too_many(len(coded) + len(rejected), "entries")
        over_limit(len(coded) + 1)
        code, position, body = found.group(1), int(found.group(2)), found.group(3)
        start = number
        if not body.strip():  # a multi-line entry: its text is every line up to the next entry
            following: list[str] = []
            while number < len(lines) and not entry.match(lines[number].strip()):
                if not lines[number].lstrip().startswith(";"):
                    following.append(lines[number])
                number += 1
            body = "\n".join(following).strip("\n")
        if not body.strip():
            rejected.append(Rejected(start, "empty text: not imported", short(stripped)))
            continue
        if body.startswith("#"):
            approximated: list[str] = []
            try:
                body = _expression(body[1:], approximated)
            except _NoEquivalent as why:
                rejected.append(Rejected(start, f"{why}: not imported", short(stripped)))
                continue
            if not body.strip():  # "#" and nothing after it: an expression of nothing
                rejected.append(Rejected(start, "empty text: not imported", short(stripped)))
                continue
            if approximated:
                notes.append(Rejected(start, f"{', '.join(dict.fromkeys(approximated))} written with digits "
                                             "(KefuDesk has no Chinese-numeral date)", short(stripped)))
        coded.append(Coded(Phrase(0, title_from(body) or code, body, "", code), start, position))
    phrases, lines_of, shared = share_codes(coded)
    return Parsed(phrases, rejected, notes + shared, fmt, encoding, lines_of)


def parse_sogou(data: bytes) -> Parsed:
    return _parse(data, SOGOU_ENTRY, "sogou")


def parse_baidu(data: bytes) -> Parsed:
    return _parse(data, BAIDU_ENTRY, "baidu")


def parse_qq(data: bytes) -> Parsed:
    return _parse(data, BAIDU_ENTRY, "qq")


def _sogou_text(body: str) -> str:
    """A body as Sogou writes it: the desk's date and time variables as a # expression."""
    if _VARIABLE.search(body) is None:
        return body
    return "#" + _VARIABLE.sub(lambda m: _EXPRESSION_OF[m.group(1)], body)


def can_write_sogou(phrase: Phrase) -> bool:
    """Sogou reads a text back as written unless it starts with # (an expression) or a line of it looks like an
    entry or a comment."""
    body = phrase.body
    if not body.strip() or (body.startswith("#") and _VARIABLE.search(body) is None):
        return False
    return not any(SOGOU_ENTRY.match(line.strip()) or line.lstrip().startswith(";") for line in body.split("\n"))


def can_write_one_line(phrase: Phrase) -> bool:
    return bool(phrase.body.strip()) and "\n" not in phrase.body and not phrase.body.startswith("#")


def _utf16(lines: list[str]) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-16")  # with its BOM, little-endian on every desk


def export_sogou(phrases: Sequence[Phrase]) -> bytes:
    out = [";  KefuDesk phrases as Sogou Pinyin custom phrases (code,position=text)", ""]
    for code, texts in by_code(phrases, can_write_sogou).items():
        for position, phrase in enumerate(texts, start=1):
            body = _sogou_text(phrase.body)
            out += [f"{code},{position}=" + body] if "\n" not in body else [f"{code},{position}=", *body.split("\n")]
    return _utf16(out)


def export_baidu(phrases: Sequence[Phrase]) -> bytes:
    out = []
    for code, texts in by_code(phrases, can_write_one_line).items():
        out += [f"{code}={position},{phrase.body}" for position, phrase in enumerate(texts, start=1)]
    return _utf16(out)


SOGOU = PhraseFormat("sogou", (), parse_sogou, export_sogou, called="a Sogou phrase file", needs_abbreviation=True,
                     can_write=can_write_sogou)
BAIDU = PhraseFormat("baidu", (), parse_baidu, export_baidu, called="a Baidu phrase file", needs_abbreviation=True,
                     can_write=can_write_one_line)
QQ = PhraseFormat("qq", (), parse_qq, export_baidu, called="a QQ Pinyin phrase file", needs_abbreviation=True,
                  can_write=can_write_one_line)


def sniff(text: str) -> str:
    """"sogou" or "baidu" when the first entry-like line of text is one of theirs, else ""."""
    for line in text.split("\n")[:200]:
        stripped = line.strip().lstrip("\ufeff")
        if not stripped or stripped.startswith((";", "#")):
            continue
        if SOGOU_ENTRY.match(stripped):
            return "sogou"
        if BAIDU_ENTRY.match(stripped):
            return "baidu"
        return ""
    return ""
