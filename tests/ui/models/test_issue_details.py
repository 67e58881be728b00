"""An issue's actions and photos (app/ui/models/issue_actions.py, issue_photos.py): Qt's model checks pass with
rows in them; an action reads with its money, who and whether it waits; a photo that cannot be read says so."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage

from app.store.records import ActionRecord

from app.ui.models.issue_actions import IssueActions
from app.ui.models.issue_photos import IssuePhotos

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def png() -> bytes:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.red)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def test_the_actions_pass_qts_checks_and_read_what_was_done(qtmodeltester):
    model = IssueActions()
    model.set_rows([ActionRecord(1, 1, "partial_refund", {}, 500, "done", "小李", T0),
                        ActionRecord(2, 1, "gift", {}, 2000, "awaiting_approval", "小李", T0)])
    qtmodeltester.check(model)
    when = T0.astimezone().strftime("%m-%d %H:%M")
    assert [model.index(r).data() for r in range(2)] == [f"{when}  Partial refund  ¥5.00  小李",
                                                         f"{when}  Gift or coupon  ¥20.00  小李  waiting for approval"]


def test_the_photos_pass_qts_checks_and_a_lost_one_says_so(qapp, qtmodeltester):  # a thumbnail needs the app
    model = IssuePhotos({"a": png()}.get)
    model.show_photos(("a", "gone"))
    qtmodeltester.check(model)
    assert not model.index(0).data(Qt.ItemDataRole.DecorationRole).isNull() and model.index(0).data() == ""
    assert model.index(1).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert model.index(1).data() == "[picture missing]" and model.index(1).data(Qt.ItemDataRole.UserRole) == "gone"
