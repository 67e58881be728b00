"""When the desk makes a sound: a new chat, or a buyer who has waited past the limit — throttled, so a flood of
fifty new chats gives one sound, not fifty (DOMAIN.md: alert sounds become unbearable in a flood). Muting, per
chat or for the whole desk, silences sounds only: the unread state is never touched here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.store.records import ConversationSummary

from app.desk.queue import RESPONSE_LIMIT_S, wait_seconds

QUIET_AFTER_ALERT = timedelta(seconds=5)  # at most one sound in this long, whatever arrives


@dataclass
class Alerts:
    muted: bool = False  # the whole desk (Ctrl+M)
    muted_chats: set[str] = field(default_factory=set)
    _last_alert: datetime | None = None
    _known: set[str] = field(default_factory=set)  # chats seen open, so only a new one is "new"
    _late_alerted: set[str] = field(default_factory=set)  # chats already rung for this wait

    def know(self, chat: ConversationSummary) -> None:
        """A chat that was already there (the desk starting): not new, and no sound."""
        if chat.state != "closed":
            self._known.add(chat.id)

    def on_chat(self, chat: ConversationSummary, now: datetime) -> str:
        """"new", "late" or "" — what this change of a chat should sound like."""
        if chat.state == "closed":
            self._known.discard(chat.id)
            self._late_alerted.discard(chat.id)
            return ""
        if chat.waiting_since is None:
            self._late_alerted.discard(chat.id)  # answered: the next long wait rings again
        new = chat.id not in self._known
        self._known.add(chat.id)
        if new and chat.last_direction == "in":
            return self._ring("new", chat.id, now)
        return ""

    def on_tick(self, chats: list[ConversationSummary], now: datetime) -> str:
        """Once a second: a buyer who just passed the 40 s limit rings (once per wait)."""
        late = [c for c in chats if (wait_seconds(c, now) or 0) >= RESPONSE_LIMIT_S and c.id not in self._late_alerted]
        for chat in late:
            self._late_alerted.add(chat.id)
        sounding = [c for c in late if c.id not in self.muted_chats]
        return self._ring("late", sounding[0].id, now) if sounding else ""

    def _ring(self, kind: str, chat_id: str, now: datetime) -> str:
        if self.muted or chat_id in self.muted_chats:
            return ""
        if self._last_alert is not None and now - self._last_alert < QUIET_AFTER_ALERT:
            return ""
        self._last_alert = now
        return kind

    def toggle_chat(self, chat_id: str) -> bool:
        """Mute or unmute one chat; True when it is muted now."""
        if chat_id in self.muted_chats:
            self.muted_chats.discard(chat_id)
            return False
        self.muted_chats.add(chat_id)
        return True
