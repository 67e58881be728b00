"""The send guard: nothing leaves the desk — typed, phrase or robot — with an insult or a word the marketplace
forbids (taking the buyer or the payment off the platform, buying reviews) unless the agent overrides it, and
the override is in the audit log. One insult gets an agent fired (DOMAIN.md); this is checked below the UI.

Matching is app/desk/normalise.py's, shared with the queue's angry flag: a word is found however it is written
(加 微 信, 加薇信, ＶＸ, 好評返現, a zero-width space inside, pinyin), Latin words only as whole words (so "sb" does
not fire inside "usb"), and a hit's span is in the text as the agent typed it. The zh_CN defaults are in
guard_words/ with their sources and licences; a shop adds words and switches defaults off in the store. Anyone
may add a word; switching one off takes a supervisor's password on a store that has a supervisor, as loosening
any other rule does (issue 17).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.domain import now_utc

from app.store.audit_log import Audit, AuditLog
from app.store.profiles import ProfileStore
from app.store.store import Store

from app.desk import shop_settings
from app.desk.issues import IssueDesk
from app.desk.normalise import WordFinder, finder
from app.desk.reasons import Reason
from app.desk.refused import IssueRefused

WORDS_DIR = Path(__file__).with_name("guard_words")
KINDS = {"insult": "insults_zh_CN.txt", "off_platform": "off_platform_zh_CN.txt"}


@dataclass(frozen=True)
class Hit:
    start: int  # in the text as the agent typed it
    end: int
    word: str  # the list's word that matched
    kind: str  # insult / off_platform / custom


class SendBlocked(Exception):
    """The reply holds banned words; it is not sent unless the agent overrides (and the override is audited)."""

    def __init__(self, hits: list[Hit]) -> None:
        words = "、".join(dict.fromkeys(h.word for h in hits))
        super().__init__(Reason("guard_blocked", f"not sent: the reply contains {words}", words=words))
        self.hits = hits


class RepeatedReply(Exception):
    """The same text as the agent's own last message in this chat, nothing from the buyer in between: sent only
    when the agent confirms."""

    def __init__(self) -> None:
        super().__init__(Reason("guard_repeat", "not sent: the same text as your last reply to this buyer"))


@cache
def default_words() -> dict[str, str]:
    """word → kind, from the shipped lists (comments and blank lines skipped)."""
    words: dict[str, str] = {}
    for kind, name in KINDS.items():
        for line in (WORDS_DIR / name).read_text(encoding="utf-8").splitlines():
            word = line.strip()
            if word and not word.startswith("#"):
                words.setdefault(word, kind)
    return words


class SendGuard:
    def __init__(self, words: Mapping[str, str]) -> None:
        self.words = dict(words)
        self._finder: WordFinder | None = None  # compiled at the first check (60 ms): not on the desk's start

    @classmethod
    def for_store(cls, store: Store) -> SendGuard:
        added = _meta_list(store, shop_settings.GUARD_ADDED)
        removed = set(_meta_list(store, shop_settings.GUARD_REMOVED))
        words = {w: k for w, k in default_words().items() if w not in removed}
        words.update({w: "custom" for w in added if w not in words})
        return cls(words)

    def check(self, text: str) -> list[Hit]:
        if self._finder is None:
            self._finder = finder(tuple(self.words))  # once per word list: a check runs on every send
        return [Hit(f.start, f.end, f.word, self.words[f.word]) for f in self._finder.find(text)]


def _meta_list(store: Store, setting: shop_settings.ShopSetting) -> list[str]:
    raw = setting.read(store)
    try:
        values = json.loads(raw) if raw else []
    except ValueError:
        return []
    return [str(v) for v in values if isinstance(v, str) and v.strip()] if isinstance(values, list) else []


def removal_needs_supervisor(store: Store) -> bool:
    """Switching a banned word off lets it reach buyers, so on a store with a supervisor it takes one's name and
    password; a store without one (a one-person shop) has nobody to ask, and its user does it alone."""
    return ProfileStore(store).has_supervisor()


def edit_words(store: Store, who: str, *, add: Iterable[str] = (), remove: Iterable[str] = (),
               supervisor: str = "", password: str = "") -> SendGuard:
    """Add a shop's own words (anyone may: it only tightens the guard), or switch words off, defaults included.
    Switching off takes a supervisor's name and password when the store has one, checked as for the limits (a
    wrong one logged, five lock it); otherwise IssueRefused and nothing changes. The audit entry names the
    supervisor who authorised it, else who, and the desk it was typed at (who)."""
    added, removed = _meta_list(store, shop_settings.GUARD_ADDED), _meta_list(store, shop_settings.GUARD_REMOVED)
    before = {"added": list(added), "removed": list(removed)}
    for word in (w.strip() for w in add):
        if not word or len(word) > 40:
            raise ValueError(Reason("guard_bad_word", f"{word[:40]!r}: a banned word is 1–40 characters",
                                    word=word[:40]))
        if word in removed:
            removed.remove(word)
        elif word not in default_words() and word not in added:
            added.append(word)
    switched_off = []
    for word in (w.strip() for w in remove):
        if word in added:
            added.remove(word)
            switched_off.append(word)
        elif word in default_words() and word not in removed:
            removed.append(word)
            switched_off.append(word)
    authority = None
    desk = IssueDesk(store, who)
    if supervisor:  # checked whenever one is named, so the log never names a supervisor who did not authorise it
        authority = desk.confirm_supervisor(supervisor, password)
    elif switched_off and removal_needs_supervisor(store):
        words = "、".join(switched_off[:10]) + ("…" if len(switched_off) > 10 else "")  # a whole list selected
        raise IssueRefused("supervisor_needed", Reason(
            "guard_needs_supervisor", f"this store has a supervisor: switching off {words} takes a supervisor's "
            "name and password", words=words), "supervisor")
    values = {shop_settings.GUARD_ADDED.key: json.dumps(added, ensure_ascii=False),
              shop_settings.GUARD_REMOVED.key: json.dumps(removed, ensure_ascii=False)}
    audit = Audit(authority[0] if authority else who, "guard words changed", before,
                  {"added": added, "removed": removed, "desk": who})
    if authority:  # on a team's server, written through the supervisor's own login: the server lets only that loosen
        with desk.writing_as_supervisor(supervisor, password) as through:
            AuditLog(through).set_meta(values, audit, now_utc())
    else:
        AuditLog(store).set_meta(values, audit, now_utc())
    return SendGuard.for_store(store)
