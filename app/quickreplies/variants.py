"""Which of a phrase's texts goes out: the next one when the agent presses the expansion key again (cycle), and,
for a phrase set to rotate, the next one for each new buyer — never the same one twice in a row to one buyer."""

from __future__ import annotations

from collections import OrderedDict

from app.quickreplies.phrase import Phrase

REMEMBERED = 50_000  # buyer+phrase pairs kept: a long day's chats; the oldest go first


def cycle(phrase: Phrase, number: int) -> int:
    """The text after number (0 the body), back to the first after the last."""
    return (number + 1) % len(phrase.texts)


class Rotation:
    """The texts of rotating phrases handed out in turn. In memory, for the desk's session: a restart begins each
    phrase at its first text again, and a buyer met before the restart may get the text they got last."""

    def __init__(self) -> None:
        self._next: dict[int, int] = {}  # phrase id → the text the next new buyer gets
        self._last: OrderedDict[tuple[str, int], int] = OrderedDict()  # (buyer, phrase id) → the text they got

    def pick(self, phrase: Phrase, buyer: str) -> int:
        """The text (0 the body) buyer gets now, remembered as theirs; 0 for a phrase that does not rotate."""
        if not phrase.rotate or not phrase.variants:
            return 0
        last = self._last.get((buyer, phrase.id))
        if last is None:  # a new buyer: the phrase's next text in turn
            number = self._next.get(phrase.id, 0) % len(phrase.texts)
            self._next[phrase.id] = number + 1
        else:  # met before: the text after theirs, so they never read the same one twice in a row
            number = cycle(phrase, last)
        self.gave(phrase, buyer, number)
        return number

    def gave(self, phrase: Phrase, buyer: str, number: int) -> None:
        """buyer got text number of phrase (picked here, or chosen by the agent instead)."""
        key = (buyer, phrase.id)
        self._last[key] = number
        self._last.move_to_end(key)
        while len(self._last) > REMEMBERED:
            self._last.popitem(last=False)
