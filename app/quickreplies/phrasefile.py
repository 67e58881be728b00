"""Other tools' phrases in and out: AutoHotKey hotstrings, Espanso match files, CSV/XLSX tables as workbenches
and spreadsheets write them, and KefuDesk's own lossless JSON.

Parsing never stops at a bad line: every line is either a phrase or a Rejected entry saying why, so the caller
can show the whole report and import all or nothing. Problems with the file as a whole (unknown format, bytes in
no known encoding, not a workbook) raise PhraseFileError. Bytes in, bytes out: files are the caller's.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import os
import re
import reprlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime

from app.files import (
    ENTRIES,
    PHRASE_BYTES,
    XLSX_COLUMNS,
    YAML_BYTES,
    Refusal,
    WorkbookRefused,
    check_workbook,
    size_text,
    too_large,
)
from app.quickreplies.phrase import Phrase
from app.safe_text import csv_cell, csv_text, keep_as_text

FORMATS = ("ahk", "espanso", "csv", "xlsx", "json")
SUFFIXES = {".ahk": "ahk", ".yml": "espanso", ".yaml": "espanso", ".csv": "csv", ".xlsx": "xlsx", ".json": "json"}
JSON_FORMAT, JSON_VERSION = "kefudesk-phrases", 1
GROUP_MARK, TITLE_MARK = "kefudesk-group:", "kefudesk-title:"  # comments our AHK/Espanso exports carry


class PhraseFileError(Refusal, Exception):
    """The file as a whole cannot be read; the message names the problem and the way out (and, for a file over an
    import's limits, a key and values to word it in the agent's language)."""

    def __init__(self, message: str, key: str = "", **params: object) -> None:
        super().__init__(message)
        self.keyed(key, **params)


@dataclass(frozen=True)
class Rejected:
    line: int  # 1-based line (text files), spreadsheet row (xlsx) or entry number (JSON)
    reason: str
    text: str = ""


@dataclass(frozen=True)
class Parsed:
    phrases: list[Phrase]
    rejected: list[Rejected]
    notes: list[Rejected]  # imported, with a caveat (e.g. an Espanso match's extra triggers)
    format: str
    encoding: str
    lines: list[int] = field(default_factory=list)  # where each phrase starts in the file, for reports

    def line_of(self, phrase: Phrase) -> int:
        return next((line for p, line in zip(self.phrases, self.lines, strict=False) if p is phrase), 0)


@dataclass(frozen=True)
class Duplicate:
    phrase: Phrase
    existing: Phrase
    why: str  # "same abbreviation" / "same text"


def format_for(path: str | os.PathLike[str]) -> str:
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    if suffix not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        raise PhraseFileError(f"cannot tell the format of {os.fspath(path)!r} from its name (known: {known}); "
                              f"give it with --format {'|'.join(FORMATS)}")
    return SUFFIXES[suffix]


def byte_limit(fmt: str) -> tuple[int, str]:
    """(the most bytes a phrase file of fmt may hold, what it is called in the refusal): app.files.read_limited's
    arguments for reading one."""
    return (YAML_BYTES, "an Espanso file") if fmt == "espanso" else (PHRASE_BYTES, "a phrase file")


def _too_many(count: int, what: str) -> None:
    if count > ENTRIES:
        raise PhraseFileError(f"the file holds more than {ENTRIES:,} {what}, the most an import reads; split it and "
                              "import the parts", "phrase_file_entries", limit=f"{ENTRIES:,}")


def decode_text(data: bytes) -> tuple[str, str]:
    """(text with \\n line ends, encoding): UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 (GBK's
    superset, what Chinese Windows Excel writes)."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:  # a BOM, then broken or truncated text
                name = "UTF-8" if encoding == "utf-8-sig" else "UTF-16"
                raise PhraseFileError(f"the file starts as {name} text but byte {exc.start} is not {name}; save it "
                                      "again as UTF-8 and import again") from exc
            break
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError as exc:
                raise PhraseFileError(f"the file is neither UTF-8 nor GBK/GB18030 text (byte {exc.start}); "
                                      "save it as UTF-8 and import again") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def title_from(body: str) -> str:
    first = next((line for line in body.splitlines() if line.strip()), "")
    first = " ".join(first.split())
    return first if len(first) <= 16 else first[:15] + "…"


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:79] + "…"


