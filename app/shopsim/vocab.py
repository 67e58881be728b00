"""What simulated buyers say, and what the demo shop sells: written for this project, in the register of
real Taobao buyers (particles, emoticons, impatience)."""

from __future__ import annotations

SHOP_NAME = "小鹿童鞋旗舰店（演示）"

# (sku, title, price in fen)
CATALOGUE: tuple[tuple[str, str, int], ...] = (
    ("XL-RUN-01", "小鹿儿童运动鞋 透气网面 白蓝", 12900),
    ("XL-RUN-02", "小鹿儿童运动鞋 魔术贴 粉色", 13900),
    ("XL-CAN-01", "小鹿帆布鞋 低帮 米白", 7900),
    ("XL-BOOT-01", "小鹿加绒雪地靴 防滑 咖啡色", 18900),
    ("XL-SAN-01", "小鹿包头凉鞋 软底 军绿", 8900),
    ("XL-SOCK-05", "纯棉儿童袜 5双装", 2990),
    ("XL-TEE-01", "儿童纯棉短袖T恤 小鹿印花", 4900),
    ("XL-PANT-01", "儿童运动长裤 束脚 藏青", 6900),
)

# grams per unit as packed (shoes with their box), for the missing-item and return weight checks
WEIGHTS: dict[str, int] = {"XL-RUN-01": 420, "XL-RUN-02": 430, "XL-CAN-01": 360, "XL-BOOT-01": 610, "XL-SAN-01": 300,
                           "XL-SOCK-05": 120, "XL-TEE-01": 150, "XL-PANT-01": 260}

# what a buyer picks for each item (an order line's SKU properties, written as Taobao writes them): (name, choices)
# per property; kids' shoes by the Chinese shoe size (26 = a foot of about 16 cm), clothes by the child's height
SPECS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "XL-RUN-01": (("颜色分类", ("白蓝", "黑红")), ("尺码", tuple(str(n) for n in range(24, 38)))),
    "XL-RUN-02": (("颜色分类", ("粉色", "粉紫")), ("尺码", tuple(str(n) for n in range(24, 38)))),
    "XL-CAN-01": (("颜色分类", ("米白", "藏青")), ("尺码", tuple(str(n) for n in range(24, 38)))),
    "XL-BOOT-01": (("颜色分类", ("咖啡色", "黑色")), ("尺码", tuple(str(n) for n in range(24, 38)))),
    "XL-SAN-01": (("颜色分类", ("军绿", "卡其")), ("尺码", tuple(str(n) for n in range(22, 34)))),
    "XL-SOCK-05": (("颜色分类", ("混色5双",)), ("尺码", ("S(1-3岁)", "M(3-5岁)", "L(5-8岁)"))),
    "XL-TEE-01": (("颜色分类", ("白色", "浅蓝")), ("参考身高", ("90cm", "100cm", "110cm", "120cm", "130cm"))),
    "XL-PANT-01": (("颜色分类", ("藏青",)), ("参考身高", ("100cm", "110cm", "120cm", "130cm", "140cm"))),
}
# the order card's notes: what buyers write when they pay (买家留言) and what the shop notes on an order (卖家备注);
# most orders have neither
BUYER_NOTES = ("请发顺丰，运费可以补", "尽量今天发货，宝宝周末要穿", "不要放快递柜，放门卫就行", "送人的，不要放价格单",
               "白天家里没人，派送前请打电话", "帮忙检查下鞋子有没有开胶哦", "和上一单一起发，谢谢")
SELLER_MEMOS = ("已核对尺码：脚长15cm，发27码", "买家要求发顺丰，已补运费", "老客户，加送袜子一双", "地址已和买家确认",
                "赠品：鞋带一副", "催发货，优先打包")
NOTE_SHARE, MEMO_SHARE = 0.3, 0.25
RECEIVERS = ("王芳", "李娜", "张伟", "刘洋", "陈静", "杨丽", "赵敏", "黄磊", "周婷", "吴倩", "孙悦", "郭晨")
PAY_DELAY_S = (5, 900)  # a buyer pays within seconds to a quarter of an hour of ordering

# the shop back-end's problem-order list: category → what the back-end or the warehouse writes ({item}: the
# order's first item). The first six stop an order before it ships; the last three come up after it shipped.
PROBLEM_DETAILS: dict[str, tuple[str, ...]] = {
    "multiple_addresses": ("同一买家两笔订单地址不同，需确认是否合并发货", "买家两笔订单填了两个收货地址，需确认发哪个"),
    "unclear_address": ("收货地址只写到小区，没有门牌号", "地址缺少区县，快递无法分拣", "地址只写到街道，缺少楼栋门牌"),
    "out_of_area": ("收货地址在新疆阿勒泰，中通不派送", "地址在西藏林芝，韵达超区", "地址在海岛乡镇，快递不上门"),
    "out_of_stock": ("{item} 缺货，预计 3 天后到货", "{item} 仓库无货，需联系买家换款或退款"),
    "free_shipping_not_met": ("偏远地区不满足包邮条件，需补邮费 10 元", "订单未满 59 元包邮，买家留言要求包邮"),
    "buyer_note": ("买家留言要求周日送达，快递不支持", "买家留言要求发顺丰，订单未补运费", "买家留言要求不要放快递柜"),
    "tracking_timeout": ("揽收后 3 天没有物流更新", "物流停在转运中心超过 48 小时"),
    "address_change": ("买家发货后要求改地址到公司", "买家要求改收件人电话"),
    "lost_parcel": ("快递反馈包裹在转运中心丢失", "物流显示已签收，买家说没收到"),
}
PRE_SHIPPING_PROBLEMS = ("multiple_addresses", "unclear_address", "out_of_area", "out_of_stock",
                         "free_shipping_not_met", "buyer_note")
