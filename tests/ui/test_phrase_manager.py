"""The phrase manager with real widgets: filter, edit in place, reorder slots, bulk move/delete, undo."""

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from app.quickreplies.phrase import Phrase
from app.store.engine import open_store

from app.desk.phrases import PhraseBook

from app.ui.models.phrase_table import ABBREVIATION, GROUP, SLOT, TITLE, PhraseRole
from app.ui.phrase_editor import PhraseEditor
from app.ui.phrase_manager import PhraseManager

from tests.conftest import with_starter_phrases
from tests.ui.conftest import when_modal


@pytest.fixture
def manager(qtbot, tmp_path):
    store = with_starter_phrases(open_store(tmp_path / "k.db"))
    win = PhraseManager(PhraseBook(store))
    qtbot.addWidget(win)
    with qtbot.waitActive(win):  # activation is asynchronous: wait for it
        win.show()
        win.activateWindow()
    yield win
    store.close()


def shown(win: PhraseManager, column: int = TITLE) -> list[str]:
    return [win.proxy.index(row, column).data() for row in range(win.proxy.rowCount())]


def choose_group(win: PhraseManager, path: str) -> None:
    def find(parent: QModelIndex):
        for row in range(win.groups.rowCount(parent)):
            index = win.groups.index(row, 0, parent)
            if index.data(Qt.ItemDataRole.UserRole + 3) == path:
                return index
            found = find(index)
            if found is not None:
                return found
        return None
    win.group_view.setCurrentIndex(find(QModelIndex()))


def select_titles(win: PhraseManager, *titles: str) -> None:
    ids = {p.id for p in win.book.phrases if p.title in titles}
    win.select_ids(ids)


