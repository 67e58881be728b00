"""Sending a reply from the desk and the replies the shop refused: the reply handed to the desk's writer (the box
clears at once, the chat shows it "sending…" until stored, NOT SENT when the store refused it), the send guard's
stop and its audited override, a repeated reply sent on the second Enter, the blanks a send refuses
(PhraseFiring), and a NOT SENT reply resent (F5) or taken back into the reply box (Shift+F5)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QInputDialog

from app.store.records import MessageRecord

from app.desk.blanks import UnfilledBlank, marked_as_blanks
from app.desk.guard import RepeatedReply, SendBlocked
from app.desk.outbox import ReplyNotSaved
from app.desk.queue import answered
from app.desk.session import CheckedReply

from app.ui.background import handed_back
from app.ui.keys.keymap import SHORTCUTS
from app.ui.labels import say

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class Replies(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._repeat_armed: tuple[str, str] | None = None  # (chat, text) the repeat warning was shown for
        # by client id: the replies handed to the desk's writer and not stored yet, as the chat shows them
        self._on_the_way: dict[str, tuple[CheckedReply, MessageRecord]] = {}
        window.conversation.sig_send.connect(self.send)

    def say(self, text: str, ms: int) -> None:
        self.window.statusBar().showMessage(text, ms)

    def send(self, conversation_id: str, text: str, image: str = "", override: str = "") -> None:
        window = self.window
        repeat_ok = self._repeat_armed == (conversation_id, text.strip())  # Enter pressed again after the warning
        self._repeat_armed = None
        try:
            reply = window.session.check_reply(conversation_id, text, image, override=override, repeat_ok=repeat_ok)
        except SendBlocked as blocked:
            window.conversation.mark_words([(h.start, h.end) for h in blocked.hits])
            self.say(self.tr("%1 — change it, or %2 sends it anyway (written to the audit log).")
                     .replace("%1", say(blocked.args[0])).replace("%2", SHORTCUTS.shown("desk.send_anyway")), 15_000)
            return
        except UnfilledBlank as blank:
            window.firing.refused(blank, text)
            return
        except RepeatedReply as repeated:
            self._repeat_armed = (conversation_id, text.strip())
            self.say(self.tr("%1 — press Enter again to send it anyway.").replace("%1", say(repeated.args[0])), 10_000)
            return
        except ValueError as exc:
            self.say(str(exc), 8_000)
            return
        # the reply is the chat's draft until the writer has stored it: a desk killed meanwhile finds it in the box
        window.conversation.flush_draft()
        with window.floor.answering(conversation_id):
            self._hand_over(reply)
        window.conversation.reply_committed(conversation_id)  # the box clears at once
        window.floor.moved_on(conversation_id)  # on to the next buyer (setting queue.after_reply)

    def _hand_over(self, reply: CheckedReply) -> None:
        """To the desk's writer, in order after the replies and drafts before it; in the chat at once, "sending…"."""
        window = self.window
        shown = window.session.send_reply_soon(
            reply, handed_back(lambda outcome: self._stored(reply.client_id, outcome), window))
        self._on_the_way[reply.client_id] = (reply, shown)
        window.firing.went_out(reply.conversation_id, reply.client_id, reply.text)  # for phrase analytics
        window.conversation.model.upsert(shown)
        chat = window.queue_model.open_chat(reply.conversation_id)
        if chat is not None:  # answered in the queue now, as once stored: the floor moves on past this buyer
            window.queue_model.upsert(answered(chat, shown.direction, reply.text, reply.at))

    def _stored(self, client_id: str, outcome: object) -> None:
        reply, shown = self._on_the_way[client_id]
        if isinstance(outcome, ReplyNotSaved):  # NOT SENT on the message: F5 stores it again, Shift+F5 takes it back
            failed = replace(shown, state="failed", error=say(outcome.args[0]))
            self._on_the_way[client_id] = (reply, failed)
            self.window.conversation.model.upsert(failed)
            chat = self.window.session.store.conversation(reply.conversation_id)
            if chat is not None:  # the buyer waits again in the queue
                self.window.queue_model.restore(chat)
            self.say(say(outcome.args[0]), 15_000)
            return
        del self._on_the_way[client_id]
        if isinstance(outcome, MessageRecord):
            self.window.conversation.model.upsert(outcome)  # the stored row takes the place of the one shown
        self.window.status_line.update_outbox()

    def storing(self) -> int:
        """How many replies the writer has not stored or refused yet (tests wait for none)."""
        return sum(shown.state == "pending" for _reply, shown in self._on_the_way.values())

    def not_saved(self, conversation_id: str) -> list[MessageRecord]:
        """The chat's replies the store refused (NOT SENT, not in the store): shown again when the chat opens."""
        return [shown for reply, shown in self._on_the_way.values()
                if reply.conversation_id == conversation_id and shown.state == "failed"]

    def send_anyway(self) -> QInputDialog | None:
        """The agent overrides the send guard: asked why, and the answer goes to the audit log with the words."""
        conversation = self.window.conversation
        cid, text = conversation.conversation_id, conversation.composer.toPlainText()
        if not cid or not self.window.session.guard.check(text):
            conversation.send_current()
            return None
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(self.tr("Send anyway"))
        dialog.setLabelText(self.tr("The reply contains words the guard blocks. Why must it go out as it is? "
                                    "(kept in the audit log for the supervisor)"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        image = conversation.attachment()
        dialog.textValueSelected.connect(lambda why: self.send(cid, text, image, override=why or "-"))
        dialog.open()
        return dialog

    # --- a reply the shop refused ----------------------------------------------------------------------

    def _failed_reply(self) -> MessageRecord | None:
        chat = self.window.current_chat()
        failed = self.window.session.last_failed(chat.id) if chat else None
        if failed is None:
            self.say(self.tr("No reply of this chat waits to be resent."), 5_000)
        return failed

    def resend_failed(self) -> None:
        chat = self.window.current_chat()
        unsaved = self.not_saved(chat.id) if chat else []
        if unsaved:  # not in the store yet: stored again, under the same client id, so never twice
            reply, shown = self._on_the_way[unsaved[-1].client_id or ""]
            self.window.session.send_reply_soon(
                replace(reply, answered=None),  # learnt from once, when first sent
                handed_back(lambda outcome: self._stored(reply.client_id, outcome), self.window))
            self._on_the_way[reply.client_id] = (reply, replace(shown, state="pending", error=""))
            self.window.conversation.model.upsert(self._on_the_way[reply.client_id][1])
            self.say(self.tr("Sending the reply again."), 5_000)
            return
        failed = self._failed_reply()
        try:
            again = self.window.session.resend(failed) if failed is not None else None
        except UnfilledBlank as blank:
            self.say(self.tr("%1 — %2 brings the reply back to fill it in.").replace("%1", say(blank.args[0]))
                     .replace("%2", SHORTCUTS.shown("desk.edit_failed")), 15_000)
            return
        if again is not None:
            self.say(self.tr("Sending the reply again."), 5_000)

    def edit_failed(self) -> None:
        """The refused reply back in the reply box (it stays in the history, withdrawn); only into an empty
        box, so no draft is overwritten."""
        chat = self.window.current_chat()
        unsaved = self.not_saved(chat.id) if chat else []
        failed = unsaved[-1] if unsaved else self._failed_reply()
        if failed is None:
            return
        conversation = self.window.conversation
        composer = conversation.composer
        if composer.toPlainText().strip():
            self.say(self.tr("The reply box is not empty: send or clear it first, then %1 brings the reply back.")
                     .replace("%1", SHORTCUTS.shown("desk.edit_failed")), 8_000)
            return
        if unsaved:  # never stored: it leaves the chat as it came back into the box
            del self._on_the_way[failed.client_id or ""]
            conversation.model.upsert(replace(failed, state="withdrawn"))
        if unsaved or self.window.session.take_back(failed) is not None:
            composer.setPlainText(marked_as_blanks(failed.text))  # its 【订单号】 is a blank to fill, not text
            if failed.image:
                conversation.attach(failed.image, self.tr("picture of the reply"))
            composer.moveCursor(composer.textCursor().MoveOperation.End)
            composer.setFocus()
