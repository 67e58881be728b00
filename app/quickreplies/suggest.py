"""Which phrases answer this buyer message: the three suggestions above the composer (Alt+Q/W/E), the palette's
"fits the buyer" tie-break and `kefudesk phrases suggest`.

Three kinds of evidence, added up per phrase:
- words: the message's Chinese bigrams and Latin words found in a phrase's title, tags and group (strong) or
  body (weak), weighted by how rare they are in the library; a few ways buyers say the same thing (什么时候发 →
  发货) are widened to the library's words first;
- habit: the phrases the agents fired after similar buyer messages before (store.phrase_uses), weighted by how
  alike the messages are;
- history (when given an app.quickreplies.learn.HistoryIndex): what the shop's agents sent, typed or fired, after
  similar buyer turns, with how often each phrase is sent at all. Where the history has a say, the words count
  less: a buyer's 好的 is not answered with the phrase titled 好的.
Never suggested: a phrase the shop has not finished setting up (a 【请在短语管理里…】 placeholder in its text), and
whatever the caller leaves out (the desk: phrases not for a complaining buyer, when the buyer complains).
Pure Python over dictionaries built once per library; a message is scored once (a few milliseconds at 10,000
phrases) and kept, so the palette's keystrokes only look its scores up.
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

from app.quickreplies.learn import PRIOR, HistoryIndex
from app.quickreplies.phrase import FLAG_TAGS, Phrase
from app.quickreplies.template import needs_setup

# How buyers ask → the words the library uses. Written for KefuDesk from the simulator's buyer intents.
SYNONYMS: dict[str, str] = {
    "什么时候发": "发货", "几天发": "发货", "发出": "发货", "还没发": "发货 催件", "啥时候发": "发货",
    "到哪": "物流 快递", "还没到": "物流 催件", "没收到": "物流 催件", "单号": "运单号 物流", "快递": "物流",
    "多大": "尺码", "什么码": "尺码", "几码": "尺码", "偏大": "尺码", "偏小": "尺码", "脚长": "尺码 量脚",
    "便宜": "优惠", "少点": "优惠 抹零", "包邮": "优惠", "券": "优惠券", "活动": "优惠",
    "退": "退款 退货", "不想要": "退款 退货", "换": "换货 尺码", "少了": "少发", "漏发": "少发",
    "坏": "质量 售后", "开胶": "质量 售后", "质量": "质量 售后", "地址": "修改地址 地址", "改地址": "修改地址",
    "有货": "有货 库存", "没货": "补货 库存", "缺货": "补货", "现货": "有货", "你好": "欢迎语", "在吗": "欢迎语",
    "谢谢": "结束语", "好评": "好评 评价", "差评": "差评 中差评",
}
_LATIN = re.compile(r"[a-z0-9]+")
_HAN = re.compile(r"[\u3400-\u9fff]+")

STRONG = 3.0  # a word in the title or tags
MEDIUM = 2.0  # a word in the group's name
WEAK = 1.0  # a word in the body only
EARLIER_LINES = 0.3  # the buyer's earlier unanswered messages, against the last one
HABIT_WEIGHT = 8.0  # one firing after an identical message outweighs two title words
HABIT_MIN_SIMILARITY = 0.25  # share of bigrams: 开胶了可以退吗 ~ 鞋子开胶了能退吗 is 0.3
MESSAGES_KEPT = 16  # buyer messages whose scores are kept: the chats an agent switches between
HISTORY_WEIGHT = 30.0  # the history's votes (one identical past turn ~ 1) against the words' scores
WORDS_WITH_HISTORY = 0.1  # the words' share once the history has a say (tuned with HISTORY_WEIGHT on the dev chats)
HISTORY_FULL = 200  # distinct past buyer turns from which the history has its full say (the dev chats' half: 358)
ALIKE_FROM, ALIKE_FULL = 0.25, 0.5  # before that: none for a most-alike past turn under 0.25 (cosine), full from 0.5


@dataclass(frozen=True)
class Suggestion:
    phrase: Phrase
    score: float
    reasons: tuple[str, ...]  # for the tooltip and --json: which words, how many similar firings


def terms(text: str) -> set[str]:
    """The words of a text: Chinese single characters and bigrams, Latin/digit words (lower-cased)."""
    text = text.lower()
    found = set(_LATIN.findall(text))
    for run in _HAN.findall(text):
        found.update(run)
        found.update(run[i:i + 2] for i in range(len(run) - 1))
    return found


def _widened(message: str) -> set[str]:
    words = terms(message)
    for asked, meant in SYNONYMS.items():
        if asked in message:
            for word in meant.split():
                words |= terms(word)
    return words


def _informative(term: str) -> bool:
    # one Chinese character (亲, 的, 您) or one Latin letter is in half the library: bigrams and words carry it
    return len(term) > 1


class Suggester:
    def __init__(self, phrases: Sequence[Phrase], history: Iterable[tuple[int, str]] = (), *,
                 learned: HistoryIndex | None = None) -> None:
        self._phrases = {p.id: p for p in phrases}
        self.learned = learned
        self._unfinished = frozenset(p.id for p in phrases if needs_setup(p.body))
        where: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for p in phrases:
            weights: dict[str, float] = {}
            # the flag tags are no words: 不推荐给投诉买家 would make a review invitation the answer to 投诉
            tags = " ".join(t for t in p.tags if t not in FLAG_TAGS)
            for text, weight in ((p.body, WEAK), (p.group, MEDIUM), (f"{p.title} {tags}", STRONG)):
                weights |= {t: weight for t in terms(text) if _informative(t)}
            for term, weight in weights.items():
                ids, weighed = where[term]
                ids.append(p.id)
                weighed.append(weight)
        # term → (phrase ids, weights) as plain arrays: at 10,000 phrases half a million (id, weight) pairs that the
        # garbage collector walked one by one in every full collection (~50 ms of CPU, the palette waiting)
        self._where = {term: (array("q", ids), array("d", weighed)) for term, (ids, weighed) in where.items()}
        count = max(1, len(phrases))
        self._rarity = {term: math.log(1 + count / len(ids)) for term, (ids, _weights) in self._where.items()}
        # past firings, grouped by the buyer message they answered, searchable by its terms
        self._past: list[tuple[set[str], Counter[int]]] = []
        self._past_by_term: dict[str, list[int]] = defaultdict(list)
        self._past_index: dict[str, int] = {}
        # the last few buyer messages scored (an agent answers several chats at once), until the floor learns
        self._scores: dict[tuple[str, str, int], tuple[dict[int, float], dict[int, list[str]]]] = {}
        self._fits: dict[tuple[str, int, int], dict[int, float]] = {}
        for phrase_id, prompt in history:
            self.learn(phrase_id, prompt)

    def learn(self, phrase_id: int, prompt: str) -> None:
        """Remember that phrase_id was fired to answer the buyer message prompt."""
        if phrase_id not in self._phrases or not prompt.strip():
            return
        self._scores.clear()  # a habit learnt changes what every message scored
        self._fits.clear()
        at = self._past_index.get(prompt)
        if at is None:
            prompt_terms = {t for t in terms(prompt) if _informative(t)}
            if not prompt_terms:
                return
            at = self._past_index[prompt] = len(self._past)
            for term in prompt_terms:
                self._past_by_term[term].append(at)
            self._past.append((prompt_terms, Counter()))
        self._past[at][1][phrase_id] += 1

    def suggest(self, message: str, top: int = 3, *, leave_out: Container[int] = (),
                before: str = "") -> list[Suggestion]:
        """message: what the buyer is waiting on, one message a line; the last line is the question that
        counts most (在吗 then 什么时候发货 asks about shipping, not for a greeting). leave_out: phrase ids not to
        suggest this time. before: the agent's last line in this chat, if known (the history's context)."""
        scores, reasons = self._scored(message, before)
        unfinished, phrases = self._unfinished, self._phrases
        wanted = [pid for pid in scores if pid not in unfinished and pid not in leave_out]
        if len(wanted) > top > 0:  # only phrases scoring at least the top-th best can be among the top
            cut = heapq.nlargest(top, map(scores.__getitem__, wanted))[-1]
            wanted = [pid for pid in wanted if scores[pid] >= cut]
        best = heapq.nsmallest(top, wanted, key=lambda pid: (-scores[pid], -phrases[pid].uses, phrases[pid].title))
        return [Suggestion(phrases[pid], round(scores[pid], 2), tuple(_dedupe(reasons.get(pid, []))))
                for pid in best if scores[pid] > 0]

    def fit(self, message: str, top: int = 20) -> dict[int, float]:
        """Phrase id → how well it fits the message, 0–1 (1 for the best): the palette's tie-break. Asked on every
        keystroke in the palette, so kept per message: the same message is scored once."""
        key = (message, top, self._learned_size())
        cached = self._fits.get(key)
        if cached is not None:
            return cached
        found = self.suggest(message, top=top) if message.strip() else []
        best = found[0].score if found else 0.0
        fit = {s.phrase.id: s.score / best for s in found}
        _keep(self._fits, key, fit)
        return fit

    def _learned_size(self) -> int:
        """How much the history index has learnt: a reply learnt since makes a kept score stale."""
        return self.learned.generation if self.learned is not None else 0

    def _scored(self, message: str, before: str = "") -> tuple[dict[int, float], dict[int, list[str]]]:
        """Every phrase the message has words, habits or history for, with its score and why: computed once per
        message (the suggestion bar when it arrives, then the palette's keystrokes) until the floor learns."""
        key = (message, before, self._learned_size())
        cached = self._scores.get(key)
        if cached is not None:
            return cached
        scores: dict[int, float] = defaultdict(float)
        reasons: dict[int, list[str]] = defaultdict(list)
        lines = [line for line in message.split("\n") if line.strip()]
        words: dict[str, float] = {}
        for age, line in enumerate(reversed(lines)):
            for term in _widened(line):
                if _informative(term) and term not in words:
                    words[term] = 1.0 if age == 0 else EARLIER_LINES
        for term in sorted(words):
            rarity = self._rarity.get(term)
            if rarity is None:
                continue
            for phrase_id, weight in zip(*self._where[term], strict=True):
                scores[phrase_id] += weight * rarity * words[term]
                if weight > WEAK:
                    reasons[phrase_id].append(term)
        asked = {t for t in terms(message) if _informative(t)}
        candidates = {i for term in asked for i in self._past_by_term.get(term, ())}
        habit: Counter[int] = Counter()
        for i in candidates:
            prompt_terms, fired = self._past[i]
            similarity = len(asked & prompt_terms) / len(asked | prompt_terms)
            if similarity >= HABIT_MIN_SIMILARITY:
                for phrase_id, times in fired.items():
                    scores[phrase_id] += HABIT_WEIGHT * similarity * math.log1p(times) / math.log(2)
                    habit[phrase_id] += times
        for phrase_id, times in habit.items():
            reasons[phrase_id].append(f"fired {times}× after similar messages")
        if self.learned is not None:
            self._add_history(message, before, scores, reasons)
        scored = (dict(scores), dict(reasons))
        _keep(self._scores, key, scored)
        return scored

    def _add_history(self, message: str, before: str, scores: dict[int, float],
                     reasons: dict[int, list[str]]) -> None:
        assert self.learned is not None
        found, likeness = self.learned.evidence(message, before)
        votes = {pid: v for pid, v in found.items() if pid in self._phrases}
        if not votes:
            return
        # how far the history outweighs the library's own words: fully once it is a shop's history (an import, a
        # week of replies), and before that only where a past buyer asked something really like this — a new
        # desk's dozen replies sharing a 了 or a 吗 with the question must not decide it
        grown = min(1.0, len(self.learned) / HISTORY_FULL)
        alike = min(1.0, max(0.0, (likeness - ALIKE_FROM) / (ALIKE_FULL - ALIKE_FROM)))
        say = max(grown, alike)
        words_share = 1.0 - say * (1.0 - WORDS_WITH_HISTORY)
        for phrase_id in scores:
            scores[phrase_id] *= words_share
        for phrase_id, vote in votes.items():
            scores[phrase_id] += say * HISTORY_WEIGHT * vote
            if vote > PRIOR:  # more than being sent often: similar messages were answered with it
                reasons[phrase_id].append(f"sent after similar messages ({vote:.1f})")


def _keep(cache: dict, key: object, value: object) -> None:
    """Keep value, forgetting the oldest beyond MESSAGES_KEPT (plain steps: another thread may read the cache)."""
    cache[key] = value
    while len(cache) > MESSAGES_KEPT:
        cache.pop(next(iter(cache)), None)


def _dedupe(items: list[str]) -> list[str]:
    words = [i for i in items if " " not in i]
    # a bigram's single characters add nothing next to it: keep the longest words, at most five
    kept = [w for w in dict.fromkeys(words) if not any(w != o and w in o for o in words)][:5]
    return ([f"words: {'、'.join(kept)}"] if kept else []) + [i for i in items if " " in i]