_BRIEF = reprlib.Repr()
_BRIEF.maxlevel, _BRIEF.maxdict, _BRIEF.maxlist, _BRIEF.maxstring, _BRIEF.maxother = 3, 4, 4, 60, 60


def _shown(value: object) -> str:
    """A value from a file for a report line: text as it is, anything else briefly (a YAML alias can make a
    small file hold a list of millions of entries, which str() would spell out)."""
    return _short(value if isinstance(value, str) else _BRIEF.repr(value))


def _printable(entry: Rejected) -> Rejected:
    """The entry with any lone surrogate spelled as an escape: a report line must print and store."""
    def clean(text: str) -> str:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return replace(entry, reason=clean(entry.reason), text=clean(entry.text))


def _lone_surrogate(phrase: Phrase) -> str:
    """The first text field holding half a UTF-16 pair (JSON and YAML escapes can write one), else ""."""
    for name in ("title", "body", "group", "abbreviation", "owner", "image", *(["tags"] if phrase.tags else [])):
        values = phrase.tags if name == "tags" else (getattr(phrase, name),)
        for value in values:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return name
    return ""


def parse(data: bytes, fmt: str, *, group: str = "") -> Parsed:
    """Every phrase the file holds and every line it could not take, with why. group, if given, is every
    imported phrase's group."""
    if fmt not in FORMATS:
        raise PhraseFileError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    limit, what = byte_limit(fmt)
    if len(data) > limit:
        raise PhraseFileError(too_large("the file", len(data), limit, what, "split it and import the parts"),
                              "file_too_large", name="the file", size=size_text(len(data)), limit=size_text(limit))
    try:
        parsed = _PARSERS[fmt](data)
    except RecursionError as exc:  # [[[[… or {"a":{"a":… nested thousands deep
        raise PhraseFileError("the file nests lists or tables too deeply to be a phrase file") from exc
    kept: list[tuple[Phrase, int]] = []
    broken: list[Rejected] = []
    for phrase, line in zip(parsed.phrases, parsed.lines, strict=True):
        if field := _lone_surrogate(phrase):
            title = phrase.title.encode("utf-8", "backslashreplace").decode("utf-8")
            broken.append(Rejected(line, f"the {field} holds half a character (a lone UTF-16 surrogate escape): "
                                         "not imported", _short(title)))
        else:
            kept.append((phrase, line))
    if broken:
        parsed = replace(parsed, phrases=[p for p, _ in kept], lines=[line for _, line in kept],
                         rejected=sorted(parsed.rejected + broken, key=lambda r: r.line))
    parsed = replace(parsed, rejected=[_printable(r) for r in parsed.rejected],
                     notes=[_printable(r) for r in parsed.notes])
    if group:
        parsed = replace(parsed, phrases=[replace(p, group=group) for p in parsed.phrases])
    return parsed


def export(phrases: Sequence[Phrase], fmt: str) -> bytes:
    """The phrases in fmt. AHK and Espanso need a trigger: phrases without an abbreviation are left out
    (see left_out) — every other field they cannot carry is kept in kefudesk- comments."""
    if fmt not in FORMATS:
        raise PhraseFileError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    return _EXPORTERS[fmt](phrases)


def left_out(phrases: Sequence[Phrase], fmt: str) -> list[Phrase]:
    """The phrases export(fmt) cannot write: no abbreviation for a hotstring / trigger to fire."""
    return [p for p in phrases if not p.abbreviation] if fmt in ("ahk", "espanso") else []