def test_a_group_shows_its_phrases_in_slot_order_and_the_filter_matches_pinyin(qtbot, manager):
    choose_group(manager, "售中/物流")
    assert shown(manager) == ["发货时间", "物流查询", "催件"]
    choose_group(manager, "售后")  # a parent group shows its sub-groups' phrases
    assert "退款流程" in shown(manager) and "补发" in shown(manager)
    qtbot.keyClick(manager, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(manager.filter, "tklc")
    assert shown(manager) == ["退款流程"]


def test_delete_is_undone_with_ctrl_z_and_redone_with_ctrl_shift_z(qtbot, manager):
    before = len(manager.book.phrases)
    select_titles(manager, "发货时间", "催件")
    manager.table.setFocus()
    qtbot.keyClick(manager.table, Qt.Key.Key_Delete)
    assert len(manager.book.phrases) == before - 2 and manager.book.by_abbreviation("fh") is None
    assert "Ctrl+Z" in manager.statusBar().currentMessage()
    qtbot.keyClick(manager.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(manager.book.phrases) == before and manager.book.by_abbreviation("fh").slot == 1
    qtbot.keyClick(manager.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert manager.book.by_abbreviation("fh") is None


def test_an_edit_in_place_is_saved_and_a_refused_one_says_why_and_keeps_the_old_value(qtbot, manager):
    choose_group(manager, "售中/物流")
    title = manager.proxy.index(0, TITLE)
    manager.proxy.setData(title, "发货时效")
    assert manager.book.by_abbreviation("fh").title == "发货时效" and shown(manager)[0] == "发货时效"
    abbreviation = manager.proxy.index(0, ABBREVIATION)
    manager.proxy.setData(abbreviation, "wl")  # 物流查询's
    assert manager.book.by_abbreviation("fh") is not None
    assert "物流查询" in manager.statusBar().currentMessage()
    assert manager.proxy.index(0, ABBREVIATION).data() == "fh"
    qtbot.keyClick(manager.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert manager.book.by_abbreviation("fh").title == "发货时间"


def test_alt_down_and_a_drop_reorder_the_slots_ctrl1_fires(qtbot, manager):
    choose_group(manager, "售中/物流")
    select_titles(manager, "发货时间")
    manager.table.setFocus()
    qtbot.keyClick(manager.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [(p.title, p.slot) for p in manager.book.slotted("售中/物流")] == [
        ("物流查询", 1), ("发货时间", 2), ("催件", 3)]
    # drag 催件 onto the first row
    chase = next(row for row in range(3) if shown(manager)[row] == "催件")
    data = manager.proxy.mimeData([manager.proxy.index(chase, 0)])
    manager.proxy.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert [p.title for p in manager.book.slotted("售中/物流")] == ["催件", "物流查询", "发货时间"]
    assert shown(manager, SLOT) == ["1", "2", "3"]


def test_bulk_move_to_another_group_and_back(qtbot, manager):
    select_titles(manager, "有货", "补货")
    manager.move_selected("售前/库存-旧")
    assert {p.group for p in manager.book.phrases if p.title in ("有货", "补货")} == {"售前/库存-旧"}
    assert "售前/库存-旧" in manager.book.groups()
    qtbot.keyClick(manager.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {p.group for p in manager.book.phrases if p.title in ("有货", "补货")} == {"售前/库存"}
    assert shown(manager, GROUP).count("售前/库存") == 2


def test_ctrl_n_opens_the_editor_which_refuses_a_taken_abbreviation(qtbot, manager):
    seen = {}

    def fill_in(editor: PhraseEditor):
        editor.title.setText("顺丰加价")
        editor.body.setPlainText("亲，顺丰需要补{amount}运费差价哦～")
        editor.abbreviation.setText("fh")
        seen["refused"] = editor.problem.text()
        seen["ok_enabled"] = editor.buttons.buttons()[0].isEnabled()
        editor.abbreviation.setText("sf+")
        editor.accept()

    when_modal(PhraseEditor, fill_in)
    qtbot.keyClick(manager, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: manager.book.by_abbreviation("sf+") is not None)
    assert "发货时间" in seen["refused"] and not seen["ok_enabled"]
    assert manager.book.by_abbreviation("sf+").body == "亲，顺丰需要补{amount}运费差价哦～"
    assert manager.table.currentIndex().data(PhraseRole).abbreviation == "sf+"


def test_import_previews_new_duplicates_and_bad_lines_then_adds_only_on_confirm(qtbot, manager, tmp_path):
    source = tmp_path / "floor.ahk"
    source.write_text("::fh::亲，今天发\n::new1::新的短语{Enter}第二行\n::bad::{Left}\n", encoding="utf-8")
    count = len(manager.book.phrases)
    preview = manager.import_file(source)
    qtbot.waitUntil(lambda: preview.plan is not None)
    assert "1 new, 1 duplicate(s) not imported again, 1 bad line(s)" in preview.summary.text()
    bad = preview.tabs.widget(1)
    assert bad.model().index(0, 0).data() == "3" and "{Left}" in bad.model().index(0, 1).data()
    assert len(manager.book.phrases) == count  # nothing yet
    assert preview.import_button.text() == "Import 1 phrase(s)"
    preview.import_button.click()
    qtbot.waitUntil(lambda: manager.book.by_abbreviation("new1") is not None)
    qtbot.waitUntil(lambda: manager.selected_ids() == [manager.book.by_abbreviation("new1").id])
    assert len(manager.book.phrases) == count + 1
    qtbot.waitUntil(lambda: QApplication.activeWindow() is manager)  # the preview has closed
    qtbot.keyClick(manager.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert manager.book.by_abbreviation("new1") is None and len(manager.book.phrases) == count


def test_an_unreadable_file_is_explained_in_the_preview_and_nothing_can_be_imported(qtbot, manager, tmp_path):
    source = tmp_path / "old.xlsx"
    source.write_bytes(b"\xd0\xcf\x11\xe0 an old xls")
    preview = manager.import_file(source)
    qtbot.waitUntil(lambda: "Nothing was imported" in preview.summary.text())
    assert "not an Excel .xlsx workbook" in preview.summary.text()
    assert not preview.import_button.isEnabled()
    preview.reject()


def test_export_writes_the_shown_group_and_reimports_identically(qtbot, manager, tmp_path):
    from app.quickreplies.formats.registry import parse

    choose_group(manager, "售中/物流")
    target = tmp_path / "logistics.csv"
    assert manager.export_to(target)
    assert "3 phrase(s) exported" in manager.statusBar().currentMessage()
    back = parse(target.read_bytes(), "csv").phrases
    assert [(p.title, p.body, p.group, p.abbreviation, p.slot) for p in back] == [
        (p.title, p.body, p.group, p.abbreviation, p.slot) for p in manager.book.slotted("售中/物流")]


def test_ctrl_shift_c_turns_a_phrase_for_complaining_buyers_and_back_undoably(qtbot, manager):
    from app.quickreplies.phrase import FOR_COMPLAINTS

    from app.ui.models.phrase_table import COMPLAINTS

    choose_group(manager, "中差评")
    assert shown(manager, COMPLAINTS) == ["", "not for them"]  # 道歉送礼; 邀请好评, as its text asks for a review
    select_titles(manager, "邀请好评")
    qtbot.keyClick(manager.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert shown(manager, COMPLAINTS) == ["", ""]
    assert FOR_COMPLAINTS in manager.book.by_abbreviation("hp").tags  # the shop's choice, kept with the phrase
    qtbot.keyClick(manager.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shown(manager, COMPLAINTS) == ["", "not for them"] and manager.book.by_abbreviation("hp").tags == ()


def test_the_editor_follows_the_text_until_the_agent_decides(qtbot, manager):
    from app.quickreplies.phrase import FOR_COMPLAINTS

    editor = PhraseEditor(manager.book, Phrase(0, "", "", "通用"), manager)
    qtbot.addWidget(editor)
    editor.show()
    assert not editor.not_for_complaints.isChecked()
    editor.title.setText("晒图")
    editor.body.setPlainText("亲，收到后晒个图给个五星吧")
    assert editor.not_for_complaints.isChecked() and editor.phrase().tags == ()  # as the text says: no tag
    editor.not_for_complaints.setFocus()
    qtbot.keyClick(editor.not_for_complaints, Qt.Key.Key_Space)
    editor.body.setPlainText("亲，收到后晒个图给个五星好评吧")
    assert not editor.not_for_complaints.isChecked() and editor.phrase().tags == (FOR_COMPLAINTS,)


def test_a_phrase_used_in_the_desk_counts_in_the_open_manager_and_after_reopening_it(qtbot, desk):
    from app.ui.models.phrase_table import LAST_USED, USES

    from app import domain
    from tests.ui.conftest import NOW

    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_K, ctrl_shift)
    manager = window.library.phrase_manager
    window.conversation.slot_bar.group_box.setCurrentText("通用/问候")  # slot 1: 欢迎语, which asks for nothing
    first = window.phrases.in_slot(window.conversation.slot_bar.group, 1)

    def row_of_first(column: int) -> str:
        rows = [manager.proxy.index(r, 0) for r in range(manager.proxy.rowCount())]
        [row] = [i.row() for i in rows if i.data(PhraseRole).id == first.id]
        return manager.proxy.index(row, column).data()

    assert (row_of_first(USES), row_of_first(LAST_USED)) == (0, "")

    def fire_slot_one() -> None:  # Ctrl+1 in the desk, which must be the active window for its shortcuts
        with qtbot.waitActive(window):
            window.activateWindow()
        qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)

    fire_slot_one()
    assert window.conversation.composer.toPlainText()
    assert row_of_first(USES) == 1 and row_of_first(LAST_USED)  # the open manager, at once
    manager.close()
    fire_slot_one()
    qtbot.keyClick(window, Qt.Key.Key_K, ctrl_shift)
    assert window.library.phrase_manager is manager and manager.isVisible()
    assert row_of_first(USES) == 2
    qtbot.waitUntil(lambda: next(p.uses for p in window.session.store.phrases() if p.id == first.id) == 2)
    window.phrases.reload()  # read from the store again, as after an edit in the manager: the count stays
    manager.refresh()
    assert row_of_first(USES) == 2


def test_an_input_methods_phrase_file_is_told_by_its_content_and_keeps_every_text_of_a_code(qtbot, manager,
                                                                                               tmp_path):
    source = tmp_path / "PhraseEdit.txt"  # as Sogou's phrase editor saves it: UTF-16LE, a BOM, CRLF, comments
    text = (";搜狗拼音自定义短语\r\n; code,position=text\r\n\r\nfhx,1=亲，16点前付款当天发货哦\r\n"
            "fhx,2=亲，今天下单今天发\r\nrq,1=#$year年$month_mm月$day_dd日\r\n")
    source.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    count = len(manager.book.phrases)
    preview = manager.import_file(source)  # no format given: the name says nothing, the content does
    qtbot.waitUntil(lambda: preview.plan is not None)
    preview.import_button.click()
    qtbot.waitUntil(lambda: manager.book.by_abbreviation("fhx") is not None)
    # position 1 the phrase's first text, position 2 its second
    assert manager.book.by_abbreviation("fhx").texts == ("亲，16点前付款当天发货哦", "亲，今天下单今天发")
    assert manager.book.by_abbreviation("rq").body == "{year}年{month_mm}月{day_dd}日"
    assert len(manager.book.phrases) == count + 2


def test_export_to_an_input_method_takes_the_format_chosen_not_the_name(qtbot, manager, tmp_path):
    target = tmp_path / "PhraseEdit.txt"
    assert manager.export_to(target, "sogou")
    data = target.read_bytes()
    assert data.startswith(b"\xff\xfe") and "\r\n".encode("utf-16-le") in data
