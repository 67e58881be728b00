"""The phrase palette's list (app/ui/models/palette_model.py): Qt's model checks pass with matches in it and
with none (a note that is never chosen, and where offered a row that saves a new phrase)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.quickreplies.match import Match
from app.quickreplies.phrase import Phrase

from app.ui.models.palette_model import NEW_PHRASE_ROW, PaletteModel, PhraseRole


def test_matches_pass_qts_checks_and_read_title_abbreviation_and_body(qtmodeltester):
    model = PaletteModel()
    refund = Phrase(2, "退款", "亲，马上为您退款", "售后", "tk")
    model.show_matches([Match(refund, 1.0, 0), Match(Phrase(3, "尺码", "亲，按平时的尺码拍", image="abc"), 0.5, 0)], "k")
    qtmodeltester.check(model)
    assert model.index(0).data() == "退款  [tk]\n亲，马上为您退款"
    assert model.index(1).data().startswith("🖼 尺码")
    assert model.index(0).data(PhraseRole) is refund and model.titles() == ["退款", "尺码"]


def test_with_no_match_the_note_is_never_chosen_and_a_new_phrase_is_offered(qtmodeltester):
    model = PaletteModel()
    model.offer_new = True
    model.show_matches([], "没有的词")
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and not model.matched()
    assert model.index(0).data() == "No phrase matches “没有的词”"
    assert model.index(0).flags() == Qt.ItemFlag.NoItemFlags
    assert model.index(NEW_PHRASE_ROW).data() == "Save as a new phrase… (Enter)"
