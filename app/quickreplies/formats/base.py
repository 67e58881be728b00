"""What every phrase format shares: the error for a phrase file it cannot read, what reading one gives
(Parsed), the record each format module declares itself with (PhraseFormat), and the small helpers of their
report lines. One module per format sits beside this one; registry.py lists them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from app.files.limits import ENTRIES, PHRASE_BYTES
from app.files.refusals import Rejected, UnreadableFile

from app.quickreplies.edit import MAX_ABBREVIATION
from app.quickreplies.phrase import Phrase

GROUP_MARK, TITLE_MARK = "kefudesk-group:", "kefudesk-title:"  # comments our AHK/Espanso exports carry
VARIANT_MARK = "kefudesk-variant:"  # our AHK export's further texts of the hotstring above: AutoHotKey reads none
# A code a phrase is typed by in another tool but not in the desk (a trigger with spaces, an Espanso match's further
# triggers): kept in this tag, so an export writes it again and the palette finds the phrase by it. (Before
# migration 0016, a text sharing its code with an earlier one was a phrase of its own with this tag; now it is a
# variant of that phrase.)
CODE_TAG = "编码:"


class PhraseFileError(UnreadableFile):
    """A phrase file as a whole cannot be read; the message names the problem and the way out (and, for a file
    over an import's limits, a key and values to word it in the agent's language)."""


@dataclass(frozen=True)
class Parsed:
    """A phrase file as read: its phrases with the line each starts on, and the lines it did not take (or took
    with a caveat), each with why."""

    phrases: list[Phrase]
    rejected: list[Rejected]
    notes: list[Rejected]  # imported, with a caveat (e.g. an Espanso match's extra triggers)
    format: str
    encoding: str
    lines: list[int] = field(default_factory=list)  # where each phrase starts in the file, for reports

    def line_of(self, phrase: Phrase) -> int:
        return next((line for p, line in zip(self.phrases, self.lines, strict=False) if p is phrase), 0)


@dataclass(frozen=True)
class PhraseFormat:
    """One phrase format, as its module declares it. parse never stops at a bad line: every line is a phrase or
    a Rejected entry saying why; a problem with the file as a whole raises PhraseFileError. Bytes in, bytes out:
    files are the caller's."""

    name: str  # what --format takes, and Parsed.format
    suffixes: tuple[str, ...]  # the file name endings it is told by, lower case with the dot
    parse: Callable[[bytes], Parsed]
    export: Callable[[Sequence[Phrase]], bytes]
    byte_limit: int = PHRASE_BYTES  # the most a file of it may hold …
    called: str = "a phrase file"  # … and what the refusal of a bigger one calls it
    needs_abbreviation: bool = False  # hotstrings and triggers: a phrase without an abbreviation cannot be written
    # when given, what export can write (a one-line text for Rime); the rest is left out and said so
    can_write: Callable[[Phrase], bool] | None = None


def too_many(count: int, what: str) -> None:
    """Refuse a file past ENTRIES phrases, rows or lines as soon as it gets there: a hostile one is not read to
    its end."""
    if count > ENTRIES:
        raise PhraseFileError(f"the file holds more than {ENTRIES:,} {what}, the most an import reads; split it and "
                              "import the parts", "phrase_file_entries", limit=f"{ENTRIES:,}")


def title_from(body: str) -> str:
    """The title of a phrase its file gives none: the first line of its text, cut to 16 characters."""
    # one line (most texts): no generator over its lines, 100,000 of them in an IME file
    first = body if "\n" not in body and "\r" not in body else next(
        (line for line in body.splitlines() if line.strip()), "")
    first = " ".join(first.split())
    return first if len(first) <= 16 else first[:15] + "…"


def short(text: str) -> str:
    """A file's text cut to 80 characters for a report line."""
    return text if len(text) <= 80 else text[:79] + "…"


def by_group(phrases: Sequence[Phrase]) -> Iterator[tuple[Phrase, bool]]:
    """The phrases a hotstring or trigger can fire (those with an abbreviation), each with whether it starts a
    group: the AHK and Espanso exports write a kefudesk-group comment before it."""
    group = None
    for phrase in phrases:
        if phrase.abbreviation:
            yield phrase, phrase.group != group
            group = phrase.group


def codes_of(phrase: Phrase) -> list[str]:
    """Every code a phrase is typed with in another tool, its own first: the abbreviation, else the code it was
    imported without (searchable_only puts it last among its CODE_TAGs), then the further ones (Espanso triggers)."""
    tagged = [t[len(CODE_TAG):] for t in phrase.tags if t.startswith(CODE_TAG)]
    if phrase.abbreviation:
        return [phrase.abbreviation, *tagged]
    return tagged[-1:] + tagged[:-1]


def code_of(phrase: Phrase) -> str:
    """The code a phrase is typed with in another tool: its abbreviation, else the code its last CODE_TAG keeps."""
    return next(iter(codes_of(phrase)), "")


