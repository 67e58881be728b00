from datetime import datetime

from app.quickreplies.template import (
    CHOICE,
    DATE,
    MARK,
    MONEY,
    TEXT,
    Ask,
    asks_in,
    bad_asks,
    clock_values,
    fill,
    find_blanks,
    needs_setup,
    parse_ask,
    unmarked,
    variables_in,
)


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


# --- values asked each time ---------------------------------------------------------------------------------

def test_an_ask_names_its_label_and_kind_or_its_choices():
    assert parse_ask("补偿金额|money") == Ask("补偿金额", MONEY)
    assert parse_ask(" 日期 | date ") == Ask("日期", DATE)
    assert parse_ask("备注") == Ask("备注", TEXT)
    assert parse_ask("快递|顺丰,圆通，中通、顺丰") == Ask("快递", CHOICE, ("顺丰", "圆通", "中通"))
    assert parse_ask("") is None and parse_ask("|money") is None and parse_ask("快递|,,") is None
    assert parse_ask("【金额】|money") is None  # a label of brackets would be taken for a blank


def test_asks_are_listed_once_in_the_bodys_order_and_fill_from_the_answers():
    body = "补偿{ask:补偿金额|money}元，{ask:快递|顺丰,中通}发出，再补{ask:补偿金额|money}元给{buyer}"
    assert [a.label for a in asks_in(body)] == ["补偿金额", "快递"]
    filled = fill(body, {"buyer": "小美"}, {"补偿金额": "5.00", "快递": "顺丰"})
    assert filled.text == "补偿5.00元，顺丰发出，再补5.00元给小美" and filled.blanks == ()


def test_an_unanswered_ask_is_a_blank_never_the_chats_value():
    filled = fill("补偿{ask:补偿金额|money}元", {"amount": "129.00"})
    assert filled.text == "补偿【补偿金额】元" and "129" not in filled.text
    assert [filled.text[a:b] for a, b in filled.blanks] == ["【补偿金额】"]


def test_an_ask_written_wrong_is_found_before_it_reaches_a_buyer():
    assert bad_asks("补偿{ask:|money}元 {ask:快递|,} {ask:好}") == ["{ask:|money}", "{ask:快递|,}"]
    assert fill("补偿{ask:|money}元", {}).text == "补偿{ask:|money}元"  # kept as written: the editor refuses it


# --- blanks: marked when made, found wherever they are ------------------------------------------------------

def test_a_setup_placeholder_is_a_blank_of_its_own_kind():
    body = "退货请寄到：【请在短语管理里填上店铺的退货地址】，订单号{order_no}"
    assert needs_setup(body) and not needs_setup("【温馨提示】亲，发货啦")
    filled = fill(body, {})
    assert [filled.text[a:b] for a, b in filled.blanks] == ["【请在短语管理里填上店铺的退货地址】", "【订单号】"]
    assert [filled.text[a:b] for a, b in filled.setup] == ["【请在短语管理里填上店铺的退货地址】"]


def test_marked_blanks_are_told_from_brackets_anybody_typed():
    filled = fill("【温馨提示】亲，{order_no}已由{courier}发出{cursor}～", {"courier": "中通"}).marked()
    assert filled.text == f"【温馨提示】亲，{MARK}【订单号】{MARK}已由中通发出～"
    assert [filled.text[a:b] for a, b in filled.blanks] == ["【订单号】"]
    assert filled.text[filled.cursor:] == "～"
    assert [(b.text, b.setup) for b in find_blanks(filled.text)] == [("【订单号】", False)]
    typed_over = filled.text.replace("【订单号】", "3698")  # the agent typed over the selected blank
    assert find_blanks(typed_over) == [] and unmarked(typed_over) == "【温馨提示】亲，3698已由中通发出～"
    assert find_blanks("买家说：【急】【订单号】是多少？") == []  # quoted, not made by a phrase
    assert [b.text for b in find_blanks("寄到【请在短语管理里填上地址】")] == ["【请在短语管理里填上地址】"]


def test_the_date_and_time_variables_are_filled_from_the_clock():
    values = clock_values(datetime(2027, 1, 4, 7, 3, 9))  # a Monday
    body = "{year}/{year_yy} {month}月{month_mm} {day}日{day_dd} 星期{weekday} {hour}:{minute}:{second} {date} {time}"
    assert fill(body, values).text == "2027/27 1月01 4日04 星期一 07:03:09 2027-01-04 07:03"
    assert fill("{weekday}", {}).text == "【星期几】"  # no clock given: a blank the agent sees, never a wrong day
