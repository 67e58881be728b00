"""Editing the library: what makes a phrase acceptable, and turning a chat message into a reusable phrase.

Problems are codes with a detail, not sentences: the UI words them in the agent's language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from app.quickreplies.phrase import Phrase
from app.quickreplies.template import CLOCK_VARIABLES, bad_asks

MAX_TITLE = 200
MAX_ABBREVIATION = 40
_ABBREVIATION = re.compile(r"^[!-~]+$")  # printable ASCII without spaces: typed before Space/Tab expands it


class Problem(Enum):
    EMPTY_TITLE = "empty title"
    EMPTY_BODY = "empty body"
    LONG_TITLE = "title too long"
    BAD_ABBREVIATION = "abbreviation not ASCII letters, digits or punctuation without spaces"
    ABBREVIATION_TAKEN = "abbreviation already used"
    SLOT_RANGE = "slot not 1-9"
    SLOT_TAKEN = "slot already used in the group"
    BAD_ASK = "an {ask:…} without a label, or with an empty choice list"
    EMPTY_VARIANT = "a variant without text"
    SAME_VARIANT = "a variant the same as another text of the phrase"


@dataclass(frozen=True)
class Finding:
    problem: Problem
    detail: str = ""  # the other phrase's title, or the offending value


def problems(phrase: Phrase, library: Sequence[Phrase]) -> list[Finding]:
    """What stops phrase from going into library (a phrase with the same id is the phrase itself)."""
    return LibraryCheck(library).problems(phrase)


class LibraryCheck:
    """The library's abbreviations and slots in dictionaries: checking 10,000 imported phrases is linear."""

    def __init__(self, library: Sequence[Phrase]) -> None:
        self._abbreviations: dict[str, list[Phrase]] = {}
        self._slots: dict[tuple[str, int], list[Phrase]] = {}
        for phrase in library:
            self.add(phrase)

    def add(self, phrase: Phrase) -> None:
        if phrase.abbreviation:
            self._abbreviations.setdefault(phrase.abbreviation.lower(), []).append(phrase)
        if phrase.slot is not None:
            self._slots.setdefault((phrase.group, phrase.slot), []).append(phrase)

    def problems(self, phrase: Phrase) -> list[Finding]:
        found: list[Finding] = []
        if not phrase.title.strip():
            found.append(Finding(Problem.EMPTY_TITLE))
        elif len(phrase.title) > MAX_TITLE:
            found.append(Finding(Problem.LONG_TITLE, str(MAX_TITLE)))
        if not phrase.body.strip() and not phrase.image:
            found.append(Finding(Problem.EMPTY_BODY))
        for text in phrase.texts:
            if "{ask:" in text and (bad := bad_asks(text)):
                found.append(Finding(Problem.BAD_ASK, bad[0]))  # it would reach the buyer as written
                break
        if phrase.variants:
            if (empty := next((n for n, t in enumerate(phrase.texts) if n and not t.strip()), None)) is not None:
                found.append(Finding(Problem.EMPTY_VARIANT, str(empty + 1)))
            elif len({t.strip() for t in phrase.texts}) < len(phrase.texts):
                twice = next(n for n, t in enumerate(phrase.texts) if t.strip() in {u.strip() for u in phrase.texts[:n]})
                found.append(Finding(Problem.SAME_VARIANT, str(twice + 1)))

        def other(candidates: list[Phrase]) -> Phrase | None:
            return next((p for p in candidates if p.id != phrase.id or not phrase.id), None)

        if phrase.abbreviation:
            if len(phrase.abbreviation) > MAX_ABBREVIATION or not _ABBREVIATION.match(phrase.abbreviation):
                found.append(Finding(Problem.BAD_ABBREVIATION, phrase.abbreviation))
            elif (taken := other(self._abbreviations.get(phrase.abbreviation.lower(), []))) is not None:
                found.append(Finding(Problem.ABBREVIATION_TAKEN, taken.title))
        if phrase.slot is not None:
            if not 1 <= phrase.slot <= 9:
                found.append(Finding(Problem.SLOT_RANGE, str(phrase.slot)))
            elif (taken := other(self._slots.get((phrase.group, phrase.slot), []))) is not None:
                found.append(Finding(Problem.SLOT_TAKEN, taken.title))
        return found


# buyer-specific parts a message may hold even when the chat did not tell us their value
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("order_no", re.compile(r"(?<![0-9A-Za-z])\d{16,20}(?![0-9A-Za-z])")),  # Taobao/Tmall order nos.: 18–19 digits
    ("tracking_no", re.compile(r"(?<![0-9A-Za-z])(?:SF|YT|JT|JD|ZT|YD|STO|EMS)?\d{10,15}(?![0-9A-Za-z])")),
    ("amount", re.compile(r"[¥￥]\s?\d+(?:\.\d{1,2})?")),
)


def phrase_from_message(text: str, values: Mapping[str, str]) -> Phrase:
    """A new phrase prefilled from a chat message: this buyer's details (from the chat's values, then numbers
    that look like order and tracking nos. and ¥ amounts) become template variables."""
    body = text
    # longest first, so 小美妈妈 is not half-replaced by a shorter value inside it
    for name, value in sorted(values.items(), key=lambda item: -len(item[1])):
        if name in CLOCK_VARIABLES or len(value.strip()) < 2:
            continue  # today's date in an old message is a coincidence (12 in an order no. is no month); one
            # character is too often a word
        body = body.replace(value, "{" + name + "}")
    for name, pattern in _PATTERNS:
        body = pattern.sub("{" + name + "}", body)
    return Phrase(0, title_for(body), body)


def title_for(body: str) -> str:
    """A short title from the body's first clause, without variables or the floor's 亲/您好 openers."""
    line = re.sub(r"\{[a-z_]+\}", "", body).strip().splitlines()[0] if body.strip() else ""
    line = re.sub(r"^(亲爱的|亲亲|亲|您好|你好)[，,！!～~\s]*", "", line)
    clause = re.split(r"[，。！？,.!?～~]", line)[0].strip() or line
    return clause if len(clause) <= 12 else clause[:11] + "…"
