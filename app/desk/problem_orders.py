"""The in-sale problem-order list (问题订单), pulled from the shop back-end every 2–3 hours as a CSV/XLSX export or
from the gateway, turned into in-sale issues: one per order and category, however often the list is imported.

An import is planned first (every line read, every bad line named, nothing written) and then written in one
transaction, or not at all. Lines already on the desk refresh their detail; lines the desk resolved are
reported, not reopened.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.files.refusals import Rejected

from app.store import models as m
from app.store.audit_log import Audit

from app.desk import shop_settings
from app.desk.fits import first_misfit
from app.desk.issues import CATEGORIES, OPEN_STATES, IssueDesk
from app.desk.order_import import ascii_digits, cell_time, not_imported, order_no_problem, read_header
from app.desk.reasons import Reason

from app import domain

KINDS = CATEGORIES["in_sale"]

# field → the headers back-ends use for it
HEADERS: dict[str, tuple[str, ...]] = {
    "category": ("问题类型", "异常类型", "问题分类", "异常原因", "问题", "category"),
    "no": ("订单编号", "订单号", "主订单编号", "order no", "order_no"),
    "buyer_nick": ("买家会员名", "买家昵称", "买家账号", "买家", "buyer"),
    "detail": ("问题描述", "异常描述", "问题详情", "详情", "说明", "备注", "detail"),
    "phone": ("联系手机", "联系电话", "手机", "收货人手机", "phone"),
    "reported_at": ("发现时间", "异常时间", "创建时间", "时间", "reported_at"),
}
REQUIRED = ("category", "no")
# the columns a line's text is written to: its value must fit every one (their limits are the schema's own)
STORED_IN: dict[str, tuple[Any, ...]] = {"buyer_nick": (m.Issue.buyer_nick, m.OrderContact.buyer_nick),
                                         "detail": (m.Issue.note,), "phone": (m.OrderContact.phone,)}

# the words back-ends and agents use for each category; the first is what the floor's table shows
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "multiple_addresses": ("多地址", "同一买家多个地址", "多个收货地址", "多个地址"),
    "unclear_address": ("地址不详", "地址不清", "地址不完整", "地址错误", "地址有误"),
    "out_of_area": ("超区", "超出配送范围", "不在配送范围", "不派送"),
    "out_of_stock": ("缺货", "无货", "库存不足"),
    "free_shipping_not_met": ("未满足包邮", "不满足包邮", "未满包邮", "包邮条件"),
    "buyer_note": ("留言无法满足", "买家留言", "备注无法满足", "买家备注"),
    "tracking_timeout": ("物流超时", "超时未更新", "物流停滞", "物流异常", "揽收超时"),
    "address_change": ("改地址", "修改地址", "途中改地址", "更改地址"),
    "lost_parcel": ("丢件", "包裹丢失", "快递丢失", "丢失"),
}


def category_label(category: str) -> str:
    """The floor's word for a category (超区, 缺货…), for the 问题订单 table."""
    words = CATEGORY_WORDS.get(category)
    return words[0] if words else category


def category_of(text: str) -> str | None:
    """A category from a back-end's wording: the key itself, one of its words, or a text containing one."""
    cleaned = re.sub(r"\s+", "", text).lower()
    if not cleaned:
        return None
    if cleaned in KINDS:
        return cleaned
    for category, words in CATEGORY_WORDS.items():
        if cleaned in words:
            return category
    hits = {category for category, words in CATEGORY_WORDS.items() if any(w in cleaned for w in words)}
    return hits.pop() if len(hits) == 1 else None


@dataclass(frozen=True)
class ProblemRow:
    order_no: str
    category: str
    buyer_nick: str
    detail: str
    phone: str
    reported_at: datetime


@dataclass(frozen=True)
class ProblemPlan:
    rows: list[ProblemRow]  # what the import writes: new issues and refreshed ones
    rejected: list[Rejected]
    mapping: dict[str, str]  # field → the header it was read from ({} from the gateway)
    encoding: str
    new: int  # problems the desk does not have yet
    refreshed: int  # open issues whose detail or phone the list changes
    unchanged: int  # open issues the list repeats as they are
    resolved_before: int  # problems the desk already resolved or rejected: reported, not reopened
    repeated: int  # lines repeating an earlier line of the same list
    updates: tuple[tuple[int, dict[str, str]], ...] = ()


