"""What the phrase formats share: a code's several texts shared out (the first keeps the abbreviation), and the
abbreviation rule checked the way edit.py checks it."""

import pytest

from app.quickreplies.edit import Problem, problems
from app.quickreplies.formats.base import CODE_TAG, Coded, by_code, can_abbreviate, code_of, share_codes
from app.quickreplies.phrase import Phrase


@pytest.mark.parametrize("code", ["fh", ";tk", "a" * 40, "a" * 41, "ni hao", "退款", "tab\there", "é", "~!", "x\x7f",
                                  " lead", "", "\u3000"])
def test_can_abbreviate_answers_as_the_phrase_editor_does(code):
    refused = any(f.problem is Problem.BAD_ABBREVIATION for f in problems(Phrase(0, "t", "b", abbreviation=code), []))
    assert can_abbreviate(code) == (bool(code) and not refused)


def test_a_codes_texts_are_ordered_by_rank_and_all_kept():
    entries = [Coded(Phrase(0, "c", "third", abbreviation="FH"), 1, 3), Coded(Phrase(0, "a", "first", "", "fh"), 2, 1),
               Coded(Phrase(0, "k", "kd", abbreviation="kd"), 3), Coded(Phrase(0, "b", "second", "", "fh"), 4, 2)]
    phrases, lines, notes = share_codes(entries)
    assert [(p.body, p.abbreviation) for p in phrases] == [("first", "fh"), ("second", ""), ("third", ""), ("kd", "kd")]
    assert lines == [2, 4, 1, 3] and [code_of(p) for p in phrases] == ["fh", "fh", "FH", "kd"]
    assert phrases[2].tags == (CODE_TAG + "FH",) and len(notes) == 1 and notes[0].reason.startswith("2 text(s)")
    assert [[p.body for p in texts] for texts in by_code(phrases).values()] == [["first", "second", "third"], ["kd"]]


def test_a_long_code_is_named_by_its_start_and_kept_whole_in_its_tag():
    code = ";" + "x" * 300
    phrases, _lines, _notes = share_codes([Coded(Phrase(0, "标题", "正文", abbreviation=code), 1)])
    assert phrases[0].title == "标题 [;" + "x" * 58 + "…]" and code_of(phrases[0]) == code
