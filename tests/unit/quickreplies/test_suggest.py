"""Suggestions for the buyer's last message: the library's words, how buyers say them, and the floor's habits."""

from app.quickreplies.phrase import Phrase
from app.quickreplies.starter import STARTER
from app.quickreplies.suggest import Suggester, terms

LIBRARY = [Phrase(i, t, b, g, a, s) for i, (t, b, g, a, s) in enumerate(STARTER, start=1)]
BY_TITLE = {p.title: p for p in LIBRARY}


def titles(suggester: Suggester, message: str, top: int = 3) -> list[str]:
    return [s.phrase.title for s in suggester.suggest(message, top=top)]


def test_terms_are_chinese_bigrams_and_latin_words():
    assert terms("发货 SF123") == {"发", "货", "发货", "sf123"}


def test_a_buyer_asking_in_their_own_words_gets_the_phrase_that_answers():
    s = Suggester(LIBRARY)
    assert titles(s, "什么时候发货啊")[0] == "发货时间"
    assert titles(s, "我的快递到哪了")[0] == "物流查询"
    assert titles(s, "衣服少发了一件")[0] == "少发核实"
    assert set(titles(s, "宝宝脚长13厘米穿多大", top=2)) == {"尺码推荐", "量脚方法"}
    assert titles(s, "在吗")[0] == "欢迎语"


def test_nothing_is_suggested_for_a_message_the_library_has_no_words_for():
    assert Suggester(LIBRARY).suggest("hello") == []


def test_what_the_floor_fired_after_similar_messages_comes_first():
    message = "鞋子开胶了能退吗"
    before = titles(Suggester(LIBRARY), message)
    assert before[0] != "退款流程"
    refund = BY_TITLE["退款流程"].id
    history = [(refund, "鞋子开胶了能退吗？"), (refund, "开胶了可以退吗"), (refund, "鞋子开胶了能退吗")]
    after = Suggester(LIBRARY, history).suggest(message)
    assert after[0].phrase.title == "退款流程"
    assert "fired 3× after similar messages" in after[0].reasons


def test_history_of_a_deleted_phrase_is_ignored():
    assert Suggester(LIBRARY, [(9999, "鞋子开胶了能退吗")]).suggest("鞋子开胶了能退吗")[0].phrase.id != 9999


def test_fit_scales_the_best_suggestion_to_one():
    fit = Suggester(LIBRARY).fit("什么时候发货")
    assert fit[BY_TITLE["发货时间"].id] == 1.0 and all(0 < v <= 1 for v in fit.values())
    assert Suggester(LIBRARY).fit("  ") == {}


def test_a_phrase_not_set_up_is_never_suggested_and_the_caller_can_leave_phrases_out():
    from app.quickreplies.phrase import NOT_FOR_COMPLAINTS

    phrases = [Phrase(1, "退货地址", "亲，退货请寄到：【请在短语管理里填上店铺的退货地址】"),
               Phrase(2, "退货流程", "亲，退货请在订单页申请退货哦"),
               Phrase(3, "邀请好评", "亲，满意的话给个五星好评哦", tags=(NOT_FOR_COMPLAINTS,))]
    suggester = Suggester(phrases)
    assert [s.phrase.id for s in suggester.suggest("退货地址是哪里")] == [2]
    assert [s.phrase.id for s in suggester.suggest("好评", leave_out={3})] == []
    assert [s.phrase.id for s in suggester.suggest("好评")] == [3]


def test_the_complaints_flag_is_no_word_to_match():
    from app.quickreplies.phrase import NOT_FOR_COMPLAINTS

    phrases = [Phrase(1, "邀请好评", "亲，满意的话给个五星好评哦", tags=(NOT_FOR_COMPLAINTS,)),
               Phrase(2, "道歉", "亲，非常抱歉，马上为您处理")]
    assert 1 not in {s.phrase.id for s in Suggester(phrases).suggest("我要投诉你们")}


def test_a_message_is_scored_once_however_often_the_palette_asks(monkeypatch):
    import app.quickreplies.suggest as suggest

    widened = []
    real = suggest._widened
    monkeypatch.setattr(suggest, "_widened", lambda line: widened.append(line) or real(line))
    s = Suggester(LIBRARY)
    first = titles(s, "什么时候发货啊")
    for _keystroke in range(10):
        assert s.fit("什么时候发货啊")[BY_TITLE["发货时间"].id] == 1.0
    assert titles(s, "什么时候发货啊") == first and widened == ["什么时候发货啊"]
    s.fit("我的快递到哪了")  # another chat's message is scored for itself
    assert widened == ["什么时候发货啊", "我的快递到哪了"]


def test_what_the_floor_just_fired_counts_for_the_very_next_keystroke():
    s = Suggester(LIBRARY)
    message = "鞋子开胶了能退吗"
    refund = BY_TITLE["退款流程"].id
    assert s.fit(message).get(refund, 0.0) < 1.0
    for _ in range(3):
        s.learn(refund, message)
    assert s.fit(message)[refund] == 1.0 and titles(s, message)[0] == "退款流程"


def test_leaving_phrases_out_once_leaves_the_message_s_scores_as_they_were():
    s = Suggester(LIBRARY)
    best = s.suggest("什么时候发货啊")[0].phrase
    assert best.id not in {x.phrase.id for x in s.suggest("什么时候发货啊", leave_out={best.id})}
    assert s.suggest("什么时候发货啊")[0].phrase == best
    assert Suggester(LIBRARY).suggest("什么时候发货啊", top=10) == s.suggest("什么时候发货啊", top=10)


def test_the_best_few_are_the_head_of_the_whole_ranking_ties_included():
    from bench.phrase_corpus import buyer_messages, corpus, firing_history

    phrases = corpus(2000)
    s = Suggester(phrases, firing_history(phrases, 500))
    for message in buyer_messages():
        everything = s.suggest(message, top=len(phrases))
        assert len(everything) > 20, message
        for top in (1, 3, 20):
            assert s.suggest(message, top=top) == everything[:top], (message, top)
        held = {everything[0].phrase.id, everything[2].phrase.id}
        assert s.suggest(message, top=3, leave_out=held) == [x for x in everything if x.phrase.id not in held][:3]
