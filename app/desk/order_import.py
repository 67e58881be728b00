"""Orders from the marketplace's own export (Taobao's 订单报表 and the like, CSV or XLSX, GBK or UTF-8), for
a shop whose platform KefuDesk cannot connect to: issues are then kept by order no., and the refund table gets
the buyer's real name and Alipay account.

Columns are found by their header (the known names of each platform's export), or by a mapping the agent
gives once and the desk remembers per shop. A file is imported whole or not at all (unless the caller asks
to skip bad rows), and importing the same export again updates the orders instead of adding them twice.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from app.desk.money import parse_yuan
from app.desk.reasons import Reason
from app.gateway import schema
from app.quickreplies.phrasefile import PhraseFileError, Rejected, decode_text, sheet_values
from app.store import models as m
from app.store.store import Store

# field → the headers platforms use for it (first match wins; the agent can map others)
HEADERS: dict[str, tuple[str, ...]] = {
    "no": ("订单编号", "订单号", "主订单编号", "order no", "order_no"),
    "buyer_nick": ("买家会员名", "买家昵称", "买家账号", "买家", "buyer"),
    "alipay": ("买家支付宝账号", "支付宝账号"),
    "receiver_name": ("收货人姓名", "收货人", "收件人"),
    "address": ("收货地址", "收货人地址", "详细地址"),
    "phone": ("联系手机", "联系电话", "手机", "收货人手机"),
    "items": ("宝贝标题", "商品标题", "商品名称", "宝贝名称"),
    "courier": ("物流公司", "快递公司"),
    "tracking_no": ("物流单号", "运单号", "快递单号"),
    "status": ("订单状态", "交易状态"),
    "amount": ("买家实际支付金额", "实付金额", "总金额", "订单金额", "amount"),
    "created_at": ("订单创建时间", "下单时间", "创建时间", "付款时间"),
}
REQUIRED = ("no", "buyer_nick")
MAPPING_KEY = "orders.mapping"


class OrderFileError(PhraseFileError):
    """The file as a whole cannot be read as an order export; the message says why and what to do."""


@dataclass(frozen=True)
class OrderRow:
    order: schema.Order
    buyer_nick: str
    receiver_name: str
    alipay: str
    phone: str


@dataclass(frozen=True)
class OrderPlan:
    rows: list[OrderRow]
    rejected: list[Rejected]
    mapping: dict[str, str]  # field → the header it was read from
    encoding: str
    new: int  # orders the store does not have yet
    updated: int  # orders the import refreshes


# exports protect long numbers from Excel as ="3912…", =3912…, '3912… or a tab in front (gone with the strip)
_GUARDED = re.compile(r'="(.*)"|=([0-9]+)|\'([+0-9][0-9 +-]*)', re.DOTALL)


def _cell_text(value: object) -> str:
    """A cell as text without Excel's guards; any other text (a note "=急=", a nick 'Amy) stays as it is."""
    text = "" if value is None else str(value).strip()
    guarded = _GUARDED.fullmatch(text)
    return next(part for part in guarded.groups() if part is not None).strip() if guarded else text


def _xlsx_text(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))  # a whole number Excel kept exactly (a phone, a short id)
    if isinstance(value, float) and not value.is_integer():
        # as Excel shows it, to 15 digits: an amount a formula made (=19.9*3 keeps 59.699999999999996) reads
        # 59.7 on the sheet and must read 59.70 here too, not be refused for its binary tail
        return f"{value:.15g}"
    return _cell_text(value)


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def ascii_digits(cell: str) -> str:
    """A number cell (order no., phone) with full-width digits, as a Chinese input method types them, in ASCII:
    the same order is the same key however its number was typed."""
    return cell.translate(_FULL_WIDTH_DIGITS)


def order_no_problem(no: str) -> str:
    """Why a cell cannot be an order no. ("" when it can): Excel turns long numbers into rounded floats."""
    if re.fullmatch(r"[0-9]{6,30}", no):
        return ""
    if re.fullmatch(r"[0-9](\.[0-9]+)?[eE]\+[0-9]+", no):
        return Reason("order_no_rounded", f"order no. {no!r} was saved as a number and Excel rounded it: format the "
                      "column as text in the export, or export CSV", value=no)
    return Reason("order_no_not_number", f"order no. {no!r} is not a number", value=no)


def not_imported(reason: Reason) -> Reason:
    """A bad line's reason as the CLI prints it; front-ends word it by the same key."""
    return Reason(reason.key, f"{reason}: not imported", **reason.params)


