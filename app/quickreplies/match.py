"""Finding a phrase from a few keystrokes: substring, pinyin initials (tkdz → 退款地址), full pinyin and
typo-tolerant fuzzy matching, ranked by match quality, then by how often and how recently it was used.

The only place phrases are matched: the palette, the CLI and the benchmarks all call PhraseIndex.search().
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from pypinyin import Style, lazy_pinyin
from rapidfuzz import fuzz, process

from app.quickreplies.phrase import Phrase

# match kinds, best first; the score's thousands
EXACT_ABBREVIATION = 9
ABBREVIATION_PREFIX = 8
TITLE_PREFIX = 7
TITLE = 6
INITIALS = 5
PINYIN = 4
BODY = 3
FUZZY = 2

FUZZY_CUTOFF = 75  # below this a fuzzy match is noise, not a typo


@dataclass(frozen=True)
class Match:
    phrase: Phrase
    score: float
    kind: int


def _pinyin_keys(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of the Chinese in text; other characters pass through lower-cased."""
    full = "".join(lazy_pinyin(text, errors=lambda chars: chars.lower())).replace(" ", "")
    initials = "".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors=lambda chars: chars.lower()))
    return full.lower(), initials.replace(" ", "").lower()


@dataclass(frozen=True)
class _Entry:
    phrase: Phrase
    abbreviation: str
    title: str
    body: str
    pinyin: str
    initials: str


class PhraseIndex:
    """Search keys computed once per phrase, so a keystroke only compares strings."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self._entries: list[_Entry] = []
        for phrase in phrases:
            title_full, title_initials = _pinyin_keys(phrase.title)
            self._entries.append(_Entry(phrase, phrase.abbreviation.lower(), phrase.title.lower(),
                                        phrase.body.lower(), title_full, title_initials))
        self._fuzzy_keys = [f"{e.title} {e.pinyin}" for e in self._entries]

    def __len__(self) -> int:
        return len(self._entries)

    def by_abbreviation(self, abbreviation: str) -> Phrase | None:
        wanted = abbreviation.lower()
        for entry in self._entries:
            if entry.abbreviation and entry.abbreviation == wanted:
                return entry.phrase
        return None

    def search(self, query: str, *, limit: int = 20, now: datetime | None = None) -> list[Match]:
        """Ranked matches; an empty query lists the most used phrases first."""
        q = query.strip().lower()
        if not q:
            ranked = [Match(e.phrase, _habit(e.phrase, now), 0) for e in self._entries]
            return sorted(ranked, key=_order)[:limit]
        # a Chinese query is also compared by sound: 退宽 (a slip of the IME) finds 退款
        q_pinyin = "" if q.isascii() else _pinyin_keys(q)[0]
        found: dict[int, Match] = {}
        for position, entry in enumerate(self._entries):
            kind = _kind(entry, q, q_pinyin)
            if kind:
                found[position] = Match(entry.phrase, kind * 1000 + _habit(entry.phrase, now), kind)
        if len(found) < limit and len(q) >= 2:
            for _key, similarity, position in process.extract(q, self._fuzzy_keys, scorer=fuzz.partial_ratio,
                                                              score_cutoff=FUZZY_CUTOFF, limit=limit * 2):
                if position not in found:
                    phrase = self._entries[position].phrase
                    found[position] = Match(phrase, FUZZY * 1000 + similarity * 5 + _habit(phrase, now), FUZZY)
        return sorted(found.values(), key=_order)[:limit]


def _kind(entry: _Entry, q: str, q_pinyin: str) -> int:
    if entry.abbreviation:
        if entry.abbreviation == q:
            return EXACT_ABBREVIATION
        if entry.abbreviation.startswith(q):
            return ABBREVIATION_PREFIX
    if entry.title.startswith(q):
        return TITLE_PREFIX
    if q in entry.title:
        return TITLE
    if q.isascii():
        if q in entry.initials:
            return INITIALS
        if q in entry.pinyin:
            return PINYIN
    if q in entry.body:
        return BODY
    if q_pinyin and len(q_pinyin) >= 4 and q_pinyin in entry.pinyin:
        return PINYIN
    return 0


def _habit(phrase: Phrase, now: datetime | None) -> float:
    """Up to ~400 points for being used often and lately: enough to order equals, never to beat a better kind."""
    score = min(300.0, 60.0 * math.log1p(phrase.uses))
    if now is not None and phrase.last_used is not None:
        hours = max(0.0, (now - phrase.last_used).total_seconds() / 3600)
        score += 100.0 / (1.0 + hours / 24)
    return score


def _order(match: Match) -> tuple[float, str, int]:
    return (-match.score, match.phrase.title, match.phrase.id)
