"""Other tools' phrases in and out: AutoHotKey hotstrings, Espanso match files, CSV/XLSX tables as workbenches
and spreadsheets write them, and KefuDesk's own lossless JSON.

Parsing never stops at a bad line: every line is either a phrase or a Rejected entry saying why, so the caller
can show the whole report and import all or nothing. Problems with the file as a whole (unknown format, bytes in
no known encoding, not a workbook) raise PhraseFileError. Bytes in, bytes out: files are the caller's.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime

from app.quickreplies.phrase import Phrase

FORMATS = ("ahk", "espanso", "csv", "xlsx", "json")
SUFFIXES = {".ahk": "ahk", ".yml": "espanso", ".yaml": "espanso", ".csv": "csv", ".xlsx": "xlsx", ".json": "json"}
JSON_FORMAT, JSON_VERSION = "kefudesk-phrases", 1
GROUP_MARK, TITLE_MARK = "kefudesk-group:", "kefudesk-title:"  # comments our AHK/Espanso exports carry


class PhraseFileError(Exception):
    """The file as a whole cannot be read; the message names the problem and the way out."""


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


def decode_text(data: bytes) -> tuple[str, str]:
    """(text with \\n line ends, encoding): UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 (GBK's
    superset, what Chinese Windows Excel writes)."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            text = data.decode(encoding)
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


def parse(data: bytes, fmt: str, *, group: str = "") -> Parsed:
    """Every phrase the file holds and every line it could not take, with why. group, if given, is every
    imported phrase's group."""
    if fmt not in FORMATS:
        raise PhraseFileError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    parsed = _PARSERS[fmt](data)
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

_HOTSTRING = re.compile(r"^\s*:([^:\n]*):([^\n]*?)::(.*)$")
_COMMENT_TAIL = re.compile(r"[ \t]+;.*$")
_BRACED = re.compile(r"\{([^{}]*|[{}])\}")
_SEND_SAFE = {"enter": "\n", "tab": "\t", "space": " ", "!": "!", "+": "+", "^": "^", "#": "#", "{": "{", "}": "}"}
_ESCAPES = {"n": "\n", "r": "\n", "t": "\t", "`": "`", ";": ";", ":": ":", "{": "{", "}": "}", "s": " "}
_ESCAPE = re.compile(r"`(.)")


class _NotText(Exception):
    pass


