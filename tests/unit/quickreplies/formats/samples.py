"""Phrases the format tests write out and read back: emoji, indented lines, slots, tags and a cursor."""

from app.quickreplies.phrase import Phrase

EMOJI_BODY = "亲～/:^_^ 尺码请看👇\n  第二行带缩进 /:012\n最后一行{buyer}"
LIBRARY = [
    Phrase(0, "欢迎语", "亲，您好呀～{cursor}", "通用/问候", "hi", 1, ("问候",)),
    Phrase(0, "尺码推荐", EMOJI_BODY, "售前/尺码", ";cm", 2, ("尺码", "图")),
    Phrase(0, "发货时间", "16点前付款当天发；16点后次日发", "售中/物流", "fh", None),
]
