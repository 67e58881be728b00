"""What an order card shows and copies, without a window: phones masked as the floor masks them, the address line
copying gives, the parcel's newest step, and which orders are problem orders (an open in-sale issue)."""

from datetime import UTC, datetime, timedelta

import pytest

from app.store.engine import open_store

from app.desk.issues import IssueDesk
from app.desk.order_card import (
    address_text,
    latest_step,
    masked_numbers,
    masked_phone,
    open_problems,
    receiver_line,
)

from app import domain

T0 = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
ORDER = domain.Order("3912345678901234567", "b1", (), 12900, "已发货", T0, "中通快递", "73123456789012",
                     "浙江省杭州市西湖区文三路88号", receiver_name="王芳", receiver_phone="13812345678")


@pytest.mark.parametrize(("phone", "shown"), [
    ("13812345678", "138****5678"),
    ("+86 138-1234-5678", "138****5678"),
    ("0571-88886666", "057****6666"),
    ("138****5678", "138****5678"),  # the platform masked it already
    ("88886666", "****6666"),  # a short local number: only its last four
    ("12", "****"),
    ("", ""),
])
def test_a_phone_shows_its_first_three_and_last_four_digits_at_most(phone, shown):
    assert masked_phone(phone) == shown


def test_a_mobile_number_inside_an_address_or_a_note_is_masked_but_order_and_tracking_numbers_are_not():
    assert masked_numbers("文三路88号 电话13812345678，或 +86 139-1234-0000") == "文三路88号 电话138****5678，或 139****0000"
    assert masked_numbers("订单3912345678901234567 单号73123456789012") == "订单3912345678901234567 单号73123456789012"


def test_copying_the_address_gives_receiver_masked_phone_and_address_on_one_line():
    assert address_text(ORDER) == "王芳，138****5678，浙江省杭州市西湖区文三路88号"
    assert receiver_line(ORDER) == "王芳 138****5678"
    typed = domain.Order(ORDER.no, "b1", (), 0, "已发货", T0, address="浙江省杭州市\n西湖区  文三路88号 13812345678")
    assert address_text(typed) == "浙江省杭州市 西湖区 文三路88号 138****5678"  # an export's address without a receiver
    assert address_text(domain.Order(ORDER.no, "b1", (), 0, "等待发货", T0, receiver_name="王芳")) == ""


def test_the_latest_step_is_the_newest_whatever_order_the_courier_lists_them_in():
    steps = (domain.ParcelEvent(T0 + timedelta(hours=20), "杭州西湖派送站", "派送中"),
             domain.ParcelEvent(T0, "福建泉州晋江营业部", "已揽收"))
    assert latest_step(domain.Parcel("73123456789012", "中通快递", steps)).what == "派送中"
    assert latest_step(domain.Parcel("73123456789012", "中通快递", ())) is None


def test_an_order_with_an_open_in_sale_issue_is_a_problem_order_until_the_issue_is_resolved(tmp_path):
    store = open_store(tmp_path / "desk.db")
    try:
        desk = IssueDesk(store, "小李", clock=lambda: T0)
        other = "1000000000000000001"
        assert open_problems(desk.repo, [ORDER.no, other]) == {}
        desk.open_issue(stage="after_sale", category="damage", order_no=other, buyer_id="b1")  # not in-sale
        issue = desk.open_issue(stage="in_sale", category="unclear_address", order_no=ORDER.no, buyer_id="b1")
        assert {no: i.category for no, i in open_problems(desk.repo, [ORDER.no, other]).items()} == {
            ORDER.no: "unclear_address"}
        desk.set_state(issue.id, "resolved")
        assert open_problems(desk.repo, [ORDER.no, other]) == {}
    finally:
        store.close()
