"""Duplicates of an import: the same abbreviation or the same text as the library or an earlier incoming phrase."""

from app.quickreplies.duplicates import dedupe
from app.quickreplies.phrase import Phrase


def test_duplicates_of_the_library_and_within_the_file_are_shown_not_doubled():
    existing = [Phrase(1, "发货", "16点前发", "g", "fh")]
    incoming = [Phrase(0, "a", "别的内容", "g", "FH"), Phrase(0, "b", "16点前发  ", "g", "x"),
                Phrase(0, "c", "新的", "g", "new"), Phrase(0, "d", "新的", "g", "")]
    new, duplicates = dedupe(incoming, existing)
    assert [p.title for p in new] == ["c"]
    assert [(d.phrase.title, d.existing.title, d.why) for d in duplicates] == [
        ("a", "发货", "same abbreviation"), ("b", "发货", "same text"), ("d", "c", "same text")]
