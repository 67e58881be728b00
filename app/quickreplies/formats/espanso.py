"""Espanso match files, in and out: a match's trigger, label and replace text become a phrase, its date and echo
variables and $|$ the desk's own {date}/{time} and {cursor}; what has no KefuDesk equivalent (regex triggers,
shell variables, forms) is reported with its line."""

from __future__ import annotations

import bisect
import json
import re
import reprlib
from collections.abc import Sequence

from app.files.limits import YAML_BYTES
from app.files.refusals import Rejected
from app.files.text import decode_text

from app.quickreplies.formats.base import (
    CODE_TAG,
    GROUP_MARK,
    Coded,
    Parsed,
    PhraseFileError,
    PhraseFormat,
    can_abbreviate,
    codes_of,
    share_codes,
    short,
    title_from,
    too_many,
)
from app.quickreplies.phrase import Phrase

_BRIEF = reprlib.Repr()
_BRIEF.maxlevel, _BRIEF.maxdict, _BRIEF.maxlist, _BRIEF.maxstring, _BRIEF.maxother = 3, 4, 4, 60, 60


def _shown(value: object) -> str:
    """A value from a file for a report line: text as it is, anything else briefly (a YAML alias can make a
    small file hold a list of millions of entries, which str() would spell out)."""
    return short(value if isinstance(value, str) else _BRIEF.repr(value))


_ESPANSO_VAR = re.compile(r"\{\{\s*([\w.-]+)\s*\}\}")
_TIME_DIRECTIVES = set("HIMSpRTXr")


def _date_variable(date_format: str) -> str:
    directives = set(re.findall(r"%-?(\w)", date_format))
    if directives and directives <= _TIME_DIRECTIVES:
        return "{time}"
    return "{date} {time}" if directives & _TIME_DIRECTIVES else "{date}"


def _load(text: str) -> tuple[object, object]:
    """(the node tree, the document) of a YAML text, from one parse: with libyaml where PyYAML has it (a
    30,000-match package takes seconds in pure Python); the node tree gives each match's line, the document is
    built from the same tree. What libyaml refuses is parsed again in pure Python, which reads a little more (an
    escaped half of a UTF-16 pair, reported per match) and words its refusals the way this module's messages do."""
    import yaml

    loaders = [yaml.SafeLoader] if not hasattr(yaml, "CSafeLoader") else [yaml.CSafeLoader, yaml.SafeLoader]
    for loader_class in loaders:
        loader = None
        try:
            loader = loader_class(text)  # the pure-Python reader refuses a control character already here
            root = loader.get_single_node()
            return root, loader.construct_document(root) if root is not None else None
        except yaml.YAMLError as exc:
            if loader_class is not loaders[-1]:
                continue
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise PhraseFileError(f"not valid YAML{where}: {getattr(exc, 'problem', exc)}; fix the file and "
                                  "import again") from exc
        finally:
            if loader is not None:
                loader.dispose()
    raise AssertionError("the last loader returns or raises")


def parse(data: bytes) -> Parsed:

    text, encoding = decode_text(data, PhraseFileError)
    root, document = _load(text)
    if not isinstance(document, dict) or not isinstance(document.get("matches", []), list):
        raise PhraseFileError("not an Espanso match file: it needs a top-level 'matches:' list")
    if not isinstance(document.get("global_vars") or [], list):
        raise PhraseFileError("'global_vars:' must be a list of variables (- name: …, type: …)")
    # group comments of our own export (comment lines only: a replace text may mention the mark), by line
    group_at: list[tuple[int, str]] = [(n, found.group(1).strip()) for n, line in enumerate(text.split("\n"), 1)
                                       if (found := _GROUP_COMMENT.match(line))]
    group_lines = [n for n, _ in group_at]
    too_many(len(document.get("matches") or []), "matches")
    match_lines = _item_lines(root, "matches")
    global_vars = _variables(document.get("global_vars"))
    coded: list[Coded] = []
    rejected: list[Rejected] = []
    extra_triggers: list[str] = []
    for position, match in enumerate(document.get("matches") or []):
        line = match_lines[position] if position < len(match_lines) else position + 1
        if not isinstance(match, dict):
            rejected.append(Rejected(line, "a match must be a mapping with trigger and replace", _shown(match)))
            continue
        shown = _shown(match.get("trigger") or match.get("triggers") or match.get("regex") or "")
        triggers = match.get("triggers") or ([match["trigger"]] if "trigger" in match else [])
        label = match.get("label")
        problem = ""
        if "regex" in match:
            problem = "regex triggers have no KefuDesk equivalent"
        elif not isinstance(triggers, list) or not triggers or not all(isinstance(t, str) and t for t in triggers):
            problem = "no trigger"
        elif label is not None and not isinstance(label, str | int | float):
            problem = "the label is not text"
        elif not isinstance(match.get("vars") or [], list):
            problem = "vars must be a list of variables"
        elif "image_path" in match:
            problem = "image matches are added in the phrase manager with their picture"
        elif "form" in match:
            problem = "forms are not supported"
        body_source = next((match[k] for k in ("replace", "markdown", "html") if k in match), None)
        if not problem and not isinstance(body_source, str):
            problem = "no replace text"
        if problem:
            rejected.append(Rejected(line, f"{problem}: not imported", shown))
            continue
        variables = _variables(match.get("vars"))
        body = body_source.replace("$|$", "{cursor}")
        values: dict[str, str] = {}
        for name in dict.fromkeys(_ESPANSO_VAR.findall(body)):
            var = variables.get(name) or global_vars.get(name)
            kind = (var or {}).get("type")
            params = (var or {}).get("params") or {}
            wanted = {"date": ("format", "%Y-%m-%d"), "echo": ("echo", "")}.get(kind) if isinstance(kind, str) else None
            if var is None:
                problem = f"variable {{{{{name}}}}} is not declared"
            elif wanted is None:
                problem = f"variable {{{{{name}}}}} of type {short(repr(kind))} is not supported"
            elif not isinstance(params, dict) or not isinstance(params.get(wanted[0], wanted[1]), str | int | float):
                problem = f"variable {{{{{name}}}}} has no usable {wanted[0]} parameter"
            else:
                value = str(params.get(wanted[0], wanted[1]))
                values[name] = _date_variable(value) if kind == "date" else value
                continue
            break
        if problem:
            rejected.append(Rejected(line, f"{problem}: not imported", shown))
            continue
        body = _ESPANSO_VAR.sub(lambda m, v=values: v[m.group(1)], body)  # one pass: linear in the variables
        before = bisect.bisect_left(group_lines, line)  # the last group comment above the match
        group = group_at[before - 1][1] if before else ""
        # the first trigger that can be typed as an abbreviation is it; the others stay with the phrase as tags
        first = next((t for t in triggers if can_abbreviate(t)), triggers[0])
        others = [t for t in dict.fromkeys(triggers) if t != first]
        extra_triggers += others
        terms = match.get("search_terms")
        terms = [str(t) for t in terms if isinstance(t, str | int | float)] if isinstance(terms, list) else []
        title = str(label or "") or title_from(body) or first
        tags = tuple(dict.fromkeys([*terms, *(CODE_TAG + t for t in others)]))
        coded.append(Coded(Phrase(0, title, body, group, first, None, tags), line))
    phrases, lines_of, notes = share_codes(coded)
    if extra_triggers:
        shown_triggers = ", ".join(extra_triggers[:5]) + (" …" if len(extra_triggers) > 5 else "")
        notes.insert(0, Rejected(min(c.line for c in coded if any(t.startswith(CODE_TAG) for t in c.phrase.tags)),
                                 f"{len(extra_triggers)} further trigger(s) of matches with several ({shown_triggers}): "
                                 f"kept as tags ({CODE_TAG}…), the palette finds the phrase by them", ""))
    return Parsed(phrases, rejected, notes, "espanso", encoding, lines_of)


