"""What every phrase format shares: the error for a phrase file it cannot read, what reading one gives
(Parsed), the record each format module declares itself with (PhraseFormat), and the small helpers of their
report lines. One module per format sits beside this one; registry.py lists them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from app.files.limits import ENTRIES, PHRASE_BYTES
from app.files.refusals import Rejected, UnreadableFile

from app.quickreplies.phrase import Phrase

GROUP_MARK, TITLE_MARK = "kefudesk-group:", "kefudesk-title:"  # comments our AHK/Espanso exports carry


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


def too_many(count: int, what: str) -> None:
    """Refuse a file past ENTRIES phrases, rows or lines as soon as it gets there: a hostile one is not read to
    its end."""
    if count > ENTRIES:
        raise PhraseFileError(f"the file holds more than {ENTRIES:,} {what}, the most an import reads; split it and "
                              "import the parts", "phrase_file_entries", limit=f"{ENTRIES:,}")


def title_from(body: str) -> str:
    """The title of a phrase its file gives none: the first line of its text, cut to 16 characters."""
    first = next((line for line in body.splitlines() if line.strip()), "")
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