def dedupe(incoming: Sequence[Phrase], existing: Sequence[Phrase]) -> tuple[list[Phrase], list[Duplicate]]:
    """Split incoming into new phrases and duplicates of the library or of an earlier incoming phrase:
    the same abbreviation, or the same text."""
    by_abbreviation = {p.abbreviation.lower(): p for p in existing if p.abbreviation}
    by_body = {p.body.rstrip(): p for p in existing if p.body.strip()}
    new: list[Phrase] = []
    duplicates: list[Duplicate] = []
    for phrase in incoming:
        same = by_abbreviation.get(phrase.abbreviation.lower()) if phrase.abbreviation else None
        if same is not None:
            duplicates.append(Duplicate(phrase, same, "same abbreviation"))
            continue
        same = by_body.get(phrase.body.rstrip()) if phrase.body.strip() else None
        if same is not None:
            duplicates.append(Duplicate(phrase, same, "same text"))
            continue
        new.append(phrase)
        if phrase.abbreviation:
            by_abbreviation[phrase.abbreviation.lower()] = phrase
        by_body[phrase.body.rstrip()] = phrase
    return new, duplicates


# --- AutoHotKey ------------------------------------------------------------------------------------

# the abbreviation may hold escaped colons (`:), as our own export writes them
_HOTSTRING = re.compile(r"^\s*:([^:\n]*):((?:`.|[^`\n])*?)::(.*)$")
_COMMENT_START = re.compile(r"[ \t];")  # a ; after a space or tab starts a comment
_BRACED = re.compile(r"\{([^{}]*|[{}])\}")
_SEND_SAFE = {"enter": "\n", "tab": "\t", "space": " ", "!": "!", "+": "+", "^": "^", "#": "#", "{": "{", "}": "}"}
_ESCAPES = {"n": "\n", "r": "\n", "t": "\t", "`": "`", ";": ";", ":": ":", "{": "{", "}": "}", "s": " "}
_ESCAPE = re.compile(r"`(.)")
_SEND_TOKEN = re.compile(r"`(.)|\{([^{}]*|[{}])\}")  # an escape, or a {key} (`{ is a brace, not a key)


class _NotText(Exception):
    pass


def _ahk_text(raw: str, options: str) -> str:
    """A replacement as the text it types; _NotText when it would press keys instead."""
    text_mode = bool(re.search(r"[RT](?!0)", options.upper()))
    if not text_mode:
        modifier = re.search(r"[!^+#]", _BRACED.sub("", _ESCAPE.sub("", raw)))
        if modifier:
            raise _NotText(f"'{modifier.group()}' is a modifier key in AutoHotKey's send mode")

        def token(match: re.Match[str]) -> str:
            escaped, name = match.groups()
            if escaped is not None:
                return _ESCAPES.get(escaped, escaped)
            typed = _SEND_SAFE.get(name.lower())
            if typed is None:
                raise _NotText(f"presses the key {{{name}}}")
            return typed
        # one pass, left to right: an escaped brace is text and never starts a {key}
        return _SEND_TOKEN.sub(token, raw)
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), raw)