_GROUP_COMMENT = re.compile(r"^\s*#\s*" + re.escape(GROUP_MARK) + r"(.*)$")


def _variables(declared: object) -> dict[str, dict[object, object]]:
    """Espanso variables by name; entries that are not a mapping with a text name are not variables."""
    if not isinstance(declared, list):
        return {}
    return {v["name"]: v for v in declared if isinstance(v, dict) and isinstance(v.get("name"), str)}


def _item_lines(root: object, key: str) -> list[int]:
    """The 1-based line each item of the top-level list `key` starts on (for the report)."""
    for name, value in getattr(root, "value", []):
        if getattr(name, "value", None) == key and isinstance(getattr(value, "value", None), list):
            return [item.start_mark.line + 1 for item in value.value]
    return []


# what YAML reads raw in a double-quoted scalar (1.1 printable, minus the line breaks it would fold)
_YAML_RAW = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar: a JSON string, with what YAML would refuse or fold written as an escape."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) <= 0xffff
                         else f"\\U{ord(m.group()):08x}", quoted)


def _replacement(body: str) -> tuple[str, list[str]]:
    """A text as Espanso writes it ($|$ the cursor, {{date}} a variable) and the vars: lines it needs."""
    body = body.replace("{cursor}", "$|$")
    variables = []
    for name, date_format in (("date", "%Y-%m-%d"), ("time", "%H:%M")):
        if "{" + name + "}" in body:
            body = body.replace("{" + name + "}", "{{" + name + "}}")
            variables.append(f"      - {{name: {name}, type: date, params: {{format: {_yaml_string(date_format)}}}}}")
    return body, variables


def export(phrases: Sequence[Phrase]) -> bytes:
    out = ["# KefuDesk phrases as an Espanso match file", "matches:"]
    group = None
    for p in phrases:
        triggers = codes_of(p)
        if not triggers:
            continue
        if p.group != group:
            out.append(f"  # {GROUP_MARK} {p.group}")
            group = p.group
        # each variant a match of its own under the same triggers: Espanso offers the choice, the import joins them
        for number, text in enumerate(p.texts):
            body, variables = _replacement(text)
            if len(triggers) == 1:
                out.append(f"  - trigger: {_yaml_string(triggers[0])}")
            else:
                out.append(f"  - triggers: [{', '.join(map(_yaml_string, triggers))}]")
            if number == 0:
                out.append(f"    label: {_yaml_string(p.title)}")
            out.append(f"    replace: {_yaml_string(body)}")
            if number == 0 and (terms := [t for t in p.tags if not t.startswith(CODE_TAG)]):
                out.append(f"    search_terms: [{', '.join(map(_yaml_string, terms))}]")
            if variables:
                out += ["    vars:", *variables]
    return ("\n".join(out) + "\n").encode("utf-8")


def _any_text(_phrase: Phrase) -> bool:
    return True


FORMAT = PhraseFormat("espanso", (".yml", ".yaml"), parse, export, byte_limit=YAML_BYTES, called="an Espanso file",
                      needs_abbreviation=True, can_write=_any_text)
