"""Finding a phrase from a few keystrokes: substring, pinyin initials (tkdz → 退款地址), full pinyin and
typo-tolerant fuzzy matching, ranked by match quality, then by how often and how recently it was used.

The only place phrases are matched: the palette, the CLI and the benchmarks all call PhraseIndex.search().
"""

from __future__ import annotations

import bisect
import functools
import gc
import heapq
import math
import re
from collections.abc import Callable, Iterable, Sequence
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
RECENCY_POINTS = 100.0  # the most recency gives (a phrase used this very moment)
CEILING_SLACK = 1e-6  # sums in another order differ in the last bits: never let that drop a phrase


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
    gc.collect()  # what is garbage now must not be kept for good by the freeze below
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT
    from pypinyin.style._utils import replace_symbol_to_no_symbol

    # ~200,000 lists that live as long as the process: out of the collector's reach, else every full collection
    # walks them (150-200 ms on a busy two-core PC) and whatever the GUI thread does then, a palette keystroke,
    # waits for it. gc.freeze() keeps everything alive now for good, so it is done once, here, where the heap
    # is mostly tables.
    gc.freeze()
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
        self.keys = keys
        self.text = SEPARATOR + SEPARATOR.join(keys) + SEPARATOR
        self.starts: list[int] = []
        offset = 1
        for key in keys:
            self.starts.append(offset)
            offset += len(key) + 1

    def containing(self, needle: str) -> list[int]:
        """Positions of the phrases whose key contains needle (each once), in order."""
        found = self.sparse(needle)
        # sh is in a third of all pinyin: one pass over the keys, not a find and a bisect per hit
        return [position for position, key in enumerate(self.keys) if needle in key] if found is None else found

    def sparse(self, needle: str) -> list[int] | None:
        """containing(needle) when few keys hold it (one in MANY_HITS or fewer), else None."""
        found: list[int] = []
        text, starts = self.text, self.starts
        many = len(starts) // MANY_HITS
        hit = text.find(needle)
        while hit != -1:
            position = bisect.bisect_right(starts, hit) - 1
            found.append(position)
            if len(found) > many:
                return None
            following = starts[position + 1] if position + 1 < len(starts) else len(text)
            hit = text.find(needle, following)
        return found

    def starting_with(self, needle: str) -> list[int]:
        found: list[int] = []
        text, starts = self.text, self.starts
        hit = text.find(SEPARATOR + needle)
        while hit != -1:
            found.append(bisect.bisect_left(starts, hit + 1))
            hit = text.find(SEPARATOR + needle, hit + 1)
        return found


class _FuzzyKeys:
    """Every phrase's title and its pinyin, for typo-tolerant matching; a key shared by several phrases (欢迎语 in
    each agent's own group) is compared once."""

    def __init__(self, keys: list[str]) -> None:
        owners: dict[str, list[int]] = {}
        for position, key in enumerate(keys):
            owners.setdefault(key, []).append(position)
        self.keys = list(owners)  # in the order of each key's first phrase
        self.owners = list(owners.values())

    def similar(self, q: str, limit: int) -> list[tuple[float, int]]:
        """(similarity, position) of the limit phrases most like q, at least FUZZY_CUTOFF: the same phrases, in
        the same order, as comparing every phrase's own key (ties: the earlier phrase first)."""
        # a phrase among the limit best has its key among the limit best keys: the keys before it are fewer
        found = [(similarity, position) for _key, similarity, at in
                 process.extract(q, self.keys, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_CUTOFF, limit=limit)
                 for position in self.owners[at]]
        return heapq.nsmallest(limit, found, key=lambda hit: (-hit[0], hit[1]))


# how a kind of match is searched: a function listing its positions, or (the field, when built; the needle in it)
_Way = Callable[[], list[int]] | tuple[Callable[[], _Field], str]

