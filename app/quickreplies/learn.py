"""The history index: what the shop's agents sent after buyer turns like this one, as votes per phrase.

Learned from conversations (the store's chats, an imported history, each reply the desk sends): every buyer turn
(the buyer's lines since the last agent line) with the agent line after it, mapped to the closest phrase of the
library (identical once normalised, else a rapidfuzz ratio ≥ MAP_RATIO: a typed near-copy counts for the phrase),
and the agent line before it as context. A query finds the most similar past buyer turns (TF-IDF over character
1–2-grams, cosine, an inverted index whose lists keep only each term's strongest entries) and lets each vote its
similarity for what followed it, plus a popularity prior (how often each phrase was sent) and a bonus when the
conversation stood at the same place (same previous phrase). Identical turns are kept once, with counts.
Replies that map to no phrase vote for nothing; they are kept (counted) for proposing new phrases.
Pure Python, no store, no Qt.
"""

from __future__ import annotations

import heapq
import math
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

# Tuned on the dev chats (real Taobao conversations, split in two by conversation; README of bench_suggest).
MAP_RATIO = 60.0  # a typed reply ≥ this ratio (0–100) to a phrase's text counts as that phrase
MAP_ALL = 2_000  # a library up to this size is compared whole (嗯 ~ 嗯嗯 share no bigram)
MAP_CANDIDATES = 20  # phrases compared by ratio: those sharing most bigrams with the line
MAP_COMMON = 500  # a bigram in more phrases than this is not used to find candidates
NEIGHBOURS = 20  # past buyer turns that vote
PRIOR = 0.2  # the most-sent phrase's prior, against one identical past turn's vote of 1
CONTEXT = 0.2  # a neighbour whose previous agent line was the same phrase votes this much more
MAX_SHARE = 0.1  # a term in more of the turns than this says nothing about which one: left out of queries
PRUNE_FROM = 10  # ... but only once it is in this many turns
QUERY_TERMS = 12  # at most this many of a message's terms are looked up
POSTINGS = 200  # per term, only its strongest entries are kept: a query stays short at a million messages
PRIOR_TOP = 30  # the prior is added for this many most-sent phrases (others cannot reach the top on it alone)
SEEN_LINES = 200_000  # agent lines remembered with the phrase they are (or None)
UNMAPPED_KEPT = 50_000  # distinct typed replies remembered for mining new phrases

BUYER_NAMES = frozenset({"buyer", "买家", "顾客", "客户"})
AGENT_NAMES = frozenset({"agent", "客服", "卖家", "商家"})

_TEMPLATE = re.compile(r"\{[^{}]*\}")


@dataclass(frozen=True)
class Turn:
    """One buyer turn and what answered it."""

    buyer: str  # the buyer's lines since the last agent line, one a line
    reply: str  # the agent line after them
    before: str  # the agent line before them ("" at the start)


def turns(conversation: Iterable[tuple[str, str]]) -> Iterator[Turn]:
    """The buyer turns of one conversation given as ordered (from, text); from is buyer/agent (买家/客服…)."""
    said: list[str] = []
    before = ""
    for who, text in conversation:
        if who in BUYER_NAMES:
            if text.strip():
                said.append(text.strip())
        elif who in AGENT_NAMES and text.strip():
            if said:
                yield Turn("\n".join(said), text.strip(), before)
            said, before = [], text.strip()


def plain(text: str) -> str:
    """A text as compared: template blanks out, width and case folded, no spaces or punctuation."""
    text = unicodedata.normalize("NFKC", _TEMPLATE.sub("", text)).lower()
    return "".join(ch for ch in text if ch.isalnum())


def grams(text: str) -> Counter[str]:
    """Character 1- and 2-grams of a plain text."""
    found = Counter(text)
    found.update(text[i:i + 2] for i in range(len(text) - 1))
    return found


def last_line(buyer: str) -> str:
    # the buyer's last line is the question (在吗, then 什么时候发货): it alone is compared
    lines = [line for line in buyer.split("\n") if line.strip()]
    return lines[-1] if lines else ""


