"""The phrase library changed from the desk: a chat message (Ctrl+Shift+S) or what the palette found nothing for
saved as a new phrase, this buyer's details turned into variables; the phrase manager (Ctrl+Shift+K) opened; and
every change shown at once in the slots, the suggestions and the robot's answers."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from app.quickreplies.edit import phrase_from_message
from app.quickreplies.phrase import Phrase
from app.store.errors import StoreError

from app.desk.phrases import PhraseRejected

from app.ui.phrase_editor import PhraseEditor
from app.ui.phrase_manager import PhraseManager

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class LibraryEdits(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.phrase_manager: PhraseManager | None = None
        window.palette.sig_new_phrase.connect(self.save_typed_as_phrase)

    def say(self, text: str, ms: int) -> None:
        self.window.statusBar().showMessage(text, ms)

    def open_phrase_manager(self) -> PhraseManager:
        if self.phrase_manager is None:
            self.phrase_manager = self.window.tools.adopt(PhraseManager(self.window.phrases, self.window))
            self.phrase_manager.sig_changed.connect(self.library_changed)
        self.phrase_manager.show()
        self.phrase_manager.raise_()
        self.phrase_manager.activateWindow()
        return self.phrase_manager

    def library_changed(self) -> None:
        window = self.window
        slot_bar = window.conversation.slot_bar
        slot_bar.set_groups(window.phrases.groups(), slot_bar.group)
        slot_bar.show_slots(window.phrases.slotted(slot_bar.group))
        window.firing.refresh_suggestions()
        if self.phrase_manager is not None:
            self.phrase_manager.refresh()
        window.session.robot.reload()  # its rules name phrases: it answers with the edited text

    def save_message_as_phrase(self) -> None:
        """The selected message (or the agent's last one) as a new phrase, this buyer's details as variables."""
        if self.window.current_chat() is None:
            self.say(self.tr("Open a chat first."), 5_000)
            return
        message = self.window.conversation.chosen_message()
        if message is None:
            self.say(self.tr("This chat has no message to save yet."), 5_000)
            return
        self._edit_new_phrase(message.text)

    def save_typed_as_phrase(self, typed: str) -> PhraseEditor:
        """The palette found nothing for what was typed: a new phrase of the reply box's text (this buyer's details
        as variables, titled by the search), or of the search itself when the box is empty."""
        draft = self.window.conversation.composer.toPlainText()
        return self._edit_new_phrase(draft if draft.strip() else typed, typed if draft.strip() else "")

    def _edit_new_phrase(self, text: str, title: str = "") -> PhraseEditor:
        window = self.window
        prefill = phrase_from_message(text, window.firing.template_values())
        prefill = replace(prefill, group=window.conversation.slot_bar.group, title=title or prefill.title)
        editor = PhraseEditor(window.phrases, prefill, window)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accepted.connect(lambda: self._add_phrase(editor.phrase()))
        editor.open()  # window-modal without a nested event loop: the chats keep arriving meanwhile
        return editor

    def _add_phrase(self, phrase: Phrase) -> None:
        try:
            self.window.phrases.add([phrase])
        except (PhraseRejected, StoreError) as exc:
            self.say(self.tr("Not saved: %1").replace("%1", str(exc)), 10_000)
            return
        self.library_changed()
        self.say(self.tr("Saved as phrase “%1”.").replace("%1", phrase.title), 5_000)
