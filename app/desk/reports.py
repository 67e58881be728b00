"""The tables the floor sends out, from the issues: refunds for finance, reships for the warehouse, returns,
complaints and bad reviews for the supervisor, the problem-order worklist. Their columns and headers are the
ones the floor's Excel sheets use today (DOMAIN.md), so finance and the warehouse read them unchanged.

Money stays integer fen until the cell (a Money): written as the exact yuan number with two decimals shown,
read as the same "5.00" wherever a table is printed or shown (app/desk/money.py). Times are local. XLSX files
are written beside the target and renamed: never half a file. Text is written as text, whatever a buyer typed
(app/safe_text.py: no formulas, control characters shown as ␛ and the like).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.files.writing import write_atomic
from app.safe_text import keep_as_text, xlsx_text

from app.store.issues import IssueStore
from app.store.records import ActionRecord, IssueRecord
from app.store.store import Store

from app.desk.issues import REFUNDS, IssueDesk, day_bounds
from app.desk.money import MONEY_FORMAT, Money
from app.desk.order_import import contact
from app.desk.problem_orders import category_label
from app.desk.worklist import worklist

from app import domain

PAID_BY = {"buyer": "买家", "shop": "店铺"}
PROBLEMS = {"wrong_item": "错发", "damage": "破损", "missing": "少发"}
YES_NO = {True: "是", False: "否"}
STEPS_ZH = {"message": "待发消息", "waiting": "等待回复", "phone": "待电话", "follow_up": "待跟进"}


@dataclass(frozen=True)
class Table:
    name: str  # the sheet's name, as the floor calls it
    headers: tuple[str, ...]
    rows: list[tuple[object, ...]]  # amounts as Money: a cell knows it is money, whoever writes it out


def _local(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S") if moment else ""


class Reports:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.repo = IssueStore(store)

    def _items(self, order_no: str) -> str:
        order = self.store.order(order_no) if order_no else None
        return "、".join(f"{i.title}×{i.qty}" for i in order.items) if order else ""

    def _address(self, order_no: str) -> str:
        order = self.store.order(order_no) if order_no else None
        return order.address if order else ""

    def _actions(self, kinds: tuple[str, ...], day: str) -> list[tuple[ActionRecord, IssueRecord]]:
        """The day's actions by when they took effect: a refund approved today is in today's table, whenever it
        was asked for (yesterday's table went to finance before it was approved)."""
        start, end = day_bounds(day)
        return self.repo.actions_between(kinds, start, end, by_decision=True)

    def refunds(self, day: str) -> Table:
        rows = []
        for a, i in self._actions(REFUNDS, day):
            known = contact(self.store, i.order_no) if i.order_no else {}  # from the imported order export
            rows.append((i.buyer_nick or known.get("buyer_nick", ""), a.fields.get("real_name") or known.get(
                "real_name", ""), a.fields.get("alipay") or known.get("alipay", ""), Money(a.amount_fen),
                a.fields.get("reason", ""), i.order_no, _local(a.decided_at or a.at)))
        return Table("退款信息表", ("旺旺名", "真名", "支付宝", "金额", "原因", "订单号", "时间"), rows)

    def reships(self, day: str) -> Table:
        rows = [(i.order_no, i.buyer_nick, a.fields.get("address") or self._address(i.order_no), a.fields["items"],
                 a.fields.get("reason", ""), a.fields.get("courier", ""), a.fields.get("new_tracking_no", ""))
                for a, i in self._actions(("reship",), day)]
        return Table("补发表", ("订单号", "买家", "地址", "商品", "原因", "快递公司", "新运单号"), rows)

    def returns(self, day: str) -> Table:
        rows = [(i.order_no, i.buyer_nick, self._items(i.order_no), a.fields.get("reason", ""),
                 a.fields.get("return_tracking_no", ""), PAID_BY.get(str(a.fields.get("shipping_paid_by")), ""),
                 YES_NO[bool(a.fields.get("received"))]) for a, i in self._actions(("return",), day)]
        return Table("退件表", ("订单号", "买家", "商品", "原因", "退货运单号", "运费承担", "是否收到"), rows)

    def complaints(self, day: str) -> Table:
        rows = [(i.order_no, PROBLEMS.get(str(a.fields.get("problem")), ""), a.fields.get("detail", ""),
                 "、".join(a.fields.get("photos", [])), a.fields.get("packer", ""), i.owner)
                for a, i in self._actions(("complaint",), day)]
        return Table("投诉表", ("订单号", "问题", "说明", "照片", "打包员", "客服"), rows)

    def reviews(self, day: str) -> Table:
        rows = []
        for a, i in self._actions(("review_outcome",), day):
            attempts = sum(1 for x in self.repo.actions(i.id) if x.kind == "contact")
            rows.append((i.order_no, i.buyer_nick, a.fields.get("rating", ""), a.fields.get("review_text", ""),
                         a.fields.get("group", ""), attempts, a.fields.get("offer", ""),
                         "已修改" if a.fields.get("changed") else "未修改"))
        return Table("中差评表", ("订单号", "买家", "评分", "评价内容", "分组", "联系次数", "补偿", "结果"), rows)

    def problem_orders(self, day: str) -> Table:
        """The open problem orders as the day ends: where each is (message, waiting, phone, follow-up), when the
        buyer was last contacted and when the next step is due, with the number to call."""
        _, end = day_bounds(day)
        items = worklist(IssueDesk(self.store, ""), now=min(end, domain.now_utc()))
        rows = [(category_label(w.issue.category), w.issue.order_no, w.issue.buyer_nick, w.issue.note,
                 _local(w.last_contact_at), _local(w.due_at), STEPS_ZH[w.step], w.attempts, w.phone)
                for w in items if w.issue.opened_at < end]
        return Table("问题订单", ("分类", "订单号", "买家", "说明", "联系时间", "下次跟进", "当前步骤", "联系次数", "电话"),
                     rows)

    def table(self, kind: str, day: str) -> Table:
        makers: dict[str, Callable[[str], Table]] = {
            "refunds": self.refunds, "reships": self.reships, "returns": self.returns,
            "complaints": self.complaints, "reviews": self.reviews, "problem-orders": self.problem_orders}
        if kind not in makers:
            raise ValueError(f"unknown table {kind!r}: one of {', '.join(makers)}")
        return makers[kind](day)


KINDS = ("refunds", "reships", "returns", "complaints", "reviews", "problem-orders")


def write_xlsx(table: Table, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = table.name
    sheet.append(list(table.headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(table.rows, start=2):
        # buyers' text (a nick, an address, a review) as text: never a formula, never a character the file
        # cannot hold; numbers (counts) stay numbers, and an amount is the exact number shown with two decimals
        for column, value in enumerate(row, start=1):
            if isinstance(value, Money):
                sheet.cell(number, column, value.yuan()).number_format = MONEY_FORMAT
            else:
                keep_as_text(sheet.cell(number, column, xlsx_text(value) if isinstance(value, str) else value))
    for index, header in enumerate(table.headers, start=1):
        longest = max([len(str(header)) * 2, *(len(str(r[index - 1])) for r in table.rows)], default=8)
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(60, max(10, longest + 2))
    sheet.freeze_panes = "A2"
    write_atomic(path, book.save)
