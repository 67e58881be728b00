"""Rime's custom phrases (custom_phrase.txt), in and out: one `text<TAB>code<TAB>weight` line an entry, `#`
comments, an optional YAML header between `---` and `...`. The higher the weight, the nearer the top of the code's
candidates; several texts under one code are one phrase's variants (base.share_codes). A Rime text is one line."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.files.refusals import Rejected

from app.quickreplies.formats.base import (
    Coded,
    Parsed,
    PhraseFormat,
    by_code,
    share_codes,
    short,
    title_from,
    too_many,
)
from app.quickreplies.formats.ime import can_write_one_line, decode, over_limit
from app.quickreplies.phrase import Phrase

_WEIGHT = re.compile(r"-?\d{1,9}")


def _after_header(lines: list[str]) -> int:
    """Where the entries start: after a YAML header (name, version, sort…) from "---" up to its "...", if any."""
    if not lines or lines[0].strip().lstrip("\ufeff") != "---":
        return 0
    end = next((n for n, line in enumerate(lines) if line.strip() == "..."), len(lines) - 1)
    return end + 1


def parse(data: bytes) -> Parsed:
    text, encoding = decode(data)
    lines = text.split("\n")
    coded: list[Coded] = []
    rejected: list[Rejected] = []
    number = _after_header(lines)
    while number < len(lines):
        line = lines[number].rstrip("\r")
        number += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        too_many(len(coded) + len(rejected), "entries")
        over_limit(len(coded) + 1)
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0].strip() or not fields[1].strip():
            rejected.append(Rejected(number, "not an entry (text, tab, code, tab, weight): not imported",
                                     short(line.strip())))
            continue
        body, code = fields[0], " ".join(fields[1].split())
        weight = fields[2].strip() if len(fields) > 2 else ""
        if weight and not _WEIGHT.fullmatch(weight):
            rejected.append(Rejected(number, f"weight {short(weight)!r} is not a whole number: not imported",
                                     short(line.strip())))
            continue
        coded.append(Coded(Phrase(0, title_from(body) or code, body, "", code), number, -int(weight or 0)))
    phrases, lines_of, notes = share_codes(coded)
    return Parsed(phrases, rejected, notes, "rime", encoding, lines_of)


def can_write(phrase: Phrase) -> bool:
    return can_write_one_line(phrase) and "\t" not in phrase.body


def export(phrases: Sequence[Phrase]) -> bytes:
    out = ["# Rime table", "# coding: utf-8", "# KefuDesk phrases as Rime custom phrases: text, code, weight", ""]
    for code, texts in by_code(phrases, can_write).items():
        # the first text the highest weight: the top candidate, as the abbreviation expands it
        out += [f"{phrase.body}\t{code}\t{len(texts) - n}" for n, phrase in enumerate(texts)]
    return ("\n".join(out) + "\n").encode("utf-8")


FORMAT = PhraseFormat("rime", (), parse, export, called="a Rime custom phrase file", needs_abbreviation=True,
                      can_write=can_write)


def sniff(text: str) -> bool:
    """Whether text reads as a Rime custom phrase file: a `# Rime table` head, or tab-separated entries."""
    if "# Rime table" in text[:200]:
        return True
    lines = text.split("\n")
    entries = [line for line in lines[_after_header(lines):][:200] if line.strip() and not line.lstrip().startswith("#")]
    return bool(entries) and sum("\t" in line for line in entries) * 2 > len(entries)