def _parse_ahk(data: bytes) -> Parsed:
    text, encoding = decode_text(data)
    lines = text.split("\n")
    phrases: list[Phrase] = []
    rejected: list[Rejected] = []
    lines_of: list[int] = []
    group, title = "", ""
    number = 0
    in_block_comment = False
    while number < len(lines):
        _too_many(len(phrases) + len(rejected), "hotstrings")
        line = lines[number]
        number += 1
        stripped = line.strip()
        if in_block_comment:
            in_block_comment = not stripped.startswith("*/") and not stripped.endswith("*/")
            continue
        if stripped.startswith("/*"):
            in_block_comment = not stripped.endswith("*/")
            continue
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith(";"):
            comment = stripped[1:].strip()
            if comment.startswith(GROUP_MARK):
                group = comment[len(GROUP_MARK):].strip()
            elif comment.startswith(TITLE_MARK):
                title = comment[len(TITLE_MARK):].strip()
            continue
        hotstring = _HOTSTRING.match(line)
        if hotstring is None:
            rejected.append(Rejected(number, "not a hotstring (::abbreviation::text): not imported", _short(stripped)))
            continue
        options, abbreviation, raw = hotstring.groups()
        abbreviation = _ESCAPE.sub(lambda m: m.group(1), abbreviation)
        start = number
        if not raw.strip():
            # a continuation section "(" … ")" is the text; anything else runs commands until "return"
            following = lines[number].strip() if number < len(lines) else ""
            if following.startswith("(") and not following.startswith("()"):
                ltrim = "ltrim" in following.lower()
                body_lines: list[str] = []
                number += 1
                while number < len(lines) and not lines[number].lstrip().startswith(")"):
                    body_lines.append(lines[number].lstrip() if ltrim else lines[number])
                    number += 1
                if number >= len(lines):
                    rejected.append(Rejected(start, "continuation section never closed with ')': not imported",
                                     _short(line)))
                    title = ""
                    continue
                number += 1
                raw = "`n".join(body_lines)
            else:
                commands: list[str] = []
                while number < len(lines) and not re.match(r"^\s*return\b", lines[number], re.IGNORECASE):
                    command = lines[number].strip().split(",")[0].split()
                    if command:
                        commands.append(command[0])
                    number += 1
                number += 1  # the return
                rejected.append(Rejected(start, f"runs commands ({', '.join(commands[:3]) or 'none'}), not text: "
                                                "not imported", _short(line)))
                title = ""
                continue
        else:
            comment = _COMMENT_START.search(raw)  # a search, not [ \t]+;.*$: that regex is quadratic in blanks
            if comment is not None:
                raw = raw[:comment.start()].rstrip(" \t")
        if "X" in options.upper():
            rejected.append(Rejected(start, "option X runs its text as a command: not imported", _short(line)))
            title = ""
            continue
        try:
            body = _ahk_text(raw, options)
        except _NotText as why:
            rejected.append(Rejected(start, f"{why}: keystrokes, not a phrase; not imported", _short(line)))
            title = ""
            continue
        phrases.append(Phrase(0, title or title_from(body) or abbreviation, body, group, abbreviation))
        lines_of.append(start)
        title = ""
    return Parsed(phrases, rejected, [], "ahk", encoding, lines_of)


def _ahk_escape(line: str) -> str:
    """One line of a body for a :T: hotstring: escapes only what AutoHotKey would read otherwise (` and ;
    and tabs), and the spaces of a line that starts or ends with one (AutoHotKey trims those)."""
    escaped = line.replace("`", "``").replace(";", "`;").replace("\t", "`t")
    return escaped.replace(" ", "`s") if escaped != escaped.strip(" ") else escaped


def _export_ahk(phrases: Sequence[Phrase]) -> bytes:
    out = ["; KefuDesk phrases as AutoHotKey v1 hotstrings (option T: sent as text, never as keys)", ""]
    group = None
    for p in phrases:
        if not p.abbreviation:
            continue
        if p.group != group:
            group = p.group
            out.append(f"; {GROUP_MARK} {group}")
        out.append(f"; {TITLE_MARK} {p.title}")
        trigger = p.abbreviation.replace("`", "``").replace(":", "`:")
        # one line with `n between the body's lines: no continuation section whose ( and ) a body could break
        out.append(f":T:{trigger}::" + "`n".join(_ahk_escape(line) for line in p.body.split("\n")))
    return ("\r\n".join(out) + "\r\n").encode("utf-8-sig")


# --- Espanso ---------------------------------------------------------------------------------------

