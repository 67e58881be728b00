"""Which incoming phrases (an import, a shared library) the library already has: the same abbreviation, or the
same text. Shown to the agent, never imported twice. And which phrases of the library nearly say the same (phrase
analytics), compared as mined replies are."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.quickreplies.mining import SIMILAR, key
from app.quickreplies.phrase import Phrase


@dataclass(frozen=True)
class Duplicate:
    phrase: Phrase
    existing: Phrase
    why: str  # "same abbreviation" / "same text"


def dedupe(incoming: Sequence[Phrase], existing: Sequence[Phrase]) -> tuple[list[Phrase], list[Duplicate]]:
    """Split incoming into new phrases and duplicates of the library or of an earlier incoming phrase:
    the same abbreviation, or the same text."""
    by_abbreviation = {p.abbreviation.lower(): p for p in existing if p.abbreviation}
    by_body = {p.body.rstrip(): p for p in existing if p.body.strip()}
    new: list[Phrase] = []
    duplicates: list[Duplicate] = []
    for phrase in incoming:
        same = by_abbreviation.get(phrase.abbreviation.lower()) if phrase.abbreviation else None
        if same is not None:
            duplicates.append(Duplicate(phrase, same, "same abbreviation"))
            continue
        same = by_body.get(phrase.body.rstrip()) if phrase.body.strip() else None
        if same is not None:
            duplicates.append(Duplicate(phrase, same, "same text"))
            continue
        new.append(phrase)
        if phrase.abbreviation:
            by_abbreviation[phrase.abbreviation.lower()] = phrase
        by_body[phrase.body.rstrip()] = phrase
    return new, duplicates


@dataclass(frozen=True)
class NearDuplicate:
    phrase: Phrase
    other: Phrase
    score: int  # rapidfuzz ratio of their texts as mining compares replies (0–100)


def near_duplicates(phrases: Sequence[Phrase], similar: int = SIMILAR) -> list[NearDuplicate]:
    """Pairs of library phrases that say nearly the same (亲/亲亲, a 哦, punctuation, a variable aside), the most
    alike first, the older phrase first in a pair: candidates to merge. Every pair of similar length is compared
    (rapidfuzz, in C): about a second for 2,000 phrases, a minute for 10,000 alike ones (bench phrase_report)."""
    from rapidfuzz import fuzz, process

    keyed = sorted(((p, k) for p in phrases if (k := key(p.body))), key=lambda pk: len(pk[1]))
    keys = [k for _, k in keyed]
    # a ratio of `similar` needs the shorter key at least this share of the longer: each key is compared with the
    # longer keys up to that length only (sorted by length), not with the whole library
    share = similar / (200 - similar)
    pairs: list[NearDuplicate] = []
    end = 0
    for i, k in enumerate(keys):
        while end < len(keys) and len(keys[end]) * share <= len(k):
            end += 1
        for _, score, j in process.extract(k, keys[i + 1:end], scorer=fuzz.ratio, score_cutoff=similar, limit=None):
            one, other = sorted((keyed[i][0], keyed[i + 1 + j][0]), key=lambda p: p.id)
            pairs.append(NearDuplicate(one, other, round(score)))
    return sorted(pairs, key=lambda d: (-d.score, d.phrase.id, d.other.id))