SEPARATOR = "\x00"
LATIN_GAP = "\x02"  # stands for a run of non-ASCII characters in the Latin-only copy of a field
_NOT_LATIN = re.compile(r"[^\x00-\x7f]+")
MANY_HITS = 64  # a needle in more than one key of this many is dense: tried phrase by phrase, likeliest first


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
        # a phrase's every text is searched: a word only its second text says finds it too
        self._body = _Field([(p.body if not p.variants else " ".join(p.texts)).lower().replace(SEPARATOR, " ")
                             for p in self._phrases])
        self._sound: tuple[_Field, _Field, _FuzzyKeys] | None = None  # pinyin keys: built by warm()
        # the part of the habit score that does not depend on the clock, and the order of ties, computed once
        self._usage = [_usage_score(p.uses) for p in self._phrases]
        self._used = [p.last_used is not None for p in self._phrases]
        self._tie = [(p.title, p.id) for p in self._phrases]
        self._rank: list[int] | None = None  # built by the first ranking that needs it
        self._latin_fields: tuple[_Field, _Field] | None = None  # built by warm() or the first Latin query
        self._walk_order: tuple[list[int], list[float]] | None = None  # built by warm() or the first dense query
        self._by_id: dict[int, list[int]] | None = None

    def __len__(self) -> int:
        return len(self._phrases)

    def warm(self) -> tuple[_Field, _Field, _FuzzyKeys]:
        """Build the pinyin keys (full, initials, fuzzy), the Latin copies and the orders the ranking reads now;
        safe from another thread, idempotent."""
        self._tie_rank()
        self._walk()
        self._latin()
        if self._sound is None:
            pinyin = [_pinyin_keys(p.title) for p in self._phrases]
            self._sound = (_Field([full for full, _initials in pinyin]),
                           _Field([initials for _full, initials in pinyin]),
                           _FuzzyKeys([f"{p.title.lower()} {full}" for p, (full, _initials) in
                                       zip(self._phrases, pinyin, strict=True)]))
        return self._sound

    def _latin(self) -> tuple[_Field, _Field]:
        """Titles and texts with each run of other characters cut to one LATIN_GAP: a Latin query (pinyin, an
        abbreviation, a price) is found in the same phrases, at the same start, in a sixth of the text, so a
        typo's search through every text (before the fuzzy match) is not a scan of a megabyte of Chinese."""
        if self._latin_fields is None:
            self._latin_fields = (_Field([_NOT_LATIN.sub(LATIN_GAP, key) for key in self._title.keys]),
                                  _Field([_NOT_LATIN.sub(LATIN_GAP, key) for key in self._body.keys]))
        return self._latin_fields

    def by_abbreviation(self, abbreviation: str) -> Phrase | None:
        positions = self._abbreviations.get(abbreviation.lower())
        return self._phrases[positions[0]] if positions else None

    def search(self, query: str, *, limit: int = 20, now: datetime | None = None,
               fit: dict[int, float] | None = None) -> list[Match]:
        """Ranked matches; an empty query lists the most used phrases first. fit (phrase id → 0–1: how well it
        answers the buyer's last message) orders equals, as habit does, never a better kind below a worse.

        Called on every keystroke of the palette: the kinds are 1000 points apart, so only the kind that fills
        the list is ranked, and only its few phrases that can still make the list are scored exactly."""
        q = query.strip().lower().replace(SEPARATOR, "")
        if limit <= 0:
            return []
        points = self._fit_points(fit, FIT_POINTS_EMPTY_QUERY if not q else FIT_POINTS)
        if not q:
            return self._best(range(len(self._phrases)), limit, 0, 0.0, now, points)
        found: list[Match] = []
        seen: set[int] = set()
        # the kind outweighs any habit, so once a kind has filled the list the worse kinds cannot enter it
        for kind, way in self._kinds(q):
            if callable(way):
                hits = way()
            else:  # a substring of one field
                field, needle = way[0](), way[1]
                sparse = field.sparse(needle)
                if sparse is None:  # in many keys (sh in a third of all pinyin): the likeliest first, no more
                    dense = self._dense(field, needle, kind, limit - len(found), seen, now, points)
                    if dense is not None:
                        return found + dense
                hits = field.containing(needle) if sparse is None else sparse
            # each kind lists a phrase once; a phrase a better kind found is that kind's
            fresh = [position for position in hits if position not in seen] if seen else hits
            if fresh:
                found += self._best(fresh, limit - len(found), kind, kind * 1000, now, points)
                if len(seen) + len(fresh) >= limit:
                    return found
                seen.update(fresh)
        if len(q) >= 2:
            similar = {position: similarity for similarity, position in self.warm()[2].similar(q, limit * 2)
                       if position not in seen}
            found += self._best(list(similar), limit - len(found), FUZZY, FUZZY * 1000, now, points, similar)
        return found

    def _fit_points(self, fit: dict[int, float] | None, weight: float) -> dict[int, float]:
        """position → the points fit gives it (a dozen phrases, not the library)."""
        if not fit:
            return {}
        by_id = self._positions_by_id()
        return {position: weight * share for phrase_id, share in fit.items() for position in by_id.get(phrase_id, ())}

    def _positions_by_id(self) -> dict[int, list[int]]:
        if self._by_id is None:
            by_id: dict[int, list[int]] = {}
            for position, phrase in enumerate(self._phrases):
                by_id.setdefault(phrase.id, []).append(position)
            self._by_id = by_id
        return self._by_id

    def _best(self, positions: Sequence[int], count: int, kind: int, base: float, now: datetime | None,
              points: dict[int, float], similar: dict[int, float] | None = None) -> list[Match]:
        """The count best of positions (all of one kind), best first: score, then title, then id.

        Habit (usage, recency) and fit only order phrases of one kind, and usage is known ahead: the count-th best
        usage (+ fit) is a floor that a phrase's most possible score (+ the 100 recency points) must reach. Only
        those few are scored exactly, so a keystroke matching 4,000 phrases allocates no object per phrase."""
        usage, used = self._usage, self._used
        if len(positions) > count:
            if similar is not None:  # fuzzy: at most twice the limit, scored exactly
                candidates: Sequence[int] = positions
            else:
                lows = [usage[p] + points[p] if p in points else usage[p] for p in positions] if points else \
                    [usage[p] for p in positions]
                floor = heapq.nlargest(count, lows)[-1] - CEILING_SLACK
                candidates = [p for p, low in zip(positions, lows, strict=True)
                              if (low + RECENCY_POINTS if now is not None and used[p] else low) >= floor]
        else:
            candidates = positions
        phrases = self._phrases
        scores: dict[int, float] = {}
        for position in candidates:
            score = base + similar[position] * 5 + usage[position] if similar is not None else base + usage[position]
            if now is not None and used[position]:  # recency only for phrases used before: few, and the clock moves
                score += _recency_score(phrases[position].last_used, now)  # type: ignore[arg-type]
            if position in points:
                score += points[position]
            scores[position] = score
        if len(scores) > count:
            cut = heapq.nlargest(count, scores.values())[-1]
            above = [p for p in scores if scores[p] > cut]
            tie, rank = [p for p in scores if scores[p] == cut], self._tie_rank()
            best = sorted(above, key=lambda p: (-scores[p], rank[p])) + \
                heapq.nsmallest(count - len(above), tie, key=rank.__getitem__)
        else:
            rank = self._tie_rank()
            best = sorted(scores, key=lambda p: (-scores[p], rank[p]))
        return [Match(phrases[p], scores[p], kind) for p in best]

    def _dense(self, field: _Field, needle: str, kind: int, count: int, seen: set[int], now: datetime | None,
               points: dict[int, float]) -> list[Match] | None:
        """The count best phrases whose key in field holds needle, when it fills the list (else None): phrases
        are tried by their most possible habit, best first, until no later one can reach the count-th best
        usage found; those with fit points are tried wherever they are."""
        keys, usage = field.keys, self._usage
        order, ceilings = self._walk()
        found: list[int] = []
        lows: list[float] = []  # the count best usages (+ fit) found: lows[0] is the floor
        for position in points:
            if position not in seen and needle in keys[position]:
                found.append(position)
                _keep_best(lows, count, usage[position] + points[position])
        for position, ceiling in zip(order, ceilings, strict=True):
            if len(lows) >= count and ceiling < lows[0] - CEILING_SLACK:
                break
            if position in seen or position in points or needle not in keys[position]:
                continue
            found.append(position)
            _keep_best(lows, count, usage[position])
        if len(found) < count:
            return None
        return self._best(found, count, kind, kind * 1000, now, points)

    def _walk(self) -> tuple[list[int], list[float]]:
        """Every position by the most habit it can score (usage, and all of recency if ever used), best first."""
        if self._walk_order is None:
            usage, used = self._usage, self._used
            ceiling = [u + RECENCY_POINTS if was else u for u, was in zip(usage, used, strict=True)]
            order = sorted(range(len(usage)), key=lambda position: -ceiling[position])
            self._walk_order = (order, [ceiling[position] for position in order])
        return self._walk_order

    def _tie_rank(self) -> list[int]:
        """position → its place among all phrases by title, then id: the order of equal scores, as an int."""
        if self._rank is None:
            rank = [0] * len(self._phrases)
            for place, position in enumerate(sorted(range(len(self._phrases)), key=self._tie.__getitem__)):
                rank[position] = place
            self._rank = rank
        return self._rank

    def _kinds(self, q: str) -> list[tuple[int, _Way]]:
        """The ways q can match, best first, each a lazy search: positions, or a needle and the field it is in."""
        title, body = self._title, self._body
        if q.isascii() and LATIN_GAP not in q:  # only the Latin in titles and texts can hold it: search that alone
            title, body = self._latin()
        kinds: list[tuple[int, _Way]] = [
            (EXACT_ABBREVIATION, lambda: self._abbreviations.get(q, [])),
            (ABBREVIATION_PREFIX, lambda: self._abbreviation.starting_with(q)),
            (TITLE_PREFIX, lambda: title.starting_with(q)),
            (TITLE, (lambda: title, q)),
        ]
        if q.isascii():
            kinds += [(INITIALS, (lambda: self.warm()[1], q)), (PINYIN, (lambda: self.warm()[0], q))]
        if len(q) > 1 or not q.isascii():  # one Latin letter is in nearly every body: noise
            kinds.append((BODY, (lambda: body, q)))
        if not q.isascii():
            # a Chinese query is also compared by sound: 退宽 (a slip of the IME) finds 退款
            sound = _pinyin_keys(q)[0]
            if len(sound) >= 4:
                kinds.append((PINYIN, (lambda: self.warm()[0], sound)))
        return kinds


def _keep_best(best: list[float], count: int, value: float) -> None:
    """best: a heap of the count largest values seen (its smallest first)."""
    if len(best) < count:
        heapq.heappush(best, value)
    elif value > best[0]:
        heapq.heapreplace(best, value)


def _usage_score(uses: int) -> float:
    """Up to 300 points for being used often; with recency (up to 100) enough to order equals, never to beat
    a better kind (kinds are 1000 apart)."""
    return min(300.0, 60.0 * math.log1p(uses))


def _recency_score(last_used: datetime, now: datetime) -> float:
    hours = max(0.0, (now - last_used).total_seconds() / 3600)
    return RECENCY_POINTS / (1.0 + hours / 24)
