"""Global hotstrings (issue 8), AutoHotKey-style: an abbreviation typed in any application, then an end key
(Space, Tab or Enter), becomes its phrase. Only the phrase groups the agent opted in to expand, and never inside
a word: "fh" expands after a space or at the start of a line, not in "ifh". This is the rule; the desktop layer
reports the keys and does the erasing and pasting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.quickreplies.phrase import Phrase

END_KEYS = ("space", "tab", "return")
BUFFER = 40  # characters remembered: longer than any abbreviation


@dataclass(frozen=True)
class Expansion:
    phrase: Phrase
    erase: int  # characters to take back first: the abbreviation and the end key


class Hotstrings:
    def __init__(self, phrases: Iterable[Phrase], groups: Iterable[str]) -> None:
        """groups: the phrase groups (or their parents, 售后 for 售后/退款) whose abbreviations expand."""
        self.groups = tuple(g for g in groups if g)
        self.by_abbreviation = {p.abbreviation.casefold(): p for p in phrases
                                if p.abbreviation and self._opted_in(p.group)}
        self.typed = ""
        self.paused = False

    def _opted_in(self, group: str) -> bool:
        return any(group == g or group.startswith(g + "/") for g in self.groups)

    def key(self, key: str) -> Expansion | None:
        """One key the agent typed anywhere: a character, or a name (space, tab, return, backspace, or any
        other key, which ends the word in progress). The expansion to make, if the word just ended is one."""
        if self.paused:
            return None
        if key in END_KEYS:
            word = _last_word(self.typed)
            phrase = self.by_abbreviation.get(word.casefold()) if word else None
            self.typed = (self.typed + " ")[-BUFFER:]
            return Expansion(phrase, len(word) + 1) if phrase is not None else None
        if key == "backspace":
            self.typed = self.typed[:-1]
        elif len(key) == 1 and key.isprintable():
            self.typed = (self.typed + key)[-BUFFER:]
        else:  # arrows, clicks elsewhere, shortcuts: the word in progress is no longer one
            self.typed = " "
        return None


def _last_word(typed: str) -> str:
    """The letters, digits, ; and _ at the end (abbreviations such as fh, ;tk); a Chinese character counts as a
    letter, so 亲fh is one word and does not expand, as in AutoHotKey."""
    start = len(typed)
    while start > 0 and (typed[start - 1].isalnum() or typed[start - 1] in ";_"):
        start -= 1
    return typed[start:]

