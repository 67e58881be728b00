"""Finding a phrase from a few keystrokes: substring, pinyin initials (tkdz → 退款地址), full pinyin and
typo-tolerant fuzzy matching, ranked by match quality, then by how often and how recently it was used.

The only place phrases are matched: the palette, the CLI and the benchmarks all call PhraseIndex.search().
"""

from __future__ import annotations

import bisect
import functools
import heapq
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

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

# the best answer to the buyer's message: among equal matches it counts like a little habit (fuzzy's similarity
# ≤ 500 + habit ≤ 400 + fit stays under a kind's 1000); before anything is typed it leads the list
FIT_POINTS = 90.0
FIT_POINTS_EMPTY_QUERY = 1000.0
FUZZY_CUTOFF = 75  # below this a fuzzy match is noise, not a typo


@dataclass(frozen=True)
class Match:
    phrase: Phrase
    score: float
    kind: int


KEEP = "\x01"  # marks a run pypinyin would hand back unconverted (Latin, digits, emoji): kept whole in both keys
_LONGEST_WORD = 6


@functools.cache
def _dictionaries() -> tuple[dict[str, list[list[str]]], dict[int, str], Callable[[str], str]]:
    """pypinyin's word and character tables. Loading them takes ~0.2 s, so not at start-up: the first search
    (or PhraseIndex.warm(), which the desk calls off the GUI thread once its window is up) pays it."""
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT
    from pypinyin.style._utils import replace_symbol_to_no_symbol

    return PHRASES_DICT, PINYIN_DICT, replace_symbol_to_no_symbol


@functools.lru_cache(maxsize=4096)
def _toneless(syllable: str) -> str:
    return _dictionaries()[2](syllable).replace("ü", "v")


def syllables(text: str) -> list[str]:
    """pypinyin's reading of text (its word list first, forward longest match, then the character's first
    reading), without tones; non-Chinese runs come back whole, marked with KEEP.

    Same answers as lazy_pinyin (tests/unit/quickreplies/test_match.py compares them) from pypinyin's own
    dictionaries, but ~20× faster: 10,000 imported titles are indexed in well under a second."""
    phrases_dict, pinyin_dict, _ = _dictionaries()
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if ord(text[i]) not in pinyin_dict:
            j = i + 1
            while j < n and ord(text[j]) not in pinyin_dict:
                j += 1
            out.append(KEEP + text[i:j])
            i = j
            continue
        for length in range(min(_LONGEST_WORD, n - i), 1, -1):
            word = phrases_dict.get(text[i:i + length])
            if word is not None:
                out.extend(_toneless(readings[0]) for readings in word)
                i += length
                break
        else:
            out.append(_toneless(pinyin_dict[ord(text[i])].split(",")[0]))
            i += 1
    return out


