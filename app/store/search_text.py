"""How text is cut for full-text search, the same way for what is stored and for what is asked.

Chinese has no spaces, and buyers' questions are short: 退款, 尺码, 少发. So every Han character (and every
other letter outside ASCII: kana, hangul…) counts on its own, and a query of several such characters is a phrase
of consecutive characters — 退款 matches 退款 and 申请退款 but not 退了款 (punctuation between them is not counted:
退，款 holds 退款). Latin letters and digits stay together as words (lower-cased, full-width folded), so an order
no. or a tracking no. is one token, found by its beginning (3698 finds 3698123456789012345).

SQLite's index (FTS5, tokenizer unicode61 over the space-separated tokens) stores each character with the one
after it, as a pair (申请退款 → 申请 请退 退款 款; the last character of a run stands alone): a query of two
characters is one token, a longer one a phrase of pairs, and one character is a prefix ("退"*) that the index's
prefix table answers from one list. Indexed one by one, a common character lists most messages, and a rare or
absent phrase of common characters had to read all of those lists (91 ms at 5M messages for four characters);
a pair lists few. PostgreSQL's to_tsvector('simple', …) keeps the single characters (match_postgres).
tokens(), match_sqlite() and match_postgres() are the whole contract.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[0-9a-z_]+")
MAX_QUERY_TOKENS = 32


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _pieces(text: str) -> list[str]:
    """Latin/digit words and single other letters, in order; punctuation, emoji and spaces dropped."""
    out: list[str] = []
    word: list[str] = []
    for char in _fold(text):
        if char.isascii() and (char.isalnum() or char == "_"):
            word.append(char)
            continue
        if word:
            out.append("".join(word))
            word = []
        if char.isalnum():  # Han, kana, hangul, other scripts' letters and digits: one token each
            out.append(char)
    if word:
        out.append("".join(word))
    return out


def _is_char(piece: str) -> bool:
    return not _is_word(piece)


def _paired(pieces: list[str]) -> list[str]:
    """Each character with the character after it, words as they are; a character with no character after it
    alone."""
    out = []
    for i, piece in enumerate(pieces):
        following = pieces[i + 1] if i + 1 < len(pieces) else ""
        out.append(piece + following if _is_char(piece) and following and _is_char(following) else piece)
    return out


def tokens(text: str) -> str:
    """The text as space-separated search tokens (what SQLite's index stores)."""
    return " ".join(_paired(_pieces(text)))


def query_groups(query: str) -> list[list[str]]:
    """The query's parts: each space-separated part is a phrase of consecutive tokens; all parts must match."""
    groups = [_pieces(part) for part in query.split()]
    groups = [g for g in groups if g]
    if sum(len(g) for g in groups) > MAX_QUERY_TOKENS:
        raise ValueError(f"a search is at most {MAX_QUERY_TOKENS} characters and words")
    return groups


def _is_word(token: str) -> bool:
    return bool(_WORD.fullmatch(token))


def match_sqlite(query: str) -> str:
    """An FTS5 MATCH expression: each part a quoted phrase of the tokens its text would have been stored as. A part
    ending in a Latin/digit word matches it as a prefix, as does one ending in a lone character (退 is stored as the
    first half of 退款, 退货… or alone). Nothing of the user's text reaches FTS5's syntax unquoted."""
    phrases = []
    for group in query_groups(query):
        body = _paired(group)
        if len(group) > 1 and _is_char(group[-1]) and _is_char(group[-2]):
            body.pop()  # the last pair holds the last character; the text may go on after it (退款 in 退款了)
        prefix = _is_word(group[-1]) or len(body[-1]) == 1
        phrases.append(f'"{" ".join(body)}"' + ("*" if prefix else ""))
    return " AND ".join(phrases)


def match_postgres(query: str) -> str:
    """A to_tsquery('simple', …) expression with the same meaning: <-> joins a phrase, :* makes a prefix."""
    phrases = []
    for group in query_groups(query):
        parts = [f"'{t}'" for t in group]
        if _is_word(group[-1]):
            parts[-1] += ":*"
        phrases.append("(" + " <-> ".join(parts) + ")")
    return " & ".join(phrases)


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query's parts occur in text (start, end) for highlighting, case- and width-insensitive, in
    order and not overlapping. Approximate where folding changes lengths: spans are found on the folded text,
    which for Chinese, Latin and digits has the same length."""
    folded = _fold(text)
    if len(folded) != len(text):
        folded = text.casefold()
    spans: list[tuple[int, int]] = []
    for part in query.split():
        needle = _fold(part)
        if not needle:
            continue
        start = folded.find(needle)
        while start >= 0:
            spans.append((start, start + len(needle)))
            start = folded.find(needle, start + len(needle))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