def _ahk_text(raw: str, options: str) -> str:
    """A replacement as the text it types; _NotText when it would press keys instead."""
    text_mode = bool(re.search(r"[RT](?!0)", options.upper()))
    if not text_mode:
        modifier = re.search(r"[!^+#]", _BRACED.sub("", _ESCAPE.sub("", raw)))
        if modifier:
            raise _NotText(f"'{modifier.group()}' is a modifier key in AutoHotKey's send mode")

        def key(match: re.Match[str]) -> str:
            name = match.group(1)
            typed = _SEND_SAFE.get(name.lower())
            if typed is None:
                raise _NotText(f"presses the key {{{name}}}")
            return typed
        # escapes first would turn `{ into a brace that starts a key: protect them with placeholders
        protected = _ESCAPE.sub(lambda m: f"\x00{ord(m.group(1))}\x00", raw)
        typed = _BRACED.sub(key, protected)
        return re.sub(r"\x00(\d+)\x00", lambda m: _ESCAPES.get(chr(int(m.group(1))), chr(int(m.group(1)))), typed)
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
                    if lines[number].strip():
                        commands.append(lines[number].strip().split(",")[0].split()[0])
                    number += 1
                number += 1  # the return
                rejected.append(Rejected(start, f"runs commands ({', '.join(commands[:3]) or 'none'}), not text: "
                                                "not imported", _short(line)))
                title = ""
                continue
        else:
            raw = _COMMENT_TAIL.sub("", raw)
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
    # group comments of our own export, by the line each match starts on
    group_at: list[tuple[int, str]] = [(n, line.split(GROUP_MARK, 1)[1].strip())
                                       for n, line in enumerate(text.split("\n"), 1) if GROUP_MARK in line]
    match_lines = _item_lines(yaml.compose(text), "matches")
    global_vars = {v.get("name"): v for v in document.get("global_vars") or [] if isinstance(v, dict)}
    phrases: list[Phrase] = []
    rejected: list[Rejected] = []
    lines_of: list[int] = []
    notes: list[Rejected] = []
    for position, match in enumerate(document.get("matches") or []):
        line = match_lines[position] if position < len(match_lines) else position + 1
        if not isinstance(match, dict):
            rejected.append(Rejected(line, "a match must be a mapping with trigger and replace", _short(str(match))))
            continue
        shown = _short(str(match.get("trigger") or match.get("triggers") or match.get("regex") or ""))
        triggers = match.get("triggers") or ([match["trigger"]] if "trigger" in match else [])
        problem = ""
        if "regex" in match:
            problem = "regex triggers have no KefuDesk equivalent"
        elif not triggers or not all(isinstance(t, str) and t for t in triggers):
            problem = "no trigger"
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
        variables = {v.get("name"): v for v in match.get("vars") or [] if isinstance(v, dict)}
        body = body_source.replace("$|$", "{cursor}")
        for name in _ESPANSO_VAR.findall(body):
            var = variables.get(name) or global_vars.get(name)
            kind = (var or {}).get("type")
            if kind == "date":
                value = _date_variable(str(((var or {}).get("params") or {}).get("format", "%Y-%m-%d")))
            elif kind == "echo":
                value = str(((var or {}).get("params") or {}).get("echo", ""))
            else:
                problem = (f"variable {{{{{name}}}}} of type {kind!r} is not supported" if var
                           else f"variable {{{{{name}}}}} is not declared")
                break
            body = re.sub(r"\{\{\s*" + re.escape(name) + r"\s*\}\}", lambda _m, v=value: v, body)
        if problem:
            rejected.append(Rejected(line, f"{problem}: not imported", shown))
            continue
        group = next((g for n, g in reversed(group_at) if n < line), "")
        if len(triggers) > 1:
            notes.append(Rejected(line, f"only the first trigger becomes the abbreviation; {', '.join(triggers[1:])} "
                                        "left out", shown))
        title = str(match.get("label") or "") or title_from(body) or triggers[0]
        phrases.append(Phrase(0, title, body, group, triggers[0]))
        lines_of.append(line)
    return Parsed(phrases, rejected, notes, "espanso", encoding, lines_of)


def _item_lines(root: object, key: str) -> list[int]:
    """The 1-based line each item of the top-level list `key` starts on (for the report)."""
    for name, value in getattr(root, "value", []):
        if getattr(name, "value", None) == key and isinstance(getattr(value, "value", None), list):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


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


def _rows_to_phrases(rows: Iterator[tuple[int, Sequence[object]]], fmt: str, encoding: str) -> Parsed:
    first = next(rows, None)
    if first is None:
        raise PhraseFileError("the file is empty: it needs a header row (title, body, group, abbreviation, slot)")
    columns = _columns(first[1])
    phrases: list[Phrase] = []
    rejected: list[Rejected] = []
    lines_of: list[int] = []
    for number, row in rows:
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
            try:
                number_value = float(str(slot_cell).strip())
            except ValueError:
                number_value = 0.5
            if number_value != int(number_value) or not 1 <= number_value <= 9:
                rejected.append(Rejected(number, f"slot {str(slot_cell).strip()!r} is not a whole number 1–9: "
                                                 "not imported", shown))
                continue
            slot = int(number_value)
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
        start = 1
        try:
            for row in reader:
                yield start, row
                start = reader.line_num + 1
        except csv.Error as exc:
            raise PhraseFileError(f"CSV broken at line {reader.line_num}: {exc}; fix the file and import again") from exc
    return _rows_to_phrases(rows(), "csv", encoding)


def _parse_xlsx(data: bytes) -> Parsed:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise PhraseFileError("not an Excel .xlsx workbook (an old .xls? save it as .xlsx or CSV and import "
                              "again)") from exc
    try:
        sheet = workbook.worksheets[0]
        rows = ((n, row) for n, row in enumerate(sheet.iter_rows(values_only=True), start=1))
        return _rows_to_phrases(rows, "xlsx", "")
    finally:
        workbook.close()


def _export_csv(phrases: Sequence[Phrase]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for p in phrases:
        writer.writerow([p.title, p.body, p.group, p.abbreviation, p.slot or "", ", ".join(p.tags)])
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
        sheet.append([p.title, p.body, p.group, p.abbreviation, p.slot, ", ".join(p.tags)])
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


def _parse_json(data: bytes) -> Parsed:
    text, encoding = decode_text(data)
    try:
        document = json.loads(text)
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
