from app.quickreplies.template import fill, variables_in


def test_values_fill_in_and_cursor_marks_the_caret():
    filled = fill("亲{buyer}，您的订单{order_no}已发出{cursor}～", {"buyer": "小美", "order_no": "36981234"})
    assert filled.text == "亲小美，您的订单36981234已发出～"
    assert filled.cursor == filled.text.index("～") and filled.blanks == ()


def test_a_missing_value_stays_visible_and_its_span_is_returned():
    filled = fill("运单号{tracking_no}，{courier}派送", {"courier": "中通快递"})
    assert filled.text == "运单号【运单号】，中通快递派送"
    start, end = filled.blanks[0]
    assert filled.text[start:end] == "【运单号】"


def test_braces_that_are_not_variables_are_kept_as_typed():
    body = "好的呢{^_^} /:^_^ {unknown} 😊\n第二行"
    assert fill(body, {}).text == body
    assert variables_in("{buyer}{cursor}{nope}") == ["buyer", "cursor"]