_ESPANSO_VAR = re.compile(r"\{\{\s*([\w.-]+)\s*\}\}")
_TIME_DIRECTIVES = set("HIMSpRTXr")


def _date_variable(date_format: str) -> str:
    directives = set(re.findall(r"%-?(\w)", date_format))
    if directives and directives <= _TIME_DIRECTIVES:
        return "{time}"
    return "{date} {time}" if directives & _TIME_DIRECTIVES else "{date}"


def _parse_espanso(data: bytes) -> Parsed:
    import yaml

    text, encoding = decode_text(data)
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise PhraseFileError(f"not valid YAML{where}: {getattr(exc, 'problem', exc)}; fix the file and import "
                              "again") from exc
    if not isinstance(document, dict) or not isinstance(document.get("matches", []), list):
        raise PhraseFileError("not an Espanso match file: it needs a top-level 'matches:' list")
    if not isinstance(document.get("global_vars") or [], list):
        raise PhraseFileError("'global_vars:' must be a list of variables (- name: …, type: …)")
    # group comments of our own export (comment lines only: a replace text may mention the mark), by line
    group_at: list[tuple[int, str]] = [(n, found.group(1).strip()) for n, line in enumerate(text.split("\n"), 1)
                                       if (found := _GROUP_COMMENT.match(line))]
    group_lines = [n for n, _ in group_at]
    _too_many(len(document.get("matches") or []), "matches")
    match_lines = _item_lines(yaml.compose(text), "matches")
    global_vars = _variables(document.get("global_vars"))
    phrases: list[Phrase] = []
    rejected: list[Rejected] = []
    lines_of: list[int] = []
    notes: list[Rejected] = []
    for position, match in enumerate(document.get("matches") or []):
        line = match_lines[position] if position < len(match_lines) else position + 1
        if not isinstance(match, dict):
            rejected.append(Rejected(line, "a match must be a mapping with trigger and replace", _shown(match)))
            continue
        shown = _shown(match.get("trigger") or match.get("triggers") or match.get("regex") or "")
        triggers = match.get("triggers") or ([match["trigger"]] if "trigger" in match else [])
        label = match.get("label")
        problem = ""
        if "regex" in match:
            problem = "regex triggers have no KefuDesk equivalent"
        elif not isinstance(triggers, list) or not triggers or not all(isinstance(t, str) and t for t in triggers):
            problem = "no trigger"
        elif label is not None and not isinstance(label, str | int | float):
            problem = "the label is not text"
        elif not isinstance(match.get("vars") or [], list):
            problem = "vars must be a list of variables"
        elif "image_path" in match:
            problem = "image matches are added in the phrase manager with their picture"
        elif "form" in match:
            problem = "forms are not supported"
        body_source = next((match[k] for k in ("replace", "markdown", "html") if k in match), None)
        if not problem and not isinstance(body_source, str):
            problem = "no replace text"
        if problem:
            rejected.append(Rejected(line, f"{problem}: not imported", shown))
            continue
        variables = _variables(match.get("vars"))
        body = body_source.replace("$|$", "{cursor}")
        values: dict[str, str] = {}
        for name in dict.fromkeys(_ESPANSO_VAR.findall(body)):
            var = variables.get(name) or global_vars.get(name)
            kind = (var or {}).get("type")
            params = (var or {}).get("params") or {}
            wanted = {"date": ("format", "%Y-%m-%d"), "echo": ("echo", "")}.get(kind) if isinstance(kind, str) else None
            if var is None:
                problem = f"variable {{{{{name}}}}} is not declared"
            elif wanted is None:
                problem = f"variable {{{{{name}}}}} of type {_short(repr(kind))} is not supported"
            elif not isinstance(params, dict) or not isinstance(params.get(wanted[0], wanted[1]), str | int | float):
                problem = f"variable {{{{{name}}}}} has no usable {wanted[0]} parameter"
            else:
                value = str(params.get(wanted[0], wanted[1]))
                values[name] = _date_variable(value) if kind == "date" else value
                continue
            break
        if problem:
            rejected.append(Rejected(line, f"{problem}: not imported", shown))
            continue
        body = _ESPANSO_VAR.sub(lambda m, v=values: v[m.group(1)], body)  # one pass: linear in the variables
        before = bisect.bisect_left(group_lines, line)  # the last group comment above the match
        group = group_at[before - 1][1] if before else ""
        if len(triggers) > 1:
            notes.append(Rejected(line, f"only the first trigger becomes the abbreviation; {', '.join(triggers[1:])} "
                                        "left out", shown))
        title = str(label or "") or title_from(body) or triggers[0]
        phrases.append(Phrase(0, title, body, group, triggers[0]))
        lines_of.append(line)
    return Parsed(phrases, rejected, notes, "espanso", encoding, lines_of)


