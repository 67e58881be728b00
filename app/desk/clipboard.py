"""The clipboard history (issue 8, Ditto-style): what is kept of what the agent copies in any application, and
what is read back from it. The UI watches the system clipboard and offers each copy here; nothing below app/ui
knows Qt.

Kept: text up to 100,000 characters and pictures up to 5 MB (by their hash in the image store), not twice in a
row, never from an excluded application (password managers by default: a copied password must not end up in a
searchable history). Unpinned entries go after the retention days or beyond the maximum count.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from app.store import clips as repo
from app.store.clips import ClipRecord
from app.store.images import ImageError
from app.store.store import Store

from app.desk import shop_settings
from app.desk.reasons import Reason

MAX_TEXT = 100_000
MAX_IMAGE = 5 * 1024 * 1024
# window classes / process names of password managers, compared case-insensitively as substrings
EXCLUDED_BY_DEFAULT = ("keepass", "1password", "bitwarden", "lastpass", "dashlane", "enpass", "seahorse")
ORDER_NO = re.compile(r"(?<!\d)\d{15,20}(?!\d)")  # Taobao/Tmall/JD/Pinduoduo order nos. are 15–20 digits


class ClipSettingsInvalid(ValueError):
    """Settings that cannot be used; the message names the field."""


@dataclass(frozen=True)
class ClipSettings:
    enabled: bool = True
    keep_days: int = 30
    keep_items: int = 5000
    excluded: tuple[str, ...] = field(default_factory=lambda: EXCLUDED_BY_DEFAULT)


class ClipHistory:
    def __init__(self, store: Store, *, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.clock = clock
        self.settings = self._load()

    def _load(self) -> ClipSettings:
        raw = shop_settings.CLIPBOARD.read(self.store)
        try:
            values = json.loads(raw) if raw else {}
            return ClipSettings(bool(values.get("enabled", True)), int(values.get("keep_days", 30)),
                                int(values.get("keep_items", 5000)),
                                tuple(str(x) for x in values.get("excluded", EXCLUDED_BY_DEFAULT)))
        except (ValueError, TypeError, AttributeError):
            return ClipSettings()

    def save_settings(self, settings: ClipSettings) -> None:
        if not 1 <= settings.keep_days <= 3650:
            raise ClipSettingsInvalid(Reason("clip_keep_days", "keep the history 1–3650 days"))
        if not 10 <= settings.keep_items <= 100_000:
            raise ClipSettingsInvalid(Reason("clip_keep_items", "keep 10–100,000 entries"))
        shop_settings.CLIPBOARD.write(self.store, json.dumps(asdict(settings), ensure_ascii=False))
        self.settings = settings
        self.prune()

    def excluded(self, source: str) -> bool:
        lowered = source.casefold()
        return any(word.casefold() in lowered for word in self.settings.excluded if word.strip())

    def offer_text(self, text: str, source: str = "") -> ClipRecord | None:
        """Keep a copied text, unless it is empty, too long, from an excluded application or the same as the
        newest entry; returns the entry kept."""
        if not self.settings.enabled or not text.strip() or len(text) > MAX_TEXT or self.excluded(source):
            return None
        newest = repo.latest(self.store)
        if newest is not None and newest.kind == "text" and newest.text == text:
            return None
        return repo.add_clip(self.store, self.clock(), "text", text, "", source)

    def offer_image(self, data: bytes, source: str = "") -> ClipRecord | None:
        """Keep a copied picture (PNG, JPEG, GIF or WebP, at most 5 MB) in the image store, by its hash."""
        if not self.settings.enabled or not data or len(data) > MAX_IMAGE or self.excluded(source):
            return None
        try:
            image_id = self.store.images.put(data)
        except ImageError:
            return None
        newest = repo.latest(self.store)
        if newest is not None and newest.kind == "image" and newest.image == image_id:
            return None
        return repo.add_clip(self.store, self.clock(), "image", "", image_id, source)

    def search(self, query: str = "", limit: int = 50) -> list[ClipRecord]:
        return repo.clips(self.store, query, limit)

    def last_order_no(self) -> str:
        """The order no. in the most recent copy that holds one (the {copied_order_no} of a template), or ""."""
        for clip in repo.clips(self.store, limit=50):
            if clip.kind == "text":
                found = ORDER_NO.findall(clip.text)
                if found:
                    return found[-1]
        return ""

    def pin(self, clip_id: int, pinned: bool = True) -> None:
        repo.set_pinned(self.store, clip_id, pinned)

    def forget(self, clip_ids: list[int]) -> None:
        repo.remove(self.store, clip_ids)

    def prune(self) -> int:
        return repo.prune(self.store, self.clock() - timedelta(days=self.settings.keep_days), self.settings.keep_items)