def plan_file(desk: IssueDesk, data: bytes, fmt: str, *, mapping: Mapping[str, str] | None = None,
              now: datetime | None = None) -> ProblemPlan:
    """Read a back-end's problem-order export (CSV in any Chinese encoding, or XLSX): every line becomes a
    problem or a Rejected entry saying why. Raises OrderFileError when the file as a whole is unreadable."""
    lines, header, columns, encoding = read_header(
        desk.store, data, fmt, remembered_in=shop_settings.PROBLEM_MAPPING, mapping=mapping, headers=HEADERS,
        required=REQUIRED, hint="e.g. --map category=问题类型 --map no=订单编号", what="a problem-order list")
    now = now or domain.now_utc()
    rows: list[ProblemRow] = []
    rejected: list[Rejected] = []
    for number, cells in lines:
        if not any(cells):
            continue

        def get(field: str, cells: list[str] = cells) -> str:
            index = columns.get(field)
            return cells[index].strip() if index is not None and index < len(cells) else ""
        shown = " | ".join(c for c in cells if c)[:80]
        no, kind = ascii_digits(get("no")), get("category")
        if problem := order_no_problem(no):
            rejected.append(Rejected(number, not_imported(problem), shown))
            continue
        category = category_of(kind)
        if category is None:
            why = Reason("unknown_problem_type", f"problem type {kind!r} is not one the desk knows (超区, 缺货, "
                         "地址不详, 物流超时…)", value=kind)
            rejected.append(Rejected(number, not_imported(why), shown))
            continue
        phone = re.sub(r"[\s-]", "", ascii_digits(get("phone")))
        if phone and not re.fullmatch(r"\+?[0-9]{5,20}", phone):
            why = Reason("cell_not_phone", f"phone {get('phone')!r} is not a phone number", value=get("phone"))
            rejected.append(Rejected(number, not_imported(why), shown))
            continue
        try:
            reported = cell_time(get("reported_at"), now)
        except ValueError as exc:
            rejected.append(Rejected(number, not_imported(exc.args[0]), shown))
            continue
        if len(get("detail")) > 2000:
            why = Reason("detail_too_long", "the detail is longer than 2,000 characters", limit=2000)
            rejected.append(Rejected(number, not_imported(why), shown))
            continue
        misfit = first_misfit([(header[columns[name]], value, STORED_IN[name]) for name, value in
                               (("buyer_nick", get("buyer_nick")), ("detail", get("detail")), ("phone", phone))
                               if name in columns])
        if misfit is not None:
            rejected.append(Rejected(number, not_imported(misfit), shown))
            continue
        rows.append(ProblemRow(no, category, get("buyer_nick"), get("detail"), phone, reported))
    used = {field: header[index] for field, index in columns.items()}
    return _against_desk(desk, rows, rejected, used, encoding)


def plan_gateway(desk: IssueDesk, problems: Iterable[domain.ProblemOrder]) -> ProblemPlan:
    """The same plan from the gateway's problem-order list (typed and checked by the protocol, whose limits are
    wider than some columns': a problem the store cannot keep is a bad line, numbered by its place in the list)."""
    rows: list[ProblemRow] = []
    rejected: list[Rejected] = []
    for number, p in enumerate(problems, start=1):
        misfit = first_misfit([(name, value, STORED_IN[name]) for name, value in
                               (("buyer_nick", p.buyer_nick), ("detail", p.detail), ("phone", p.phone))])
        if misfit is not None:
            rejected.append(Rejected(number, not_imported(misfit), f"{p.order_no} | {p.buyer_nick}"[:80]))
            continue
        rows.append(ProblemRow(p.order_no, p.category, p.buyer_nick, p.detail, p.phone, p.reported_at))
    return _against_desk(desk, rows, rejected, {}, "")


def _against_desk(desk: IssueDesk, rows: Sequence[ProblemRow], rejected: list[Rejected], mapping: dict[str, str],
                  encoding: str) -> ProblemPlan:
    known = {(i.order_no, i.category): i
             for i in desk.repo.issues_for_orders(sorted({r.order_no for r in rows}), "in_sale")}
    seen: set[tuple[str, str]] = set()
    kept: list[ProblemRow] = []
    updates: list[tuple[int, dict[str, str]]] = []
    new = unchanged = resolved = repeated = 0
    for row in rows:
        key = (row.order_no, row.category)
        if key in seen:
            repeated += 1
            continue
        seen.add(key)
        issue = known.get(key)
        if issue is None:
            new += 1
            kept.append(row)
        elif issue.state not in OPEN_STATES:
            resolved += 1
        elif row.detail and row.detail != issue.note:
            updates.append((issue.id, {"note": row.detail}))
            kept.append(row)
        else:
            unchanged += 1
            if row.phone:
                kept.append(row)  # a phone number the desk may not have yet
    return ProblemPlan(kept, rejected, mapping, encoding, new, len(updates), unchanged, resolved, repeated,
                       tuple(updates))


def run_plan(desk: IssueDesk, plan: ProblemPlan, *, source: str) -> list[int]:
    """Write the plan in one transaction: new in-sale issues, due at once (the buyer needs a message first),
    refreshed details, phone numbers, and one audit entry naming the source. Returns the new issues' ids."""
    now = desk.clock()
    updated = {issue_id for issue_id, _ in plan.updates}
    known = {(i.order_no, i.category) for i in desk.repo.issues_for_orders(
        sorted({r.order_no for r in plan.rows}), "in_sale")}
    new: list[dict[str, object]] = []
    phones: dict[str, tuple[str, str]] = {}
    for row in plan.rows:
        if row.phone:
            phones[row.order_no] = (row.buyer_nick, row.phone)
        if (row.order_no, row.category) in known:
            continue
        order = desk.store.order(row.order_no)
        new.append({"stage": "in_sale", "category": row.category, "severity": "normal", "order_no": row.order_no,
                    "buyer_id": order.buyer_id if order else "", "buyer_nick": row.buyer_nick,
                    "conversation_id": "", "owner": desk.agent, "state": "open", "note": row.detail,
                    "follow_up_at": now})
    summary = {"source": source, "new": len(new), "refreshed": len(updated), "unchanged": plan.unchanged,
               "resolved_before": plan.resolved_before, "rejected": len(plan.rejected)}
    ids = desk.repo.import_issues(new, list(plan.updates), phones, now,
                                  Audit(desk.agent, "problem orders imported", None, summary))
    if plan.mapping:
        shop_settings.PROBLEM_MAPPING.write(desk.store, json.dumps(plan.mapping, ensure_ascii=False))
    return ids
