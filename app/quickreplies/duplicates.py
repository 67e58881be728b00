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
    alike first: candidates to merge."""
    from rapidfuzz import fuzz, process

    keyed = [(p, k) for p in phrases if (k := key(p.body))]
    keys = [k for _, k in keyed]
    pairs: list[NearDuplicate] = []
    for i, k in enumerate(keys):
        for _, score, j in process.extract(k, keys, scorer=fuzz.ratio, score_cutoff=similar, limit=None):
            if i < j:
                pairs.append(NearDuplicate(keyed[i][0], keyed[j][0], round(score)))
    return sorted(pairs, key=lambda d: (-d.score, d.phrase.id, d.other.id))
