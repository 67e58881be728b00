"""The settings file, whatever it holds (issue 9): valid settings read back as written; any other TOML, broken
bytes, wrong types, unknown keys and numbers out of range give SettingsError naming the file; and the desk
started on such a file prints that message and stops, never a traceback."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.config import SETTINGS, SettingsError, load_settings

from tests.property.strategies import PROPERTY, any_char, broken_files, outcome, tried

FAMILY = "settings files"
KNOWN = {s.name: s for s in SETTINGS}


def toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped) + '"'


def toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else toml_string(key)


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    return value.isoformat() if isinstance(value, datetime | date | time) else str(value)


def toml(document: dict[str, object]) -> str:
    lines = [f"{toml_key(k)} = {toml_value(v)}" for k, v in document.items() if not isinstance(v, dict)]
    for section, table in document.items():
        if isinstance(table, dict):
            lines += [f"[{toml_key(section)}]", *(f"{toml_key(k)} = {toml_value(v)}" for k, v in table.items())]
    return "\n".join(lines) + "\n"


def valid_value(name: str) -> st.SearchStrategy[object]:
    setting = KNOWN[name]
    if setting.choices:
        return st.sampled_from(setting.choices)
    if setting.type is bool:
        return st.booleans()
    if setting.type is int:
        low, high = setting.bounds or (-(2**63), 2**63 - 1)
        return st.integers(int(low), int(high))
    if setting.type is float:
        low, high = setting.bounds or (-1e300, 1e300)
        return st.floats(low, high)
    if setting.type is dict:  # keys.bindings: action id → a key or a list of keys
        key = st.text(any_char, max_size=12)
        return st.dictionaries(st.text(any_char, min_size=1, max_size=12), key | st.lists(key, max_size=2), max_size=3)
    return st.text(any_char, max_size=40)


@st.composite
def valid_settings(draw: st.DrawFn) -> dict[str, object]:
    names = draw(st.lists(st.sampled_from(sorted(KNOWN)), unique=True, max_size=len(KNOWN)))
    return {name: draw(valid_value(name)) for name in names}


def nested(values: dict[str, object]) -> dict[str, dict[str, object]]:
    document: dict[str, dict[str, object]] = {}
    for name, value in values.items():
        section, key = name.split(".", 1)
        document.setdefault(section, {})[key] = value
    return document


def loaded(path: Path) -> object:
    tried(FAMILY)
    result = outcome(lambda: load_settings(path), SettingsError)
    if isinstance(result, SettingsError):
        assert str(path) in str(result) and len(str(result)) < 2000
    else:  # every setting there, of its type, in its range
        assert set(result) == set(KNOWN)
        for name, value in result.items():
            setting = KNOWN[name]
            assert type(value) is setting.type and (not setting.choices or value in setting.choices)
            assert not setting.bounds or setting.bounds[0] <= value <= setting.bounds[1]
    return result


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    return tmp_path_factory.mktemp("config") / "settings.toml"


@PROPERTY
@given(values=valid_settings(), bom=st.booleans(), end=st.sampled_from(("\n", "\r\n")))
def test_valid_settings_read_back_as_written(path, values, bom, end):
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + toml(nested(values)).replace("\n", end).encode())
    assert loaded(path) == {s.name: s.default for s in SETTINGS} | values


toml_scalars = st.one_of(st.booleans(), st.integers(-(2**63), 2**63 - 1), st.floats(), st.text(any_char, max_size=10),
                         st.datetimes(), st.dates())
toml_values = st.recursive(toml_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=5), inner, max_size=3), max_leaves=8)
sections = st.sampled_from(sorted({name.split(".")[0] for name in KNOWN}) + ["", "gateway.sub", "日志"]) | st.text(
    max_size=6)
keys = st.sampled_from(sorted({name.split(".")[1] for name in KNOWN})) | st.text(max_size=6)


@PROPERTY
@given(st.dictionaries(sections, st.dictionaries(keys, toml_values, max_size=4) | toml_values, max_size=4))
@example({"demo": {"rate": math.inf}})  # a flood of buyers at start-up
@example({"demo": {"rate": math.nan}})
@example({"demo": {"buyers": 10**9}})  # a billion simulated buyers built before the window opens
@example({"demo": {"initial_chats": -3}})
def test_any_toml_gives_settings_in_range_or_a_message_naming_the_file(path, document):
    path.write_text(toml(document), encoding="utf-8")
    loaded(path)


VALID = toml(nested({"gateway.url": "http://127.0.0.1:8765", "ui.language": "zh_CN", "demo.rate": 3.5})).encode()


@PROPERTY
@given(broken_files(st.just(VALID)))
@example(b"a = " + b"[" * 100_000)  # once a RecursionError
@example(b"a = " + b"1" * 5000)  # once a ValueError from int()
@example(b"\xef\xbb\xbf[ui]\nlanguage = 'en'\n")  # Notepad's BOM: once "not valid TOML"
def test_broken_bytes_give_settings_or_a_message_naming_the_file(path, data):
    path.write_bytes(data)
    loaded(path)


def test_a_settings_path_that_is_a_folder_is_a_message_not_a_traceback(tmp_path):
    folder = tmp_path / "settings.toml"
    folder.mkdir()
    with pytest.raises(SettingsError, match="cannot read"):
        load_settings(folder)


@pytest.mark.parametrize("content", [b"[demo]\nrate = inf\n", b"\xff\xfe\x00[", b"[ui\n", b"a = " + b"[" * 100_000])
def test_the_desk_started_on_a_bad_settings_file_says_why_and_stops(content, capsys, monkeypatch):
    from app.ui import start as ui_start

    from app import config
    from app.cli.main import main

    def opened(options: object) -> int:
        raise AssertionError("the desk opened on a bad settings file")
    monkeypatch.setattr(ui_start, "run_desk", opened)
    config.settings_path().parent.mkdir(parents=True, exist_ok=True)
    config.settings_path().write_bytes(content)
    assert main([]) == 2
    assert str(config.settings_path()) in capsys.readouterr().err
