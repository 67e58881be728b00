"""An import's preview (app/ui/models/preview_table.py): Qt's model checks pass with rows in it, each cell whole
in its tool tip."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.models.preview_table import PreviewTable


def test_an_import_preview_passes_qts_checks_and_shows_each_cell_whole_in_its_tool_tip(qtmodeltester):
    model = PreviewTable(["Line", "Why"], [["3", "unknown key {Left}"], ["7", "empty text"]])
    qtmodeltester.check(model)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Why"
    assert [model.index(0, c).data() for c in range(2)] == ["3", "unknown key {Left}"]
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "unknown key {Left}"
    assert PreviewTable(["Line"], []).rowCount() == 0
