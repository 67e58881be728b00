"""Espanso match files: triggers, labels, date variables and the cursor imported; what KefuDesk has no equivalent
for reported with its line; broken YAML refused with the line named."""

import pytest

from app.quickreplies.formats.base import PhraseFileError
from app.quickreplies.formats.registry import parse

ESPANSO = """\
matches:
  - trigger: ":fh"
    replace: "亲，今天{{today}}下单，16点前发货哦～$|$"
    vars:
      - name: today
        type: date
        params: {format: "%m月%d日"}
  - triggers: [":tk", ":refund"]
    label: 退款流程
    replace: |
      亲，申请退款即可～
      我们尽快处理
  - trigger: ":ip"
    replace: "{{output}}"
    vars:
      - name: output
        type: shell
        params: {cmd: "curl ip.sb"}
  - regex: "(?P<x>.*)ok"
    replace: "{{x}}"
  - trigger: ":form"
    form: "Hi [[name]]"
"""


def test_espanso_triggers_labels_date_vars_and_cursor():
    parsed = parse(ESPANSO.encode(), "espanso")
    fh, tk = parsed.phrases
    assert fh.abbreviation == ":fh" and fh.body == "亲，今天{date}下单，16点前发货哦～{cursor}"
    assert (tk.title, tk.abbreviation, tk.body) == ("退款流程", ":tk", "亲，申请退款即可～\n我们尽快处理\n")
    assert ":refund" in parsed.notes[0].reason


def test_espanso_shell_vars_regex_and_forms_are_reported_with_their_lines():
    rejected = parse(ESPANSO.encode(), "espanso").rejected
    assert [(r.line, r.reason.split(":")[0]) for r in rejected] == [
        (13, "variable {{output}} of type 'shell' is not supported"),
        (19, "regex triggers have no KefuDesk equivalent"),
        (21, "forms are not supported")]


def test_invalid_yaml_names_the_line():
    with pytest.raises(PhraseFileError, match="line 3"):
        parse(b"matches:\n  - trigger: a\n\treplace: b\n", "espanso")
