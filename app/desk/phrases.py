"""The agent's phrase book: the library from the store, searched, expanded and filled for the open chat.

The UI asks this service; matching itself lives in app.quickreplies.match and nowhere else.
"""

from __future__ import annotations

import gc
import logging
import threading
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from app.files.refusals import Rejected

from app.quickreplies.duplicates import Duplicate, dedupe
from app.quickreplies.edit import Finding, LibraryCheck, Problem, problems
from app.quickreplies.formats.base import Parsed
from app.quickreplies.formats.registry import parse
from app.quickreplies.learn import HistoryIndex, Turn, turns
from app.quickreplies.match import Match, PhraseIndex
from app.quickreplies.phrase import Phrase, complaints_choice, with_complaints_choice
from app.quickreplies.starter import UPDATED
from app.quickreplies.suggest import Suggester, Suggestion
from app.quickreplies.template import Filled, clock_values, fill
from app.store import models as m
from app.store.batches import Batch, batched
from app.store.errors import StoreReadOnly
from app.store.history import history_conversations, recent_chats
from app.store.images import ImageError
from app.store.store import Store, insert_phrases

from app.desk.fits import first_misfit
from app.desk.money import yuan_text
from app.desk.normalise import finder
from app.desk.reasons import Reason

from app import domain

log = logging.getLogger("kefudesk.phrases")

# a phrase's fields and the columns they are kept in: an import checks each against the schema's limits
STORED_IN = {"title": m.PhraseRow.title, "body": m.PhraseRow.body, "group": m.PhraseRow.group_name,
             "abbreviation": m.PhraseRow.abbreviation, "slot": m.PhraseRow.slot, "uses": m.PhraseRow.uses,
             "last_used": m.PhraseRow.last_used, "owner": m.PhraseRow.owner, "image": m.PhraseRow.image}

# A phrase that asks for a review is not for a complaining buyer unless the shop says otherwise: its title or text
# has one of these, however written (好評, 五⭐, 5星, 晒单: the guard's normaliser and its variant table)
REVIEW_WORDS = ("好评", "五星", "晒图", "评价", "追评", "评分")

# What the suggestions learn from at start, read in the background (warm()): bounded, so a store with years of
# chats starts as fast as a new one
LEARN_FROM_CHATS = 200_000  # the live chats' newest messages
LEARN_FROM_HISTORY = 300_000  # imported past chats' messages
_HISTORIES: weakref.WeakKeyDictionary[Store, HistoryIndex] = weakref.WeakKeyDictionary()
_BUILDING = threading.Lock()


def invites_review(phrase: Phrase) -> bool:
    """The phrase asks the buyer for a (good) review, by its title and text."""
    return finder(REVIEW_WORDS).search(f"{phrase.title}\n{phrase.body}")


def not_for_complaints(phrase: Phrase) -> bool:
    """Never suggested to, nor sent by the robot to, a complaining buyer: the shop's choice in the phrase's tags,
    else whether it invites a review."""
    choice = complaints_choice(phrase)
    return invites_review(phrase) if choice is None else choice


_frozen = False  # the first warmed book's tables are out of the garbage collector's reach (PhraseBook.warm)


class ImportCancelled(Exception):
    """The agent cancelled an import while it was being written: what was written is taken back."""


