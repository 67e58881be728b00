"""The robot's answers for review (app/ui/models/robot_answers.py): Qt's model checks pass with rows in it; a line
break reads " / " in its cell, and the tool tip shows a buyer's text as typed, never as markup."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from app.desk.robot import RobotReview

from app.ui.models.robot_answers import RobotAnswers

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def test_the_answers_pass_qts_checks_and_read_as_the_owner_sees_them(qtmodeltester):
    model = RobotAnswers(["Time", "Buyer", "Buyer asked", "Robot answered", "Rule", "Buyer then said"])
    answered = RobotReview(T0, "c1", "tb_小美妈妈", "什么时候<b>发货</b>\n急", "亲，今天发", "发货", "好的谢谢", T0)
    waiting = RobotReview(T0, "c2", "jd_阿强", "有货吗", "有的亲", "库存", "", None)
    model.set_rows([answered, waiting], T0)
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(1, 6)] == [
        "tb_小美妈妈", "什么时候<b>发货</b> / 急", "亲，今天发", "发货", "好的谢谢"]
    assert model.index(1, 5).data() == "(nothing yet)"
    tip = model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;发货&lt;/b&gt;" in tip  # shown as typed, never as markup
