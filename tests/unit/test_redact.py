"""The log never keeps a buyer's phone number, e-mail / Alipay account or address (app/redact.py), and the
logging set-up of app/config.py applies it to the file it writes."""

from __future__ import annotations

import logging
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.redact import redact

from app import config

DIGITS = "0123456789０１２３４５６７８９"
FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def mobile() -> st.SearchStrategy[str]:
    return st.builds(lambda second, rest: f"1{second}{rest}", st.sampled_from("3456789"),
                     st.text("0123456789", min_size=9, max_size=9))


def written(number: str, style: int) -> str:
    """A mobile number the ways buyers and agents type it."""
    a, b, c = number[:3], number[3:7], number[7:]
    return [number, f"{a} {b} {c}", f"{a}-{b}-{c}", f"+86 {number}", f"+86-{a}-{b}-{c}", f"0086{number}",
            f"86 {a} {b} {c}", number.translate({ord(a): b for a, b in zip("0123456789", DIGITS[10:], strict=True)})][style]


@given(before=st.text().filter(lambda s: not s or s[-1] not in DIGITS),
       after=st.text().filter(lambda s: not s or s[0] not in DIGITS),
       number=mobile(), style=st.integers(0, 7))
@example(before="买家电话", after="，收货时打给我", number="13812345678", style=0)
@example(before="tel:", after="x", number="19912345678", style=4)
def test_a_phone_number_in_any_text_never_reaches_the_output(before, after, number, style):
    out = redact(before + written(number, style) + after)
    assert written(number, style) not in out
    # nor its digits with the separators taken out and full-width digits read as digits
    assert number not in re.sub(r"[\s\-－]", "", out.translate(FULL_WIDTH))


@pytest.mark.parametrize(("text", "expected"), [
    ("订单 1381234567812345678 已发货", "订单 1381234567812345678 已发货"),  # an order no. is not a phone number
    ("运单号 SF1234567890123", "运单号 SF1234567890123"),
    ("refund to alipay xiaomei_88@163.com please", "refund to alipay [email] please"),
    ("支付宝：13812345678", "支付宝：[phone]"),
    ("收货地址：浙江省杭州市西湖区文三路138号", "收货地址：[address]"),
    ("改地址到 上海 浦东新区 张江路 100 弄 3 号 谢谢", "[address]"),  # the whole clause goes
    ("订单号 1234567890123456789 的型号不对，我知道了", "订单号 1234567890123456789 的型号不对，我知道了"),
    ("寄到北京市朝阳区建国路88号SOHO现代城5号楼1201，电话 138-1234-5678",
     "[address]，电话 [phone]"),
    ("reply k12 waits in the outbox: timed out", "reply k12 waits in the outbox: timed out"),
    ("这双鞋37码还有吗", "这双鞋37码还有吗"),
])
def test_what_is_hidden_and_what_stays(text, expected):
    assert redact(text) == expected


def test_the_log_file_has_no_phone_address_or_account_even_in_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("KEFUDESK_DATA_DIR", str(tmp_path / "data"))
    root = logging.getLogger("kefudesk")
    before = list(root.handlers)
    log_file = config.setup_logging()
    try:
        log = logging.getLogger("kefudesk.desk.session")
        log.info("reply to %s not sent: %s", "tb_小美妈妈", "请寄到浙江省杭州市西湖区文三路138号，电话13812345678")
        try:
            raise ValueError("alipay account xiaomei@163.com refused")
        except ValueError:
            log.exception("refund for buyer %s failed", "+86 139 1234 5678")
    finally:
        for handler in root.handlers[len(before):]:
            handler.close()
        root.handlers[:] = before
    assert log_file is not None
    text = log_file.read_text(encoding="utf-8")
    assert "reply to tb_小美妈妈 not sent: [address]，电话[phone]" in text
    assert "ValueError: alipay account [email] refused" in text and "refund for buyer [phone] failed" in text
    for secret in ("13812345678", "139 1234 5678", "文三路", "xiaomei@163.com"):
        assert secret not in text
    # the data dir, made here before the store makes it, and the log are the user's alone
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700
    assert log_file.parent.stat().st_mode & 0o777 == 0o700 and log_file.stat().st_mode & 0o777 == 0o600


def test_logging_redact_off_keeps_the_text_for_a_bug_hunt(tmp_path, monkeypatch):
    monkeypatch.setenv("KEFUDESK_DATA_DIR", str(tmp_path / "data"))
    root = logging.getLogger("kefudesk")
    before = list(root.handlers)
    log_file = config.setup_logging(redact=False)
    try:
        logging.getLogger("kefudesk.test").info("buyer phone 13812345678")
    finally:
        for handler in root.handlers[len(before):]:
            handler.close()
        root.handlers[:] = before
    assert log_file is not None and "buyer phone 13812345678" in log_file.read_text(encoding="utf-8")
