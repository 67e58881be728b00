"""Turns the desk's listener calls, made on background threads, into Qt signals delivered on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.store.records import ConversationSummary, MessageRecord

from app import domain


class DeskBridge(QObject):
    sig_conversation = Signal(object)
    """A chat's summary changed (ConversationSummary)."""
    sig_message = Signal(object)
    """A message was stored or changed state (MessageRecord)."""
    sig_orders = Signal(str, object)
    """A buyer's orders, cached or fresh (buyer id, list[domain.Order])."""
    sig_connection = Signal(bool, object)  # why not: a str, or a desk Reason the window words
    """Online or not, and why not."""
    sig_problem = Signal(object)  # a str, or a desk Reason worded in the agent's language by the window
    """Something the agent should know about, in one sentence."""
    sig_transfer = Signal(object, object, bool)
    """A chat changed hands (ConversationSummary, domain.Transfer, whether to this agent)."""
    sig_login_needed = Signal(object)  # a desk Reason: why the password is asked for
    """The shop wants the password and the desk has none it may use: ask the agent."""

    # DeskListener; signals emitted from another thread reach GUI-thread receivers as queued calls
    def on_conversation(self, chat: ConversationSummary) -> None:
        self.sig_conversation.emit(chat)

    def on_message(self, message: MessageRecord) -> None:
        self.sig_message.emit(message)

    def on_orders(self, buyer_id: str, orders: list[domain.Order]) -> None:
        self.sig_orders.emit(buyer_id, orders)

    def on_connection(self, online: bool, detail: str) -> None:
        self.sig_connection.emit(online, detail)

    def on_problem(self, text: str) -> None:
        self.sig_problem.emit(text)

    def on_transfer(self, chat: ConversationSummary, transfer: domain.Transfer, to_me: bool) -> None:
        self.sig_transfer.emit(chat, transfer, to_me)

    def on_login_needed(self, reason: str) -> None:
        self.sig_login_needed.emit(reason)
