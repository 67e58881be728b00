"""Which of a phrase's texts goes out: the next one when the agent presses the expansion key again (cycle), and,
for a phrase set to rotate, the next one for each new buyer — never the same one twice in a row to one buyer."""

from __future__ import annotations

from collections import OrderedDict
from typing import Protocol

from app.quickreplies.phrase import Phrase

REMEMBERED = 50_000  # buyer+phrase pairs kept: a long day's chats; the oldest go first
IN_TURN = ""  # the buyer under which a memory keeps a phrase's turn: the text the last new buyer got


class Memory(Protocol):
    """Where Rotation's picks outlive the desk (the store's, app/store/rotation.py StoredRotation). Buyer IN_TURN
    stands for the phrase's turn; keep may land later than it is called, so Rotation never reads back what it kept."""

    def last(self, phrase_id: int, buyer: str) -> int | None: ...

    def keep(self, phrase_id: int, buyer: str, number: int) -> None: ...


def cycle(phrase: Phrase, number: int) -> int:
    """The text after number (0 the body), back to the first after the last."""
    return (number + 1) % len(phrase.texts)


class Rotation:
    """The texts of rotating phrases handed out in turn. Without a memory it lasts the desk's session: a restart
    begins each phrase at its first text again. With one, it is the cache in front of it: a pair (and a phrase's
    turn) is read once, at its first pick since the start, and every pick is kept there as it is made, so the next
    pick is right even before the memory has it."""

    def __init__(self, memory: Memory | None = None) -> None:
        self._memory = memory
        self._turn: dict[int, int | None] = {}  # phrase id → the text the last new buyer got (None: none yet)
        self._last: OrderedDict[tuple[str, int], int | None] = OrderedDict()  # (buyer, phrase id) → their text

    def pick(self, phrase: Phrase, buyer: str) -> int:
        """The text (0 the body) buyer gets now, remembered as theirs; 0 for a phrase that does not rotate. No buyer
        ("") is a new one every time."""
        if not phrase.rotate or not phrase.variants:
            return 0
        last = self._recall(buyer, phrase.id) if buyer != IN_TURN else None
        if last is None:  # a new buyer: the phrase's next text in turn
            turn = self._turn[phrase.id] if phrase.id in self._turn else self._read(phrase.id, IN_TURN)
            number = 0 if turn is None else cycle(phrase, turn % len(phrase.texts))
            self._turn[phrase.id] = number
            if self._memory is not None:
                self._memory.keep(phrase.id, IN_TURN, number)
        else:  # met before: the text after theirs, so they never read the same one twice in a row
            number = cycle(phrase, last % len(phrase.texts))
        if buyer != IN_TURN:
            self.gave(phrase, buyer, number)
        return number

    def gave(self, phrase: Phrase, buyer: str, number: int) -> None:
        """buyer got text number of phrase (picked here, or chosen by the agent instead)."""
        self._remember((buyer, phrase.id), number)
        if self._memory is not None:
            self._memory.keep(phrase.id, buyer, number)

    def _recall(self, buyer: str, phrase_id: int) -> int | None:
        key = (buyer, phrase_id)
        if key in self._last:
            return self._last[key]
        last = self._read(phrase_id, buyer)
        self._remember(key, last)  # a buyer the memory never saw is not asked about again
        return last

    def _read(self, phrase_id: int, buyer: str) -> int | None:
        return self._memory.last(phrase_id, buyer) if self._memory is not None else None

    def _remember(self, key: tuple[str, int], number: int | None) -> None:
        self._last[key] = number
        self._last.move_to_end(key)
        while len(self._last) > REMEMBERED:
            self._last.popitem(last=False)
