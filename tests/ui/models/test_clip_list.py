"""The clipboard history as the clip palette lists it (app/ui/models/clip_list.py): Qt's model checks pass with
entries in it; a kept one is pinned, a text is one line with no room kept for a picture, a picture that is gone
from the image store is listed without one."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from app.store.clips import ClipRecord
from app.store.images import ImageError

from app.ui.models.clip_list import ClipList

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def gone(image_id: str) -> bytes:
    raise ImageError(f"{image_id} is not in the image store")


def test_the_history_passes_qts_checks_and_reads_as_the_palette_shows_it(qapp, qtmodeltester):
    model = ClipList(gone)
    model.set_rows([ClipRecord(2, T0, "text", "亲，在的\n请问", "", "firefox", True),
                    ClipRecord(1, T0, "image", "", "abc", "", False)])
    qtmodeltester.check(model)
    assert model.index(0).data() == "📌 亲，在的 请问  · firefox"
    assert model.index(0).data(Qt.ItemDataRole.DecorationRole) is None  # no room kept for a picture
    assert model.index(1).data() == "[Picture] "  # gone from the store: no size, no thumbnail
    assert model.index(1).data(Qt.ItemDataRole.DecorationRole).isNull()