def sheet_rows(data: bytes, fmt: str) -> tuple[Iterator[tuple[int, list[str]]], str]:
    """(line or row number, cells as text) of a CSV (any Chinese encoding) or the first sheet of an XLSX."""
    if fmt == "xlsx":
        values = sheet_values(data, OrderFileError, "try again")
        return iter([(n, [_xlsx_text(c) for c in row]) for n, row in values]), ""
    import csv

    try:
        text, encoding = decode_text(data)
    except PhraseFileError as exc:  # one error for a file the importers cannot read, whatever the reason
        raise OrderFileError(str(exc)) from exc
    reader = csv.reader(io.StringIO(text, newline=""))

    def numbered() -> Iterator[tuple[int, list[str]]]:
        start = 1
        try:
            for row in reader:
                yield start, [_cell_text(c) for c in row]
                start = reader.line_num + 1
        except csv.Error as exc:
            raise OrderFileError(f"CSV broken at line {reader.line_num}: {exc}") from exc
    return numbered(), encoding


def find_columns(header: Sequence[str], remembered: Mapping[str, str],
                 headers: Mapping[str, Sequence[str]] = HEADERS, required: Sequence[str] = REQUIRED,
                 hint: str = "e.g. --map no=订单编号 --map buyer_nick=买家会员名") -> dict[str, int]:
    """Field → column index: the remembered mapping first, then the known header names."""
    names = [h.strip().lower() for h in header]
    found: dict[str, int] = {}
    for field, aliases in headers.items():
        wanted = [remembered[field]] if field in remembered else []
        for alias in [*wanted, *aliases]:
            if alias.strip().lower() in names:
                found[field] = names.index(alias.strip().lower())
                break
    missing = [f for f in required if f not in found]
    if missing:
        raise OrderFileError(
            f"no column for {', '.join(missing)} in the header ({', '.join(h for h in header if h)[:200]}); name "
            f"the columns with --map, {hint}")
    return found


def read_header(store: Store, data: bytes, fmt: str, *, mapping_key: str, mapping: Mapping[str, str] | None,
                headers: Mapping[str, Sequence[str]], required: Sequence[str], hint: str, what: str,
                ) -> tuple[Iterator[tuple[int, list[str]]], list[str], dict[str, int], str]:
    """The rows after the header, the header, field → column and the encoding of an export whose column mapping
    the shop remembers under mapping_key (the given mapping overrides it)."""
    remembered = dict(json.loads(store.get_meta(mapping_key) or "{}"))
    remembered.update(mapping or {})
    unknown = set(remembered) - set(headers)
    if unknown:
        raise OrderFileError(f"unknown field {sorted(unknown)[0]!r} in the mapping: one of {', '.join(headers)}")
    rows, encoding = sheet_rows(data, fmt)
    first = next(rows, None)
    if first is None:
        raise OrderFileError(f"the file is empty: {what} starts with a header row")
    return rows, first[1], find_columns(first[1], remembered, headers, required, hint), encoding


def cell_time(text: str, empty: datetime) -> datetime:
    """A time cell of an import as UTC (empty when the cell is); ValueError carries the Reason to report."""
    if not text:
        return empty
    try:
        return local_time(text)
    except ValueError as exc:
        raise ValueError(Reason("cell_not_time", f"time {text[:40]!r} is not a date and time", value=text[:40])) \
            from exc


# 2026/1/5 9:10 as Excel writes a date cell into CSV, and 2026年1月5日 as people type it
_LOOSE_TIME = re.compile(r"([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?"
                         r"(?:[ T]+([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?")
YEARS = (2000, 2100)  # an order's or a problem's time; Excel's empty date (1899-12-30) is not one


def local_time(text: str) -> datetime:
    """A time written in an export (local, 2026-11-24 09:10, 2026/1/5 9:10 or 2026年1月5日) as UTC; ValueError
    for anything else, and for a year outside 2000–2099."""
    loose = _LOOSE_TIME.fullmatch(text.strip())
    try:
        if loose is not None:
            moment = datetime(*(int(part) for part in loose.groups(default="0")))
        else:
            moment = datetime.fromisoformat(text.replace("/", "-"))
        if not YEARS[0] <= moment.year < YEARS[1]:
            raise ValueError(f"year {moment.year} is not a year of orders")
        return (moment if moment.tzinfo else moment.astimezone()).astimezone(UTC)
    except OverflowError as exc:  # a time zone that pushes the time past year 1 or 9999
        raise ValueError(str(exc)) from exc


