"""What a search found (app/ui/models/search_results.py): Qt's model checks pass; each row's text is the plain
hit, its HTML the head line and the hit marked in its context, a buyer's markup escaped."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex

from app.store.records import MessageRecord
from app.store.search_hits import MessageHit, OtherHit

from app.ui.models.search_results import HitRole, HtmlRole, SearchResults, marked

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def test_the_results_pass_qts_checks_and_mark_the_hit(qtmodeltester):
    model = SearchResults()
    said = MessageRecord(1, "c1", "in", "<i>能</i>退款吗", T0, "s-1", None, "received")
    hits = [MessageHit(said, "b1", "tb_小美妈妈", ((len("<i>能</i>"), len("<i>能</i>") + 2),)),
            OtherHit("order", "1001", "1001 tb_小美妈妈", ((0, 4),))]
    model.set_rows(hits)
    qtmodeltester.check(model)
    assert [model.index(r).data() for r in range(2)] == ["<i>能</i>退款吗", "1001 tb_小美妈妈"]
    html = model.index(0).data(HtmlRole)
    assert "&lt;i&gt;能&lt;/i&gt;" in html and "<b style='color:#C0392B'>退款</b>" in html and "buyer" in html
    assert model.index(1).data(HtmlRole).startswith("<span style='color:#707070'>Order</span>")
    assert model.index(1).data(HitRole) is hits[1] and model.row_at(QModelIndex()) is None
    model.set_rows([])
    assert model.rowCount() == 0


def test_a_hit_far_into_a_long_text_is_shown_in_its_context():
    text = "x" * 100 + "退款" + "y" * 100
    shown = marked(text, ((100, 102),))
    assert shown.startswith("…") and shown.endswith("…") and "<b style='color:#C0392B'>退款</b>" in shown