_GROUP_COMMENT = re.compile(r"^\s*#\s*" + re.escape(GROUP_MARK) + r"(.*)$")


def _variables(declared: object) -> dict[str, dict[object, object]]:
    """Espanso variables by name; entries that are not a mapping with a text name are not variables."""
    if not isinstance(declared, list):
        return {}
    return {v["name"]: v for v in declared if isinstance(v, dict) and isinstance(v.get("name"), str)}


def _item_lines(root: object, key: str) -> list[int]:
    """The 1-based line each item of the top-level list `key` starts on (for the report)."""
    for name, value in getattr(root, "value", []):
        if getattr(name, "value", None) == key and isinstance(getattr(value, "value", None), list):
            return [item.start_mark.line + 1 for item in value.value]
    return []


# what YAML reads raw in a double-quoted scalar (1.1 printable, minus the line breaks it would fold)
_YAML_RAW = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar: a JSON string, with what YAML would refuse or fold written as an escape."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) <= 0xffff
                         else f"\\U{ord(m.group()):08x}", quoted)


def _export_espanso(phrases: Sequence[Phrase]) -> bytes:
    out = ["# KefuDesk phrases as an Espanso match file", "matches:"]
    group = None
    for p in phrases:
        if not p.abbreviation:
            continue
        if p.group != group:
            group = p.group
            out.append(f"  # {GROUP_MARK} {group}")
        body = p.body.replace("{cursor}", "$|$")
        variables = []
        for name, date_format in (("date", "%Y-%m-%d"), ("time", "%H:%M")):
            if "{" + name + "}" in body:
                body = body.replace("{" + name + "}", "{{" + name + "}}")
                variables.append(f"      - {{name: {name}, type: date, params: {{format: {_yaml_string(date_format)}}}}}")
        out += [f"  - trigger: {_yaml_string(p.abbreviation)}", f"    label: {_yaml_string(p.title)}",
                f"    replace: {_yaml_string(body)}"]
        if variables:
            out += ["    vars:", *variables]
    return ("\n".join(out) + "\n").encode("utf-8")


# --- CSV and XLSX ----------------------------------------------------------------------------------

COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title", "标题", "短语名称", "名称", "短语标题"),
    "body": ("body", "内容", "短语内容", "回复内容", "快捷短语", "text", "phrase"),
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
        _too_many(count, "rows")
        cells = {field: row[i] if i < len(row) else None for field, i in columns.items()}
        if all(c is None or str(c).strip() == "" for c in row):
            continue
        body = "" if cells.get("body") is None else str(cells["body"]).replace("\r\n", "\n")
        shown = _short(" | ".join(str(c) for c in row if c is not None))
        if not body.strip():
            rejected.append(Rejected(number, "empty text: not imported", shown))
            continue
        slot_cell = cells.get("slot")
        slot: int | None = None
        if slot_cell is not None and str(slot_cell).strip():
            whole = _SLOT.fullmatch(str(slot_cell).strip())  # 3 or 3.0 (a spreadsheet's number); not nan, 1e400
            if whole is None:
                rejected.append(Rejected(number, f"slot {_short(str(slot_cell).strip())!r} is not a whole number "
                                                 "1–9: not imported", shown))
                continue
            slot = int(whole.group(1))
        tags = tuple(t.strip() for t in re.split(r"[,，;；]", str(cells.get("tags") or "")) if t.strip())
        title = str(cells.get("title") or "").strip() or title_from(body)
        phrases.append(Phrase(0, title, body, str(cells.get("group") or "").strip(),
                              str(cells.get("abbreviation") or "").strip(), slot, tags))
        lines_of.append(number)
    return Parsed(phrases, rejected, [], fmt, encoding, lines_of)