def can_abbreviate(code: str) -> bool:
    """Whether code can be a KefuDesk abbreviation: edit.py's rule (printable ASCII without spaces, at most
    MAX_ABBREVIATION characters) in string methods, as 100,000 codes are checked in a blink; a test holds the two
    to the same answers."""
    return 0 < len(code) <= MAX_ABBREVIATION and code.isascii() and code.isprintable() and " " not in code


def searchable_only(phrase: Phrase, code: str) -> Phrase:
    """The phrase without an abbreviation, found in the palette by code: kept in a CODE_TAG and its title."""
    shown = code if len(code) <= 60 else code[:59] + "…"  # a long trigger by its start: a title the library keeps
    title = phrase.title if code in phrase.title or f"[{shown}]" in phrase.title else f"{phrase.title} [{shown}]"
    return replace(phrase, title=title, abbreviation="", tags=(*phrase.tags, CODE_TAG + code))


@dataclass(frozen=True)
class Coded:
    """One text of a file with the code it is typed by, before the codes are shared out (share_codes)."""

    phrase: Phrase  # with the code as its abbreviation
    line: int
    rank: float = 0  # the lower, the nearer the top of the tool's candidates (a Sogou position, a Rime weight negated)


def share_codes(entries: Sequence[Coded]) -> tuple[list[Phrase], list[int], list[Rejected]]:
    """(phrases, their lines, notes): one phrase a code, its texts in the tool's order (rank, then file order) as
    body and variants: the first entry's title, group and tags are the phrase's, the others give their text (a text
    already there once is not kept twice). A code that cannot be an abbreviation is kept for the palette to find
    the phrase by (searchable_only). Variants are no caveat (kept whole, the phrases say how many); a repeated
    text and an unusable code are noted once each, counted."""
    # each code's entries in the order its first one appears; within a code, the tool's order (rank, then file)
    by_code: dict[str, list[int]] = {}
    for at, entry in enumerate(entries):
        key = entry.phrase.abbreviation.lower() or f"\0{at}"  # without a code: a phrase of its own
        by_code.setdefault(key, []).append(at)
    phrases: list[Phrase] = []
    lines: list[int] = []
    repeated: list[int] = []
    unusable: list[int] = []
    for ats in by_code.values():
        if len(ats) > 1:
            ats.sort(key=lambda at: entries[at].rank)  # stable: file order among equal ranks
        head = entries[ats[0]]
        texts = [head.phrase.body]
        for at in ats[1:]:
            body = entries[at].phrase.body
            if body in texts:
                repeated.append(entries[at].line)
            else:
                texts.append(body)
        phrase = head.phrase
        if len(texts) > 1:  # a new record from the fields: dataclasses.replace is 10× slower at 100,000 entries
            phrase = Phrase(**{**phrase.__dict__, "variants": (*phrase.variants, *texts[1:])})
        if phrase.abbreviation and not can_abbreviate(phrase.abbreviation):
            phrase = searchable_only(phrase, phrase.abbreviation)
            unusable.append(head.line)
        phrases.append(phrase)
        lines.append(head.line)
    notes = []
    if repeated:
        notes.append(Rejected(min(repeated), f"{len(repeated)} text(s) repeat a text already under their code: kept "
                              "once", _lines(repeated)))
    if unusable:
        notes.append(Rejected(min(unusable), f"{len(unusable)} code(s) cannot be typed as an abbreviation (spaces, "
                              "not ASCII, over 40 characters): imported as phrases found in the palette by the code "
                              f"(tag {CODE_TAG}…)", _lines(unusable)))
    return phrases, lines, notes


def _lines(numbers: list[int]) -> str:
    return f"lines {', '.join(map(str, sorted(numbers)[:5]))}" + (" …" if len(numbers) > 5 else "")


def each_text(phrase: Phrase) -> list[Phrase]:
    """The phrase once for each of its texts, in order (body, then the variants): what a format that writes one
    text an entry (a candidate position, a match, a hotstring) writes."""
    return [phrase] if not phrase.variants else [phrase.as_variant(n) for n in range(len(phrase.texts))]


def by_code(phrases: Sequence[Phrase], can_write: Callable[[Phrase], bool]) -> dict[str, list[Phrase]]:
    """The texts an IME file can hold, by code (case as first written), one Phrase a text (each_text) that
    can_write takes, in the library's order with the phrase with the abbreviation first: what an export writes as
    positions 1, 2, 3…"""
    codes: dict[str, list[Phrase]] = {}
    spelled: dict[str, str] = {}
    for phrase in phrases:
        code = code_of(phrase)
        if code:
            key = spelled.setdefault(code.lower(), code)
            codes.setdefault(key, []).extend(text for text in each_text(phrase) if can_write(text))
    for texts in codes.values():
        texts.sort(key=lambda p: not p.abbreviation)
    return {code: texts for code, texts in codes.items() if texts}
