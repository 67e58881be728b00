"""A shop's imported past chats in the desk: the buyer's past chats list them, and the search finds them, marked as
history."""

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from app.store.engine import open_store
from app.store.history import HistoryMessage, add_history

from app import domain
from tests.ui.conftest import NOW
from tests.ui.test_search_window import search_for


def imported(tmp_path) -> None:
    """The desk's store file (the desk fixture's) with past chats of its buyer tb_小美妈妈 and of another buyer."""
    store = open_store(tmp_path / "desk.db")
    add_history(store, [
        HistoryMessage("old-1", 1, "buyer", "去年买的鞋子开胶了", datetime(2025, 5, 1, 2, tzinfo=UTC), "tb_小美妈妈"),
        HistoryMessage("old-1", 2, "agent", "亲，麻烦拍张开胶的照片", None, "tb_小美妈妈", "小王"),
        HistoryMessage("old-2", 1, "buyer", "别人的开胶问题", None, "乐乐妈")])
    store.close()


def test_the_buyers_imported_chats_are_listed_with_their_past_chats(qtbot, desk, tmp_path):
    imported(tmp_path)
    window = desk(domain.Message("m1", "c1", "in", "这次的也开胶了", NOW))
    past = window.buyer.past
    qtbot.waitUntil(lambda: past.count() == 1)
    day = datetime(2025, 5, 1, 2, tzinfo=UTC).astimezone().strftime("%Y-%m-%d")  # the day in local time
    assert past.item(0).text() == f"{day} · history · 2 message(s) · 去年买的鞋子开胶了"
    assert "麻烦拍张开胶的照片" in past.item(0).toolTip() and window.buyer.past_label.isVisible()
    assert past.item(0).data(Qt.ItemDataRole.UserRole).conversation == "old-1"  # not the other buyer's


def test_a_buyer_without_past_chats_gets_no_empty_list(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    qtbot.waitUntil(lambda: window.buyer._past_for == "c1")
    assert window.buyer.past.count() == 0 and not window.buyer.past.isVisible()
    assert not window.buyer.past_label.isVisible()


def test_the_search_finds_imported_history_after_the_live_messages_marked_as_history(qtbot, desk, tmp_path):
    imported(tmp_path)
    window = desk(domain.Message("m1", "c1", "in", "这次的也开胶了", NOW))
    search = search_for(qtbot, window, "开胶", 4)
    model = search.results.model()
    rows = [model.index(r).data() for r in range(4)]
    assert rows[0] == "这次的也开胶了"  # the live chat first
    assert set(rows[1:]) == {"去年买的鞋子开胶了", "亲，麻烦拍张开胶的照片", "别人的开胶问题"}
    heads = [model.index(r).data(Qt.ItemDataRole.UserRole + 1) for r in range(4)]
    assert "History" not in heads[0] and all("History" in head for head in heads[1:])
    assert "1 message(s)" in search.status.text() and "3 in imported history" in search.status.text()
    search.buyer.setText("乐乐妈")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0).data() == "别人的开胶问题"
    search.results.setCurrentIndex(model.index(0))
    assert search.open_item() is None  # a past chat is no chat of the desk's: Enter opens nothing, and fails nothing
    search.close()
