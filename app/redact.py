"""Buyers' personal data kept out of the log: phone numbers, e-mail (and so Alipay) accounts and postal addresses
are replaced before a record is written. RedactingFilter is installed on every handler by app/config.py.

The rules, chosen to miss nothing a log could leak rather than to keep every word:
- phone: a Chinese mobile number, 1[3-9] and nine more digits (ASCII or full-width), spaces or dashes allowed
  between the digits, optionally after +86 / 0086 / 86. A longer run of digits (an order or tracking no.) is
  not a phone number and stays: the number must not touch another digit.
- e-mail: name@domain.tld. An Alipay account is a mobile number or an e-mail address, so both rules cover it.
- address: a run of Chinese characters, digits and letters (single spaces allowed before a Chinese character
  or a digit) that holds an administrative or street marker (省 市 区 县 镇 乡 村 街道 路 街 巷 弄 号 栋 幢 楼
  单元 室 …) right after a Chinese character or a digit: the whole run goes. Addresses come from buyers in
  every shape, with and without province or city, so a marker rule finds them where a list of place names
  would not; the price is that the clause around an address, or an ordinary clause with such a character
  (去超市), is hidden too. A few everyday words (订单号, 号码, 型号, 账号, 知道, 路上…) do not count as markers.
"""

from __future__ import annotations

import logging
import re

PHONE_MARK, EMAIL_MARK, ADDRESS_MARK = "[phone]", "[email]", "[address]"

_DIGIT = "0-9０-９"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SEP = r"[\s\-－]*"

PHONE = re.compile(
    rf"(?<![{_DIGIT}])"
    rf"(?:(?:[+＋]|00)?[8８][6６]{_SEP})?"
    rf"[1１][3-9３-９](?:{_SEP}[{_DIGIT}]){{9}}"
    rf"(?![{_DIGIT}])")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_MARKER = "省|自治区|自治州|地区|市|盟|区|县|旗|镇|乡|村|街道|大道|路|街|巷|弄|胡同|号|栋|幢|楼|单元|室|小区|公寓|大厦"
_RUN = re.compile(rf"[{_CJK}{_DIGIT}](?:[{_CJK}{_DIGIT}A-Za-zＡ-Ｚａ-ｚ#＃\-－()（）·]|[ \t](?=[{_CJK}{_DIGIT}]))*")
_ADDRESS_MARKER = re.compile(rf"[{_CJK}{_DIGIT}](?:{_MARKER})")
# everyday words with a marker in them, not looked at: 订单号 is what the log is read for
_NOT_ADDRESS = re.compile("单号|号码|型号|账号|帐号|编号|信号|知道|路上|市场|区别|小区别")


def redact(text: str) -> str:
    """The text with phone numbers, e-mail accounts and addresses replaced by [phone], [email], [address]."""
    text = EMAIL.sub(EMAIL_MARK, text)
    text = PHONE.sub(PHONE_MARK, text)
    return _RUN.sub(lambda run: ADDRESS_MARK if _ADDRESS_MARKER.search(_NOT_ADDRESS.sub(" ", run.group()))
                    else run.group(), text)


class RedactingFilter(logging.Filter):
    """Redacts a record's message, its traceback and its stack before any handler formats it (a handler's
    filter sees every record it writes, the ones from child loggers too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - arguments that do not fit the format: keep both, redacted
            message = f"{record.msg} {record.args!r}"
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
