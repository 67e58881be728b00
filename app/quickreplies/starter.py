"""The demo shop's starter phrases, for a children's shoe and clothing shop, in zh_CN, written for KefuDesk: a store
gets them once when the desk runs on the demo shop (app/desk/demo.py); a new shop's library starts empty.

(title, body, group, abbreviation, slot). Warm in tone the way the floor writes: 亲, 哦, 呢, emoticons. A value
that is the agent's decision (a compensation, a rounding, a gift, the courier of a reship, a restock date) is
asked each time ({ask:…}), never taken from the chat: the order's total is not what a buyer is offered.
"""

from __future__ import annotations

STARTER: tuple[tuple[str, str, str, str, int | None], ...] = (
    ("欢迎语", "亲，您好呀～我是{agent}，很高兴为您服务，请问有什么可以帮您的呢？😊", "通用/问候", "hi", 1),
    ("稍等", "亲，请稍等一下哦，马上为您查询～", "通用/问候", "dd", 2),
    ("结束语", "感谢亲的支持～有任何问题随时找我哦，祝您生活愉快！🌸", "通用/问候", "bb", 3),
    ("尺码推荐", "亲，建议量一下宝宝的脚长，在脚长基础上加0.5～1厘米选码哦～脚背偏高或偏胖的宝宝可以再拍大一码呢。",
     "售前/尺码", "cm", 1),
    ("量脚方法", "亲，量脚长的方法：让宝宝站在白纸上，脚跟贴墙，在最长脚趾前画一条线，量线到墙的距离就是脚长哦～"
     "\n两只脚都量一下，按长的那只选码～", "售前/尺码", "lj", 2),
    ("有货", "亲，这款目前有现货的哦，喜欢的话可以放心拍下呢～", "售前/库存", "yh", 1),
    ("补货", "亲，这个颜色尺码暂时缺货啦😥 预计{ask:补货日期|date}左右补货，可以先收藏加购，到货第一时间通知您哦～",
     "售前/库存", "bh", 2),
    ("优惠券", "亲，店铺首页可以领取满减优惠券哦，下单时会自动抵扣的～", "售前/优惠", "yhq", 1),
    ("改价抹零", "亲，这边已经是活动价了哦，给您抹掉{ask:抹零金额|money}元零头，您拍下后先不要付款，我这边帮您改价～",
     "售前/优惠", "ml", 2),
    ("发货时间", "亲，每天16点前付款的订单当天发货，16点后的次日发出哦～", "售中/物流", "fh", 1),
    ("物流查询", "亲，您的订单{order_no}已经由{courier}发出啦，运单号{tracking_no}，请耐心等待哦～", "售中/物流", "wl", 2),
    ("催件", "亲，非常抱歉让您久等了😣 已经帮您联系{courier}催件了，有进展第一时间告诉您哦～", "售中/物流", "cj", 3),
    ("修改地址", "亲，麻烦把新的收货地址、收件人和电话发给我哦，我马上帮您备注修改～", "售中/地址", "gdz", 1),
    ("退款流程", "亲，您在订单页面点击“申请退款”，选择原因提交就可以了哦，我们会尽快为您处理～", "售后/退款", "tk", 1),
    # the address is the shop's own: the placeholder stays visible until someone edits the phrase
    ("退货地址", "亲，退货请寄到：【请在短语管理里填上店铺的退货地址、收件人和电话】，包裹里请放一张纸条写上订单号{order_no}哦～",
     "售后/退款", "thdz", 2),
    ("少发核实", "亲，非常抱歉给您带来不便😣 麻烦您拍一下收到的商品、包装袋和快递面单的照片发给我，我马上帮您核实处理哦～",
     "售后/少发", "sf", 1),
    ("补发", "亲，已经为您安排{ask:快递|顺丰,圆通,中通}补发啦，新的运单号会在今天发出后同步给您，给您添麻烦了🙏",
     "售后/少发", "buf", 2),
    ("质量问题道歉", "亲，真的非常抱歉让您遇到这样的问题😣 给您两个方案：1. 退货退款，运费我们承担；"
     "2. 补偿{ask:补偿金额|money}元，您看哪个更合适呢？", "售后/质量", "zl", 1),
    ("道歉送礼", "亲，这次真的是我们的疏忽，非常抱歉🙏 下次购物给您备注送{ask:礼物|一双袜子,一顶帽子,5元无门槛券}作为补偿，"
     "希望您能谅解哦～", "中差评", "dq", 1),
    ("邀请好评", "亲，收到宝贝如果满意的话，麻烦给个五星好评哦～您的鼓励是我们最大的动力❤", "中差评", "hp", 2),
)

# Starter bodies as earlier versions shipped them → today's: a phrase still exactly as it was shipped is brought up
# to date when the desk opens its library (质量问题道歉 offered the order's total as compensation); a phrase the
# shop has edited is the shop's and stays as it is.
_BODY = {title: body for title, body, *_ in STARTER}
UPDATED: dict[str, str] = {
    "亲，这个颜色尺码暂时缺货啦😥 预计一周左右补货，可以先收藏加购，到货第一时间通知您哦～": _BODY["补货"],
    "亲，这边已经是活动价了哦，给您抹个零头{cursor}，您拍下后先不要付款，我这边帮您改价～": _BODY["改价抹零"],
    "亲，已经为您安排补发啦，新的运单号会在今天发出后同步给您，给您添麻烦了🙏": _BODY["补发"],
    "亲，真的非常抱歉让您遇到这样的问题😣 给您两个方案：1. 退货退款，运费我们承担；2. 补偿{amount}元，您看哪个更合适呢？":
        _BODY["质量问题道歉"],
    "亲，这次真的是我们的疏忽，非常抱歉🙏 下次购物给您备注送一双袜子作为补偿，希望您能谅解哦～": _BODY["道歉送礼"],
}
