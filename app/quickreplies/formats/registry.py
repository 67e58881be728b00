"""The phrase formats by name and by file suffix, and a phrase file read or written in any of them. A new format
is a module beside the others that declares its PhraseFormat, and one entry in REGISTERED here: the command
line's --format, the file-name detection and the import dialogs all follow."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace

from app.files.limits import PHRASE_BYTES, refuse_over_limit
from app.files.refusals import Rejected

from app.quickreplies.formats import ahk, espanso, ime, kefudesk_json, mspy, rime, table
from app.quickreplies.formats.base import Parsed, PhraseFileError, PhraseFormat, code_of, short
from app.quickreplies.phrase import Phrase

# in the order --format lists them
REGISTERED: dict[str, PhraseFormat] = {
    known.name: known for known in (ahk.FORMAT, espanso.FORMAT, table.CSV, table.XLSX, kefudesk_json.FORMAT,
                                    ime.SOGOU, ime.QQ, ime.BAIDU, rime.FORMAT, mspy.FORMAT)}
FORMATS = tuple(REGISTERED)
SUFFIXES = {suffix: known.name for known in REGISTERED.values() for suffix in known.suffixes}
# what input methods name their custom phrase files (PhraseEdit.txt, custom_phrase.txt, 百度.ini,
# UserDefinedPhrase.dat, ChsPinyinUDP.lex): told by content
BY_CONTENT = (".txt", ".ini", ".dat", ".lex")


def format_for(path: str | os.PathLike[str], data: bytes | None = None) -> str:
    """The format of a phrase file from its name, or, for a name input methods use, from data (its bytes)."""
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    if suffix in BY_CONTENT and data is not None and (found := sniff(data)):
        return found
    if suffix not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        content = ", or an input method's .txt/.ini read by its content" if data is None else ""
        raise PhraseFileError(f"cannot tell the format of {os.fspath(path)!r} from its name (known: {known}"
                              f"{content}); give it with --format {'|'.join(FORMATS)}")
    return SUFFIXES[suffix]


def sniff(data: bytes) -> str:
    """The input-method format the bytes read as (sogou, baidu, rime, mspy), or "" when they read as none of them.
    QQ Pinyin writes Baidu's lines: its files read as baidu, which imports them the same."""
    if data.startswith(mspy.MAGIC):
        return "mspy"
    try:
        text, _encoding = ime.decode(data[:65536])
    except PhraseFileError:
        return ""
    return ime.sniff(text) or ("rime" if rime.sniff(text) else "")


def byte_limit(fmt: str) -> tuple[int, str]:
    """(the most bytes a phrase file of fmt may hold, what it is called in the refusal): app.files.limits.
    read_limited's arguments for reading one."""
    known = REGISTERED.get(fmt)
    return (known.byte_limit, known.called) if known else (PHRASE_BYTES, "a phrase file")


def _known(fmt: str) -> PhraseFormat:
    if fmt not in REGISTERED:
        raise PhraseFileError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    return REGISTERED[fmt]


def _printable(entry: Rejected) -> Rejected:
    """The entry with any lone surrogate spelled as an escape: a report line must print and store."""
    def clean(text: str) -> str:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return replace(entry, reason=clean(entry.reason), text=clean(entry.text))


def _lone_surrogate(phrase: Phrase) -> str:
    """The first text field holding half a UTF-16 pair (JSON and YAML escapes can write one), else ""."""
    lists = [name for name in ("tags", "variants") if getattr(phrase, name)]
    for name in ("title", "body", "group", "abbreviation", "owner", "image", *lists):
        values = getattr(phrase, name) if name in lists else (getattr(phrase, name),)
        for value in values:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return name
    return ""


def parse(data: bytes, fmt: str, *, group: str = "") -> Parsed:
    """Every phrase the file holds and every line it could not take, with why. group, if given, is every
    imported phrase's group."""
    known = _known(fmt)
    refuse_over_limit(data, known.byte_limit, known.called, "split it and import the parts", PhraseFileError)
    try:
        parsed = known.parse(data)
    except RecursionError as exc:  # [[[[… or {"a":{"a":… nested thousands deep
        raise PhraseFileError("the file nests lists or tables too deeply to be a phrase file") from exc
    kept: list[tuple[Phrase, int]] = []
    broken: list[Rejected] = []
    for phrase, line in zip(parsed.phrases, parsed.lines, strict=True):
        if field := _lone_surrogate(phrase):
            title = phrase.title.encode("utf-8", "backslashreplace").decode("utf-8")
            broken.append(Rejected(line, f"the {field} holds half a character (a lone UTF-16 surrogate escape): "
                                         "not imported", short(title)))
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
    return _known(fmt).export(phrases)


def left_out(phrases: Sequence[Phrase], fmt: str) -> list[Phrase]:
    """The phrases export(fmt) cannot write: no abbreviation for a hotstring / trigger to fire (an input method's
    code: an abbreviation, or a text sharing its code), or a text the format cannot hold (several lines for Rime)."""
    known = REGISTERED.get(fmt)
    if known is None:
        return []
    if known.can_write is not None:
        return [p for p in phrases if not code_of(p) or not known.can_write(p)]
    return [p for p in phrases if not p.abbreviation] if known.needs_abbreviation else []