def _parse_csv(data: bytes) -> Parsed:
    text, encoding = decode_text(data)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows() -> Iterator[tuple[int, Sequence[object]]]:
        start, ours = 1, False
        try:
            for row in reader:
                # our own export (its header) put an apostrophe before formula-like text: taken off again; another
                # tool's file is read as it is
                ours = ours or (start == 1 and tuple(row) == HEADER)
                yield start, [csv_text(cell) for cell in row] if ours else row
                start = reader.line_num + 1
        except csv.Error as exc:
            raise PhraseFileError(f"CSV broken at line {reader.line_num}: {exc}; fix the file and import again") from exc
    return _rows_to_phrases(rows(), "csv", encoding)


_XLSX_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_XLSX_RAW = re.compile(r"_x[0-9A-Fa-f]{4}_|[\x00-\x08\x0b-\x0d\x0e-\x1f\ufffe\uffff]")


def sheet_values(data: bytes, error: type[PhraseFileError] = PhraseFileError,
                 what: str = "import again") -> list[tuple[int, tuple[object, ...]]]:
    """(row number, cell values) of a workbook's first sheet, its text unescaped as Excel escapes characters
    XML cannot hold (_x000B_); error(…) when the bytes are not a workbook that can be read, or one holding more
    than an import reads (app.files counts it from the zip before openpyxl reads anything)."""
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
    except PhraseFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises anything (KeyError, XML syntax errors, IndexError…) for a damaged workbook
        raise error(not_workbook) from exc
    return rows


def _xlsx_unescape(value: object) -> object:
    if not isinstance(value, str) or "_x" not in value:
        return value
    return _XLSX_ESCAPED.sub(lambda m: m.group() if 0xD800 <= int(m.group(1), 16) <= 0xDFFF
                             else chr(int(m.group(1), 16)), value)


def _xlsx_cell(value: str) -> str:
    """Text as an .xlsx cell holds it: characters XML cannot carry as _xHHHH_, and a literal _xHHHH_ guarded
    (_x005F_xHHHH_), as Excel writes them."""
    return _XLSX_RAW.sub(lambda m: "_x005F" + m.group() if len(m.group()) > 1 else f"_x{ord(m.group()):04X}_",
                         value)


def _parse_xlsx(data: bytes) -> Parsed:
    return _rows_to_phrases(iter(sheet_values(data)), "xlsx", "")


def _export_csv(phrases: Sequence[Phrase]) -> bytes:
    # every text quoted, and formula-like text behind an apostrophe (OWASP's rules: a body "=HYPERLINK(…)" must
    # not run in the spreadsheet that opens the file); _parse_csv takes the apostrophe off again
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(HEADER)
    for p in phrases:
        writer.writerow([csv_cell(v) for v in (p.title, p.body, p.group, p.abbreviation, p.slot or "",
                                                ", ".join(p.tags))])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel on a Chinese Windows read UTF-8


def _export_xlsx(phrases: Sequence[Phrase]) -> bytes:
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


# --- KefuDesk JSON ---------------------------------------------------------------------------------

_KEPT = [f.name for f in fields(Phrase) if f.name != "id"]


