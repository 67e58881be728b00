"""A good answer in a chat becomes a phrase in one step, this buyer's details turned into variables."""

from PySide6.QtCore import QItemSelectionModel, Qt

from app.ui.phrase_editor import PhraseEditor

from app import domain
from tests.ui.conftest import NOW, when_modal

ANSWER = "tb_小美妈妈 亲，您的订单3912345678901234567已发出，运单号SF1234567890，请注意查收哦～"


def accept_editor(seen: dict, **changes: str) -> None:
    def run(editor: PhraseEditor):
        seen.update(title=editor.title.text(), body=editor.body.toPlainText(), group=editor.group.currentText())
        for field, value in changes.items():
            getattr(editor, field).setText(value)
        editor.accept()
    when_modal(PhraseEditor, run)


def test_ctrl_shift_s_saves_the_agents_last_answer_with_variables(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "发了吗", NOW),
                  domain.Message("m2", "c1", "out", ANSWER, NOW))
    seen: dict = {}
    accept_editor(seen, abbreviation="yfc")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.phrases.by_abbreviation("yfc") is not None)
    assert seen["body"] == "{buyer} 亲，您的订单{order_no}已发出，运单号{tracking_no}，请注意查收哦～"
    assert seen["group"] == window.conversation.slot_bar.group
    saved = window.phrases.by_abbreviation("yfc")
    assert saved is not None and saved.body == seen["body"]
    assert "Saved as phrase" in window.statusBar().currentMessage()


def test_a_selected_message_is_the_one_saved(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "能便宜点吗", NOW),
                  domain.Message("m2", "c1", "out", "亲，已经是最低价啦，送您一双袜子哦～", NOW),
                  domain.Message("m3", "c1", "out", "还有别的问题吗", NOW))
    history = window.conversation.history
    history.selectionModel().setCurrentIndex(window.conversation.model.index(1),
                                             QItemSelectionModel.SelectionFlag.ClearAndSelect)
    seen: dict = {}
    accept_editor(seen)
    window.library.save_message_as_phrase()
    qtbot.waitUntil(lambda: "body" in seen)
    assert seen["body"] == "亲，已经是最低价啦，送您一双袜子哦～" and seen["title"] == "已经是最低价啦"
    assert any(p.body == seen["body"] for p in window.phrases.phrases)


def test_a_chat_with_no_agent_message_yet_says_so(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    window.library.save_message_as_phrase()
    assert "no message to save" in window.statusBar().currentMessage()


def test_the_phrase_manager_opens_from_the_desk_and_its_changes_reach_the_slots(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    manager = window.library.phrase_manager
    assert manager is not None and manager.isVisible()
    group = window.conversation.slot_bar.group
    first = window.phrases.in_slot(group, 1)
    manager.select_ids({first.id})
    manager.delete_selected()
    assert first.title not in window.conversation.slot_bar.slots.text()


def test_a_reply_shows_in_the_chat_at_once_as_sending_while_offline(qtbot, desk):
    from PySide6.QtCore import Qt as _Qt

    from app.ui.models.message_model import MessageRole

    from tests.conftest import ime_type

    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    ime_type(window.conversation.composer, "在的亲")
    qtbot.keyClick(window.conversation.composer, _Qt.Key.Key_Return)
    last = window.conversation.model.index(window.conversation.model.rowCount() - 1).data(MessageRole)
    assert (last.direction, last.text, last.state) == ("out", "在的亲", "pending")


def test_the_editor_takes_a_picture_and_explains_a_file_that_is_not_one(qtbot, desk, tmp_path):
    from tests.conftest import png_bytes

    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    editor = PhraseEditor(window.phrases, window.phrases.by_abbreviation("cm"), window)
    qtbot.addWidget(editor)
    (tmp_path / "price.pdf").write_bytes(b"%PDF-1.7")
    assert not editor.use_picture_file(tmp_path / "price.pdf")
    assert "not a PNG, JPEG, GIF or WebP" in editor.problem.text() and editor.phrase().image == ""
    (tmp_path / "chart.png").write_bytes(png_bytes(30, 20))
    assert editor.use_picture_file(tmp_path / "chart.png")
    assert editor.picture.pixmap().width() == 96 and editor.phrase().image
    editor.drop_picture.click()
    assert editor.phrase().image == ""
    assert editor.phrase().owner == "" and "小李" in editor.personal.text()
    editor.personal.setChecked(True)
    assert editor.phrase().owner == "小李"  # personal: only this agent's book shows it
