"""A generated 10,000-phrase library (Chinese titles and bodies, pinyin-like abbreviations, emoji) for the
phrase benchmarks. Deterministic for a seed."""

from __future__ import annotations

import random

from app.quickreplies.phrase import Phrase
from app.quickreplies.starter import STARTER

WORDS = ("退款", "发货", "尺码", "物流", "地址", "优惠", "质量", "补发", "少发", "换货", "好评", "库存", "快递", "包邮",
         "颜色", "鞋码", "脚长", "运费", "售后", "催件", "签收", "破损", "赠品", "活动", "预售", "会员", "积分", "发票")
TAILS = ("哦～", "呢😊", "亲～", "哈", "🌸", "/:^_^", "！", "")
GROUPS = ("售前/尺码", "售前/库存", "售前/优惠", "售中/物流", "售中/地址", "售后/退款", "售后/少发", "售后/质量", "中差评")


def corpus(size: int = 10_000, seed: int = 42) -> list[Phrase]:
    rng = random.Random(seed)
    phrases = [Phrase(i, t, b, g, a, s) for i, (t, b, g, a, s) in enumerate(STARTER, start=1)]
    for i in range(len(phrases) + 1, size + 1):
        title = "".join(rng.sample(WORDS, rng.choice((2, 2, 3))))
        body = "亲，" + "，".join(rng.sample(WORDS, 4)) + "的问题我们马上处理" + rng.choice(TAILS)
        abbreviation = f"{rng.choice('abcdefghjklmnpqrstwxyz')}{rng.choice('abcdefghjklmnpqrstwxyz')}{i}"
        phrases.append(Phrase(i, title, body, rng.choice(GROUPS), abbreviation, None, (), rng.randrange(0, 50)))
    return phrases
