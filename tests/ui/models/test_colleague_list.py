"""The colleagues to transfer a chat to (app/ui/models/colleague_list.py): Qt's model checks pass with colleagues
in it; each reads with their role and whether they are there, an offline one greyed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.models.colleague_list import ColleagueList

from app import domain


def test_the_colleagues_pass_qts_checks_and_say_who_is_there(qtmodeltester):
    model = ColleagueList()
    model.set_rows([domain.Colleague("a1", "主管", "supervisor", "online"),
                           domain.Colleague("a2", "小王", "agent", "suspended"),
                           domain.Colleague("a3", "小雪", "agent", "offline")])
    qtmodeltester.check(model)
    assert [model.index(r).data() for r in range(3)] == ["主管  (supervisor、online)", "小王  (suspended)",
                                                         "小雪  (offline)"]
    assert model.index(2).data(Qt.ItemDataRole.ForegroundRole).color() == Qt.GlobalColor.gray
    assert model.index(0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.row_at(model.index(1)).id == "a2"
    model.set_rows([])
    assert model.rowCount() == 0
