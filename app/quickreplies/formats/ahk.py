"""AutoHotKey hotstrings (::abbreviation::text), in and out: the text a hotstring types becomes a phrase; one that
presses keys or runs commands is reported with its line, never imported as text. The export writes v1 hotstrings
with option T (sent as text) and keeps group and title in kefudesk- comments."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from app.files.refusals import Rejected
from app.files.text import decode_text

from app.quickreplies.formats.base import (
    GROUP_MARK,
    TITLE_MARK,
    VARIANT_MARK,
    Coded,
    Parsed,
    PhraseFileError,
    PhraseFormat,
    by_group,
    each_text,
    share_codes,
    short,
    title_from,
    too_many,
)
from app.quickreplies.phrase import Phrase

# the abbreviation may hold escaped colons (`:), as our own export writes them
_HOTSTRING = re.compile(r"^\s*:([^:\n]*):((?:`.|[^`\n])*?)::(.*)$")
_COMMENT_START = re.compile(r"[ \t];")  # a ; after a space or tab starts a comment
_BRACED = re.compile(r"\{([^{}]*|[{}])\}")
_SEND_SAFE = {"enter": "\n", "tab": "\t", "space": " ", "!": "!", "+": "+", "^": "^", "#": "#", "{": "{", "}": "}"}
_ESCAPES = {"n": "\n", "r": "\n", "t": "\t", "`": "`", ";": ";", ":": ":", "{": "{", "}": "}", "s": " "}
_ESCAPE = re.compile(r"`(.)")
_SEND_TOKEN = re.compile(r"`(.)|\{([^{}]*|[{}])\}")  # an escape, or a {key} (`{ is a brace, not a key)
# a replacement that names a command: what its author meant AutoHotKey to run (it would type the words)
_COMMAND = re.compile(r"^\s*(send(?:input|raw|play|event|text)?|run(?:wait)?|msgbox|sleep|click|winactivate|"
                      r"controlsend|gosub|goto)(?:\s*,|\s+\S|\s*$)", re.IGNORECASE)
_CONTEXT = re.compile(r"^#if(?:win(?:not)?(?:active|exist))?\b(.*)$", re.IGNORECASE)  # its condition; none: the end
_HOTKEY_BLOCK = re.compile(r"^\s*[^\s:;]+::\s*(?:;.*)?$")  # ^j:: alone: the commands up to "return" are the hotkey's


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


def parse(data: bytes) -> Parsed:
    text, encoding = decode_text(data, PhraseFileError)
    lines = text.split("\n")
    coded: list[Coded] = []
    rejected: list[Rejected] = []
    group, title = "", ""
    number = 0
    in_block_comment = False
    window = ""  # the #IfWinActive/#If condition the hotstrings below fire under, if any
    only_there: list[int] = []
    varied: Coded | None = None  # the hotstring right above: a kefudesk-variant comment is a further text of it
    while number < len(lines):
        too_many(len(coded) + len(rejected), "hotstrings")
        line = lines[number]
        number += 1
        stripped = line.strip()
        if in_block_comment:
            in_block_comment = not stripped.startswith("*/") and not stripped.endswith("*/")
            continue
        if stripped.startswith("/*"):
            in_block_comment = not stripped.endswith("*/")
            continue
        # directives (#IfWinActive and its block's end, #SingleInstance…) and a return ending a block: not text
        if context := _CONTEXT.match(stripped):
            window = context.group(1).strip() if context.group(1) and not context.group(1).lstrip().startswith(";") else ""
            continue
        if not stripped or stripped.startswith("#") or stripped.lower() == "return":
            continue
        if stripped.startswith(";"):
            comment = stripped[1:].strip()
            if comment.startswith(VARIANT_MARK) and varied is not None:
                # the text as written after the mark and one space: its edge blanks are escaped (`s, `t)
                raw = line[line.index(VARIANT_MARK) + len(VARIANT_MARK):].removeprefix(" ")
                coded.append(Coded(replace(varied.phrase, body=_ahk_text(raw, "T")), number))
            elif comment.startswith(GROUP_MARK):
                group = comment[len(GROUP_MARK):].strip()
            elif comment.startswith(TITLE_MARK):
                title = comment[len(TITLE_MARK):].strip()
            continue
        varied = None
        hotstring = _HOTSTRING.match(line)
        if hotstring is None and _HOTKEY_BLOCK.match(line):
            start = number
            while number < len(lines) and not re.match(r"^\s*return\b", lines[number], re.IGNORECASE):
                number += 1
            number += 1
            rejected.append(Rejected(start, "a hotkey running commands, not a hotstring: not imported", short(stripped)))
            continue
        if hotstring is None:
            rejected.append(Rejected(number, "not a hotstring (::abbreviation::text): not imported", short(stripped)))
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
                                     short(line)))
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
                                                "not imported", short(line)))
                title = ""
                continue
        else:
            comment = _COMMENT_START.search(raw)  # a search, not [ \t]+;.*$: that regex is quadratic in blanks
            if comment is not None:
                raw = raw[:comment.start()].rstrip(" \t")
        if "X" in options.upper():
            rejected.append(Rejected(start, "option X runs its text as a command: not imported", short(line)))
            title = ""
            continue
        command = _COMMAND.match(raw) if not re.search(r"[RT](?!0)", options.upper()) else None
        if command is not None:
            rejected.append(Rejected(start, f"the text is the command {command.group(1)}, not a phrase: not imported",
                                     short(line)))
            title = ""
            continue
        try:
            body = _ahk_text(raw, options)
        except _NotText as why:
            rejected.append(Rejected(start, f"{why}: keystrokes, not a phrase; not imported", short(line)))
            title = ""
            continue
        varied = Coded(Phrase(0, title or title_from(body) or abbreviation, body, group, abbreviation), start)
        coded.append(varied)
        if window:
            only_there.append(start)
        title = ""
    # a hotstring written twice is a further variant: AutoHotKey fires the first, the palette offers both
    phrases, lines_of, notes = share_codes(coded)
    if only_there:
        notes.insert(0, Rejected(only_there[0], f"{len(only_there)} hotstring(s) fire only in some windows "
                                                "(#IfWinActive, #If): imported, the desk offers them in every chat", ""))
    return Parsed(phrases, rejected, notes, "ahk", encoding, lines_of)


def _ahk_escape(line: str) -> str:
    """One line of a body for a :T: hotstring: escapes only what AutoHotKey would read otherwise (` and ;
    and tabs), and the spaces of a line that starts or ends with one (AutoHotKey trims those)."""
    escaped = line.replace("`", "``").replace(";", "`;").replace("\t", "`t")
    return escaped.replace(" ", "`s") if escaped != escaped.strip(" ") else escaped


def _one_line(body: str) -> str:
    return "`n".join(_ahk_escape(line) for line in body.split("\n"))


def export(phrases: Sequence[Phrase]) -> bytes:
    out = ["; KefuDesk phrases as AutoHotKey v1 hotstrings (option T: sent as text, never as keys)", ""]
    for p, starts_group in by_group(phrases):
        if starts_group:
            out.append(f"; {GROUP_MARK} {p.group}")
        out.append(f"; {TITLE_MARK} {p.title}")
        trigger = p.abbreviation.replace("`", "``").replace(":", "`:")
        # one line with `n between the body's lines: no continuation section whose ( and ) a body could break
        out.append(f":T:{trigger}::" + _one_line(p.body))
        # the further texts as comments under it: a hotstring written twice is an error or dead in AutoHotKey
        out += [f"; {VARIANT_MARK} " + _one_line(text.body) for text in each_text(p)[1:]]
    return ("\r\n".join(out) + "\r\n").encode("utf-8-sig")


FORMAT = PhraseFormat("ahk", (".ahk",), parse, export, needs_abbreviation=True)
