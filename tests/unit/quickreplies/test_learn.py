"""The history index: past buyer turns vote for what the agents sent after them."""

from app.quickreplies.learn import HistoryIndex, PhraseMap, Turn, turns
from app.quickreplies.phrase import Phrase
from app.quickreplies.suggest import Suggester

SHIPPING = "亲，付款后48小时内从杭州仓库发出，默认中通快递哦"
LIBRARY = [
    Phrase(
        1, "发货时间", "亲，一般付款后3天内发货哦～", "售前/物流"
    ),  # the words of a 发货 question point here
    Phrase(2, "仓库说明", SHIPPING, "售前"),
    Phrase(3, "好的", "好的亲～", "通用"),
    Phrase(4, "还有吗", "亲还有其他问题吗？随时找我哦", "通用"),
]
BODIES = [(p.id, p.body) for p in LIBRARY]


def shipping_chats(reply: str = SHIPPING) -> list[Turn]:
    asked = ["什么时候发货", "今天能发货吗", "几号发货呀", "发货了吗亲", "下单后多久发货"]
    return [Turn(question, reply, "") for question in asked]


def test_turns_group_the_buyers_lines_and_remember_the_line_before():
    chat = [
        ("买家", "在吗"),
        ("买家", "什么时候发货"),
        ("客服", "您好"),
        ("buyer", "好的"),
        ("agent", "嗯嗯"),
        ("agent", "还有吗"),
        ("buyer", "没了"),
    ]
    assert list(turns(chat)) == [Turn("在吗\n什么时候发货", "您好", ""), Turn("好的", "嗯嗯", "您好")]


def test_a_shop_that_answers_shipping_with_its_own_phrase_gets_it_first():
    assert (
        Suggester(LIBRARY).suggest("什么时候能发货呢")[0].phrase.id == 1
    )  # words alone: the phrase titled 发货
    learned = Suggester(LIBRARY, learned=HistoryIndex(BODIES, shipping_chats()))
    found = learned.suggest("什么时候能发货呢")
    assert found[0].phrase.id == 2
    assert any("sent after similar messages" in reason for reason in found[0].reasons)


def test_typed_near_copies_count_for_the_phrase_and_other_replies_for_none():
    near = SHIPPING.replace("哦", "的呢～")  # typed by hand, not fired
    index = HistoryIndex(
        BODIES, [*shipping_chats(near), Turn("能开发票吗", "可以的，下单时备注抬头和税号", "")]
    )
    assert index.sent == {2: 5}
    assert index.unmapped == {"可以的，下单时备注抬头和税号": 1}
    assert max(index.votes("什么时候发货"), key=index.votes("什么时候发货").get) == 2


def test_the_buyers_own_words_do_not_pull_the_phrase_titled_with_them():
    answered = [Turn("好的", "亲还有其他问题吗？随时找我哦", "")] * 3
    found = Suggester(LIBRARY, learned=HistoryIndex(BODIES, answered)).suggest("好的")
    assert found[0].phrase.id == 4


def test_identical_turns_are_kept_once_with_their_count():
    index = HistoryIndex(BODIES, [Turn("在吗", "好的亲～", "")] * 50 + [Turn("在吗?", "好的亲～", "")])
    assert len(index) == 1 and index.sent[3] == 51


def test_a_reply_learned_later_votes_like_one_learned_at_the_start():
    index = HistoryIndex(BODIES, shipping_chats())
    assert 4 not in index.votes("能开发票吗")
    index.learn(Turn("能开发票吗", "亲还有其他问题吗？随时找我哦", ""))
    assert max(index.votes("能开发票吗"), key=index.votes("能开发票吗").get) == 4


def test_a_phrase_map_takes_the_template_blanks_out():
    assert PhraseMap([(7, "亲，{buyer}您好，我是{agent}")])("亲，您好，我是") == 7


def test_a_new_desks_few_replies_do_not_outvote_the_librarys_own_words():
    """A desk's first dozen replies (nothing like the question among them, only a 了 or a 吗 in common) leave the
    suggestion to the phrase's own words; the same replies from a shop's long history would have their say."""
    library = [Phrase(1, "催件", "亲，已经帮您联系快递催件了，有进展第一时间告诉您哦～", "售中/物流"),
               Phrase(2, "欢迎语", "亲，您好，在的哦～", "通用/问候"),
               Phrase(3, "修改地址", "亲，地址可以改的，请把新地址发给我哦", "售中/物流"),
               Phrase(4, "质量问题道歉", "亲，非常抱歉给您带来不好的体验", "售后")]
    said = [("你好，快递到哪了", 2), ("地址写错了，能改吗", 3), ("鞋子坏了，还没给我发货吗", 4), ("在不在", 2),
            ("鞋子开胶了，质量太差了", 4), ("能便宜点吗", 2)]
    bodies = {p.id: p.body for p in library}
    index = HistoryIndex([(p.id, p.body) for p in library], [Turn(q, bodies[pid], "") for q, pid in said])
    top = Suggester(library, learned=index).suggest("快递好几天没动了，能催一下吗")
    assert top[0].phrase.title == "催件"
