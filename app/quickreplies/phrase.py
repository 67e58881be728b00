"""A canned reply (快捷短语) as the library keeps it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime


@dataclass(frozen=True)
class Phrase:
    id: int
    title: str
    body: str  # may hold template variables such as {buyer} and {cursor}; multi-line, emoji kept as is
    group: str = ""  # e.g. 售前/尺码, 售后/退款
    abbreviation: str = ""  # e.g. "fh", ";tk": typed then Space/Tab expands it
    slot: int | None = None  # 1–9 within its group: Ctrl+1..9
    tags: tuple[str, ...] = field(default_factory=tuple)
    uses: int = 0
    last_used: datetime | None = None
    owner: str = ""  # "" shared with the whole shop, else the agent profile it belongs to
    image: str = ""  # sha256 of an image in the data dir's image store, sent with (or as) the phrase
    # the phrase's further texts, in order (an input method's positions 2, 3…): body is always the first, so every
    # reader that knows one text reads the first
    variants: tuple[str, ...] = ()
    rotate: bool = False  # each new buyer gets the next text (app/quickreplies/variants.py), not always the first

    @property
    def texts(self) -> tuple[str, ...]:
        """Every text of the phrase in order: body first, then the variants."""
        return (self.body, *self.variants)

    def as_variant(self, number: int) -> Phrase:
        """The phrase with its text number (0 the body) as its only text: what goes into a reply when that variant
        is chosen (same id, so its use is counted on the phrase)."""
        return replace(self, body=self.texts[number], variants=())


# A phrase's "not for complaints" flag is kept in its tags, so it travels with the phrase through every export
# and import without a column of its own. Without either tag the desk decides from the text (a review invitation
# is not for a complaining buyer); either tag is the shop's explicit choice.
NOT_FOR_COMPLAINTS = "不推荐给投诉买家"
FOR_COMPLAINTS = "可推荐给投诉买家"
FLAG_TAGS = (NOT_FOR_COMPLAINTS, FOR_COMPLAINTS)


def complaints_choice(phrase: Phrase) -> bool | None:
    """True: never offered to a complaining buyer; False: offered to anyone; None: as its text says."""
    if NOT_FOR_COMPLAINTS in phrase.tags:
        return True
    if FOR_COMPLAINTS in phrase.tags:
        return False
    return None


def with_complaints_choice(phrase: Phrase, choice: bool | None) -> Phrase:
    """The phrase with its tags saying choice (None: no tag, the text decides); other tags kept in order."""
    tags = tuple(t for t in phrase.tags if t not in FLAG_TAGS)
    if choice is not None:
        tags += (NOT_FOR_COMPLAINTS if choice else FOR_COMPLAINTS,)
    return replace(phrase, tags=tags)
