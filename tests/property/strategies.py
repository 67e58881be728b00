"""What the property tests share: their hypothesis settings, the count of inputs tried per parser family, and
generators of text, encodings and the ways files arrive broken (truncated, bytes flipped, BOMs, line ends)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# modest in the default run (KEFUDESK_PROPERTY_SCALE=20 for the long run), no example database in the shared
# working tree, no timing in the verdict
SCALE = float(os.environ.get("KEFUDESK_PROPERTY_SCALE", "1"))
PROPERTY = settings(max_examples=max(1, int(120 * SCALE)), deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW = settings(PROPERTY, max_examples=max(1, int(40 * SCALE)))  # each example saves a workbook or writes a store

TRIED: Counter[str] = Counter()  # parser family → inputs tried this run, printed at the end (tests/conftest.py)


def tried(family: str) -> None:
    TRIED[family] += 1


BOMS = (b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
ENCODINGS = ("utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16")

# text as agents and buyers write it: Chinese, emoji, full-width punctuation, and the odd control character
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
any_char = st.characters(exclude_categories=("Cs",))
one_line_char = st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"))
floor_text = st.one_of(
    st.text(any_char, max_size=30),
    st.text(st.sampled_from("亲您好呀～，。！？、发货退款尺码哦呢的了👍😊/:^_^ \t{}`;:=\"',"), max_size=30),
)


def one_line(min_size: int = 0, max_size: int = 30) -> st.SearchStrategy[str]:
    """Single-line text with no blanks at either end (a title, a group, a nick)."""
    return st.text(st.one_of(one_line_char, st.sampled_from("亲发货退款／：😊 ")), min_size=min_size,
                   max_size=max_size).map(str.strip).filter(lambda t: len(t) >= min_size)


def encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def with_line_ends(text: str, end: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", end)


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """data as files arrive broken: cut short, bytes flipped or inserted, a stray BOM, line ends changed, a
    huge line, or a slice of it repeated."""
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(("truncate", "flip", "insert", "bom", "line_ends", "huge_line", "repeat")))
        if how == "truncate" and data:
            data = data[:draw(st.integers(0, len(data) - 1))]
        elif how == "flip" and data:
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
        elif how == "insert":
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        elif how == "bom":
            data = draw(st.sampled_from(BOMS[1:])) + data
        elif how == "line_ends":
            data = data.replace(b"\r\n", b"\n").replace(b"\n", draw(st.sampled_from((b"\r\n", b"\r", b"\n\n"))))
        elif how == "huge_line":
            at = draw(st.integers(0, len(data)))
            filler = draw(st.sampled_from((b" ", b"\t", b"a", b"`", b":", b";", b"{", b"\"", b",", b"\xe4\xba\xb2")))
            data = data[:at] + filler * draw(st.integers(10_000, 200_000)) + data[at:]
        elif how == "repeat" and data:
            start = draw(st.integers(0, len(data) - 1))
            data = data[:start] + data[start:start + 200] * draw(st.integers(2, 50)) + data[start:]
    return data


def broken_files(valid: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """Random bytes, or a valid file damaged."""
    return st.one_of(st.binary(max_size=300), valid.flatmap(damaged))


def outcome(call: Callable[[], object], allowed: type[Exception] | tuple[type[Exception], ...]) -> object:
    """The call's result, or the allowed error with a message (any other exception fails the test)."""
    try:
        return call()
    except allowed as exc:
        assert str(exc).strip(), f"{type(exc).__name__} without a message"
        return exc


def table_bytes(rows: list[list[object]], fmt: str, encoding: str = "utf-8") -> bytes:
    """A sheet as a back-end exports it: CSV in the encoding (GB18030 if the text does not fit it) or XLSX."""
    import csv
    import io

    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # a cell of text, even one that starts with "="
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    written = buffer.getvalue()
    return written.encode(encoding if encodable(written, encoding) else "gb18030")


def unguarded(text: str) -> bool:
    """Not written as Excel's guard around a number (="3912…", '3912…), which the importers take off."""
    import re

    return not re.fullmatch(r'="(.*)"|=[0-9]+|\'[+0-9][0-9 +-]*', text, re.DOTALL)


def xlsx_safe(text: str) -> bool:
    """openpyxl refuses control characters in a cell; an export from a back-end never has them."""
    return not any(ord(c) < 32 and c not in "\t\n\r" for c in text)


# --- money as sheets write it -----------------------------------------------------------------------

FULL_WIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")
amount_text = st.lists(st.sampled_from(list("0123456789.,-+eE ¥￥元") + ["１", "２", "．", "０", "٣", "\xa0", "　"]),
                       max_size=16).map("".join)


def yuan_text_in(fen: int, style: str) -> str:
    """fen as a sheet may write it: 12.50, ¥12.50, 12.50元, 1,234.50 or in full-width digits."""
    from app.desk.money import yuan_text

    text_ = yuan_text(fen)
    if style == "yen":
        return "¥" + text_
    if style == "元":
        return text_ + "元"
    if style == "commas":
        sign, whole, cents = ("-" if fen < 0 else ""), *text_.lstrip("-").split(".")
        return f"{sign}{int(whole):,}.{cents}"
    if style == "full-width":
        return text_.translate(FULL_WIDTH)
    return text_