def _export_json(phrases: Sequence[Phrase]) -> bytes:
    entries = []
    for p in phrases:
        entry = {name: getattr(p, name) for name in _KEPT}
        entry["tags"] = list(p.tags)
        entry["last_used"] = p.last_used.isoformat() if p.last_used else None
        entries.append(entry)
    document = {"format": JSON_FORMAT, "version": JSON_VERSION, "phrases": entries}
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _json_phrase(entry: object) -> Phrase:
    if not isinstance(entry, dict):
        raise ValueError("not an object")
    unknown = set(entry) - set(_KEPT)
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}")
    values = {name: entry[name] for name in _KEPT if name in entry}
    for name in ("title", "body", "group", "abbreviation", "owner", "image"):
        if not isinstance(values.get(name, ""), str):
            raise ValueError(f"{name} must be text")
    if not values.get("body", "").strip() and not values.get("image"):
        raise ValueError("empty text")
    slot = values.get("slot")
    if slot is not None and (not isinstance(slot, int) or isinstance(slot, bool) or not 1 <= slot <= 9):
        raise ValueError(f"slot {slot!r} is not 1–9")
    tags = values.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError("tags must be a list of text")
    values["tags"] = tuple(tags)
    uses = values.get("uses", 0)
    if not isinstance(uses, int) or isinstance(uses, bool) or uses < 0:
        raise ValueError(f"uses {uses!r} is not a count")
    if values.get("last_used") is not None:
        last_used = datetime.fromisoformat(str(values["last_used"]))
        if last_used.tzinfo is None:
            raise ValueError("last_used has no time zone")
        values["last_used"] = last_used
    values.setdefault("title", title_from(values.get("body", "")))
    return Phrase(0, **values)


class _Huge(str):
    """A whole number too long to be one the desk keeps: Python refuses to read one of over 4,300 digits (a
    ValueError with no line), so it stays text and its entry is refused like any other value of the wrong kind."""

    def __repr__(self) -> str:
        return f"a {len(self.lstrip('-')):,}-digit number"


def _whole_number(text: str) -> int | _Huge:
    return int(text) if len(text) <= 40 else _Huge(text)


def _parse_json(data: bytes) -> Parsed:
    text, encoding = decode_text(data)
    try:
        document = json.loads(text, parse_int=_whole_number)
    except json.JSONDecodeError as exc:
        raise PhraseFileError(f"not valid JSON at line {exc.lineno}: {exc.msg}") from exc
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        raise PhraseFileError(f"not a KefuDesk phrase file (expected \"format\": \"{JSON_FORMAT}\")")
    if document.get("version") != JSON_VERSION:
        raise PhraseFileError(f"phrase file version {document.get('version')!r}: this KefuDesk reads version "
                              f"{JSON_VERSION}; update KefuDesk to import it")
    entries = document.get("phrases")
    if not isinstance(entries, list):
        raise PhraseFileError("the 'phrases' entry must be a list")
    _too_many(len(entries), "phrases")
    phrases: list[Phrase] = []
    rejected: list[Rejected] = []
    lines_of: list[int] = []
    for number, entry in enumerate(entries, start=1):
        try:
            phrases.append(_json_phrase(entry))
            lines_of.append(number)
        except (ValueError, TypeError) as why:
            rejected.append(Rejected(number, f"{why}: not imported", _short(json.dumps(entry, ensure_ascii=False))))
    return Parsed(phrases, rejected, [], "json", encoding, lines_of)


_PARSERS: dict[str, Callable[[bytes], Parsed]] = {"ahk": _parse_ahk, "espanso": _parse_espanso, "csv": _parse_csv,
                                                  "xlsx": _parse_xlsx, "json": _parse_json}
_EXPORTERS: dict[str, Callable[[Sequence[Phrase]], bytes]] = {
    "ahk": _export_ahk, "espanso": _export_espanso, "csv": _export_csv, "xlsx": _export_xlsx, "json": _export_json}
