"""The scale benches' store (bench/scale.py): its size is one of three, its words are the same on every machine and
run from very common to rare, and its query set keeps each term in the class its count puts it in."""

import random

import pytest

from app.cli.main import main
from bench import scale


def test_the_store_size_is_one_of_three_and_the_command_line_sets_it():
    assert scale.store_size() == scale.DEFAULT_SIZE == "100k"
    with pytest.raises(ValueError, match="100k, 1m, 5m"):
        scale.set_store_size("2m")
    with pytest.raises(SystemExit):
        main(["bench", "--store-size", "2m", "--only", "search"])
    assert scale.store_size() == "100k"


def test_the_vocabulary_is_seeded_and_runs_from_common_to_rare():
    first = scale._Vocabulary(random.Random("v"))
    again = scale._Vocabulary(random.Random("v"))
    assert first.words == again.words and len(set(first.words)) == len(first.words) == 30_000
    drawn = first.phrase(random.Random(1), 200_000)
    assert drawn.count(first.words[0]) > 100 * max(1, drawn.count(first.words[-1]))
    # the last words carry characters of their own: a one-character term can be rare too
    assert not set(first.words[-1][-1]) & set(first.chars)


def test_the_query_set_keeps_each_term_in_the_class_its_count_puts_it_in():
    candidates = {str(n): {"common": ["退款"], "rare": ["袜子", "鹿角"], "absent": ["款退", "退款"]}
                  for n in (1, 2, 3, 4)}
    counts = {"退款": 600_000, "袜子": 12, "鹿角": 0, "款退": 0}
    chosen = scale._query_set(candidates, counts, 1_000_000, ["3698000000000000001"])
    assert chosen["2"] == {"common": ["退款"], "rare": ["袜子"], "absent": ["款退"]}
    assert chosen["order"]["rare"] == ["3698000000000000001"]
