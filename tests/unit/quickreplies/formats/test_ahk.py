"""AutoHotKey hotstrings: text hotstrings with their options, escapes and continuation sections imported; commands,
keys and hotkeys reported with their lines."""

from app.quickreplies.formats.registry import parse

AHK = """\
; my hotstrings
#SingleInstance Force
/* a block
::not::imported
*/
::fh::亲，16点前付款当天发货哦～
:*C:tk::亲，退款请点“申请退款”{Enter}我们尽快处理 ; trailing comment
:R:raw::100% {braces} stay! ^_^
::dz::
(LTrim
    亲，退货地址：
    浙江省杭州市 `; 收件人 小王
)
::run::
Run, notepad.exe
return
::keys::{Left 3}
^j::MsgBox hi
::bang::Hi!
"""


def test_ahk_hotstrings_with_options_escapes_and_continuation_sections():
    parsed = parse(AHK.encode(), "ahk")
    bodies = {p.abbreviation: p.body for p in parsed.phrases}
    assert bodies == {
        "fh": "亲，16点前付款当天发货哦～",
        "tk": "亲，退款请点“申请退款”\n我们尽快处理",
        "raw": "100% {braces} stay! ^_^",
        "dz": "亲，退货地址：\n浙江省杭州市 ; 收件人 小王",
    }
    assert parsed.encoding == "utf-8" and parsed.phrases[0].title == "亲，16点前付款当天发货哦～"


def test_ahk_commands_keys_and_hotkeys_are_reported_with_their_lines_not_imported_as_text():
    rejected = {r.line: r.reason for r in parse(AHK.encode(), "ahk").rejected}
    assert set(rejected) == {14, 17, 18, 19}
    assert "runs commands (Run)" in rejected[14]
    assert "{Left 3}" in rejected[17]
    assert "not a hotstring" in rejected[18]
    assert "'!' is a modifier key" in rejected[19]


def test_an_unclosed_continuation_section_is_rejected_not_swallowed():
    parsed = parse(b"::a::\n(\nline\n::b::ok\n", "ahk")
    assert parsed.phrases == [] and "never closed" in parsed.rejected[0].reason


def test_the_group_option_puts_every_phrase_in_one_group():
    assert {p.group for p in parse(AHK.encode(), "ahk", group="导入/AHK").phrases} == {"导入/AHK"}


# a script as agents share them: window-specific blocks, a hotstring ended by a stray return, replacements that are
# commands, a hotkey running a block of commands, and one abbreviation written twice
SHARED = """\
#NoEnv
#IfWinActive ahk_exe AliWorkBench.exe
::fh::亲，今天16点前发货
return
:?:h1:: sendInput {#}{space}
::kf::Send, 亲{Enter}
::web::Run https://example.com
^!p::
Send, 亲，在的
Sleep 100
return
::fh::亲，明天发货
#IfWinActive
:T:raw::Send as text
"""


def test_a_shared_script_is_understood_commands_reported_and_a_second_text_kept():
    parsed = parse(SHARED.encode(), "ahk")
    assert [(p.abbreviation, p.texts) for p in parsed.phrases] == [
        ("fh", ("亲，今天16点前发货", "亲，明天发货")), ("raw", ("Send as text",))]  # the second fh: its variant 2
    assert parsed.phrases[0].tags == () and parsed.lines == [3, 14]
    assert [(r.line, r.reason.split(",")[0].split(":")[0]) for r in parsed.rejected] == [
        (5, "the text is the command sendInput"), (6, "the text is the command Send"),
        (7, "the text is the command Run"), (8, "a hotkey running commands")]
    assert [n.reason.split(":")[0] for n in parsed.notes] == [
        "2 hotstring(s) fire only in some windows (#IfWinActive, #If)"]
    assert parsed.notes[0].line == 3
