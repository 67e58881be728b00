"""A phrase's texts in turn: cycling wraps round, and a rotating phrase gives each new buyer the next text and never
the same one twice in a row to one buyer."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from app.quickreplies import variants
from app.quickreplies.phrase import Phrase
from app.quickreplies.variants import Rotation, cycle

ROTATING = Phrase(7, "发货", "一", abbreviation="fh", variants=("二", "三"), rotate=True)


def test_cycling_goes_through_every_text_and_back_to_the_first():
    assert list(itertools.accumulate(range(4), lambda n, _: cycle(ROTATING, n))) == [0, 1, 2, 0]


def test_each_new_buyer_gets_the_next_text():
    rotation = Rotation()
    assert [ROTATING.texts[rotation.pick(ROTATING, buyer)] for buyer in "abcd"] == ["一", "二", "三", "一"]


def test_a_phrase_that_does_not_rotate_always_gives_its_first_text():
    rotation = Rotation()
    steady = Phrase(8, "t", "一", variants=("二",))
    assert [rotation.pick(steady, "a") for _ in range(3)] == [0, 0, 0]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["甲", "乙", "丙"]), min_size=1, max_size=40), st.integers(2, 4))
def test_no_buyer_ever_gets_the_same_text_twice_in_a_row(buyers, count):
    phrase = Phrase(9, "t", "0", variants=tuple(str(n) for n in range(1, count)), rotate=True)
    rotation = Rotation()
    last: dict[str, int] = {}
    for buyer in buyers:
        number = rotation.pick(phrase, buyer)
        assert number != last.get(buyer)
        last[buyer] = number


def test_what_the_agent_chose_instead_counts_as_the_buyers_last(monkeypatch):
    rotation = Rotation()
    assert rotation.pick(ROTATING, "a") == 0
    rotation.gave(ROTATING, "a", 2)  # the agent cycled to the third
    assert rotation.pick(ROTATING, "a") == 0  # the one after the third, not the third again
    monkeypatch.setattr(variants, "REMEMBERED", 2)
    for buyer in "bcd":
        rotation.pick(ROTATING, buyer)
    assert ("a", 7) not in rotation._last  # only the newest pairs are kept


class DictMemory:
    """A memory as the store keeps it, with every read counted; keeps land at once."""

    def __init__(self) -> None:
        self.kept: dict[tuple[int, str], int] = {}
        self.reads = 0

    def last(self, phrase_id: int, buyer: str) -> int | None:
        self.reads += 1
        return self.kept.get((phrase_id, buyer))

    def keep(self, phrase_id: int, buyer: str, number: int) -> None:
        self.kept[phrase_id, buyer] = number


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["甲", "乙", "丙"]), st.just("restart")), min_size=1, max_size=40),
       st.integers(2, 4))
def test_no_buyer_gets_the_same_text_twice_in_a_row_across_restarts(steps, count):
    phrase = Phrase(9, "t", "0", variants=tuple(str(n) for n in range(1, count)), rotate=True)
    memory = DictMemory()
    rotation = Rotation(memory)
    last: dict[str, int] = {}
    for step in steps:
        if step == "restart":
            rotation = Rotation(memory)
            continue
        number = rotation.pick(phrase, step)
        assert number != last.get(step)
        last[step] = number


def test_after_a_restart_the_next_new_buyer_gets_the_next_text_and_the_memory_is_read_once_a_pair():
    memory = DictMemory()
    first = Rotation(memory)
    assert [first.pick(ROTATING, buyer) for buyer in "ab"] == [0, 1]
    again = Rotation(memory)
    assert again.pick(ROTATING, "c") == 2  # after b's, not the first again
    assert again.pick(ROTATING, "a") == 1  # a got the first before the restart
    reads = memory.reads
    assert [again.pick(ROTATING, buyer) for buyer in "aacd"] == [2, 0, 0, 0]
    assert memory.reads == reads + 1  # only d (new: the text after c's) was asked about; the rest and the turn are cached


def test_what_the_agent_chose_instead_is_kept_in_the_memory_too():
    memory = DictMemory()
    rotation = Rotation(memory)
    rotation.pick(ROTATING, "a")
    rotation.gave(ROTATING, "a", 2)
    assert Rotation(memory).pick(ROTATING, "a") == 0
