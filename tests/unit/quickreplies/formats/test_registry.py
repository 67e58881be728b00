"""The phrase formats by name: each registered one round-trips what it carries, a file's format is told by its
name, and a format is added by declaring it in one place."""

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.files.limits import PHRASE_BYTES, YAML_BYTES

from app.quickreplies.formats import registry
from app.quickreplies.formats.base import Parsed, PhraseFileError, PhraseFormat
from app.quickreplies.formats.registry import export, format_for, left_out, parse
from app.quickreplies.phrase import Phrase

from app.cli.main import main
from tests.unit.quickreplies.formats.samples import LIBRARY


@pytest.mark.parametrize("fmt", ["ahk", "espanso", "csv", "xlsx"])
def test_export_then_import_gives_back_what_the_format_carries(fmt):
    back = parse(export(LIBRARY, fmt), fmt).phrases
    # Espanso carries tags as a match's search_terms; AutoHotKey has nowhere to keep them
    carried = {"ahk": [replace(p, slot=None, tags=()) for p in LIBRARY],
               "espanso": [replace(p, slot=None) for p in LIBRARY]}
    assert back == carried.get(fmt, LIBRARY)


def test_hotstring_formats_leave_out_phrases_without_an_abbreviation_and_say_which():
    untriggered = Phrase(0, "无缩写", "内容", "g")
    assert left_out([*LIBRARY, untriggered], "ahk") == [untriggered] == left_out([untriggered], "espanso")
    assert left_out([untriggered], "csv") == []
    assert "无缩写" not in export([*LIBRARY, untriggered], "ahk").decode("utf-8-sig")


def test_format_from_the_file_name():
    assert [format_for(n) for n in ("a.ahk", "b.YML", "c.yaml", "d.csv", "e.xlsx", "f.json")] == [
        "ahk", "espanso", "espanso", "csv", "xlsx", "json"]
    with pytest.raises(PhraseFileError, match="--format"):
        format_for("phrases.txt")


body_text = st.lists(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"),
                                            include_characters="\t"), max_size=20), min_size=1, max_size=4).map(
    "\n".join).filter(lambda b: b.strip())


@settings(max_examples=150, deadline=None)
@given(body=body_text)
@pytest.mark.parametrize("fmt", ["ahk", "espanso", "csv", "json"])
def test_any_body_survives_a_round_trip(fmt, body):
    phrase = Phrase(0, "t", body, "g", "ab")
    assert [p.body for p in parse(export([phrase], fmt), fmt).phrases] == [body]


def test_formats_are_listed_in_the_order_the_command_line_offers_them(capsys):
    assert registry.FORMATS == ("ahk", "espanso", "csv", "xlsx", "json", "sogou", "qq", "baidu", "rime", "mspy")
    assert sorted(registry.SUFFIXES) == [".ahk", ".csv", ".json", ".xlsx", ".yaml", ".yml"]
    with pytest.raises(SystemExit):
        main(["phrases", "import", "短语.txt", "--format", "docx"])
    # the command line keeps its own list, so that `kefudesk --help` skips this package: the same list
    offered = ", ".join(repr(name) for name in registry.FORMATS)
    assert f"invalid choice: 'docx' (choose from {offered})" in capsys.readouterr().err


def test_an_unknown_format_is_refused_by_name_with_the_known_ones_listed():
    for refused in (lambda: parse(b"x", "docx"), lambda: export(LIBRARY, "docx")):
        with pytest.raises(PhraseFileError, match="unknown format 'docx': use one of ahk, espanso, csv, xlsx, json, "
                                                  "sogou, qq, baidu, rime, mspy"):
            refused()
    assert left_out(LIBRARY, "docx") == []
    assert registry.byte_limit("docx") == (PHRASE_BYTES, "a phrase file")


def test_each_format_is_read_within_its_own_limit():
    assert registry.byte_limit("espanso") == (YAML_BYTES, "an Espanso file")
    assert registry.byte_limit("json") == (PHRASE_BYTES, "a phrase file")
    assert YAML_BYTES >= 4 * 1024 * 1024  # a 30,000-trigger package (3.5 MB) is a real one
    with pytest.raises(PhraseFileError, match=r"more than an Espanso file may be \(8 MB\): split it") as caught:
        parse(b"#" * (YAML_BYTES + 1), "espanso")
    assert (caught.value.key, caught.value.params["limit"]) == ("file_too_large", "8 MB")


def test_a_registered_format_is_found_by_its_suffix_and_read_through_parse(monkeypatch):
    """What adding a format (Sogou, QQ, Rime…) takes: one PhraseFormat in REGISTERED; name, suffix, limit, the
    checks every import gets (half characters, the group option) and left_out follow."""
    def read(data: bytes) -> Parsed:  # one phrase a line; "?" stands for half a character, as a \ud800 escape
        lines = data.decode().replace("?", "\ud800").splitlines()
        return Parsed([Phrase(0, line, line, "", "") for line in lines], [], [], "lines", "utf-8",
                      list(range(1, len(lines) + 1)))

    lines = PhraseFormat("lines", (".txt",), read, lambda phrases: "\n".join(p.body for p in phrases).encode(),
                         byte_limit=16, called="a list of lines", needs_abbreviation=True)
    monkeypatch.setitem(registry.REGISTERED, "lines", lines)
    monkeypatch.setitem(registry.SUFFIXES, ".txt", "lines")
    assert format_for("短语.TXT") == "lines"
    parsed = parse("好的\n坏?".encode(), "lines", group="导入")
    assert [(p.body, p.group) for p in parsed.phrases] == [("好的", "导入")]
    assert [(r.line, r.reason.split(" (")[0]) for r in parsed.rejected] == [(2, "the title holds half a character")]
    assert export(parsed.phrases, "lines") == "好的".encode()
    with pytest.raises(PhraseFileError, match=r"more than a list of lines may be \(16 bytes\)"):
        parse(b"0123456789abcdef+", "lines")
    assert left_out([Phrase(0, "t", "b")], "lines") == [Phrase(0, "t", "b")]