class PhraseRejected(ValueError):
    def __init__(self, phrase: Phrase, findings: list[Finding]) -> None:
        super().__init__(f"{phrase.title!r}: " + "; ".join(f"{f.problem.value} {f.detail}".strip() for f in findings))
        self.phrase, self.findings = phrase, findings


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do, for the preview or the CLI report; nothing is written until run_import()."""

    parsed: Parsed
    new: list[Phrase]
    duplicates: list[Duplicate]
    invalid: list[Rejected]  # parsed, but not acceptable in the library (e.g. an abbreviation with spaces)
    notes: list[Rejected]  # imported with a caveat (a slot already taken here is left empty…)

    @property
    def bad(self) -> list[Rejected]:
        return sorted(self.parsed.rejected + self.invalid, key=lambda r: r.line)


class PhraseBook:
    def __init__(self, store: Store, *, clock: Callable[[], datetime] = domain.now_utc, agent: str = "",
                 history_in_background: bool = False) -> None:
        """agent: whose personal phrases this book shows (with every shared one); "" shows shared ones only.
        history_in_background: the window's book — the suggestions do without the learnt history until warm()
        (on its own thread) has read it, instead of reading seconds of stored chats on the first suggestion."""
        self._store = store
        self._history_in_background = history_in_background
        self._clock = clock
        self._history: HistoryIndex | None = None
        self.agent = agent
        # told of each firing counted in memory (the phrase manager shows the new count at once)
        self.use_listeners: list[Callable[[Phrase], None]] = []
        # A new library starts empty (the demo shop brings its starter phrases: app/desk/demo.py). A store that has
        # starter phrases still exactly as an earlier version shipped them gets today's text; one whose starter
        # phrases were deleted has nothing to update, so none comes back.
        stored = store.phrases()
        if shipped := [replace(p, body=UPDATED[p.body]) for p in stored if p.body in UPDATED]:
            try:
                store.update_phrases(shipped)  # untouched starter phrases: a decided value is asked now
                stored = store.phrases()
            except StoreReadOnly:
                log.info("a store that can only be read: starter phrases not brought up to date")
        self._show(stored)

    @property
    def store(self) -> Store:
        """The store the library is kept in (phrase analytics and mined phrases read it beside the book)."""
        return self._store

    def reload(self) -> None:
        self._show(self._store.phrases())

    def _show(self, phrases: list[Phrase]) -> None:
        self.phrases = [p for p in phrases if not p.owner or p.owner == self.agent]  # others' personal ones: not ours
        self.index = PhraseIndex(self.phrases)
        self._suggester: Suggester | None = None  # built when first asked: an import need not wait for it
        self._held_back: frozenset[int] | None = None  # ids not for complaining buyers, found when first asked

    def warm(self) -> None:
        """Build what the first palette search and the first suggestion need (pinyin tables, the suggester)
        ahead of time; meant for a background thread once the window is up. Failing here costs nothing: the
        first use builds them instead."""
        try:
            self.index.warm()
            _ = self.suggester
            self.held_back()  # 70 ms for 10,000 phrases: not on the first complaining buyer's chat
            if self._history_in_background and self.suggester.learned is None:
                learned = Suggester(self.phrases, self._store.phrase_uses(), learned=self.history)
                if self._suggester is not None and self._suggester.learned is None:
                    self._suggester = learned  # one assignment: the GUI thread sees the old or the new, whole
        except Exception:  # noqa: BLE001 - e.g. the store closed meanwhile; the first use will retry
            log.debug("warming the phrase book failed", exc_info=True)
            return
        global _frozen
        if not _frozen:
            # the start's library lives until the first edit: out of the collector's reach, else each full
            # collection walks its half a million references (~35 ms of CPU at 10,000 phrases) while the agent
            # types. Once a process: what is alive now is never collected, and a desk warms one book at its start
            _frozen = True
            gc.freeze()

    @property
    def suggester(self) -> Suggester:
        if self._suggester is None:
            learned = self._history or _HISTORIES.get(self._store) if self._history_in_background else self.history
            self._suggester = Suggester(self.phrases, self._store.phrase_uses(), learned=learned)
        return self._suggester

    @property
    def history(self) -> HistoryIndex:
        """What the shop's agents sent after which buyer turns, read from the store once (seconds for a big one:
        warm() builds it in the background). Kept when the library changes: a deleted phrase's votes are ignored,
        and a phrase added or reworded since is learned as replies use it and fully at the next start."""
        if self._history is None:
            with _BUILDING:  # the window's book, the robot's and the palette's share one store: one index for all
                found = _HISTORIES.get(self._store)
                if found is None:
                    chats = [*history_conversations(self._store, LEARN_FROM_HISTORY),
                             *recent_chats(self._store, LEARN_FROM_CHATS)]
                    found = _HISTORIES[self._store] = HistoryIndex([(p.id, p.body) for p in self.phrases],
                                                                   (t for chat in chats for t in turns(chat)))
            self._history = found
        return self._history

    def search(self, query: str, limit: int = 20, *, buyer_said: str = "") -> list[Match]:
        """The palette's list; among equal matches, phrases that answer the buyer's last message come first."""
        fit = self.suggester.fit(buyer_said) if buyer_said else None
        return self.index.search(query, limit=limit, now=self._clock(), fit=fit)

    def suggest(self, buyer_said: str, top: int = 3, *, complaining: bool = False) -> list[Suggestion]:
        """complaining: the buyer complains (app.desk.queue.complaining): no phrase not for complaints. Asked when
        the buyer's message arrives or the chat opens, so the palette's tie-break for it is ready by then too."""
        found = self.suggester.suggest(buyer_said, top=top, leave_out=self.held_back() if complaining else ())
        self.suggester.fit(buyer_said)  # scored above; ranked once here, not on the palette's first keystroke
        return found

    def held_back(self) -> frozenset[int]:
        """The ids of the phrases not for complaining buyers."""
        if self._held_back is None:
            self._held_back = frozenset(p.id for p in self.phrases if not_for_complaints(p))
        return self._held_back

    def set_not_for_complaints(self, ids: Iterable[int], on: bool) -> list[Phrase]:
        """Turn the flag on or off for these phrases (a tag only where it differs from what the text says, so a
        phrase that stops asking for reviews follows its text); returns them as they were, for undo."""
        wanted = set(ids)
        changed = []
        for p in self.phrases:
            if p.id in wanted:
                edited = with_complaints_choice(p, None if on == invites_review(p) else on)
                if edited != p:
                    changed.append(edited)
        return self.update(changed) if changed else []

    def keep_image(self, path: Path) -> str:
        """Copy a picture into the image store for an image phrase; its id (ImageError says what is wrong)."""
        return self._store.images.put_file(path)

    def image_bytes(self, image_id: str) -> bytes | None:
        try:
            return self._store.images.read(image_id)
        except ImageError:
            return None

    def by_abbreviation(self, abbreviation: str) -> Phrase | None:
        return self.index.by_abbreviation(abbreviation)

    def groups(self) -> list[str]:
        return sorted({p.group for p in self.phrases if p.group})

    def in_slot(self, group: str, slot: int) -> Phrase | None:
        return next((p for p in self.phrases if p.group == group and p.slot == slot), None)

    def slotted(self, group: str) -> list[Phrase]:
        return [p for p in self.phrases if p.group == group and p.slot]

    def fill(self, phrase: Phrase, values: dict[str, str], answers: dict[str, str] | None = None) -> Filled:
        """The phrase for a chat: values from the chat, answers to its asks from the agent."""
        return fill(phrase.body, values, answers)

    # --- editing: every change checked here, written all-or-nothing, then the index rebuilt -----------

    def problems(self, phrase: Phrase) -> list[Finding]:
        return problems(phrase, self.phrases)

    def add(self, phrases: Sequence[Phrase]) -> list[int]:
        """Add new phrases (checked against the library and each other); none are added if one is refused."""
        check = LibraryCheck(self.phrases)
        for phrase in phrases:
            found = check.problems(replace(phrase, id=0))
            if found:
                raise PhraseRejected(phrase, found)
            check.add(replace(phrase, id=-1))  # a placeholder id: clashes with every later one
        ids = self._store.add_phrases(phrases)
        self.reload()
        return ids

    def update(self, phrases: Sequence[Phrase]) -> list[Phrase]:
        """Write edits; returns the phrases as they were (for undo). Refused whole if one edit is."""
        by_id = {p.id: p for p in self.phrases}
        edited = {p.id: p for p in phrases}
        check = LibraryCheck([edited.get(p.id, p) for p in self.phrases])
        for phrase in phrases:
            found = check.problems(phrase)
            if found:
                raise PhraseRejected(phrase, found)
        before = [by_id[p.id] for p in phrases if p.id in by_id]
        self._store.update_phrases(phrases)
        self.reload()
        return before

    def delete(self, ids: Iterable[int]) -> list[Phrase]:
        """Delete; returns what went, for restore()."""
        gone = self._store.delete_phrases(ids)
        self.reload()
        return gone

    def restore(self, phrases: Sequence[Phrase]) -> None:
        """Put deleted phrases back exactly: same ids, usage and slots (undo of delete)."""
        self._store.add_phrases(phrases, keep_ids=True)
        self.reload()

    def move(self, ids: Iterable[int], group: str) -> list[Phrase]:
        """Move phrases to another group; a slot already taken there is given up. Returns them as they were."""
        wanted = set(ids)
        taken = {p.slot for p in self.phrases if p.group == group and p.slot and p.id not in wanted}
        moved = []
        for p in self.phrases:
            if p.id in wanted and p.group != group:
                moved.append(replace(p, group=group, slot=None if p.slot in taken else p.slot))
                taken.add(p.slot)
        return self.update(moved) if moved else []

    def arrange_slots(self, group: str, ordered_ids: Sequence[int]) -> list[Phrase]:
        """Give the group's slots 1..9 in this order (the rest of the group loses its slot); returns the
        group's phrases as they were."""
        slot_of = {pid: n for n, pid in enumerate(ordered_ids[:9], start=1)}
        members = [p for p in self.phrases if p.group == group]
        changed = [replace(p, slot=slot_of.get(p.id)) for p in members if p.slot != slot_of.get(p.id)]
        return self.update(changed) if changed else []  # checked as a whole: swapping 1 and 2 is no clash

    # --- import ------------------------------------------------------------------------------------

    def plan_import(self, data: bytes, fmt: str, *, group: str = "") -> ImportPlan:
        """Parse a phrase file and check it against the library (PhraseFileError for an unreadable file)."""
        parsed = parse(data, fmt, group=group)
        fresh, duplicates = dedupe(parsed.phrases, self.phrases)
        new: list[Phrase] = []
        invalid: list[Rejected] = []
        notes = list(parsed.notes)
        check = LibraryCheck(self.phrases)
        line_of = dict(zip(map(id, parsed.phrases), parsed.lines, strict=False))
        for phrase in fresh:
            line = line_of.get(id(phrase), 0)
            reason = first_misfit([(name, getattr(phrase, name), (column,)) for name, column in STORED_IN.items()])
            if reason is not None:
                invalid.append(Rejected(line, Reason(reason.key, f"{reason}: not imported", **reason.params),
                                        phrase.title[:80]))
                continue
            found = check.problems(phrase)
            if found and all(f.problem is Problem.SLOT_TAKEN for f in found):
                notes.append(Rejected(line, f"slot {phrase.slot} of {phrase.group} is taken by {found[0].detail!r}: "
                                         "imported without a slot", phrase.title))
                phrase = replace(phrase, slot=None)
                found = []
            if found:
                invalid.append(Rejected(line, "; ".join(f"{f.problem.value} {f.detail}".strip() for f in found) +
                                        ": not imported", phrase.title))
                continue
            new.append(phrase)
            check.add(phrase)
        return ImportPlan(parsed, new, duplicates, invalid, notes)

    def run_import(self, plan: ImportPlan, *, progress: Callable[[int], None] = lambda written: None,
                   cancelled: Callable[[], bool] = lambda: False) -> list[int]:
        """Add the plan's new phrases, all of them or none, in short batches a running desk writes between
        (app/store/batches.py). progress(phrases written so far) after each batch; cancelled() asked before each:
        when it says yes, ImportCancelled, and the batches written are undone (the library as it was)."""
        ids: list[int] = []

        def write(batch: Batch, phrases: Sequence[Phrase]) -> None:
            if cancelled():
                raise ImportCancelled(f"cancelled after {len(ids)} of {len(plan.new)} phrases: none imported")
            batch.new_rows(m.PhraseRow.__table__)
            ids.extend(insert_phrases(batch.s, phrases))
            progress(len(ids))

        with batched(self._store, "phrases") as job:
            job.write(plan.new, write)
            job.finish()
        added = [replace(p, id=i) for p, i in zip(plan.new, ids, strict=True)]
        # in the store's order (group, slot, id) without reading 10,000 rows back
        self._show(sorted(self.phrases + added, key=lambda p: (p.group, p.slot is not None, p.slot or 0, p.id)))
        return ids

    def learn(self, phrase: Phrase, buyer_said: str) -> None:
        """Suggest phrase for messages like buyer_said from now on (in memory, on the thread that suggests)."""
        self.suggester.learn(phrase.id, buyer_said)

    def learn_reply(self, turn: Turn) -> None:
        """Learn from a reply the agent sent, typed, pasted or from a phrase, and the buyer's turn it answered (in
        memory: the store keeps the reply, and the next start learns it from there). Before the suggester is built
        there is nothing to do: building it reads the stored chats, this reply among them."""
        if self._history is not None:
            self._history.learn(turn)

    def used(self, phrase: Phrase, buyer_said: str = "", conversation_id: str = "", agent: str = "") -> None:
        """Count a firing in the store, with the message it answered, the chat and the agent (it writes: call it off
        the GUI thread)."""
        self._store.phrase_used(phrase.id, self._clock(), buyer_said, conversation_id=conversation_id, agent=agent)

    def count_use(self, phrase: Phrase) -> Phrase | None:
        """Count a firing in the book as used() counts it in the store: uses + 1, last used now. On the thread
        that shows the book, beside used() on the writer's; the book was read once at start, so without this the
        phrase manager said 0 uses until the desk was restarted. Returns the phrase as counted (None when it is
        no longer in the book) after telling use_listeners."""
        at = next((i for i, p in enumerate(self.phrases) if p.id == phrase.id), None)
        if at is None:
            return None
        counted = replace(self.phrases[at], uses=self.phrases[at].uses + 1, last_used=self._clock())
        # a new list, not an edit in place: a search on another thread may be reading the old one
        self.phrases = [*self.phrases[:at], counted, *self.phrases[at + 1:]]
        for listener in self.use_listeners:
            listener(counted)
        return counted


def chat_values(*, buyer_nick: str, agent: str, shop: str, orders: list[domain.Order],
                now: datetime) -> dict[str, str]:
    """Template values for the open chat; the newest order stands for 'the' order."""
    local = now.astimezone()
    values = {"buyer": buyer_nick, "agent": agent, "shop": shop} | clock_values(local)
    if orders:
        order = orders[0]
        values |= {"order_no": order.no, "items": "、".join(i.title for i in order.items),
                   "amount": yuan_text(order.amount_fen), "courier": order.courier, "tracking_no": order.tracking_no}
        if order.ship_by is not None and not order.tracking_no:  # a promise only matters before it ships
            values["ship_by"] = order.ship_by.astimezone(local.tzinfo).strftime("%Y-%m-%d %H:%M")
    return values
