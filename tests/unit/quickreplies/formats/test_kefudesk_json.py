"""KefuDesk's own JSON: lossless, entries that are wrong reported by number, a newer version refused with the way
out."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from app.quickreplies.formats.base import PhraseFileError
from app.quickreplies.formats.registry import export, parse

from tests.unit.quickreplies.formats.samples import LIBRARY


def test_json_is_lossless_including_usage_owner_and_image():
    used = replace(LIBRARY[1], uses=7, last_used=datetime(2026, 11, 11, 2, 0, tzinfo=UTC), owner="小王",
                   image="ab" * 32)
    phrases = [LIBRARY[0], used, LIBRARY[2]]
    assert parse(export(phrases, "json"), "json").phrases == phrases


def test_json_entries_that_are_wrong_are_reported_by_number():
    data = ('{"format": "kefudesk-phrases", "version": 1, "phrases": ['
            '{"title": "a", "body": "ok"}, {"title": "b", "body": "x", "slot": 12}, {"body": ""}, 3]}')
    parsed = parse(data.encode(), "json")
    assert [p.title for p in parsed.phrases] == ["a"]
    assert [(r.line, r.reason) for r in parsed.rejected] == [
        (2, "slot 12 is not 1–9: not imported"), (3, "empty text: not imported"), (4, "not an object: not imported")]


def test_json_from_a_newer_kefudesk_is_refused_with_the_way_out():
    with pytest.raises(PhraseFileError, match="update KefuDesk"):
        parse(b'{"format": "kefudesk-phrases", "version": 2, "phrases": []}', "json")