@functools.lru_cache(maxsize=65_536)
def _pinyin_keys(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of the Chinese in text; other characters pass through lower-cased. Cached, so
    rebuilding the index after an edit only reads the titles that are new."""
    parts = [s.replace(" ", "").lower() for s in syllables(text)]
    full = "".join(s.removeprefix(KEEP) for s in parts)
    initials = "".join(s[1:] if s.startswith(KEEP) else s[:1] for s in parts)
    return full, initials


class _Field:
    """One searchable field of every phrase, joined into a single string so finding a query is a C-level
    str.find per hit instead of a Python comparison per phrase."""

    def __init__(self, keys: list[str]) -> None:
        self.text = SEPARATOR + SEPARATOR.join(keys) + SEPARATOR
        self.starts: list[int] = []
        offset = 1
        for key in keys:
            self.starts.append(offset)
            offset += len(key) + 1

    def containing(self, needle: str) -> list[int]:
        """Positions of the phrases whose key contains needle (each once)."""
        found: list[int] = []
        text, starts = self.text, self.starts
        hit = text.find(needle)
        while hit != -1:
            position = bisect.bisect_right(starts, hit) - 1
            found.append(position)
            following = starts[position + 1] if position + 1 < len(starts) else len(text)
            hit = text.find(needle, following)  # one hit per phrase is enough
        return found

    def starting_with(self, needle: str) -> list[int]:
        found: list[int] = []
        text, starts = self.text, self.starts
        hit = text.find(SEPARATOR + needle)
        while hit != -1:
            found.append(bisect.bisect_left(starts, hit + 1))
            hit = text.find(SEPARATOR + needle, hit + 1)
        return found


SEPARATOR = "\x00"


class PhraseIndex:
    """Search keys computed once per phrase, so a keystroke only searches strings."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self._phrases = list(phrases)
        titles = [p.title.lower() for p in self._phrases]
        self._abbreviations: dict[str, list[int]] = {}
        for position, phrase in enumerate(self._phrases):
            if phrase.abbreviation:
                self._abbreviations.setdefault(phrase.abbreviation.lower(), []).append(position)
        clean = [key.replace(SEPARATOR, " ") for key in (p.abbreviation.lower() for p in self._phrases)]
        self._abbreviation = _Field(clean)
        self._title = _Field([t.replace(SEPARATOR, " ") for t in titles])
        self._body = _Field([p.body.lower().replace(SEPARATOR, " ") for p in self._phrases])
        self._sound: tuple[_Field, _Field, list[str]] | None = None  # pinyin keys: built by warm()
        # the part of the habit score that does not depend on the clock, and the order of ties, computed once
        self._usage = [_usage_score(p.uses) for p in self._phrases]
        self._tie = [(p.title, p.id) for p in self._phrases]

    def __len__(self) -> int:
        return len(self._phrases)

    def warm(self) -> tuple[_Field, _Field, list[str]]:
        """Build the pinyin keys (full, initials, fuzzy) now; safe from another thread, idempotent."""
        if self._sound is None:
            pinyin = [_pinyin_keys(p.title) for p in self._phrases]
            self._sound = (_Field([full for full, _initials in pinyin]),
                           _Field([initials for _full, initials in pinyin]),
                           [f"{p.title.lower()} {full}" for p, (full, _initials) in zip(self._phrases, pinyin,
                                                                                        strict=True)])
        return self._sound

    def by_abbreviation(self, abbreviation: str) -> Phrase | None:
        positions = self._abbreviations.get(abbreviation.lower())
        return self._phrases[positions[0]] if positions else None

    def search(self, query: str, *, limit: int = 20, now: datetime | None = None,
               fit: dict[int, float] | None = None) -> list[Match]:
        """Ranked matches; an empty query lists the most used phrases first. fit (phrase id → 0–1: how well it
        answers the buyer's last message) orders equals, as habit does, never a better kind below a worse."""
        q = query.strip().lower().replace(SEPARATOR, "")
        if not q:
            fits = fit or {}
            return heapq.nsmallest(limit, (Match(p, _habit(p, now) + FIT_POINTS_EMPTY_QUERY * fits.get(p.id, 0.0), 0)
                                           for p in self._phrases), key=_order)
        scores: dict[int, float] = {}
        kinds: dict[int, int] = {}
        usage = self._usage
        # the kind outweighs any habit, so once a kind has filled the list the worse kinds cannot enter it
        for kind, positions in self._kinds(q):
            base = kind * 1000
            for position in positions():
                if position not in scores:
                    scores[position] = base + usage[position]
                    kinds[position] = kind
            if len(scores) >= limit:
                break
        if len(scores) < limit and len(q) >= 2:
            for _key, similarity, position in process.extract(q, self.warm()[2], scorer=fuzz.partial_ratio,
                                                              score_cutoff=FUZZY_CUTOFF, limit=limit * 2):
                if position not in scores:
                    scores[position] = FUZZY * 1000 + similarity * 5 + usage[position]
                    kinds[position] = FUZZY
        if now is not None:  # recency only for phrases used before: few, and the clock moves
            for position in scores:
                last_used = self._phrases[position].last_used
                if last_used is not None:
                    scores[position] += _recency_score(last_used, now)
        if fit:
            for position in scores:
                scores[position] += FIT_POINTS * fit.get(self._phrases[position].id, 0.0)
        tie = self._tie
        best = heapq.nsmallest(limit, scores, key=lambda position: (-scores[position], tie[position]))
        return [Match(self._phrases[position], scores[position], kinds[position]) for position in best]

    def _kinds(self, q: str) -> list[tuple[int, Callable[[], list[int]]]]:
        """The ways q can match, best first, each a lazy search."""
        kinds: list[tuple[int, Callable[[], list[int]]]] = [
            (EXACT_ABBREVIATION, lambda: self._abbreviations.get(q, [])),
            (ABBREVIATION_PREFIX, lambda: self._abbreviation.starting_with(q)),
            (TITLE_PREFIX, lambda: self._title.starting_with(q)),
            (TITLE, lambda: self._title.containing(q)),
        ]
        if q.isascii():
            kinds += [(INITIALS, lambda: self.warm()[1].containing(q)), (PINYIN, lambda: self.warm()[0].containing(q))]
        if len(q) > 1 or not q.isascii():  # one Latin letter is in nearly every body: noise
            kinds.append((BODY, lambda: self._body.containing(q)))
        if not q.isascii():
            # a Chinese query is also compared by sound: 退宽 (a slip of the IME) finds 退款
            sound = _pinyin_keys(q)[0]
            if len(sound) >= 4:
                kinds.append((PINYIN, lambda: self.warm()[0].containing(sound)))
        return kinds


def _usage_score(uses: int) -> float:
    """Up to 300 points for being used often; with recency (up to 100) enough to order equals, never to beat
    a better kind (kinds are 1000 apart)."""
    return min(300.0, 60.0 * math.log1p(uses))


def _recency_score(last_used: datetime, now: datetime) -> float:
    hours = max(0.0, (now - last_used).total_seconds() / 3600)
    return 100.0 / (1.0 + hours / 24)


def _habit(phrase: Phrase, now: datetime | None) -> float:
    recent = _recency_score(phrase.last_used, now) if now is not None and phrase.last_used is not None else 0.0
    return _usage_score(phrase.uses) + recent


def _order(match: Match) -> tuple[float, str, int]:
    return (-match.score, match.phrase.title, match.phrase.id)
