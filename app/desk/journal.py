"""Drafts and replies kept on this computer while the team's server cannot be reached, written to the server once
it answers again.

One JSON object a line in a file of the data dir (user-only, like everything there), appended and flushed to the
disk before the desk says a reply is kept, so a desk closed or killed during the outage finds them at its next
start. Written back in the order they were made: a reply by its client id (the store keeps the first row with that
id, so writing it twice is harmless), a draft by its chat (the newest wins). The file goes once all of it is in.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.files.writing import private_dir

from app.store.records import MessageRecord
from app.store.store import Store


@dataclass(frozen=True)
class Kept:
    """What the journal wrote back: the replies as the store now holds them, and how many drafts (with text)."""

    replies: list[MessageRecord]
    drafts: int


class LocalJournal:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._next_id = 0

    def keep_draft(self, conversation_id: str, text: str, at: datetime) -> None:
        self._append({"kind": "draft", "conversation": conversation_id, "text": text, "at": at.isoformat()})

    def keep_reply(self, conversation_id: str, text: str, client_id: str, at: datetime, image: str, direction: str,
                   agent: str) -> MessageRecord:
        """Keep a reply; returns it as the window shows it until the server has it (pending, a local id below 0:
        the store gives the real one)."""
        self._append({"kind": "reply", "conversation": conversation_id, "text": text, "client_id": client_id,
                      "at": at.isoformat(), "image": image, "direction": direction, "agent": agent})
        with self._lock:
            self._next_id -= 1
            local = self._next_id
        return MessageRecord(local, conversation_id, direction, text, at, None, client_id, "pending", "", image, agent)

    def __len__(self) -> int:
        return len(self._entries())

    def write_back(self, store: Store) -> Kept:
        """Write everything kept into the store, in order, then forget it. A failure (the server gone again)
        raises with the file intact: what was written already is written again harmlessly next time."""
        with self._lock:
            entries = self._entries()
            replies: list[MessageRecord] = []
            drafts = 0
            for entry in entries:
                at = datetime.fromisoformat(entry["at"])
                if entry["kind"] == "draft":
                    store.save_draft(entry["conversation"], entry["text"], at)
                    drafts += bool(entry["text"])  # an emptied draft (a reply sent) is no draft to count
                elif entry["kind"] == "reply":
                    replies.append(store.add_outgoing(entry["conversation"], entry["text"], entry["client_id"], at,
                                                      entry["image"], direction=entry["direction"],
                                                      agent=entry["agent"]))
            self.path.unlink(missing_ok=True)
        return Kept(replies, drafts)

    def _append(self, entry: dict[str, Any]) -> None:
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode()
        with self._lock:
            private_dir(self.path.parent)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line)
                os.fsync(fd)  # kept means on the disk, as a commit is
            finally:
                os.close(fd)

    def _entries(self) -> list[dict[str, Any]]:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        entries = []
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:  # the last line of a desk killed while writing it: that line was never said kept
                continue
            if isinstance(entry, dict) and entry.get("kind") in ("draft", "reply"):
                entries.append(entry)
        return entries