class PhraseMap:
    """Which phrase an agent's line is: identical once normalised, else the closest by ratio ≥ MAP_RATIO among the
    phrases sharing most of its rarer bigrams (a ratio against all 10,000 phrases for each typed line took a
    minute for 200,000 messages)."""

    def __init__(self, phrases: Iterable[tuple[int, str]], ratio: float | None = None) -> None:
        self._exact: dict[str, int] = {}
        for phrase_id, body in phrases:
            self._exact.setdefault(plain(body), phrase_id)
        self._exact.pop("", None)
        self._texts = list(self._exact)
        self._ids = [self._exact[t] for t in self._texts]
        self._ratio = MAP_RATIO if ratio is None else ratio
        self._by_bigram: dict[str, list[int]] = defaultdict(list)
        for at, text in enumerate(self._texts):
            for bigram in {text[i:i + 2] for i in range(len(text) - 1)} or {text}:
                self._by_bigram[bigram].append(at)
        self._seen: dict[str, int | None] = {}  # agents repeat themselves: each distinct line is looked up once
        self._lines: dict[str, int | None] = {}

    def __call__(self, line: str) -> int | None:
        if line in self._lines:  # most replies are a phrase's text again: not normalised again
            return self._lines[line]
        text = plain(line)
        if text in self._exact:
            found = self._exact[text]
        else:
            if text not in self._seen:
                self._seen[text] = self._closest(text) if text else None
            found = self._seen[text]
        if len(self._lines) < SEEN_LINES:
            self._lines[line] = found
        return found

    def _closest(self, text: str) -> int | None:
        if len(self._texts) <= MAP_ALL:
            found = process.extractOne(text, self._texts, scorer=fuzz.ratio, score_cutoff=self._ratio)
            return None if found is None else self._ids[found[2]]
        shared: Counter[int] = Counter()
        for bigram in {text[i:i + 2] for i in range(len(text) - 1)} or {text}:
            holders = self._by_bigram.get(bigram, ())
            if len(holders) <= MAP_COMMON:  # 亲，… starts half the library: it tells no phrase from another
                shared.update(holders)
        candidates = [self._texts[at] for at, _ in shared.most_common(MAP_CANDIDATES)]
        found = process.extractOne(text, candidates, scorer=fuzz.ratio, score_cutoff=self._ratio)
        return None if found is None else self._exact[found[0]]


