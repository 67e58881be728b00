"""Finance's result sheet reconciled against the day's refunds: the marks go to the audit log all together or not at
all, and a sheet over the import limits is refused before it is read."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from app.store.engine import open_store
from app.store.errors import StoreFull

from app.desk.issues import IssueDesk
from app.desk.order_import import OrderFileError
from app.desk.reconcile import reconcile

from app import domain

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
DAY = NOW.astimezone().strftime("%Y-%m-%d")
ORDER = domain.Order("3912345678901234567", "b1", (domain.OrderItem("S1", "小鹿运动鞋", 1, 12900),), 12900,
                     "交易成功", NOW - timedelta(days=3))


@pytest.fixture
def desk(tmp_path):
    store = open_store(tmp_path / "k.db")
    store.upsert_orders([ORDER], NOW)
    desk = IssueDesk(store, "小李", clock=lambda: NOW)
    for amount in ("1", "2", "3"):
        issue = desk.open_issue(stage="after_sale", category="damage", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
        desk.act(issue.id, "partial_refund", {"amount": amount, "reason": "破损"})
    yield desk
    store.close()


def reconciled(desk: IssueDesk) -> list[str]:
    return [e.what for e in desk.audit.audit_log() if e.what.startswith("refund reconciled")]


def test_a_reconciliation_that_fails_midway_marks_nothing(desk):
    sheet = f"订单号,金额\n{ORDER.no},1.00\n{ORDER.no},2.00\n{ORDER.no},3.00\n".encode()
    with desk.store.engine.begin() as db:  # the store refuses the second mark, as a full disk would
        db.execute(text("CREATE TRIGGER second_mark_fails BEFORE INSERT ON audit WHEN NEW.what LIKE "
                        "'refund reconciled%' AND (SELECT count(*) FROM audit WHERE what LIKE 'refund reconciled%') "
                        ">= 1 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"))
    with pytest.raises(StoreFull):
        reconcile(desk.store, sheet, "csv", DAY, who="财务")
    assert reconciled(desk) == []  # not the first mark alone: finance would read the day as half reconciled
    with desk.store.engine.begin() as db:
        db.execute(text("DROP TRIGGER second_mark_fails"))
    assert [m.result for m in reconcile(desk.store, sheet, "csv", DAY, who="财务")] == ["matched"] * 3
    assert reconciled(desk) == ["refund reconciled: matched"] * 3


def test_a_sheet_over_the_limit_is_refused_before_it_is_read(desk, monkeypatch):
    monkeypatch.setattr("app.desk.order_import.SHEET_BYTES", 100)
    with pytest.raises(OrderFileError, match=r"the file is 120 bytes, more than a sheet may be \(100 bytes\)"):
        reconcile(desk.store, b"x" * 120, "csv", DAY, who="财务")
    assert reconciled(desk) == []
