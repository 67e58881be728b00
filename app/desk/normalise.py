"""One way to read a text against a word list, for the send guard, the queue's angry flag and the review's angry
filter. Sellers and buyers write around filters (加 微 信, 加薇信, ＶＸ, 好評返現, 投<ZWSP>诉), so the words and the
text are folded the same way before they are compared, and a hit still names its span in the text as written, so
the window can paint those characters red.

Folding a text: NFKC and case folding (full-width ＱＱ is qq, 𝐯 is v), traditional → simplified (OpenCC's table,
one character at a time so every folded character still knows where it came from), invisible characters
(zero-width, bidi marks, variation selectors, combining marks) dropped, and a run of spaces, punctuation,
symbols or emoji kept as one mark that a word may step over between two of its characters — but not from one
clause into the next (复杂，种类 holds no 杂种) unless the word is spelled out alone, a mark after each character.

Widening a word: each of its characters may also be written as a homophone or look-alike from the table or as
its pinyin, and a known part of a word (微信, QQ, 好评, 返现…) as its street forms (vx, 扣扣, 五星, 返红包…). The
table is data, with its sources: guard_words/variants_zh_CN.txt. A word is only widened from the part the list
holds, never back: a shop that bans "vx" has not banned every 微信.

Latin letters and digits at either end of a hit must stand as a whole word — sb is not inside usb, the v of v2 is
a version, vx-200 a product code — judged with the spaces of the text as written.

Cost: a text is folded with str.translate, and a word's pattern is tried only where the text holds the first
two characters one of its forms can begin with; one check of an ordinary reply takes about 0.01 ms
(`kefudesk bench --only guard`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import opencc

VARIANTS_FILE = Path(__file__).with_name("guard_words") / "variants_zh_CN.txt"

GAP = "\x00"  # stands for a run of spaces, symbols, emoji or other punctuation in a folded text
JOINER = "\x01"  # stands for one - _ . or / alone: the joint of a product code or a version (vx-200, v2.1)
BREAK = "\x02"  # stands for a run with a comma, a full stop or a line break: the end of a clause
_MARKS = frozenset(GAP + JOINER + BREAK)
_JOINERS = frozenset("-_./")
_BREAKS = frozenset("，。；：！？、,;:!?\n\r")
_STEP = f"[{GAP}{JOINER}{BREAK}]?"  # what a word may step over between two of its characters
_INVISIBLE = frozenset({"Cf", "Mn", "Me", "Cc", "Co", "Cs", "Cn"})  # \n, \t (Cc too) are separators, seen first
_LATIN_EDGE = re.compile(r"[a-z0-9]")
_BEFORE_LATIN = f"(?<![a-z0-9])(?<![a-z0-9]{JOINER})"
_AFTER_LATIN = f"(?![a-z0-9]|{JOINER}[a-z0-9])"
_AFTER_LETTERS = f"(?![a-z]|{JOINER}[a-z])"
_MAX_CACHED_CHARS = 50_000

_t2s = opencc.OpenCC("t2s")


def _simplified(char: str) -> str:
    """One character in simplified form (OpenCC's table; a character at a time keeps every span)."""
    return (_t2s.convert(char) or char) if ord(char) >= 0x2E80 else char


@dataclass(frozen=True)
class Folded:
    text: str  # folded, with GAP / JOINER / BREAK between characters where the text had separators
    origin: list[int]  # origin[i]: the index, in the text as written, of folded character i


@dataclass(frozen=True)
class Found:
    start: int  # in the text as written
    end: int
    word: str  # the list's word that matched, as the list spells it


@dataclass(frozen=True)
class VariantTable:
    forms: dict[str, tuple[str, ...]]  # a folded part of a word → its other folded forms
    unless: dict[str, tuple[str, ...]]  # a folded form → what may not follow it (v领 is a collar, not 微信)
    separators: frozenset[str]  # letters used as separators (加丨微丨信)
    lookalikes: dict[str, str]  # a character → the one it stands for, before folding (➕ → +, Cyrillic х → x)
    kept: frozenset[str]  # symbols that stand for a character in some form (+ for 加): not separators


# --- the variant table -----------------------------------------------------------------------------

def _fold_form(text: str, lookalikes: dict[str, str]) -> str:
    """A table's entry folded like a text's letters, its symbols kept (+ stands for 加, 🧧 for 现)."""
    out = []
    for char in text:
        for part in unicodedata.normalize("NFKC", lookalikes.get(char, char)).casefold():
            part = _simplified(part)
            part = lookalikes.get(part, part)
            if not unicodedata.category(part).startswith(("Z", "C", "M")):
                out.append(part)
    return "".join(out)


@cache
def variant_table(path: Path = VARIANTS_FILE) -> VariantTable:
    """The table from its data file: sections [forms] ("part: form form …"), [unless] ("form: follower …"),
    [separators] (one character a line) and [lookalikes] ("character: the one it stands for"); # comments."""
    sections: dict[str, list[tuple[str, list[str]]]] = {}
    section = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        key, _colon, rest = line.partition(":")
        key = key.strip()
        if re.fullmatch(r"U\+[0-9A-Fa-f]{4,6}", key):  # an invisible character, written by its number
            key = chr(int(key[2:], 16))
        sections.setdefault(section, []).append((key, rest.split()))
    lookalikes = {key: values[0] for key, values in sections.get("lookalikes", []) if values}
    separators = frozenset(key for key, _values in sections.get("separators", []))
    forms: dict[str, tuple[str, ...]] = {}
    for key, values in sections.get("forms", []):
        part = _fold_form(key, lookalikes)
        found = (f for f in (_fold_form(v, lookalikes) for v in values) if f and f != part)
        forms[part] = tuple(dict.fromkeys([*forms.get(part, ()), *found]))
    unless = {_fold_form(key, lookalikes): tuple(_fold_form(v, lookalikes) for v in values)
              for key, values in sections.get("unless", [])}
    kept = frozenset(c for values in forms.values() for form in values for c in form if not c.isalnum())
    return VariantTable(forms, unless, separators, lookalikes, kept)


# --- folding a text --------------------------------------------------------------------------------

class _Folding(dict[int, str]):
    """Code point → the character folded (str.translate's table), filled as characters are first seen."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if len(self) < _MAX_CACHED_CHARS:  # a hostile text of every code point does not grow it without end
            self[code] = folded
        return folded


_folding = _Folding()
_BREAK_RUN = re.compile(f"[{GAP}{JOINER}]*{BREAK}[{GAP}{JOINER}{BREAK}]*")
_GAP_RUN = re.compile(f"[{GAP}{JOINER}]{{2,}}")


def _fold_char(char: str) -> str:
    """One character of a text as it is compared: its folded letters, or "" (invisible), GAP, JOINER or BREAK."""
    table = variant_table()
    if char in _JOINERS:
        return JOINER
    if char in _BREAKS:
        return BREAK
    if char.isspace() or char in table.separators:
        return GAP
    if unicodedata.category(char) in _INVISIBLE:
        return ""
    out = []
    for part in unicodedata.normalize("NFKC", table.lookalikes.get(char, char)).casefold():
        part = _simplified(part)
        part = table.lookalikes.get(part, part)
        if part.isalnum() or part in table.kept:
            out.append(part)
    if out:
        return "".join(out)
    return GAP  # punctuation, symbols, emoji: a separator (a modifier or a combining mark alone was invisible)


def folded_text(text: str) -> str:
    """The text as word lists read it, without where each character came from: C speed (str.translate and two
    substitutions), for the yes/no question on every message the queue paints, 100 KB ones included."""
    line = _GAP_RUN.sub(GAP, _BREAK_RUN.sub(BREAK, text.translate(_folding)))
    return line.strip(GAP + JOINER + BREAK)


def fold(text: str) -> Folded:
    """The text as word lists read it (folded_text's), with where each folded character came from."""
    out: list[str] = []
    origin: list[int] = []
    gap_at, gap = -1, GAP  # a separator run not yet written: where it began, and what stands for it
    for index, char in enumerate(text):
        folded = _folding[ord(char)]
        if not folded:
            continue
        if folded in _MARKS:
            if gap_at < 0:
                gap_at, gap = index, folded
            elif gap != BREAK:  # a clause ends at any break in the run; two joiners are not a code's joint
                gap = BREAK if folded == BREAK else GAP
            continue
        if gap_at >= 0:
            if out:
                out.append(gap)
                origin.append(gap_at)
            gap_at = -1
        out.extend(folded)
        origin.extend([index] * len(folded))
    return Folded("".join(out), origin)


def fold_word(word: str) -> str:
    """A list's word folded like a text, its own separators dropped: the form two spellings share."""
    return "".join(c for c in fold(word).text if c not in _MARKS)


# --- widening a word -------------------------------------------------------------------------------

def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0003134f"


def _spelled(form: str, *, first: bool, last: str) -> str:
    """A form as a pattern: a separator may stand between its characters; Latin letters or digits at the edge of
    the word must be whole; the table's "unless" keeps it from matching before what it may not precede."""
    pattern = _STEP.join(re.escape(c) for c in form)
    if first and _LATIN_EDGE.match(form[0]):
        pattern = _BEFORE_LATIN + pattern
    if last and _LATIN_EDGE.match(form[-1]):
        pattern += _AFTER_LATIN if last == "whole" else _AFTER_LETTERS
    unless = variant_table().unless
    followers = unless.get(form) or unless.get(form[-1])  # 我草 ends in 草, and 草莓 is a colour
    if followers:  # written right after it, as V领 is: "加V 领券" is still a contact and an offer
        pattern += _not_before(followers)
    return pattern


def _not_before(followers: Iterable[str]) -> str:
    return f"(?!{'|'.join(map(re.escape, followers))})"


def _either(patterns: Iterable[str]) -> str:
    unique = list(dict.fromkeys(patterns))
    return unique[0] if len(unique) == 1 else f"(?:{'|'.join(unique)})"


Slots = list[list["str | Slots"]]  # a word as a sequence of slots, each a list of alternatives


def _letters(text: str, *, first: bool, last: str, pinyin: bool) -> tuple[str, Slots]:
    """A literal part of a word, each character also as its homophones and look-alikes and (in a word of two or
    more Chinese characters) as its pinyin: the pattern, and the same as slots (for the heads of a match)."""
    # pypinyin loads 0.25 s of dictionaries: at the first word list widened, not when a command or the desk starts
    from pypinyin import lazy_pinyin

    table = variant_table()
    sounds = lazy_pinyin(text, errors=lambda chunk: [""] * len(chunk)) if pinyin else [""] * len(text)
    pieces, slots = [], []
    for i, char in enumerate(text):
        edge = {"first": first and i == 0, "last": last if i == len(text) - 1 else ""}
        forms = [char, *table.forms.get(char, ())]
        if sounds[i] and _is_han(char):
            forms.append(sounds[i])
        pieces.append(_either(_spelled(f, **edge) for f in forms))
        slots.append(list(forms))
    return _STEP.join(pieces), slots


def _heads(slots: Slots, size: int = 2) -> set[str]:
    """The first `size` characters a match of these slots can begin with (all of it, when shorter)."""
    if size == 0 or not slots:
        return {""}
    found = set()
    for alternative in slots[0]:
        for head in (_heads(alternative, size) if isinstance(alternative, list) else {alternative[:size]}):
            if len(head) < size:
                found |= {head + rest for rest in _heads(slots[1:], size - len(head))}
            else:
                found.add(head)
    return found


def _widened(word: str) -> tuple[str, set[str]]:
    """The pattern of one folded word — its known parts as any of their forms, the rest letter by letter — and
    the first two characters a match can begin with."""
    table = variant_table()
    parts = sorted((p for p in table.forms if len(p) > 1), key=len, reverse=True)
    pinyin = sum(1 for c in word if _is_han(c)) >= 2
    # a Latin end must be a whole word, but after a Chinese start digits may follow it: 加v12345678 is an id
    tail = "letters" if _is_han(word[0]) else "whole"
    pieces: list[str] = []
    slots: Slots = []
    i = 0
    while i < len(word):
        part = next((p for p in parts if word.startswith(p, i)), None)
        if part is None:  # a run of characters up to the next known part
            j = i + 1
            while j < len(word) and not any(word.startswith(p, j) for p in parts):
                j += 1
            pattern, letters = _letters(word[i:j], first=i == 0, last=tail if j == len(word) else "", pinyin=pinyin)
            slots += letters
        else:
            j = i + len(part)
            end = tail if j == len(word) else ""
            pattern, letters = _letters(part, first=i == 0, last=end, pinyin=pinyin)
            pattern = _either([pattern, *(_spelled(f, first=i == 0, last=end) for f in table.forms[part])])
            followers = table.unless.get(part)
            if followers:
                pattern = f"(?:{pattern}){_not_before(followers)}"
            slots.append([letters, *table.forms[part]])
        pieces.append(pattern)
        i = j
    return _STEP.join(pieces), _heads(slots)


def _within_clause(line: str, start: int, end: int) -> bool:
    """A word does not run from one clause into the next (复杂，种类 holds no 杂种) unless it is spelled out on its
    own, a character between each two marks (加，微，信)."""
    if BREAK not in line[start:end]:
        return True
    alone = (start == 0 or line[start - 1] in _MARKS) and (end == len(line) or line[end] in _MARKS)
    return alone and all(line[k] in _MARKS for k in range(start + 1, end, 2))


class WordFinder:
    """Finds a list's words in texts, however they are written (see the module's doc)."""

    def __init__(self, words: Iterable[str]) -> None:
        by_form: dict[str, str] = {}
        for word in words:
            form = fold_word(word)
            # a word of punctuation alone (！！) cannot be told from a separator: nothing to find. Of two
            # spellings of one word (操妳妈, 操你妈) a hit names the one written as it is compared
            if form and (form not in by_form or (word.casefold() == form != by_form[form].casefold())):
                by_form[form] = word
        # one pattern per character a word can begin with, tried only where the text holds the first two
        # characters of a word (a separator between them allowed): one pattern of every word, tried word by word
        # at every character, was ten times slower on a reply, and a 100 KB message has thousands of b and c
        self._patterns: dict[str, list[tuple[re.Pattern[str], str]]] = {}
        seconds: dict[str, set[str]] = {}
        for form in sorted(by_form, key=len, reverse=True):  # the longest word wins where two start together
            pattern, heads = _widened(form)
            compiled = re.compile(pattern)  # once: a word begins with a dozen characters (加 家 + j…)
            for char in sorted({head[0] for head in heads}):
                self._patterns.setdefault(char, []).append((compiled, by_form[form]))
            for head in heads:
                seconds.setdefault(head[0], set()).add(head[1:])
        self.words = list(by_form.values())
        starts = [re.escape(char) if "" in after else f"{re.escape(char)}{_STEP}[{''.join(map(re.escape, after))}]"
                  for char, after in sorted(seconds.items())]
        # every alternative begins with a plain character, so the regex engine skips to candidates by itself
        self._starts = re.compile("|".join(starts)) if starts else None
        self._seen: dict[str, bool] = {}  # text → whether it holds a word: the queue asks again on each paint
        self._seen_chars = 0

    def _scan(self, line: str, *, first_only: bool = False) -> list[tuple[int, int, str]]:
        """(start, end, word) in a folded text; only where a word can begin is a pattern tried."""
        found: list[tuple[int, int, str]] = []
        if self._starts is None:
            return found
        patterns = self._patterns
        reach = 0  # where the hits so far end: a word inside one is not another hit, one reaching past it is
        at = 0
        while (start := self._starts.search(line, at)) is not None:
            i = at = start.start()
            at += 1  # heads may overlap: the next one can begin inside this one
            for pattern, word in patterns[line[i]]:
                match = pattern.match(line, i)
                if match is not None and match.end() > reach and _within_clause(line, i, match.end()):
                    found.append((i, match.end(), word))
                    reach = match.end()
                    break
            if found and first_only:
                break
        return found

    def find(self, text: str) -> list[Found]:
        """Every word in the text, each with its span in the text as written."""
        hits = self._scan(folded_text(text)) if text else []
        if not hits:
            return []
        origin = fold(text).origin  # the slow, indexed fold only for a text that holds a word
        return [Found(origin[start], origin[end - 1] + 1, word) for start, end, word in hits]

    def search(self, text: str) -> bool:
        """Whether the text holds a word (kept for the last texts asked about)."""
        seen = self._seen.get(text)
        if seen is None:
            seen = bool(text) and bool(self._scan(folded_text(text), first_only=True))
            if len(self._seen) >= 512 or self._seen_chars > 2_000_000:  # a few big messages, or many small
                self._seen.clear()
                self._seen_chars = 0
            self._seen[text] = seen
            self._seen_chars += len(text)
        return seen


@lru_cache(maxsize=16)
def finder(words: tuple[str, ...]) -> WordFinder:
    """A finder per word list, kept: the queue asks on every chat it paints."""
    return WordFinder(words)