class HistoryIndex:
    """Past buyer turns, searchable by similarity, each with the phrases sent after it."""

    def __init__(self, phrases: Iterable[tuple[int, str]], history: Iterable[Turn] = ()) -> None:
        """phrases: (id, body) of the library; history: past turns, oldest first or in any order."""
        self.map = PhraseMap(phrases)
        self.sent: Counter[int] = Counter()  # phrase id → times sent (the popularity prior)
        self.unmapped: Counter[str] = Counter()  # typed replies like no phrase
        self._key: dict[tuple[str, int], int] = {}  # (plain last buyer line, previous phrase or -1) → turn no.
        self._votes: list[dict[int, int]] = []  # turn no. → phrase id → times it followed
        self._before: list[int] = []  # turn no. → previous phrase id, -1 for none
        self._idf: dict[str, float] = {}
        self._postings: dict[str, list[tuple[int, float]]] = {}
        self._df: Counter[str] = Counter()
        self.generation = 0  # replies learnt since the build: what a suggester kept for a message is stale then
        # the desk learns a reply on the GUI thread while a suggestion may be computed on another
        self._lock = threading.Lock()
        pending = [self._add(turn) for turn in history]
        self._build([t for t in pending if t is not None])

    def __len__(self) -> int:
        return len(self._votes)

    def _add(self, turn: Turn) -> tuple[int, str] | None:
        """Count the turn; returns (turn no., text) when it is new and has to be indexed."""
        phrase_id = self.map(turn.reply)
        if phrase_id is None:
            if len(self.unmapped) < UNMAPPED_KEPT or turn.reply in self.unmapped:
                self.unmapped[turn.reply] += 1
            return None
        self.sent[phrase_id] += 1
        text = plain(last_line(turn.buyer))
        if not text:
            return None
        before = self.map(turn.before) if turn.before else None
        key = (text, -1 if before is None else before)
        at = self._key.get(key)
        new = at is None
        if at is None:
            at = self._key[key] = len(self._votes)
            self._votes.append({})
            self._before.append(key[1])
        self._votes[at][phrase_id] = self._votes[at].get(phrase_id, 0) + 1
        return (at, text) if new else None

    def _build(self, new: Sequence[tuple[int, str]]) -> None:
        counted = [(at, grams(text)) for at, text in new]
        for _, found in counted:
            self._df.update(found.keys())
        total = len(self._votes)
        self._idf = {term: math.log((total + 1) / (df + 1)) + 1 for term, df in self._df.items()}
        lists: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for at, found in counted:
            for term, weight in self._vector(found).items():
                lists[term].append((at, weight))
        # the strongest entries of each term (short turns that are mostly this term); the rest never decide
        self._postings = {term: entries if len(entries) <= POSTINGS else heapq.nlargest(POSTINGS, entries,
                                                                                          key=lambda e: e[1])
                          for term, entries in lists.items()}

    def _vector(self, found: Counter[str]) -> dict[str, float]:
        unseen = math.log(len(self._votes) + 1) + 1  # a term no turn had at the build: as rare as can be
        vector = {t: (1 + math.log(c)) * self._idf.get(t, unseen) for t, c in found.items()}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        return {t: w / norm for t, w in vector.items() if w}

    def learn(self, turn: Turn) -> None:
        """Remember one more turn (a reply the desk just sent); the term weights stay those of the last build."""
        with self._lock:
            self.generation += 1
            added = self._add(turn)
            if added is None:
                return
            at, text = added
            for term, weight in self._vector(grams(text)).items():
                entries = self._postings.setdefault(term, [])
                if len(entries) < POSTINGS:
                    entries.append((at, weight))

    def neighbours(self, buyer: str, k: int | None = None, *, prune: bool = True) -> list[tuple[float, int]]:
        """The k past turns most like the buyer's last line: (cosine, turn no.), most similar first."""
        found = grams(plain(last_line(buyer)))
        # a small history has no terms too common to tell turns apart: 吗 in 3 of 5 turns still says something
        limit = max(MAX_SHARE * len(self._votes), PRUNE_FROM) if prune else math.inf
        query = {t: w for t, w in self._vector(found).items() if self._df[t] <= limit and t in self._postings}
        if prune and len(query) > QUERY_TERMS:  # a long message: its rarest terms decide, and the query stays bounded
            query = dict(heapq.nlargest(QUERY_TERMS, query.items(), key=lambda item: item[1]))
        scores: dict[int, float] = defaultdict(float)
        for term, weight in query.items():
            for at, doc_weight in self._postings[term]:
                scores[at] += weight * doc_weight
        return heapq.nlargest(NEIGHBOURS if k is None else k, ((s, at) for at, s in scores.items()))

    def votes(self, buyer: str, before: str = "") -> dict[int, float]:
        """Phrase id → evidence that it answers the buyer: similar turns' votes, the popularity prior (also when no
        past turn is like it: what is sent most is the best guess then), the context. before: the agent's last
        line in this conversation, if any."""
        return self.evidence(buyer, before)[0]

    def evidence(self, buyer: str, before: str = "") -> tuple[dict[int, float], float]:
        """votes(), and how alike the most similar past buyer turn is (0–1): how much the votes can be trusted."""
        with self._lock:
            return self._votes_for(buyer, before)

    def _votes_for(self, buyer: str, before: str) -> tuple[dict[int, float], float]:
        scores: dict[int, float] = defaultdict(float)
        likeness = 0.0
        if self.sent:
            most = math.log1p(self.sent.most_common(1)[0][1])
            for phrase_id, times in self.sent.most_common(PRIOR_TOP):
                scores[phrase_id] += PRIOR * math.log1p(times) / most
        was = self.map(before) if before else None
        for similarity, at in self.neighbours(buyer):
            likeness = max(likeness, similarity)
            weight = similarity + (CONTEXT if was is not None and self._before[at] == was else 0.0)
            votes = self._votes[at]
            total = sum(votes.values())
            for phrase_id, times in votes.items():
                # a turn seen many times counts more, but not linearly: 在吗 said 10,000 times is one question
                scores[phrase_id] += weight * times / total * (1 + math.log(total))
        return dict(scores), likeness

    def nearest(self, buyer: str, top: int = 3) -> list[int]:
        """The baseline: the phrases that followed the most similar past turns, in order (TF-IDF nearest neighbour)."""
        out: list[int] = []
        for _, at in self.neighbours(buyer, k=max(50, top * 10), prune=False):
            for phrase_id, _times in sorted(self._votes[at].items(), key=lambda v: -v[1]):
                if phrase_id not in out:
                    out.append(phrase_id)
            if len(out) >= top:
                break
        return out[:top]
