"""The phrase manager's table and its group filter (app/ui/models/phrase_table.py): Qt's model checks pass with
phrases in them, a group shows its sub-groups' phrases, and an in-place edit goes out to be written, not kept."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.quickreplies.phrase import Phrase

from app.ui.models.phrase_table import BODY, GROUP, SLOT, TITLE, GroupFilter, PhraseRole, PhraseTableModel

PHRASES = [Phrase(1, "发货时间", "亲，每天16点前付款的订单当天发货\n16点后次日发出", "售前/物流", "fh", slot=1),
           Phrase(2, "退款", "亲，马上为您退款", "售后", "tk"),
           Phrase(3, "尺码", "亲，按平时的尺码拍就好", "售前", "cm", image="abc")]


def test_the_table_and_its_filter_pass_qts_checks_and_show_one_group(qtmodeltester):
    model = PhraseTableModel()
    proxy = GroupFilter()
    proxy.setSourceModel(model)
    model.show(PHRASES)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    assert [model.index(0, c).data() for c in (SLOT, TITLE, GROUP)] == ["1", "发货时间", "售前/物流"]
    assert model.index(0, BODY).data() == "亲，每天16点前付款的订单当天发货 ⏎ 16点后次日发出"
    assert model.index(2, TITLE).data() == "🖼 尺码"
    proxy.set_filter("售前", None)
    assert sorted(proxy.index(r, TITLE).data(PhraseRole).id for r in range(proxy.rowCount())) == [1, 3]
    proxy.set_filter("", {2})
    assert [proxy.index(r, TITLE).data() for r in range(proxy.rowCount())] == ["退款"]


def test_an_edit_in_place_goes_out_to_be_written(qtmodeltester):
    model = PhraseTableModel()
    model.show(PHRASES)
    qtmodeltester.check(model)
    edited: list[Phrase] = []
    model.sig_edit.connect(edited.append)
    assert not model.setData(model.index(1, TITLE), "  退款说明 ", Qt.ItemDataRole.EditRole)
    assert [p.title for p in edited] == ["退款说明"]
    assert model.index(1, TITLE).data() == "退款"  # shown from the book once written, not from the edit
