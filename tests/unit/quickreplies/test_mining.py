"""Mining replies typed by hand, on lines written the way agents type them: 亲/亲亲/亲爱的 in front or not, a 哦 or
呢 at the end, emoji and 旺旺 codes, full- and half-width punctuation; one-offs with an order no., a phone, a link, an
amount or the buyer's name never proposed; the library's phrases and dismissed replies left out."""

from app.quickreplies.duplicates import near_duplicates
from app.quickreplies.mining import key, mine, one_off
from app.quickreplies.phrase import Phrase

SHIP_TODAY = [
    "亲，今天下午四点前拍下当天发货哦",
    "亲亲 今天下午四点前拍下当天发货~",
    "今天下午四点前拍下当天发货呢😊",
    "亲爱的，今天下午4点前拍下当天发货哦！",
    "亲，今天下午四点前拍下当天发货哦",
]
SIZE = ["亲，按平时的码数拍就可以哦/:^_^", "亲亲按平时的码数拍就可以", "按平时码数拍就可以的[微笑]"]
ONE_OFFS = [
    "亲，您的订单3698001234567已经发出了",
    "亲，您的订单3698001234568已经发出了",
    "亲，您的订单3698001234569已经发出了",
    "亲，麻烦联系一下138 0013 8000",
    "亲，麻烦联系一下13900139000",
    "亲，麻烦联系一下13700137000",
    "亲，链接在这里 https://item.taobao.com/item.htm?id=1",
    "亲，链接在这里 https://item.taobao.com/item.htm?id=2",
    "亲，链接在这里 https://item.taobao.com/item.htm?id=3",
    "亲，给您退5.5元哦",
    "亲，给您退6元哦",
    "亲，给您退7元哦",
    "亲，发票发到 li.na@example.com 了",
    "亲，发票发到 wang_fang@qq.com 了",
    "亲，发票发到 guoguo@163.com 了",
]
SHORT = ["好的", "好的亲", "嗯嗯", "在的", "亲在的哦"]


def replies(*groups: list[str]) -> list[tuple[str, str]]:
    return [(text, "") for group in groups for text in group]


def test_one_reply_typed_many_ways_is_one_proposal_with_its_count():
    found = mine(replies(SHIP_TODAY, SIZE, ONE_OFFS, SHORT * 5, ["谢谢亲的支持，欢迎下次光临"] * 2))
    assert [(p.text, p.count) for p in found] == [("亲，今天下午四点前拍下当天发货哦", 5),
                                                   ("亲，按平时的码数拍就可以哦/:^_^", 3)]
    ship = found[0]
    assert ship.key == key("今天下午四点前拍下当天发货")
    assert set(ship.variants) == set(SHIP_TODAY[1:4])  # each other wording once, the most typed is the text


def test_replies_carrying_one_buyers_details_are_never_proposed():
    assert all(one_off(text) for text in ONE_OFFS)
    assert mine(replies(ONE_OFFS)) == []
    named = [("果果妈您好，您的鞋已经寄出", "果果妈"), ("小美您好，您的鞋已经寄出", "小美"), ("阿强您好，您的鞋已经寄出", "阿强")]
    assert mine(named) == []
    assert not one_off("亲，7天无理由退换哦") and not one_off("亲，48小时内发货")


def test_the_librarys_phrases_and_dismissed_replies_are_not_proposed_again():
    typed = replies(SHIP_TODAY, SIZE)
    assert [p.text for p in mine(typed, known=["{buyer}亲，今天下午四点前拍下当天发货哦"])] == [SIZE[0]]
    assert [p.text for p in mine(typed, dismissed=[key(SIZE[1])])] == [SHIP_TODAY[0]]
    assert [p.count for p in mine(typed, min_count=4)] == [5]


def test_keys_ignore_how_an_agent_addresses_ends_and_decorates_a_reply():
    assert key("亲亲～今天发货哦😊") == key("亲，今天发货！") == key("今天发货呢 /:^_^") == "今天发货"
    assert key("ＯＫ，{buyer}您好") == "ok您好"  # full width folded, a phrase's variable left out


def test_near_duplicate_phrases_of_the_library_are_paired():
    library = [Phrase(1, "问候", "亲，您好，有什么可以帮您的吗？"), Phrase(2, "问候2", "亲亲您好😊有什么可以帮您的吗"),
               Phrase(3, "发货", "亲，今天下午四点前拍下当天发货哦"), Phrase(4, "尺码", "亲，按平时的码数拍就可以")]
    assert [(d.phrase.id, d.other.id, d.score) for d in near_duplicates(library)] == [(1, 2, 100)]
    assert near_duplicates(library[2:]) == []
