"""Phrase files from other tools, whatever arrives (issue 9, hostile and broken input): every format either
parses, giving back exactly what our own export wrote in any encoding and line end, or raises PhraseFileError
with a message; never another exception, never a hang; and an import that fails half-way writes nothing."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
import yaml
from hypothesis import assume, example, given
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.quickreplies.formats.base import Parsed, PhraseFileError
from app.quickreplies.formats.kefudesk_json import JSON_FORMAT
from app.quickreplies.formats.registry import FORMATS, export, parse
from app.quickreplies.phrase import Phrase
from app.store.engine import open_store

from app.desk.phrases import PhraseBook

from tests.property.strategies import (
    ENCODINGS,
    PROPERTY,
    SLOW,
    any_char,
    broken_files,
    encodable,
    floor_text,
    is_utf8,
    one_line,
    outcome,
    tried,
    with_line_ends,
)

FAMILY = "phrase files"
LIBRARY = [Phrase(0, "欢迎语", "亲，您好呀～{cursor}", "通用/问候", "hi", 1, ("问候",)),
           Phrase(0, "=公式?", "=SUM(A1)\x0b_x000B_\t😊", "售前/尺码", ";cm", 2, ("尺码", "图"))]
TEXT_FORMATS = ("ahk", "espanso", "csv", "json")
# the formats whose export carries every phrase this file's library strategy draws; the input methods' files (a code
# for each text, UTF-16) have their own properties in tests/unit/quickreplies/formats/test_ime.py and test_mspy.py
CARRYING_FORMATS = tuple(f for f in FORMATS if f not in ("sogou", "qq", "baidu", "rime", "mspy"))


def assert_sane(result: object) -> None:
    """A parse result the import preview and the store can take as it is, or a refusal with a message."""
    if isinstance(result, PhraseFileError):
        return
    assert isinstance(result, Parsed)
    assert len(result.lines) == len(result.phrases)
    for phrase in result.phrases:
        for name in ("title", "body", "group", "abbreviation", "owner", "image"):
            value = getattr(phrase, name)
            assert isinstance(value, str)
            value.encode("utf-8")  # storable: no half of a UTF-16 pair
        assert all(isinstance(t, str) for t in phrase.tags)
        assert all(isinstance(t, str) and t.strip() for t in phrase.variants)
        "".join(phrase.variants).encode("utf-8")
        assert phrase.slot is None or 1 <= phrase.slot <= 9
    for entry in result.rejected + result.notes:
        assert entry.reason.strip() and isinstance(entry.line, int)
        (entry.reason + entry.text).encode("utf-8")  # the report prints


def parsed_or_refused(data: bytes, fmt: str) -> object:
    tried(FAMILY)
    result = outcome(lambda: parse(data, fmt), PhraseFileError)
    assert_sane(result)
    return result


# --- what the library holds, in the part of it each format can carry -------------------------------

abbreviations = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=12)
tag = one_line(1, 8).filter(lambda t: not set(t) & set(",，;；"))


def bodies(*, carriage_returns: bool) -> st.SearchStrategy[str]:
    chars = any_char if carriage_returns else any_char.filter(lambda c: c != "\r")
    return st.one_of(st.text(chars, min_size=1, max_size=80), floor_text.filter(lambda t: "\r" not in t)).filter(
        lambda b: b.strip())


@st.composite
def library_phrase(draw: st.DrawFn, fmt: str) -> Phrase:
    if fmt == "json":
        aware = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                             timezones=st.sampled_from((UTC, timezone(timedelta(hours=8)), timezone(-timedelta(hours=5)))))
        return Phrase(0, draw(st.text(any_char, max_size=40)), draw(bodies(carriage_returns=True)),
                      draw(st.text(any_char, max_size=20)), draw(st.text(any_char, max_size=12)),
                      draw(st.none() | st.integers(1, 9)), tuple(draw(st.lists(st.text(any_char, max_size=8), max_size=3))),
                      draw(st.integers(0, 10**9)), draw(st.none() | aware), draw(st.text(any_char, max_size=8)),
                      draw(st.text(any_char, max_size=8)), tuple(draw(st.lists(bodies(carriage_returns=True), max_size=2))),
                      draw(st.booleans()))
    group = one_line(0, 20)
    if fmt == "espanso":  # the group rides in a YAML comment, where YAML refuses U+FFFE/U+FFFF outright
        group = group.filter(lambda g: not set(g) & {"\ufffe", "\uffff"})
    body = bodies(carriage_returns=fmt == "espanso")
    if fmt == "espanso":  # Espanso's own syntax: $|$ is the cursor, {{name}} a variable
        body = body.filter(lambda b: "$|$" not in b and "{{" not in b and "}}" not in b)
    phrase = Phrase(0, draw(one_line(1, 40)), draw(body), draw(group),
                    draw(abbreviations if fmt in ("ahk", "espanso") else st.just("") | abbreviations))
    if fmt in ("csv", "xlsx"):
        phrase = replace(phrase, slot=draw(st.none() | st.integers(1, 9)), tags=tuple(draw(st.lists(tag, max_size=3))))
    if fmt in ("ahk", "espanso"):  # further texts under the same trigger, each different (as the editor keeps them)
        others = draw(st.lists(body, max_size=2, unique=True))
        phrase = replace(phrase, variants=tuple(t for t in others if t != phrase.body))
    return phrase


def carried(phrase: Phrase, fmt: str) -> Phrase:
    """What the format keeps of a phrase."""
    if fmt in ("ahk", "espanso"):
        return Phrase(0, phrase.title, phrase.body, phrase.group, phrase.abbreviation, variants=phrase.variants)
    return phrase


def library(fmt: str) -> st.SearchStrategy[list[Phrase]]:
    if fmt in ("ahk", "espanso"):  # as a library holds them: one phrase an abbreviation, whatever its case
        return st.lists(library_phrase(fmt), min_size=1, max_size=5, unique_by=lambda p: p.abbreviation.lower())
    return st.lists(library_phrase(fmt), min_size=1, max_size=3 if fmt == "xlsx" else 5)


@PROPERTY
@given(fmt=st.sampled_from(CARRYING_FORMATS), data=st.data())
def test_an_export_reads_back_as_exactly_the_phrases_it_holds(fmt, data):
    phrases = data.draw(library(fmt))
    result = parsed_or_refused(export(phrases, fmt), fmt)
    assert isinstance(result, Parsed), result
    assert (result.phrases, result.rejected, result.notes) == ([carried(p, fmt) for p in phrases], [], [])


@PROPERTY
@given(fmt=st.sampled_from(TEXT_FORMATS), data=st.data(), encoding=st.sampled_from(ENCODINGS),
       end=st.sampled_from(("\n", "\r\n", "\r")))
def test_an_export_saved_again_in_any_chinese_encoding_and_line_end_reads_the_same(fmt, data, encoding, end):
    phrases = data.draw(library(fmt))
    written = with_line_ends(export(phrases, fmt).decode("utf-8-sig"), end)
    assume(encodable(written, encoding))
    saved = written.encode(encoding)
    # a GBK file that happens to be valid UTF-8 as well reads as UTF-8: no byte tells the two apart
    assume(encoding not in ("gbk", "gb18030") or not is_utf8(saved) or saved.decode("utf-8") == written)
    result = parsed_or_refused(saved, fmt)
    assert isinstance(result, Parsed), result
    assert result.phrases == [carried(p, fmt) for p in phrases]


def exported(fmt: str) -> st.SearchStrategy[bytes]:
    return st.tuples(library(fmt), st.sampled_from(ENCODINGS)).map(
        lambda pair: _saved(export(pair[0], fmt), fmt, pair[1]))


def _saved(data: bytes, fmt: str, encoding: str) -> bytes:
    if fmt == "xlsx":
        return data
    text_ = data.decode("utf-8-sig")
    return text_.encode(encoding) if encodable(text_, encoding) else data


@PROPERTY
@given(fmt=st.sampled_from(CARRYING_FORMATS), data=st.data())
def test_broken_or_random_bytes_parse_or_are_refused_with_a_message(fmt, data):
    # a workbook's bytes differ with the second it was saved in: damage a few saved once
    valid = exported(fmt) if fmt != "xlsx" else st.sampled_from(WORKBOOKS)
    parsed_or_refused(data.draw(broken_files(valid)), fmt)


WORKBOOKS = [export(LIBRARY, "xlsx"), export(LIBRARY[:1], "xlsx")]


# --- files other tools write, assembled from their grammar -----------------------------------------

AHK_PIECES = ("::", ":", ":*:", ":T:", ":R:", ":X:", ":?0:", "`", "``", "`n", "`;", " ;", "{", "}", "{Enter}",
              "{Left 3}", "`{", "^", "!", "+", "#", "(", ")", "(LTrim", "return", "Run, x", ",", "/*", "*/", "; ",
              "; kefudesk-group: ", "; kefudesk-title: ", "\t", " ", "fh", "亲，", "\x00", "\x00123\x00")


@PROPERTY
@given(st.lists(st.lists(st.one_of(st.sampled_from(AHK_PIECES), st.text(any_char, max_size=4)), max_size=8)
                .map("".join), max_size=12).map("\n".join))
@example("::a::\n,x\nreturn\n")  # a command line that starts with a comma
@example("::a::\x001114112\x00\n")  # NUL-number-NUL: once read as a placeholder for a code point past U+10FFFF
@example(":T:`:::x\n")  # our export's escaped colon in an abbreviation
def test_ahk_scripts_of_any_shape(script):
    parsed_or_refused(script.encode("utf-8"), "ahk")


yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**20), st.floats(allow_nan=False),
                         st.text(any_char, max_size=12), st.sampled_from(("{{d}}", "$|$", "x {{ t }}", "date", "echo")),
                         st.dates())
yaml_keys = st.sampled_from(("trigger", "triggers", "replace", "label", "vars", "name", "type", "params", "format",
                             "echo", "regex", "form", "image_path", "markdown", "html", "global_vars", "matches"))
yaml_values = st.recursive(yaml_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    yaml_keys | st.text(max_size=5), inner, max_size=5), max_leaves=20)


@PROPERTY
@given(st.dictionaries(st.sampled_from(("matches", "global_vars", "imports")) | st.text(max_size=5), yaml_values,
                       max_size=3) | yaml_values, st.booleans())
@example({"matches": [{"trigger": "a", "replace": "b"}], "global_vars": 5}, False)
@example({"matches": [{"trigger": "a", "replace": "{{x}}", "vars": [{"name": [1], "type": "echo"}]}]}, False)
@example({"matches": [{"triggers": {"a": 1}, "replace": "b"}]}, False)
@example({"matches": [{"trigger": "a", "replace": "{{x}}", "vars": [{"name": "x", "type": "date", "params": 5}]}]},
         False)
def test_espanso_files_of_any_shape(document, unicode):
    parsed_or_refused(yaml.safe_dump(document, allow_unicode=unicode).encode("utf-8"), "espanso")


@PROPERTY
@given(st.lists(st.one_of(st.sampled_from(("matches:", "  - trigger: ", "    replace: ", "    label: ", "    vars:",
                                          "      - name: ", "        type: ", "&a ", "*a", "[", "]", "{", "}",
                                          "\"\\ud800\"", "'", "  # kefudesk-group: ", "!!python/object:os.system",
                                          "---", ": ", "- ", "    ")),
                          st.text(any_char, max_size=6)), max_size=40).map("".join))
def test_yaml_text_of_any_shape(document):
    parsed_or_refused(document.encode("utf-8"), "espanso")


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(any_char, max_size=10),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                                       max_size=4), max_leaves=15)
json_entry = st.dictionaries(st.sampled_from([f.name for f in fields(Phrase)] + ["extra"]), json_values
                             | st.sampled_from(("2026-11-24T10:00:00+08:00", "2026-11-24T10:00:00", "not a time")),
                             max_size=8)


@PROPERTY
@given(st.one_of(json_values, st.fixed_dictionaries({"format": st.just(JSON_FORMAT) | json_values,
                                                     "version": st.just(1) | json_values,
                                                     "phrases": st.lists(json_entry | json_values, max_size=5)
                                                     | json_values})),
       st.booleans())
def test_json_files_of_any_shape(document, ascii_only):
    parsed_or_refused(json.dumps(document, ensure_ascii=ascii_only).encode("utf-8"), "json")


@PROPERTY
@given(st.lists(st.lists(st.text(any_char, max_size=10) | st.sampled_from(("nan", "1e400", "3.0", "-1", "inf", "9")),
                         max_size=7), min_size=0, max_size=8),
       st.sampled_from((("title", "body", "group", "abbreviation", "slot", "tags"), ("标题", "内容", "分组", "快捷编码", "序号"),
                        ("短语内容",), ("body", "body"), ())),
       st.sampled_from(ENCODINGS), st.sampled_from((",", "\t")))
def test_csv_tables_of_any_cells(rows, header, encoding, delimiter):
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerows([list(header), *rows])
    written = buffer.getvalue()
    parsed_or_refused(written.encode(encoding) if encodable(written, encoding) else written.encode("gb18030"), "csv")


@SLOW
@given(st.lists(st.lists(st.none() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True) | st.booleans()
                         | st.datetimes(min_value=datetime(1900, 3, 1)) | one_line(0, 10)
                         | st.sampled_from(("=1+1", "_x000B_", "nan")), max_size=7), max_size=6))
def test_workbooks_of_any_cells(rows):
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in [["title", "body", "group", "abbreviation", "slot", "tags"], *rows]:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    parsed_or_refused(out.getvalue(), "xlsx")


# --- what used to hang ------------------------------------------------------------------------------

def test_files_built_to_blow_up_are_read_or_refused_in_their_own_time():
    laughs = "a: &a [" + ",".join(['"lol"'] * 9) + "]\n" + "".join(
        f"{b}: &{b} [" + ",".join([f"*{a}"] * 9) + "]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True))
    hostile = {
        "espanso": [laughs + "matches: [*i, *i]\n", laughs + "matches:\n  - trigger: *i\n    replace: x\n",
                    laughs + "matches:\n  - trigger: a\n    label: *i\n    replace: x\n",
                    "matches: " + "[" * 50_000 + "]" * 50_000 + "\n"],
        "json": ["[" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000],
        "ahk": ["::a::x" + " " * 300_000 + "y\n", ":" + "a" * 300_000 + "\n", "::" + "`" * 300_001 + "::x\n"],
        "csv": ["body\n" + "x" * 300_000 + "\n", 'body\n"' + "\n" * 300_000],
    }
    for fmt, files in hostile.items():
        for data in files:
            parsed_or_refused(data.encode("utf-8"), fmt)


def test_a_lone_surrogate_escape_is_reported_not_imported():
    entries = [{"title": "半个\ud800字", "body": "x"}, {"title": "ok", "body": "好的"}]
    data = json.dumps({"format": JSON_FORMAT, "version": 1, "phrases": entries}).encode()
    result = parsed_or_refused(data, "json")
    assert [p.title for p in result.phrases] == ["ok"]
    assert [(r.line, r.reason.split(" (")[0]) for r in result.rejected] == [(1, "the title holds half a character")]
    espanso = b'matches:\n  - trigger: a\n    label: ok\n    replace: "\\ud800"\n'
    assert parsed_or_refused(espanso, "espanso").rejected[0].reason.startswith("the body holds half a character")


# --- the import as a whole: all of it or none of it -------------------------------------------------

@pytest.fixture(scope="module")
def book(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("store") / "k.db")
    with store.engine.begin() as connection:  # the disk gives up at the phrase titled 💥
        connection.execute(text("CREATE TRIGGER boom BEFORE INSERT ON phrase WHEN NEW.title = '💥' "
                                "BEGIN SELECT RAISE(ABORT, 'disk gave up'); END"))
    yield PhraseBook(store), store
    store.close()


@SLOW
@given(phrases=st.lists(library_phrase("csv"), min_size=1, max_size=8), at=st.integers(0, 8), fmt=st.sampled_from(
    ("csv", "json", "ahk")))
def test_an_import_that_fails_half_way_leaves_the_library_as_it_was(book, phrases, at, fmt):
    book, store = book
    tried(FAMILY)
    phrases = [replace(p, abbreviation=p.abbreviation or f"x{n}") for n, p in enumerate(phrases)]
    phrases.insert(min(at, len(phrases)), Phrase(0, "💥", "最后一条", "", "boom"))
    before = store.phrases()
    plan = book.plan_import(export(phrases, fmt), fmt)
    assume("💥" in [p.title for p in plan.new])  # not taken for a duplicate of the library
    with pytest.raises(IntegrityError, match="disk gave up"):
        book.run_import(plan)
    assert store.phrases() == before