PHONE_PREFIXES = ("138", "139", "135", "136", "150", "158", "186", "188", "177", "199")

COURIERS = ("中通快递", "圆通速递", "韵达快递", "顺丰速运", "申通快递")
STATUSES = ("等待发货", "已发货", "已发货", "交易成功", "退款中")
CITIES = ("浙江省杭州市西湖区文三路", "广东省深圳市南山区科技园", "江苏省苏州市工业园区星湖街",
          "四川省成都市武侯区天府大道", "北京市朝阳区望京街道", "湖北省武汉市洪山区珞喻路", "山东省青岛市市南区香港中路")
# the courier's way from the shop's warehouse (in Jinjiang, where China's kids' shoes are made) to each city
ORIGIN = ("福建泉州晋江营业部", "泉州转运中心")
LAST_STATIONS = dict(zip(CITIES, ("杭州西湖派送站", "深圳南山派送站", "苏州园区营业部", "成都武侯营业点", "北京望京派送站",
                                  "武汉洪山营业部", "青岛市南派送站"), strict=True))

NICK_PREFIXES = ("tb_", "", "", "", "")
NICK_NAMES = ("糖糖", "小美", "果果", "安安", "乐乐", "朵朵", "豆豆", "晨曦", "木子", "一一", "阿狸", "七七", "小鱼儿",
              "momo", "cc", "Lucky")
NICK_TAILS = ("妈妈", "爸爸", "的家", "麻麻", "宝贝", "baby", "_2019", "8899", "123", "酱", "小姐姐", "", "")

# intent → (stage, openers, follow-ups the buyer adds when nobody answers, answers to the agent)
INTENTS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "size": ("售前", (
        "在吗？宝宝脚长14.5cm穿多大码呀",
        "亲，孩子脚长16cm，脚背有点高，选哪个码合适呢",
        "这款鞋偏大还是偏小呀？平时穿26码",
        "3岁宝宝穿什么码啊，第一次买不太懂😅",
    ), ("在吗？", "有人吗", "？？"), (
        "好的那我拍大一码吧", "那脚背高的话会不会挤脚呢", "好的谢谢亲~", "嗯嗯 我量一下再说",
    )),
    "stock": ("售前", (
        "白蓝色27码还有货吗", "粉色那款什么时候补货呀", "雪地靴还有30码吗？急用", "这个袜子还有吗",
    ), ("在吗亲", "有货吗？"), ("好的我现在拍", "那有货了能通知我一下吗", "好吧那算了", "ok")),
    "coupon": ("售前", (
        "有优惠券吗亲", "两双能便宜点吗😊", "129能不能抹个零呀，诚心要", "满多少包邮呀",
    ), ("便宜点嘛", "在吗"), ("好吧 我去领券", "那我拍了 你改下价", "谢谢~", "就差一点点嘛/:^_^")),
    "ship": ("售前", (
        "今天拍什么时候发货呀", "发什么快递？能发顺丰吗", "几天能到成都啊", "现在下单明天能发吗",
    ), ("在吗", "急用"), ("好的好的", "那能加急吗", "可以的 谢谢", "嗯 那我拍了")),
    "where": ("售中", (
        "我的快递到哪了，三天了还没动", "怎么还没发货啊？拍了好几天了", "物流一直不更新是怎么回事",
        "快递显示签收了但我没收到啊",
    ), ("？？？", "人呢", "能不能回一下"), ("那你帮我催一下", "好的 我再等等", "什么时候能到给个准话", "好吧")),
    "address": ("售中", (
        "地址写错了能改吗", "亲，能帮我改一下收货地址吗，搬家了", "电话号码填错了一位",
    ), ("在吗 急", "改好了吗"), ("新地址是杭州市滨江区长河街道", "好的谢谢", "改好了告诉我一声哈")),
    "missing": ("售后", (
        "收到了只有一只鞋？？", "我买了两件怎么只到了一件", "袜子少了一双", "包裹里少东西了",
    ), ("在吗", "给个说法"), ("我拍照给你看", "那是补发还是退款", "好的 尽快哈", "包装袋是破的")),
    "wrong": ("售后", (
        "发错码了，我买的27发成26了", "颜色发错了，要的粉色来的蓝色", "尺码不合适能换吗",
    ), ("？", "在吗"), ("那运费谁出", "好的我寄回去", "能直接给我换吗", "单号发你了")),
    "quality": ("售后", (
        "才穿一周就开胶了", "鞋子有很大的味道", "鞋面有划痕，是不是二手的", "魔术贴粘不住了",
    ), ("怎么处理", "在吗"), ("我要退货", "补偿多少", "那我拍视频给你", "不满意")),
    "angry": ("售后", (
        "你们什么破质量！！！", "再不处理我就投诉了", "我要给差评", "骗子吧 说好的今天发", "不给退款我就打12315",
    ), ("人呢？？？", "回话！！", "？？？？"), ("我就要退款", "行吧 你们看着办", "说话算话啊", "哼")),
}

CLOSINGS = ("好的谢谢亲", "嗯嗯 好的", "谢谢客服小姐姐~", "好的 辛苦了", "ok", "[微笑]")
