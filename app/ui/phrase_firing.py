"""How a phrase reaches the reply box and what the window says when a reply still has a blank (the main window's
helper for it, given the window): the palette (Ctrl+K), the slots of the current group (Ctrl+1…9), the suggestions
for what the buyer said (Alt+Q/W/E), abbreviations, and what firing teaches the suggestions.

Every way of firing a phrase — an abbreviation, the palette, a slot, a suggestion — comes here. A phrase with
several texts goes in with its first, or, set to rotate, with the buyer's next (app/quickreplies/variants.py); the
expansion key pressed again right after an abbreviation puts its next text there instead. A phrase that
asks for values ({ask:补偿金额|money}) opens the ask form first and goes in once they are answered (the answers
remembered for the chat's next phrase); a phrase the shop never finished (【请在短语管理里填上…】) goes in with
its placeholder selected and says so; with send, the reply box is sent and the desk refuses it if a blank is
left, the first one selected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.quickreplies.phrase import Phrase
from app.quickreplies.template import Ask, Filled, asks_in
from app.quickreplies.variants import Rotation, cycle
from app.store.rotation import StoredRotation

from app.desk.asks import AskMemory, check_answer
from app.desk.blanks import UnfilledBlank
from app.desk.phrase_sends import FiredPhrases
from app.desk.phrases import chat_values
from app.desk.queue import complaining

from app.ui.labels import say
from app.ui.models.message_model import MessageRole

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

SLOT_GROUP_KEY = "ui.slot_group"


class PhraseFiring:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.memory = AskMemory(window.session.store, window.session.account.agent)
        self._pending: tuple[Phrase, bool, str, str] | None = None  # (phrase, send, word it replaces, chat)
        self.sends = FiredPhrases(window.session.store)
        session = window.session
        self.rotation = Rotation(StoredRotation(session.store, session.write_later, window.clock))
        self._expanded: tuple[Phrase, int] | None = None  # the phrase an abbreviation just put in, and its text
        form = window.conversation.ask_form
        form.sig_done.connect(self._answered)
        form.sig_cancelled.connect(self._cancelled)
        conversation = window.conversation
        conversation.composer.expander = self.expand
        conversation.composer.next_text = self.next_text
        conversation.composer.sig_palette.connect(self.open_palette)
        conversation.suggestion_bar.sig_chosen.connect(self.insert)
        slot_bar = conversation.slot_bar
        slot_bar.set_groups(window.phrases.groups(), window.session.store.get_meta(SLOT_GROUP_KEY))
        slot_bar.show_slots(window.phrases.slotted(slot_bar.group))
        slot_bar.sig_group_changed.connect(self._slot_group_changed)

    def _say(self, text: str, ms: int) -> None:
        self.window.statusBar().showMessage(text, ms)

    # --- the palette, the slots and the suggestions ----------------------------------------------------

    def open_palette(self) -> None:
        if self.window.current_chat() is None:
            self._say(QCoreApplication.translate("PhraseFiring", "Open a chat first: phrases are filled in for its "
                                                 "buyer."), 5_000)
            return
        self.window.palette.open_at(self.window.conversation.composer)

    def fire_slot(self, slot: int, *, send: bool) -> None:
        phrase = self.window.phrases.in_slot(self.window.conversation.slot_bar.group, slot)
        if phrase is None:
            self._say(QCoreApplication.translate("PhraseFiring", "No phrase in slot %1 of this group.")
                      .replace("%1", str(slot)), 5_000)
            return
        if self.window.current_chat() is None:
            self.open_palette()  # says why nothing was inserted
            return
        self.insert(phrase, send)

    def fire_suggestion(self, number: int) -> None:
        phrase = self.window.conversation.suggestion_bar.phrase(number)
        if phrase is None:
            self._say(QCoreApplication.translate("PhraseFiring", "No suggestion %1 for this message.")
                      .replace("%1", str(number + 1)), 5_000)
            return
        self.insert(phrase)

    def buyer_said(self) -> str:
        window = self.window
        return window.conversation.model.buyer_said() if window.current_chat() is not None else ""

    def refresh_suggestions(self) -> None:
        said = self.buyer_said()
        self.window.conversation.suggestion_bar.show_suggestions(
            self.window.phrases.suggest(said, complaining=self.complaining()) if said else [],
            empty_library=not self.window.phrases.phrases)

    def fired(self, phrase: Phrase, expansion: str = "") -> None:
        """A phrase went in: the suggestions learn what it answered, its use is counted (with the chat and the
        agent, and its expansion kept until the reply is sent: phrase analytics)."""
        window = self.window
        said = self.buyer_said()
        chat = window.current_chat()
        window.phrases.learn(phrase, said)
        window.session.write_later(window.phrases.used, phrase, said, chat.id if chat else "",
                                   window.session.account.agent)
        window.phrases.count_use(phrase)
        if chat is not None:
            self.sends.fired(chat.id, phrase.id, expansion or phrase.body)

    def went_out(self, conversation_id: str, client_id: str, text: str) -> None:
        """A reply was handed to the desk's writer: the phrases fired into it are recorded as sent in it, each
        changed first or not, by a write queued after the reply's own (a phrase fired for the next reply before
        this one is stored is not mistaken for it). The next reply starts afresh."""
        went = self.sends.sent(conversation_id, text)
        if went:
            self.window.session.write_later(self.sends.record_sent_under, conversation_id, client_id, went)

    def _slot_group_changed(self, group: str) -> None:
        session = self.window.session
        self.window.conversation.slot_bar.show_slots(self.window.phrases.slotted(group))
        session.write_later(session.store.set_meta, SLOT_GROUP_KEY, group)

    def template_values(self) -> dict[str, str]:
        """The open chat's values for a phrase's variables: the buyer, their orders, the agent, the shop, now."""
        window = self.window
        chat = window.current_chat()
        orders = window.buyer.model.orders() if chat and window.buyer.model.buyer_id == chat.buyer_id else []
        return chat_values(buyer_nick=chat.buyer_nick if chat else "", agent=window.session.agent_name,
                           shop=window.shop_name, orders=orders, now=window.clock())

    # --- into the reply box ----------------------------------------------------------------------------

    def _for_buyer(self, phrase: Phrase) -> tuple[Phrase, int]:
        """The phrase with the one text this buyer gets (the first, or the next in turn for a rotating phrase), and
        its number; a phrase already down to one text (a variant chosen in the palette) as it is."""
        if not phrase.variants:
            return phrase, 0
        chat = self.window.current_chat()
        number = self.rotation.pick(phrase, chat.buyer_id if chat else "")
        return phrase.as_variant(number), number

    def insert(self, phrase: Phrase, send: bool = False, *, replacing: str = "") -> None:
        """Into the reply box at the caret (replacing an abbreviation typed before it, never the draft), the asks
        answered first; with send, then send the whole box, which the desk refuses while a blank is left."""
        phrase, _number = self._for_buyer(phrase)
        asks = asks_in(phrase.body)
        chat = self.window.current_chat()
        if asks and chat is not None:
            self._pending = (phrase, send, replacing, chat.id)
            self.window.conversation.ask_form.ask(phrase.title, asks, self.memory.answers(chat.id), self._check)
            return
        self._put(phrase, send, replacing, None)

    def expand(self, word: str) -> Filled | bool | None:
        """The composer's abbreviation expander: the filled phrase, None for no abbreviation, or True when the
        phrase asks for values first (it goes in over the word once they are answered)."""
        self._expanded = None
        phrase = self.window.phrases.by_abbreviation(word)
        if phrase is None or self.window.current_chat() is None:
            return None
        if asks_in(phrase.body) or any(asks_in(text) for text in phrase.variants):
            self.insert(phrase, replacing=word)  # the form first; no cycling through texts that ask
            return True
        one, number = self._for_buyer(phrase)
        filled = self.window.phrases.fill(one, self.template_values())
        self._went_in(one, filled)
        if phrase.variants:
            self._expanded = (phrase, number)
        return filled

    def next_text(self) -> Filled | None:
        """The composer's cycling: the abbreviation just expanded, its next text filled in (None: it has one). The
        firing is counted once; for a rotating phrase the buyer's text is now this one."""
        if self._expanded is None or self.window.current_chat() is None:
            return None
        phrase, number = self._expanded
        number = cycle(phrase, number)
        self._expanded = (phrase, number)
        self.rotation.gave(phrase, self.window.current_chat().buyer_id, number)
        return self.window.phrases.fill(phrase.as_variant(number), self.template_values())

    def _check(self, ask: Ask, raw: str) -> str:
        return check_answer(ask, raw, today=self.window.clock().astimezone().date())

    def _answered(self, answers: dict[str, str]) -> None:
        pending, self._pending = self._pending, None
        if pending is None:
            return
        phrase, send, replacing, chat_id = pending
        current = self.window.current_chat()
        if current is None or current.id != chat_id:
            return  # the chat changed meanwhile (the form closes then, this is only a safety net)
        session = self.window.session
        session.write_later(session.store.set_meta, self.memory.key, self.memory.remember(chat_id, answers))
        self._put(phrase, send, replacing, answers)

    def _cancelled(self) -> None:
        self._pending = None

    def _put(self, phrase: Phrase, send: bool, replacing: str, answers: dict[str, str] | None) -> None:
        window = self.window
        composer = window.conversation.composer
        filled = window.phrases.fill(phrase, self.template_values(), answers)
        cursor = composer.textCursor()
        before = cursor.block().text()[: cursor.positionInBlock()]
        composer.insert_filled(filled, replacing=replacing if replacing and before.endswith(replacing) else "")
        self._went_in(phrase, filled)
        if send:
            window.conversation.send_current()  # a blank left is refused by the desk, and selected

    def _went_in(self, phrase: Phrase, filled: Filled) -> None:
        window = self.window
        if phrase.image:
            window.conversation.attach(phrase.image, phrase.title)
        self.fired(phrase, filled.text)
        if filled.setup:
            window.statusBar().showMessage(QCoreApplication.translate(
                "PhraseFiring", "“%1” is not finished: the selected placeholder is for the shop's own words. Write "
                "them here, and in the phrase manager (Ctrl+Shift+K) for next time.").replace("%1", phrase.title),
                15_000)

    def refused(self, blank: UnfilledBlank, text: str) -> None:
        """The desk did not send text: a blank is left. Select the first in the reply box and say what it is."""
        composer = self.window.conversation.composer
        if text == composer.toPlainText() and blank.blanks:
            composer.select_span(blank.blanks[0].start, blank.blanks[0].end)
        said = QCoreApplication.translate("PhraseFiring", "%1 — it is selected: type over it.")
        self.window.statusBar().showMessage(said.replace("%1", say(blank.args[0])), 15_000)

    def complaining(self) -> bool:
        """The open chat's buyer complains (the queue's urgent rules over what they wrote lately, or an open
        issue): the suggestions leave out phrases not for complaints."""
        window = self.window
        chat = window.current_chat()
        if chat is None:
            return False
        model = window.conversation.model
        messages = (model.index(row).data(MessageRole) for row in range(model.rowCount()))
        said = [m.text for m in messages if m.direction == "in"]
        queue = window.queue_model
        return complaining(said, angry_words=queue.angry_words, in_trouble=chat.buyer_id in queue.in_trouble)
