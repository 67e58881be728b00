"""A shop word list (app/ui/models/word_list_model.py): Qt's model checks pass with words in it; each word reads
with its kind after it, and UserRole is the word alone (what removing it removes)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.models.word_list_model import WordListModel


def test_the_words_pass_qts_checks_and_read_with_their_kind(qtmodeltester):
    model = WordListModel()
    model.set_rows([("加微信", "contact"), ("闲鱼", "")])
    qtmodeltester.check(model)
    assert [model.index(r).data() for r in range(2)] == ["加微信    (contact)", "闲鱼"]
    assert [model.index(r).data(Qt.ItemDataRole.UserRole) for r in range(2)] == ["加微信", "闲鱼"]
