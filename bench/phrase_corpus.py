"""A generated 10,000-phrase library as a busy shop's floor keeps one, for the phrase benchmarks: titles and
bodies of every length (a 4-character 好的亲 to a 200-character after-sale answer) built from a few hundred
customer-service words and sentences, pinyin-initial abbreviations, tags, products, couriers, prices and Latin
(SKU, Type-C, VIP); with the buyer messages agents answer and the floor's firing history. Deterministic for a
seed. Written for KefuDesk; no real chat is copied into it."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from app.quickreplies.match import KEEP, syllables
from app.quickreplies.phrase import NOT_FOR_COMPLAINTS, Phrase
from app.quickreplies.starter import STARTER

# (group, title stems, sentences): what the floor writes about each topic. {p} a product, {c} a courier,
# {n} a number of days/hours, {m} an amount, {s} a size; {buyer}/{order_no}/… are the desk's own variables
TOPICS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("通用/问候", ("欢迎语", "在的", "早安问候", "晚班问候", "大促欢迎", "新人欢迎", "老客欢迎", "稍等查询", "转接同事"),
     ("很高兴为您服务，请问有什么可以帮您的呢", "我是客服{agent}，有什么问题都可以问我哦", "请稍等一下，马上为您查询",
      "这边帮您转接专业的同事处理", "现在咨询的人比较多，回复慢了请见谅", "欢迎光临{shop}，今天全场包邮哦")),
    ("通用/结束", ("结束语", "感谢支持", "晚安", "祝购物愉快", "下次再来", "收藏店铺"),
     ("感谢您的支持，祝您生活愉快", "有任何问题随时找我哦", "记得收藏店铺，上新第一时间通知您",
      "期待您的再次光临", "不打扰您休息啦，晚安")),
    ("售前/尺码", ("尺码推荐", "量脚方法", "偏大偏小", "尺码表", "身高体重选码", "宽脚选码", "童鞋选码", "裤长"),
     ("建议按脚长加0.5到1厘米选码", "{p}版型正常，按平时的尺码拍就可以", "身高165体重55公斤左右建议选{s}码",
      "脚背偏高或偏胖的可以拍大一码", "详情页第三张图有尺码表，可以对照一下", "宝宝长得快，建议留出半码的余量",
      "这款偏小一码，建议拍大一码哦", "裤长是按身高170设计的，个子小的可以免费改裤长")),
    ("售前/材质", ("材质说明", "面料成分", "会不会起球", "掉色吗", "洗涤方法", "有没有味道", "防水吗"),
     ("{p}是纯棉面料，透气吸汗不闷脚", "面料含95%棉5%氨纶，有弹力", "第一次洗建议冷水手洗，不要暴晒",
      "新鞋会有一点点胶水味，放在通风处两天就散了", "正常穿着不会起球掉色的", "这款是头层牛皮，不是PU",
      "鞋底是防滑橡胶大底，下雨天也不怕")),
    ("售前/库存", ("有货", "补货", "缺货", "预售说明", "现货", "限量款", "断码"),
     ("这款目前有现货，喜欢可以放心拍", "这个颜色尺码暂时缺货，预计{n}补货", "预售款付款后{n}内发货",
      "可以先收藏加购，到货第一时间通知您", "限量款卖完就不补了哦", "{s}码只剩最后几双了")),
    ("售前/优惠", ("优惠券", "满减活动", "改价抹零", "会员折扣", "包邮说明", "赠品", "价保", "凑单"),
     ("店铺首页可以领满199减20的优惠券", "现在下单送运费险和小礼物", "这边已经是活动价啦，给您抹个零头",
      "VIP会员下单再打95折", "满{m}元包邮，偏远地区除外", "双11期间买贵了可以申请价保退差价",
      "领券后下单会自动抵扣", "拍两件第二件半价哦")),
    ("售中/物流", ("发货时间", "物流查询", "催件", "快递选择", "指定快递", "物流停滞", "派送中", "签收"),
     ("每天16点前付款的订单当天发货", "您的订单{order_no}已经由{c}发出，运单号{tracking_no}",
      "已经帮您联系{c}催件了，有进展第一时间告诉您", "默认发{c}，需要顺丰的话补{m}元运费差价",
      "物流显示已经到您当地的站点了，今天应该就能派送", "大促期间快递比较慢，预计{n}到",
      "物流信息有延迟，一般24小时内会更新", "显示已签收但没收到的话，先问问门卫或快递柜")),
    ("售中/地址", ("修改地址", "地址确认", "发错地址", "改电话", "偏远地区"),
     ("麻烦把新的收货地址、收件人和电话发给我，我帮您备注修改", "订单还没发出，可以改地址",
      "已经发货了改不了地址，可以联系{c}转寄", "请核对一下收货地址：{address}", "新疆西藏等偏远地区需要补运费")),
    ("售后/退款", ("退款流程", "退款到账", "仅退款", "退款进度", "拒收退款", "运费险理赔", "退货地址", "七天无理由"),
     ("在订单页面点击申请退款，选择原因提交就可以", "退款会原路返回，支付宝一般1-3个工作日到账",
      "支持七天无理由退换，吊牌不要剪哦", "仓库签收退货后48小时内给您退款", "运费险会在退款完成后自动理赔到账",
      "拒收后包裹退回仓库就给您退款", "退货时请在包裹里放一张写着订单号的纸条", "仅退款的话我这边直接给您同意")),
    ("售后/换货", ("换货流程", "换尺码", "换颜色", "换货运费", "换货进度"),
     ("换货请先申请退货，再重新拍需要的尺码", "换尺码的运费我们承担一半", "收到退回的商品后给您换新的发出",
      "换颜色的话需要补差价{m}元", "换货包裹已经发出，请留意物流")),
    ("售后/质量", ("质量问题道歉", "开胶处理", "色差说明", "破损赔付", "瑕疵补偿", "线头处理", "异味处理"),
     ("非常抱歉让您遇到这样的问题", "麻烦拍一下问题部位的照片发给我", "给您两个方案：退货退款或者补偿{m}元",
      "开胶的话可以寄回免费维修", "不同显示器会有一点点色差，请您谅解", "运输过程中压坏了，我们马上给您补发",
      "线头剪掉就可以，不影响穿着")),
    ("售后/少发", ("少发核实", "补发", "漏发", "发错款", "赠品没收到"),
     ("麻烦拍一下收到的商品、包装袋和快递面单的照片", "已经为您安排{c}补发啦", "仓库核实确实漏发了，马上补发",
      "发错款真的很抱歉，给您换正确的发出", "赠品是单独发的，可能晚一两天到")),
    ("中差评", ("道歉送礼", "邀请好评", "差评回访", "追评邀请", "晒图返现", "投诉处理"),
     ("这次真的是我们的疏忽，非常抱歉", "收到满意的话麻烦给个五星好评哦", "晒图评价可以返现{m}元",
      "给您带来不好的体验，我们会改进的", "您的建议我们已经反馈给主管了", "能否麻烦您修改一下评价呢")),
    ("会员/积分", ("积分兑换", "会员等级", "生日礼", "会员日", "积分抵现"),
     ("积分可以在会员中心兑换优惠券", "会员日全场88折，记得来哦", "生日当月下单送一份小礼物",
      "100积分抵1元，下单时自动抵扣", "PLUS会员享受免费退换")),
    ("发票/售后", ("开发票", "电子发票", "专票", "发票抬头", "补开发票"),
     ("确认收货后可以在订单页申请电子发票", "需要增值税专票的话把开票信息发给我", "发票抬头请写公司全称和税号",
      "电子发票会发到您的邮箱", "可以补开发票，最晚一年内")),
    ("售前/数码", ("充电说明", "兼容型号", "保修政策", "蓝牙连接", "接口类型", "使用教程"),
     ("支持Type-C快充，30分钟充到50%", "兼容iPhone 15和安卓手机", "全国联保一年，非人为损坏免费换新",
      "长按电源键5秒进入蓝牙配对", "使用教程视频在详情页最后", "不要用超过20W的充电头")),
)
PRODUCTS = ("这款鞋子", "连衣裙", "羽绒服", "运动鞋", "帆布鞋", "T恤", "牛仔裤", "卫衣", "保温杯", "蓝牙耳机", "手机壳",
            "充电宝", "面霜", "口红", "纸尿裤", "猫粮", "儿童雨靴", "老爹鞋", "小白鞋", "冲锋衣", "瑜伽裤", "床上四件套",
            "电动牙刷", "奶瓶", "书包", "双肩包", "凉鞋", "拖鞋", "袜子", "围巾")
COURIERS = ("顺丰", "中通", "圆通", "韵达", "申通", "极兔", "邮政EMS", "京东快递", "德邦")
SPANS = ("3-5天", "24小时", "48小时", "7天", "15天", "1-2个工作日", "下周一", "月底", "一周")
AMOUNTS = ("5", "10", "20", "9.9", "99", "199", "299", "15.8", "50")
SIZES = ("S", "M", "L", "XL", "XXL", "35", "36", "37", "38", "39", "40", "41", "42", "110", "120", "130")
OPENERS = ("亲，", "亲亲，", "您好，", "亲爱的，", "宝宝，", "哈喽亲～", "在的亲，", "{buyer}亲，", "亲，您好，", "")
JOINERS = ("，", "。", "～", "，另外", "；", "\n", "。同时", "，而且")
CLOSERS = ("哦～", "呢😊", "亲～", "哈", "🌸", "/:^_^", "！", "", "。", "，感谢您的理解🙏", "，有问题随时找我哦",
           "，祝您购物愉快❤", "，给您带来不便非常抱歉😣", "，请您耐心等待一下哦", "[愉快]", "OK吗？")
QUALIFIERS = ("", "", "", "", "（大促）", "-顺丰", "2", "（夜班）", "-新版", " VIP", "（童鞋）", "-数码", "（短）", "-详细",
              "（双11）", "-618")
TAGS = ("售前", "售后", "催单", "大促", "双11", "618", "新人", "会员", "高频", "夜班", "模板", "数码", "童装", "赔付")
SHORT = ("好的亲～", "在的亲～", "收到啦～", "亲，稍等哦", "好的，马上处理", "没问题的亲😊", "亲，已备注", "谢谢亲❤")

# what buyers ask, each with the topic that answers it (the firing history pairs them)
BUYER_MESSAGES: tuple[tuple[str, str], ...] = (
    ("在吗", "通用/问候"), ("你好，有人吗", "通用/问候"),
    ("什么时候发货啊", "售中/物流"), ("我的快递到哪了", "售中/物流"), ("三天了物流还没更新", "售中/物流"),
    ("能发顺丰吗", "售中/物流"), ("宝宝脚长13厘米穿多大", "售前/尺码"), ("身高160体重50穿什么码", "售前/尺码"),
    ("这个会不会掉色", "售前/材质"), ("有没有现货", "售前/库存"), ("38码什么时候补货", "售前/库存"),
    ("能便宜点吗", "售前/优惠"), ("有优惠券吗", "售前/优惠"), ("地址写错了能改吗", "售中/地址"),
    ("我不想要了怎么退款", "售后/退款"), ("退款什么时候到账", "售后/退款"), ("鞋子开胶了能退吗", "售后/质量"),
    ("衣服少发了一件", "售后/少发"), ("收到的颜色不对", "售后/少发"), ("尺码小了能换吗", "售后/换货"),
    ("质量太差了，我要投诉", "中差评"), ("积分怎么用", "会员/积分"), ("能开发票吗", "发票/售后"),
    ("支持iPhone吗", "售前/数码"), ("谢谢", "通用/结束"),
)


def _initials(title: str) -> str:
    """tkdz for 退款地址: how agents abbreviate; Latin and digits kept, punctuation dropped."""
    letters = "".join(s[1:].lower() if s.startswith(KEEP) else s[:1] for s in syllables(title))
    return "".join(c for c in letters if c.isascii() and c.isalnum())


def _fill(sentence: str, rng: random.Random) -> str:
    return (sentence.replace("{p}", rng.choice(PRODUCTS)).replace("{c}", rng.choice(COURIERS))
            .replace("{n}", rng.choice(SPANS)).replace("{m}", rng.choice(AMOUNTS)).replace("{s}", rng.choice(SIZES)))


def _body(sentences: tuple[str, ...], rng: random.Random) -> str:
    if rng.random() < 0.06:
        return rng.choice(SHORT)
    count = rng.choice((1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 8))
    picked = [_fill(s, rng) for s in rng.sample(sentences, min(count, len(sentences)))]
    if rng.random() < 0.3:  # a word from another topic: real answers wander (退款 in a 物流 phrase)
        picked.append(_fill(rng.choice(rng.choice(TOPICS)[2]), rng))
    body = rng.choice(OPENERS) + picked[0]
    for sentence in picked[1:]:
        body += rng.choice(JOINERS) + sentence
    return (body + rng.choice(CLOSERS))[:200]


def corpus(size: int = 10_000, seed: int = 42) -> list[Phrase]:
    """The starter library, then generated phrases up to size; ids 1..size."""
    rng = random.Random(seed)
    phrases = [Phrase(i, t, b, g, a, s) for i, (t, b, g, a, s) in enumerate(STARTER, start=1)]
    taken = {p.abbreviation for p in phrases}
    base = datetime(2026, 6, 1, tzinfo=UTC)
    for i in range(len(phrases) + 1, size + 1):
        group, stems, sentences = rng.choice(TOPICS)
        title = rng.choice(stems) + rng.choice(QUALIFIERS)
        if rng.random() < 0.25:
            title = rng.choice(PRODUCTS) + title
        abbreviation = ""
        if rng.random() < 0.75:  # a quarter of a real library is found by title alone
            stem = (";" if rng.random() < 0.1 else "") + _initials(title)[:12]
            abbreviation, n = stem, 1
            while abbreviation in taken:
                n += 1
                abbreviation = f"{stem}{n}"
            taken.add(abbreviation)
        tags = tuple(rng.sample(TAGS, rng.choice((0, 0, 1, 1, 2, 3))))
        if group == "中差评" and rng.random() < 0.3:
            tags += (NOT_FOR_COMPLAINTS,)
        uses = int(rng.paretovariate(1.2)) - 1  # most phrases are rarely fired, a few hundreds of times
        last_used = base - timedelta(hours=rng.randrange(1, 24 * 90)) if uses and rng.random() < 0.5 else None
        phrases.append(Phrase(i, title, _body(sentences, rng), group, abbreviation, None, tags, min(uses, 5000),
                              last_used))
    return phrases


def buyer_messages() -> list[str]:
    """What buyers ask, in their own words."""
    return [message for message, _topic in BUYER_MESSAGES]


def firing_history(phrases: list[Phrase], size: int = 3000, seed: int = 7) -> list[tuple[int, str]]:
    """(phrase id, buyer message it answered): the floor firing a phrase of the asked topic, in the words of
    store.phrase_uses()."""
    rng = random.Random(seed)
    by_group: dict[str, list[int]] = {}
    for p in phrases:
        by_group.setdefault(p.group, []).append(p.id)
    history = []
    for _ in range(size):
        message, topic = rng.choice(BUYER_MESSAGES)
        answers = by_group.get(topic) or [p.id for p in phrases[:20]]
        history.append((rng.choice(answers[:40]), message + rng.choice(("", "？", "啊", "呢", "，急"))))
    return history
