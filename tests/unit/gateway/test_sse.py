from app.gateway.sse import RawEvent, parse_sse


def test_events_are_split_on_blank_lines_with_ids_and_types():
    lines = ["id: 7", "event: message.created", 'data: {"a": 1}', "", ": keep-alive comment", "",
             "event: ping", "data: {}", ""]
    assert list(parse_sse(lines)) == [RawEvent("7", "message.created", '{"a": 1}'), RawEvent(None, "ping", "{}")]


def test_multi_line_data_is_joined_and_crlf_is_stripped():
    lines = ["data: first\r\n", "data: second\r\n", "\r\n"]
    assert list(parse_sse(lines)) == [RawEvent(None, "message", "first\nsecond")]


def test_a_block_without_data_dispatches_nothing_and_an_unfinished_block_is_dropped():
    assert list(parse_sse(["id: 3", "event: ping", "", "data: half"])) == []
