"""The simulator's fault switches and replay files: values out of range and bad lines are refused with the
option or the line named, before anything starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.shopsim.faults import Faults, FaultsInvalid, ReplayInvalid, read_replay

EXAMPLE = Path(__file__).resolve().parents[3] / "resources" / "replay" / "example.jsonl"


def test_fault_switches_are_checked_and_repeatable_with_a_seed():
    with pytest.raises(FaultsInvalid, match="--duplicate-rate must be between 0 and 1"):
        Faults(duplicate_rate=2)
    with pytest.raises(FaultsInvalid, match="--drop-every"):
        Faults(drop_every=-1)
    with pytest.raises(FaultsInvalid, match="--restart-every"):
        Faults(restart_every=0.5)
    one, two = Faults(duplicate_rate=0.5, seed=4), Faults(duplicate_rate=0.5, seed=4)
    assert [one.duplicate() for _ in range(50)] == [two.duplicate() for _ in range(50)]
    assert not Faults().any and Faults(drop_every=3).any
    assert Faults(drop_every=3, duplicate_rate=0.25).describe() == "--drop-every 3 --duplicate-rate 0.25"
    assert Faults().describe() == "none"


def test_the_example_replay_file_reads(tmp_path):
    lines = read_replay(EXAMPLE)
    assert lines[0].buyer == "tb_果果妈" and lines[0].after == 0 and len(lines) == 8
    assert [x.number for x in lines][:2] == [3, 4]  # comments are skipped, numbers are the file's


@pytest.mark.parametrize("content, message", [
    ('{"conversation": "c", "buyer": "b", "text": "hi"}\nnot json\n', "line 2: not a JSON object"),
    ('{"conversation": "c", "buyer": "b"}\n', "line 1: text missing"),
    ('{"conversation": "c", "buyer": "b", "text": "x", "after": -1}\n', "line 1: after must be seconds"),
    ('{"conversation": "c", "buyer": "b", "text": "x"}\n{"conversation": "c", "buyer": "z", "text": "y"}\n',
     "line 2: conversation 'c' was 'b''s"),
    ("# nothing but a comment\n\n", "no lines to replay"),
    ('["c", "b", "x"]\n', "line 1: a line is one JSON object"),
])
def test_a_bad_replay_line_is_named(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReplayInvalid, match=message):
        read_replay(path)
