"""What the library accepts, and turning a chat message into a phrase with this buyer's details as variables."""

from app.quickreplies.edit import Finding, Problem, phrase_from_message, problems, title_for
from app.quickreplies.phrase import Phrase

LIBRARY = [Phrase(1, "发货时间", "16点前当天发", "售中/物流", "fh", 1), Phrase(2, "催件", "已催", "售中/物流", "cj", 2)]


def test_a_good_phrase_has_no_problems_and_editing_one_does_not_clash_with_itself():
    assert problems(Phrase(0, "新", "内容", "售中/物流", "xin", 3), LIBRARY) == []
    assert problems(Phrase(1, "发货时间改", "16点前当天发", "售中/物流", "fh", 1), LIBRARY) == []


def test_each_problem_names_what_clashes():
    found = problems(Phrase(0, " ", "\n", "售中/物流", "FH", 2), LIBRARY)
    assert found == [Finding(Problem.EMPTY_TITLE), Finding(Problem.EMPTY_BODY),
                     Finding(Problem.ABBREVIATION_TAKEN, "发货时间"), Finding(Problem.SLOT_TAKEN, "催件")]


def test_an_abbreviation_must_be_typeable_before_space_and_a_slot_1_to_9():
    found = problems(Phrase(0, "t", "b", "g", "退 款", 10), LIBRARY)
    assert found == [Finding(Problem.BAD_ABBREVIATION, "退 款"), Finding(Problem.SLOT_RANGE, "10")]


def test_an_image_phrase_needs_no_text():
    assert problems(Phrase(0, "尺码表", "", "g", image="ab" * 32), LIBRARY) == []


def test_a_message_becomes_a_template_with_this_buyers_details_as_variables():
    message = "tb_小美妈妈 亲，您的订单3912345678901234567已由中通发出，运单号78123456789012，实付¥129.00～"
    values = {"buyer": "tb_小美妈妈", "courier": "中通", "agent": "小", "date": "2026-11-24"}
    phrase = phrase_from_message(message, values)
    assert phrase.body == "{buyer} 亲，您的订单{order_no}已由{courier}发出，运单号{tracking_no}，实付{amount}～"
    assert phrase.title == "您的订单已由发出"


def test_chat_values_win_over_patterns_and_longer_values_first():
    values = {"order_no": "3912345678901234567", "tracking_no": "SF1234567890", "buyer": "小美", "shop": "小美童鞋店"}
    phrase = phrase_from_message("小美童鞋店提醒小美：SF1234567890 已签收", values)
    assert phrase.body == "{shop}提醒{buyer}：{tracking_no} 已签收"


def test_titles_skip_greetings_and_are_short():
    assert title_for("亲，麻烦把新的收货地址发给我哦") == "麻烦把新的收货地址发给…"
    assert title_for("您好！欢迎光临") == "欢迎光临"
    assert title_for("") == ""


def test_an_ask_written_wrong_is_refused_before_a_buyer_gets_it_as_written():
    assert problems(Phrase(0, "补偿", "补偿{ask:|money}元", "g"), LIBRARY) == [Finding(Problem.BAD_ASK, "{ask:|money}")]
    assert problems(Phrase(0, "补偿", "补偿{ask:补偿金额|money}元，{ask:快递|顺丰,圆通}发", "g"), LIBRARY) == []


def test_the_clock_is_never_read_into_a_saved_message():
    """A chat's values carry the date variables (an imported input-method expression uses them): the 12 of
    December inside an order no. or a price is not {month}."""
    values = {"buyer": "tb_小美", "order_no": "3698123456789012345", "month": "12", "month_mm": "12", "day_dd": "06",
              "year": "2026", "hour": "10", "minute": "12"}
    made = phrase_from_message("亲，订单3698123456789012345已发出，12号前到，优惠12元", values)
    assert made.body == "亲，订单{order_no}已发出，12号前到，优惠12元"


def test_a_variant_must_have_text_differ_from_the_others_and_ask_properly():
    def found(*variants: str) -> list[tuple[Problem, str]]:
        return [(f.problem, f.detail) for f in problems(Phrase(0, "发货", "今天发", variants=variants), [])]

    assert found("明天发", "后天发") == []
    assert found("明天发", "  ") == [(Problem.EMPTY_VARIANT, "3")]  # numbered as the palette shows it
    assert found("明天发", "今天发 ") == [(Problem.SAME_VARIANT, "3")]
    assert found("{ask:}") == [(Problem.BAD_ASK, "{ask:}")]
