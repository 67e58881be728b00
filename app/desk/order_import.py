"""Orders from the marketplace's own export (Taobao's 订单报表 and the like, CSV or XLSX, GBK or UTF-8), for
a shop whose platform KefuDesk cannot connect to: issues are then kept by order no., and the refund table gets
the buyer's real name and Alipay account.

Columns are found by their header (the known names of each platform's export), or by a mapping the agent
gives once and the desk remembers per shop. A file is imported whole or not at all (unless the caller asks
to skip bad rows), and importing the same export again updates the orders instead of adding them twice.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.files.limits import ENTRIES, SHEET_BYTES, refuse_over_limit
from app.files.refusals import Rejected, UnreadableFile
from app.files.sheets import csv_rows, sheet_values
from app.files.text import decode_text

from app.store import models as m
from app.store.batches import Batch, batched
from app.store.store import Store
from app.store.upsert import upsert

from app.desk import shop_settings
from app.desk.fits import first_misfit
from app.desk.money import parse_yuan
from app.desk.order_merge import COLUMNS, Conflict, as_written, known_orders, merge
from app.desk.reasons import Reason

from app import domain

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
    "paid_at": ("订单付款时间", "付款时间", "支付时间"),
    "buyer_note": ("买家留言", "买家备注"),
    "seller_memo": ("卖家备注", "订单备注", "商家备注"),  # Taobao's 订单备注 is the seller's memo
}
REQUIRED = ("no", "buyer_nick")
# the columns each field is written to: its value must fit every one (their limits are the schema's own)
STORED_IN: dict[str, tuple[Any, ...]] = {
    "buyer_nick": (m.Order.buyer_id, m.OrderContact.buyer_nick), "receiver_name": (m.OrderContact.receiver_name,),
    "alipay": (m.OrderContact.alipay,), "phone": (m.OrderContact.phone,), "status": (m.Order.status,),
    "courier": (m.Order.courier,), "tracking_no": (m.Order.tracking_no,), "address": (m.Order.address,),
    "amount": (m.Order.amount_fen,), "buyer_note": (m.Order.buyer_note,), "seller_memo": (m.Order.seller_memo,)}
CONTACT = ("buyer_nick", "receiver_name", "alipay", "phone")  # the contact's columns, named as the fields


class OrderFileError(UnreadableFile):
    """The file as a whole cannot be read as an order export; the message says why and what to do."""


@dataclass(frozen=True)
class OrderRow:
    order: domain.Order  # the order as the export gives it (what a new order is written as)
    buyer_nick: str
    receiver_name: str
    alipay: str
    phone: str
    line: int = 0
    given: frozenset[str] = frozenset()  # the fields whose cell had a value: an empty cell never erases one
    written: domain.Order | None = None  # a known order as the store will hold it (the shop's data kept)

    def export(self) -> dict[str, Any]:
        """The export's non-empty order fields, as the order's columns take them (for the merge)."""
        o = self.order
        values = {"buyer_nick": o.buyer_id, "items": _items(o.items), "amount": o.amount_fen, "status": o.status,
                  "created_at": o.created_at, "courier": o.courier, "tracking_no": o.tracking_no,
                  "address": o.address, "paid_at": o.paid_at, "buyer_note": o.buyer_note,
                  "seller_memo": o.seller_memo}
        return {name: value for name, value in values.items() if name in self.given}


@dataclass(frozen=True)
class OrderPlan:
    rows: list[OrderRow]
    rejected: list[Rejected]
    mapping: dict[str, str]  # field → the header it was read from
    encoding: str
    new: int  # orders the store does not have yet
    updated: int  # orders the import refreshes
    conflicts: list[Conflict] = dataclasses.field(default_factory=list)  # the shop's kept, the export's not written


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
    refuse_over_limit(data, SHEET_BYTES, "a sheet", "split it by date and import the parts", OrderFileError)
    if fmt == "xlsx":
        values = sheet_values(data, OrderFileError, "try again")
        return iter([(n, [_xlsx_text(c) for c in row]) for n, row in values]), ""
    text, encoding = decode_text(data, OrderFileError)

    def numbered() -> Iterator[tuple[int, list[str]]]:
        for count, (start, row) in enumerate(csv_rows(text, OrderFileError)):
            if count > ENTRIES:  # the header and ENTRIES rows
                raise OrderFileError(f"the sheet has more than {ENTRIES:,} rows, the most an import reads; split "
                                     "it by date and import the parts", "sheet_rows", limit=f"{ENTRIES:,}")
            yield start, [_cell_text(c) for c in row]
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


def read_header(store: Store, data: bytes, fmt: str, *, remembered_in: shop_settings.ShopSetting,
                mapping: Mapping[str, str] | None,
                headers: Mapping[str, Sequence[str]], required: Sequence[str], hint: str, what: str,
                ) -> tuple[Iterator[tuple[int, list[str]]], list[str], dict[str, int], str]:
    """The rows after the header, the header, field → column and the encoding of an export whose column mapping
    the shop remembers in the setting remembered_in (the given mapping overrides it)."""
    remembered = dict(json.loads(remembered_in.read(store) or "{}"))
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
    """Read an order export and check it against the store: every row an order to write or a Rejected entry
    saying why (its cells must fit the store's columns), and every field where the shop's own data for a known
    order differs (a Conflict: the shop's is kept). Nothing is written."""
    rows_in, header, columns, encoding = read_header(
        store, data, fmt, remembered_in=shop_settings.ORDER_MAPPING, mapping=mapping, headers=HEADERS,
        required=REQUIRED, hint="e.g. --map no=订单编号 --map buyer_nick=买家会员名", what="an order export")
    now = now or domain.now_utc()
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
            paid = cell_time(get("paid_at"), now) if get("paid_at") else None
        except ValueError as exc:
            rejected.append(Rejected(number, not_imported(exc.args[0]), shown))
            continue
        if amount < 0:
            rejected.append(Rejected(number, not_imported(Reason("line_negative_amount", "a negative amount")),
                                     shown))
            continue
        values = {name: amount if name == "amount" else get(name) for name in STORED_IN}
        misfit = first_misfit([(header[columns[name]], value, STORED_IN[name]) for name, value in values.items()
                               if name in columns], money=[header[columns["amount"]]] if "amount" in columns else [])
        if misfit is not None:
            rejected.append(Rejected(number, not_imported(misfit), shown))
            continue
        if no in seen:
            continue  # one line per item in some exports: the order is the first line
        seen.add(no)
        items = tuple(domain.OrderItem("", title.strip(), 1, 0) for title in re.split(r"[，,;；]", get("items"))
                      if title.strip())
        order = domain.Order(no, nick, items, amount, get("status") or "已导入", created, get("courier"),
                             get("tracking_no"), get("address"), paid_at=paid, buyer_note=get("buyer_note") or None,
                             seller_memo=get("seller_memo") or None)
        given = frozenset(name for name in (*COLUMNS, *CONTACT) if name in columns and get(name).strip())
        rows.append(OrderRow(order, nick, get("receiver_name"), get("alipay"), get("phone"), number,
                             given | {"buyer_nick"}))
    conflicts: list[Conflict] = []
    with store.reading() as s:
        known = known_orders(s, [row.order.no for row in rows])
        for index, row in enumerate(rows):
            if (order := known.get(row.order.no)) is not None:
                changes, found = merge(order, row.export())
                conflicts += [Conflict(row.line, row.order.no, name, ours, theirs) for name, ours, theirs in found]
                rows[index] = dataclasses.replace(row, written=as_written(order, changes))
    used = {field: header[index] for field, index in columns.items()}
    return OrderPlan(rows, rejected, used, encoding, len(rows) - len(known), len(known), conflicts)


def run_import(store: Store, plan: OrderPlan, *, now: datetime | None = None) -> int:
    """Write the plan's orders, all or none, in short batches a running desk writes between (app/store/batches.py):
    new ones added; known ones merged by the rules of app/desk/order_merge.py against the store as it is at each
    batch (the gateway may have sent newer data since the preview, or during the import); the buyers' contacts
    from the export (an empty cell keeps what the store has); the mapping remembered in the last step."""
    now = now or domain.now_utc()

    def write(batch: Batch, rows: Sequence[OrderRow]) -> None:
        numbers = [row.order.no for row in rows]
        batch.rows(m.Order.__table__, numbers)
        batch.rows(m.OrderContact.__table__, numbers)
        _write_orders(batch.s, rows, now)

    with batched(store, "orders") as job:
        job.write(plan.rows, write)
        job.finish(lambda s: upsert(s, m.Meta.__table__, ["key"], [
            {"key": shop_settings.ORDER_MAPPING.key, "value": json.dumps(plan.mapping, ensure_ascii=False)}]))
    return len(plan.rows)


def _write_orders(s: Session, rows: Sequence[OrderRow], now: datetime) -> None:
    numbers = [row.order.no for row in rows]
    known, contacts = known_orders(s, numbers), _contacts(s, numbers)
    for row in rows:
        o = row.order
        order = known.get(o.no)
        if order is None:
            s.add(m.Order(no=o.no, buyer_id=o.buyer_id, items=_items(o.items), amount_fen=o.amount_fen,
                          status=o.status, created_at=o.created_at, courier=o.courier,
                          tracking_no=o.tracking_no, address=o.address, ship_by=None, fetched_at=now,
                          paid_at=o.paid_at, buyer_note=o.buyer_note or "", seller_memo=o.seller_memo or ""))
            imported_at = now
        else:
            from_shop = order.from_shop
            changes, _conflicts = merge(order, row.export())
            for column, value in changes.items():
                setattr(order.row, column, value)
            if not from_shop:
                order.row.fetched_at = now
            # the contact's time marks the order as the export's only when both times are the same
            imported_at = now if not from_shop or order.row.fetched_at != now else now + timedelta(microseconds=1)
        _write_contact(s, contacts.get(o.no), row, imported_at)


def _contacts(s: Session, numbers: Sequence[str]) -> dict[str, m.OrderContact]:
    """The contacts the store has for numbers (a problem-order list may have added one before the order)."""
    found: dict[str, m.OrderContact] = {}
    for start in range(0, len(numbers), 500):
        chunk = list(numbers[start:start + 500])
        query = select(m.OrderContact).where(m.OrderContact.order_no.in_(chunk))
        found.update((contact.order_no, contact) for contact in s.scalars(query))
    return found


def _write_contact(s: Session, contact: m.OrderContact | None, row: OrderRow, imported_at: datetime) -> None:
    values = {"buyer_nick": row.buyer_nick, "receiver_name": row.receiver_name, "alipay": row.alipay,
              "phone": row.phone}
    if contact is None:
        s.add(m.OrderContact(order_no=row.order.no, imported_at=imported_at, **values))
        return
    for name, value in values.items():
        if name in row.given:
            setattr(contact, name, value)
    contact.imported_at = imported_at


def _items(items: Sequence[domain.OrderItem]) -> list[dict[str, Any]]:
    return [{"sku": i.sku, "title": i.title, "qty": i.qty, "price_fen": i.price_fen} for i in items]


def contact(store: Store, order_no: str) -> dict[str, str]:
    """The imported buyer details of an order (real name, Alipay, phone, nick), {} when none."""
    with store.reading() as s:
        row = s.get(m.OrderContact, order_no)
        if row is None:
            return {}
        return {"buyer_nick": row.buyer_nick, "real_name": row.receiver_name, "alipay": row.alipay,
                "phone": row.phone}
