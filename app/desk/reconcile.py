"""Refund reconciliation: finance sends back its result sheet for the refund table; each of the day's refunds
is marked matched, or mismatched with the field that differs (amount, Alipay account), and each line of the
sheet the desk has no refund for is named. The marks go to the audit log, where overrides and approvals are."""

from __future__ import annotations

from dataclasses import dataclass

from app.store.audit_log import Audit, AuditLog
from app.store.issues import IssueStore
from app.store.store import Store

from app.desk.issues import REFUNDS, day_bounds
from app.desk.money import parse_yuan, yuan_text
from app.desk.order_import import OrderFileError, contact, sheet_rows

from app import domain

COLUMNS = {"order_no": ("订单号", "订单编号", "order no"), "amount": ("金额", "退款金额", "实退金额", "amount"),
           "alipay": ("支付宝", "支付宝账号", "alipay")}


@dataclass(frozen=True)
class Mark:
    order_no: str
    result: str  # matched / mismatched / not_in_sheet / not_in_desk
    detail: str = ""  # the differing field, ours → theirs
    action_id: int | None = None


def reconcile(store: Store, data: bytes, fmt: str, day: str, *, who: str) -> list[Mark]:
    rows, _ = sheet_rows(data, fmt)
    first = next(rows, None)
    if first is None:
        raise OrderFileError("the sheet is empty: it needs a header row with 订单号 and 金额")
    names = [h.strip().lower() for h in first[1]]
    columns = {field: next((names.index(a.lower()) for a in aliases if a.lower() in names), None)
               for field, aliases in COLUMNS.items()}
    if columns["order_no"] is None or columns["amount"] is None:
        raise OrderFileError(f"the sheet needs 订单号 and 金额 columns; it has: {', '.join(first[1])[:200]}")
    sheet: dict[str, list[tuple[int, str]]] = {}
    marks: list[Mark] = []
    for number, cells in rows:
        def cell(field: str, cells: list[str] = cells) -> str:
            index = columns[field]
            return cells[index].strip() if index is not None and index < len(cells) else ""
        if not any(cells):
            continue
        try:
            amount = parse_yuan(cell("amount"))
        except ValueError as exc:
            marks.append(Mark(cell("order_no"), "not_in_desk", f"line {number}: {exc}"))
            continue
        sheet.setdefault(cell("order_no"), []).append((amount, cell("alipay")))
    repo = IssueStore(store)
    start, end = day_bounds(day)
    audits: list[Audit] = []
    for action, issue in repo.actions_between(REFUNDS, start, end, by_decision=True):  # as the day's table has them
        theirs = sheet.get(issue.order_no, [])
        ours_alipay = str(action.fields.get("alipay") or contact(store, issue.order_no).get("alipay", ""))
        if not theirs:
            mark = Mark(issue.order_no, "not_in_sheet", f"¥{yuan_text(action.amount_fen)}", action.id)
        else:
            # finance sorts its sheet as it likes: a line with this refund's amount (and account) is its line
            best = max(range(len(theirs)), key=lambda k: (theirs[k][0] == action.amount_fen,
                                                          theirs[k][1] == ours_alipay))
            amount, alipay = theirs.pop(best)
            differs = []
            if amount != action.amount_fen:
                differs.append(f"amount ¥{yuan_text(action.amount_fen)} → ¥{yuan_text(amount)}")
            if alipay and ours_alipay and alipay != ours_alipay:
                differs.append(f"alipay {ours_alipay} → {alipay}")
            mark = Mark(issue.order_no, "mismatched" if differs else "matched", "; ".join(differs), action.id)
        marks.append(mark)
        audits.append(Audit(who, f"refund reconciled: {mark.result}", None,
                            {"order_no": mark.order_no, "action_id": action.id, "detail": mark.detail}))
    AuditLog(store).write_audits(audits, domain.now_utc())  # the day's marks together: a failure leaves none of them
    for order_no, left in sheet.items():
        marks += [Mark(order_no, "not_in_desk", f"¥{yuan_text(amount)}") for amount, _ in left]
    return marks
