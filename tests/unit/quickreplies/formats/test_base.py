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
    assert [(p.texts, p.abbreviation, p.title) for p in phrases] == [
        (("first", "second", "third"), "fh", "a"), (("kd",), "kd", "k")]
    assert lines == [2, 3] and [code_of(p) for p in phrases] == ["fh", "kd"] and notes == []
    assert [[p.body for p in texts] for texts in by_code(phrases, lambda _p: True).values()] == [
        ["first", "second", "third"], ["kd"]]


def test_a_text_repeated_under_its_code_is_kept_once_and_said_so():
    entries = [Coded(Phrase(0, "a", "same", abbreviation="fh"), 1), Coded(Phrase(0, "b", "same", abbreviation="fh"), 2),
               Coded(Phrase(0, "c", "other", abbreviation="fh"), 3)]
    phrases, _lines, notes = share_codes(entries)
    assert [p.texts for p in phrases] == [("same", "other")]
    assert [(n.line, n.reason.split(":")[0]) for n in notes] == [(2, "1 text(s) repeat a text already under their code")]


def test_texts_sharing_a_code_that_cannot_be_an_abbreviation_are_one_searchable_phrase():
    entries = [Coded(Phrase(0, "a", "(＾▽＾)", abbreviation=";kao joy"), 1),
               Coded(Phrase(0, "b", "(´▽`)", abbreviation=";kao joy"), 2)]
    (phrase,), _lines, _notes = share_codes(entries)
    assert (phrase.abbreviation, phrase.texts, phrase.tags) == ("", ("(＾▽＾)", "(´▽`)"), (CODE_TAG + ";kao joy",))


def test_an_export_writes_a_phrases_variants_under_its_code_and_leaves_out_those_it_cannot_write():
    phrase = Phrase(0, "发货", "今天发", "", "fh", variants=("两行\n地址", "明天发"))
    assert [p.body for p in by_code([phrase], lambda p: "\n" not in p.body)["fh"]] == ["今天发", "明天发"]


def test_a_long_code_is_named_by_its_start_and_kept_whole_in_its_tag():
    code = ";" + "x" * 300
    phrases, _lines, _notes = share_codes([Coded(Phrase(0, "标题", "正文", abbreviation=code), 1)])
    assert phrases[0].title == "标题 [;" + "x" * 58 + "…]" and code_of(phrases[0]) == code
