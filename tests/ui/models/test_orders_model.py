"""The buyer's order cards (app/ui/models/orders_model.py) as a Qt model: rows replaced per buyer, a parcel's
step and a problem mark changing the card where it is."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from app.domain import Order, OrderItem

from app.store.records import IssueRecord

from app.ui.models.orders_model import PROBLEM_BACKGROUND, OrderRole, OrdersModel, ParcelState

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
SHOES = OrderItem("sku-1", "小鹿儿童运动鞋", 1, 12900, spec="尺码:27")


def order(no: str, tracking_no: str = "") -> Order:
    return Order(no, "b1", (SHOES,), 12900, "已发货" if tracking_no else "待发货", T0, courier="zto" * bool(tracking_no),
                 tracking_no=tracking_no)


def problem(order_no: str) -> IssueRecord:
    return IssueRecord(1, "in_sale", "missing_item", "normal", order_no, "b1", "tb_小美妈妈", "c1", "小李", "open",
                       "少发一只", (), None, None, T0, None)


def test_the_order_cards_pass_qts_model_checks_and_a_problem_order_is_marked(qtmodeltester):
    model = OrdersModel()
    model.show_orders("b1", [order("1001", "ZT1"), order("1002")])
    qtmodeltester.check(model)
    model.set_parcel("ZT1", ParcelState(problem="no record yet"))
    model.set_problems({"1002": problem("1002")})
    qtmodeltester.check(model)
    assert [model.index(r).data(OrderRole).no for r in range(model.rowCount())] == ["1001", "1002"]
    assert model.index(1).data(Qt.ItemDataRole.BackgroundRole) == PROBLEM_BACKGROUND
    assert model.index(0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "小鹿儿童运动鞋" in model.index(0).data()
    model.show_orders("b2", [])
    assert model.rowCount() == 0