def plan_import(store: Store, data: bytes, fmt: str, *, mapping: Mapping[str, str] | None = None,
                now: datetime | None = None) -> OrderPlan:
    rows_in, header, columns, encoding = read_header(
        store, data, fmt, mapping_key=MAPPING_KEY, mapping=mapping, headers=HEADERS, required=REQUIRED,
        hint="e.g. --map no=订单编号 --map buyer_nick=买家会员名", what="an order export")
    now = now or schema.now_utc()
    rows: list[OrderRow] = []
    rejected: list[Rejected] = []
    seen: set[str] = set()
    for number, cells in rows_in:
        if not any(cells):
            continue

        def get(field: str, cells: list[str] = cells) -> str:
            index = columns.get(field)
            return cells[index] if index is not None and index < len(cells) else ""
        shown = " | ".join(c for c in cells if c)[:80]
        no, nick = ascii_digits(get("no")), get("buyer_nick")
        if problem := order_no_problem(no):
            rejected.append(Rejected(number, not_imported(problem), shown))
            continue
        if not nick:
            rejected.append(Rejected(number, not_imported(Reason("line_no_buyer", "no buyer")), shown))
            continue
        try:
            amount = parse_yuan(get("amount")) if get("amount") else 0
        except ValueError as exc:
            rejected.append(Rejected(number, not_imported(Reason("cell_not_amount", str(exc), value=get("amount"))),
                                     shown))
            continue
        try:
            created = cell_time(get("created_at"), now)
        except ValueError as exc:
            rejected.append(Rejected(number, not_imported(exc.args[0]), shown))
            continue
        if amount < 0:
            rejected.append(Rejected(number, not_imported(Reason("line_negative_amount", "a negative amount")),
                                     shown))
            continue
        if no in seen:
            continue  # one line per item in some exports: the order is the first line
        seen.add(no)
        items = tuple(schema.OrderItem("", title.strip(), 1, 0) for title in re.split(r"[，,;；]", get("items"))
                      if title.strip())
        order = schema.Order(no, nick, items, amount, get("status") or "已导入", created, get("courier"),
                             get("tracking_no"), get("address"))
        rows.append(OrderRow(order, nick, get("receiver_name"), get("alipay"), get("phone")))
    numbers = [row.order.no for row in rows]
    existing: set[str] = set()
    with store.reading() as s:
        for start in range(0, len(numbers), 500):
            chunk = numbers[start:start + 500]
            existing.update(s.scalars(select(m.Order.no).where(m.Order.no.in_(chunk))))
    used = {field: header[index] for field, index in columns.items()}
    return OrderPlan(rows, rejected, used, encoding, len(rows) - len(existing), len(existing))


def run_import(store: Store, plan: OrderPlan, *, now: datetime | None = None) -> int:
    """Write the plan's orders (new ones added, known ones updated) in one transaction; remember the mapping."""
    now = now or schema.now_utc()
    with store.writing() as s:
        for row in plan.rows:
            o = row.order
            s.merge(m.Order(no=o.no, buyer_id=o.buyer_id, items=[{"sku": i.sku, "title": i.title, "qty": i.qty,
                                                                  "price_fen": i.price_fen} for i in o.items],
                            amount_fen=o.amount_fen, status=o.status, created_at=o.created_at, courier=o.courier,
                            tracking_no=o.tracking_no, address=o.address, ship_by=None, fetched_at=now))
            s.merge(m.OrderContact(order_no=o.no, buyer_nick=row.buyer_nick, receiver_name=row.receiver_name,
                                   alipay=row.alipay, phone=row.phone, imported_at=now))
        s.merge(m.Meta(key=MAPPING_KEY, value=json.dumps(plan.mapping, ensure_ascii=False)))
    return len(plan.rows)


def contact(store: Store, order_no: str) -> dict[str, str]:
    """The imported buyer details of an order (real name, Alipay, phone, nick), {} when none."""
    with store.reading() as s:
        row = s.get(m.OrderContact, order_no)
        if row is None:
            return {}
        return {"buyer_nick": row.buyer_nick, "real_name": row.receiver_name, "alipay": row.alipay,
                "phone": row.phone}
