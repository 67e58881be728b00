from PySide6.QtCore import Qt

from app.ui.composer import Composer

from tests.conftest import ime_type


def test_enter_sends_and_shift_enter_starts_a_new_line(qtbot):
    composer = Composer()
    qtbot.addWidget(composer)
    sent = []
    composer.sig_send.connect(lambda: sent.append(composer.toPlainText()))
    ime_type(composer, "亲，在的")
    qtbot.keyClick(composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    ime_type(composer, "有什么可以帮您")
    assert sent == []
    assert composer.toPlainText() == "亲，在的\n有什么可以帮您"
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    assert sent == ["亲，在的\n有什么可以帮您"]
