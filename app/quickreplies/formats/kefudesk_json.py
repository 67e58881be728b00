"""KefuDesk's own phrase file, JSON that carries every field of a phrase (usage, owner, picture): what an export
and import between two desks loses nothing of. Entries that are wrong are reported by their number."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields
from datetime import datetime

from app.files.refusals import Rejected
from app.files.text import decode_text

from app.quickreplies.formats.base import Parsed, PhraseFileError, PhraseFormat, short, title_from, too_many
from app.quickreplies.phrase import Phrase

JSON_FORMAT, JSON_VERSION = "kefudesk-phrases", 1

_KEPT = [f.name for f in fields(Phrase) if f.name != "id"]


def export(phrases: Sequence[Phrase]) -> bytes:
    entries = []
    for p in phrases:
        entry = {name: getattr(p, name) for name in _KEPT}
        entry["tags"] = list(p.tags)
        entry["variants"] = list(p.variants)
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
    variants = values.get("variants", [])  # absent in a file of a desk before variants: none
    if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
        raise ValueError("variants must be a list of texts")
    values["variants"] = tuple(variants)
    if not isinstance(values.get("rotate", False), bool):
        raise ValueError("rotate must be true or false")
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


def parse(data: bytes) -> Parsed:
    text, encoding = decode_text(data, PhraseFileError)
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
    too_many(len(entries), "phrases")
    phrases: list[Phrase] = []
    rejected: list[Rejected] = []
    lines_of: list[int] = []
    for number, entry in enumerate(entries, start=1):
        try:
            phrases.append(_json_phrase(entry))
            lines_of.append(number)
        except (ValueError, TypeError) as why:
            rejected.append(Rejected(number, f"{why}: not imported", short(json.dumps(entry, ensure_ascii=False))))
    return Parsed(phrases, rejected, [], "json", encoding, lines_of)


FORMAT = PhraseFormat("json", (".json",), parse, export)
