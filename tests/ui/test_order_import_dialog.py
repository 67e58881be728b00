"""The marketplace's order export imported from the desk (Ctrl+Shift+O) with real widgets: a GBK Taobao report
previewed off the GUI thread with its bad lines named, written only on Import, re-imported as updates; the shop's
own data kept where the export differs, and each difference shown; a file that is not a sheet, or one over the
import limits, writes nothing and says why."""

from datetime import UTC, datetime

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from app import domain

TAOBAO = ("订单编号,买家会员名,买家支付宝账号,买家实际支付金额,订单状态,收货人姓名,收货地址,联系手机,宝贝标题,订单创建时间,物流单号,物流公司\r\n"
          '="3912345678901234567",tb_小美妈妈,xm@example.com,129.00,卖家已发货,王小美,浙江省杭州市文三路88号,'
          "13800000000,小鹿运动鞋 白蓝,2026-11-20 10:11:00,73123456789012,中通快递\r\n"
          "1000000000000000001,糖糖爸爸,tt@example.com,29.9,买家已付款,李糖,上海市,13900000000,纯棉袜,2026-11-23 09:00,,\r\n"
          "1000000000000000002,金额坏,x,十二块,?,?,?,?,?,2026-11-23 09:00,,\r\n")


def test_ctrl_shift_o_asks_for_the_export(qtbot, desk):
    window = desk()
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QFileDialog))
    QApplication.activeModalWidget().reject()


def test_a_gbk_export_is_previewed_then_written_and_a_second_import_updates(qtbot, desk, tmp_path):
    window = desk()
    path = tmp_path / "ExportOrderList202611.csv"
    path.write_bytes(TAOBAO.encode("gbk"))
    dialog = window.opens.import_order_export(path)
    qtbot.waitUntil(dialog.import_button.isEnabled)
    assert dialog.summary.text() == "ExportOrderList202611.csv (gb18030): 2 new order(s), 0 to update, 1 bad line(s)."
    bad = dialog.tabs.widget(dialog.tabs.currentIndex())
    assert bad.model().rowCount() == 1 and bad.model().index(0, 0).data() == "4" and "十二块" in bad.model().index(0, 1).data()
    assert window.session.store.order("3912345678901234567") is None  # nothing before Import
    dialog.import_button.click()
    qtbot.waitUntil(lambda: window.session.store.order("3912345678901234567") is not None)
    assert window.session.store.order("1000000000000000001").amount_fen == 2990
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Orders imported.")  # after the write returns

    again = window.opens.import_order_export(path)
    qtbot.waitUntil(again.import_button.isEnabled)
    assert "0 new order(s), 2 to update" in again.summary.text()
    again.reject()


def test_a_file_that_is_not_a_sheet_writes_nothing_and_says_why(qtbot, desk, tmp_path):
    window = desk()
    path = tmp_path / "订单.txt"
    path.write_text("not a sheet", encoding="utf-8")
    dialog = window.opens.import_order_export(path)
    qtbot.waitUntil(lambda: "Nothing was imported" in dialog.summary.text())
    assert "neither .csv nor .xlsx" in dialog.summary.text() and not dialog.import_button.isEnabled()
    dialog.reject()


def test_the_preview_lists_where_the_export_differs_from_the_shops_order_and_import_keeps_the_shops(qtbot, desk,
                                                                                                      tmp_path):
    window = desk()
    store = window.session.store
    shop = domain.Order("3912345678901234567", "b1", (domain.OrderItem("SKU-42", "小鹿运动鞋 白蓝", 1, 13900, 420),),
                        13900, "卖家已发货", datetime(2026, 11, 20, 10, 11).astimezone(), "", "", "浙江省杭州市文三路88号")
    store.upsert_orders([shop], datetime.now(UTC))  # what the gateway sent for the buyer's chat
    path = tmp_path / "ExportOrderList202611.csv"
    path.write_bytes(TAOBAO.encode("gbk"))
    dialog = window.opens.import_order_export(path)
    qtbot.waitUntil(dialog.import_button.isEnabled)
    assert dialog.summary.text() == ("ExportOrderList202611.csv (gb18030): 1 new order(s), 1 to update, 1 bad line(s). "
                                     "1 field(s) differ from the shop's own data: the shop's are kept.")
    tabs = {dialog.tabs.tabText(i): dialog.tabs.widget(i) for i in range(dialog.tabs.count())}
    conflicts = tabs["Conflicts with the shop (1)"]
    assert [conflicts.model().index(0, c).data() for c in range(5)] == ["2", shop.no, "买家实际支付金额", "¥139.00", "¥129.00"]
    written = tabs["To write (2)"]
    assert (written.model().index(0, 0).data(), written.model().index(0, 2).data()) == (shop.no, "139.00")  # what Import writes
    dialog.import_button.click()
    qtbot.waitUntil(lambda: store.order("1000000000000000001") is not None)
    kept = store.order(shop.no)
    assert (kept.buyer_id, kept.amount_fen, kept.items) == ("b1", 13900, shop.items)  # still the chat's order
    assert (kept.courier, kept.tracking_no) == ("中通快递", "73123456789012")  # the shop had none


def test_a_file_over_the_limit_is_refused_before_it_is_read(qtbot, desk, tmp_path):
    window = desk()
    path = tmp_path / "ExportOrderList.csv"
    with open(path, "wb") as handle:
        handle.truncate(1_000_000_000)  # 1 GB to the file system, nothing on the disk
    dialog = window.opens.import_order_export(path)
    qtbot.waitUntil(lambda: "Nothing was imported" in dialog.summary.text())
    assert dialog.summary.text() == ("ExportOrderList.csv cannot be imported: ExportOrderList.csv is 1 GB, more than "
                                     "the desk imports (64 MB): split it and import the parts\nNothing was imported.")
    dialog.reject()


def test_a_workbook_declaring_a_million_rows_is_refused_with_the_limit_named(qtbot, desk, tmp_path):
    window = desk()
    book = Workbook()
    book.active.append(["订单编号", "买家会员名"])
    book.active["A1048576"] = 1  # a few KB on disk, a million rows to openpyxl
    path = tmp_path / "ExportOrderList.xlsx"
    book.save(path)
    dialog = window.opens.import_order_export(path)
    qtbot.waitUntil(lambda: "Nothing was imported" in dialog.summary.text())
    assert "the sheet has more than 200,000 rows, the most an import reads" in dialog.summary.text()
    dialog.reject()
