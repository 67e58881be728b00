"""Phrases mined from what agents typed by hand: replies written many times, near-duplicates grouped (亲/亲亲, a
different 哦 or emoji, punctuation), proposed with their count; one-offs that carry an order no., a phone, a link
or the buyer's name are never proposed.

`key()` is the comparison form shared with the phrase library's near-duplicates (duplicates.near_duplicates)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

SIMILAR = 85  # rapidfuzz ratio (0–100) of two keys that are one reply typed two ways
MIN_COUNT = 3  # a reply typed fewer times than this is no phrase yet
MIN_KEY = 4  # characters left after key(): 好的, 在的, 嗯嗯 are answers, not phrases
MAX_KEY = 200  # a key is stored (phrase_dismissal.key); a longer reply compares by its first 200 characters
MAX_DISTINCT = 5_000  # the most typed distinct keys grouped: a reply typed rarer than these is no phrase yet

# how agents address a buyer and end a sentence, in any mix: not what makes two replies different
_ADDRESS = re.compile(r"亲爱的|亲亲|亲|客官|宝宝|宝贝")
_ENDINGS = re.compile(r"[哦噢喔呢哈呀啦嘛的]+$")
_EMOTICON = re.compile(r"/:[^\s/]{1,6}|\[[^\[\]]{1,4}\]")  # 旺旺 /:^_^ and [微笑] codes
_NOT_WORD = re.compile(r"[\W_]+")  # punctuation, spaces, emoji: all but letters and digits of any script
_VARIABLE = re.compile(r"\{[^{}]*\}")  # a phrase's {buyer}: filled with something else each time
# a one-off: an order or tracking no. (6+ digits), a phone, a link, an e-mail, an amount with its unit
_ONE_OFF = re.compile(r"\d{6,}|1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|https?://|www\.|\d+(\.\d+)?\s*元")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.\w")  # only where an @ is: matched everywhere it cost seconds


@dataclass(frozen=True)
class Mined:
    """A reply worth a phrase: its most typed wording (of equals, the one met first: mine() is given the newest
    first), how often it or a near-duplicate was typed."""

    text: str
    key: str
    count: int
    variants: tuple[str, ...]  # the other wordings, most typed first


def key(text: str) -> str:
    """The reply as mining compares it: NFKC, lower case, without address words, emoji, punctuation, spaces or a
    trailing 哦/呢; at most MAX_KEY characters."""
    text = _NOT_WORD.sub("", _EMOTICON.sub("", _VARIABLE.sub("", unicodedata.normalize("NFKC", text).lower())))
    return _ENDINGS.sub("", _ADDRESS.sub("", text))[:MAX_KEY]


def one_off(text: str, buyer: str = "") -> bool:
    """Written for one buyer only: an order no., a phone, a link, an e-mail, an amount, or the buyer's own name."""
    return _for_one(text) or _names(text, buyer)


def _for_one(text: str) -> bool:
    return bool(_ONE_OFF.search(text)) or ("@" in text and bool(_EMAIL.search(text)))


def _names(text: str, buyer: str) -> bool:
    return len(buyer.strip()) >= 2 and buyer.strip() in text


def mine(replies: Iterable[tuple[str, str]], *, known: Sequence[str] = (), dismissed: Iterable[str] = (),
         min_count: int = MIN_COUNT, similar: int = SIMILAR) -> list[Mined]:
    """Group (reply text, buyer) pairs, newest first, into proposals, most typed first. known: the library's phrase texts (a
    reply near one is no proposal); dismissed: keys the shop turned down (a group near one is not proposed)."""
    wordings: dict[str, Counter[str]] = defaultdict(Counter)
    keys: dict[str, str] = {}  # text → key ("" for a one-off): most replies are typed word for word again
    for text, buyer in replies:
        text = text.strip()
        k = keys.get(text)
        if k is None:
            k = keys[text] = "" if not text or _for_one(text) else key(text)
        if len(k) >= MIN_KEY and not _names(text, buyer):
            wordings[k][text] += 1
    counts = Counter({k: sum(c.values()) for k, c in wordings.items()})
    leaders: list[str] = []
    members: dict[str, list[str]] = {}
    for k, _ in counts.most_common(MAX_DISTINCT):  # most typed first: it names its group
        hit = process.extractOne(k, leaders, scorer=fuzz.ratio, score_cutoff=similar) if leaders else None
        if hit is None:
            leaders.append(k)
            members[k] = [k]
        else:
            members[hit[0]].append(k)
    known_keys = [k for k in (key(t) for t in known) if k]
    turned_down = list(dismissed)
    found: list[Mined] = []
    for leader in leaders:
        count = sum(counts[k] for k in members[leader])
        if count < min_count or _near(leader, known_keys, similar) or _near(leader, turned_down, similar):
            continue
        texts = Counter[str]()
        for k in members[leader]:
            texts.update(wordings[k])
        ranked = [t for t, _ in texts.most_common()]
        found.append(Mined(ranked[0], leader, count, tuple(ranked[1:])))
    return sorted(found, key=lambda p: (-p.count, p.text))


def _near(k: str, keys: Sequence[str], similar: int) -> bool:
    return bool(keys) and process.extractOne(k, keys, scorer=fuzz.ratio, score_cutoff=similar) is not None
