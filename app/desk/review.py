"""The owner's night review: the day's chats with their figures, a chat's transcript with the response times
between messages, 质检 scores on the shop's checklist, notes on messages, the KPIs (app/desk/kpis.py) and
exports of a day's transcripts per agent as HTML or plain text for an owner without a desk."""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from app.safe_text import visible

from app.store import review as repo
from app.store import rollups
from app.store.audit_log import Audit, AuditLog
from app.store.errors import StoreReadOnly
from app.store.issues import IssueStore
from app.store.records import MessageRecord
from app.store.store import Store
from app.store.zones import zone_key, zone_of

from app.desk import shop_settings
from app.desk.kpis import (
    CONVERSION_WINDOW,
    FIRST_LIMIT_S,
    LIMIT_S,
    PERIODS,
    ROBOT,
    ChatLog,
    Done,
    Figures,
    Said,
    compute,
    from_days,
    responses,
)
from app.desk.money import Money
from app.desk.names import AgentNames
from app.desk.normalise import finder
from app.desk.queue import angry_words
from app.desk.reasons import Reason
from app.desk.reports import Table

# the floor's usual 质检 items (DOMAIN.md's rules), each worth its weight; a shop edits them
DEFAULT_CHECKLIST: tuple[tuple[str, int], ...] = (
    ("首次响应在30秒内", 20), ("每次回复在40秒内", 15), ("称呼礼貌、语气亲切", 15), ("准确回答买家的问题", 25),
    ("主动推荐或促成下单", 10), ("结束时有结束语、最后一句是客服", 15),
)
FILTERS = ("unanswered_at_close", "slow", "overrides", "refunds", "angry", "robot")
EXAMPLES = ("", "good", "bad")


class ReviewRefused(ValueError):
    """A review input that cannot be saved; the message names the problem."""


@dataclass(frozen=True)
class ChatRow:
    """One chat of the chosen days, with what the owner looks for."""

    conversation_id: str
    buyer_nick: str
    agents: tuple[str, ...]
    first_at: datetime
    messages: int
    first_response_s: float | None
    slow: int  # responses over the limit (30 s for a first answer, 40 s after)
    buyer_last: bool  # the buyer spoke last
    overrides: int  # replies sent past the guard
    refunds: int
    angry: bool
    robot: bool  # the robot answered in it
    score: int | None  # the latest 质检 score


@dataclass(frozen=True)
class Line:
    """A transcript line: the message, how long the buyer had waited for it when it is an answer, and notes."""

    message: MessageRecord
    waited_s: float | None
    slow: bool
    notes: tuple[repo.NoteRecord, ...] = ()


@dataclass
class ChatFilter:
    agent: str = ""  # an agent's name, or "robot"
    only: set[str] = field(default_factory=set)  # of FILTERS: a chat must have every one


def local_days(first: date, last: date, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """The local days first..last (inclusive) as a UTC interval [start, end); tz None: the machine's zone."""
    def midnight(day: date) -> datetime:
        local = datetime.combine(day, time(), tz) if tz else datetime.combine(day, time()).astimezone()
        return local.astimezone(UTC)

    return midnight(first), midnight(last + timedelta(days=1))


class ReviewDesk:
    def __init__(self, store: Store, who: str, *, clock: Callable[[], datetime], tz: tzinfo | None = None) -> None:
        self.store = store
        self.who = who  # the reviewer
        self.clock = clock
        self.tz = tz
        self._names: AgentNames | None = None

    @property
    def names(self) -> AgentNames:
        """The agents' display names (花名), read when first asked for."""
        if self._names is None:
            self._names = AgentNames(self.store)
        return self._names

    # --- days and chats ---------------------------------------------------------------------------

    def utc_range(self, first: date, last: date) -> tuple[datetime, datetime]:
        return local_days(first, last, self.tz)

    def _logs(self, first: date, last: date) -> tuple[list[ChatLog], dict[str, list[MessageRecord]]]:
        start, end = self.utc_range(first, last)
        # a run that began the evening before is still measured from its start
        messages = repo.messages_between(self.store, start - timedelta(days=1), end)
        by_chat: dict[str, list[MessageRecord]] = defaultdict(list)
        for message in messages:
            by_chat[message.conversation_id].append(message)
        in_range = {cid: ms for cid, ms in by_chat.items() if any(start <= x.sent_at < end for x in ms)}
        logs = [ChatLog(cid, "", [Said(x.sent_at, x.direction, x.agent) for x in ms]) for cid, ms in in_range.items()]
        return logs, in_range

    def chats(self, first: date, last: date, where: ChatFilter | None = None) -> list[ChatRow]:
        """The chats with a message in these local days, in the order they began."""
        where = where or ChatFilter()
        start, end = self.utc_range(first, last)
        logs, by_chat = self._logs(first, last)
        info = repo.chats(self.store, list(by_chat))
        issues = IssueStore(self.store)
        overrides: dict[str, int] = defaultdict(int)
        for entry in AuditLog(self.store).audit_between("guard override", start, end):
            overrides[str((entry.after or {}).get("conversation", ""))] += 1
        refunds: dict[str, int] = defaultdict(int)
        for _action, issue in issues.actions_between(("partial_refund", "full_refund"), start, end):
            refunds[issue.conversation_id] += 1
        scores = {r.conversation_id: r.score for r in repo.reviews(self.store, conversation_ids=list(by_chat))}
        angry_in = finder(angry_words(self.store))  # the shop's urgent words, matched as the queue matches them
        rows = []
        for log in logs:
            cid = log.id
            said = by_chat[cid]
            answers = [r for r in responses(log) if start <= r.answered_at < end]
            agents = tuple(sorted({r.agent for r in answers}))
            chat = info.get(cid)
            first_response = next((r.seconds for r in answers if r.first and r.agent != ROBOT), None)
            slow = sum(1 for r in answers if r.seconds > (FIRST_LIMIT_S if r.first else LIMIT_S))
            last_spoken = next((x.direction for x in reversed(said) if x.direction in ("in", "out", "robot")), "")
            angry = any(x.direction == "in" and angry_in.search(x.text) for x in said)
            row = ChatRow(cid, chat.buyer_nick if chat else "", agents, said[0].sent_at, len(said), first_response,
                          slow, last_spoken == "in", overrides[cid], refunds[cid], angry, ROBOT in agents,
                          scores.get(cid))
            if self._keeps(row, where):
                rows.append(row)
        return sorted(rows, key=lambda r: r.first_at)

    @staticmethod
    def _keeps(row: ChatRow, where: ChatFilter) -> bool:
        if where.agent and where.agent not in row.agents:
            return False
        checks = {"unanswered_at_close": row.buyer_last, "slow": row.slow > 0, "overrides": row.overrides > 0,
                  "refunds": row.refunds > 0, "angry": row.angry, "robot": row.robot}
        return all(checks[name] for name in where.only)

    def transcript(self, conversation_id: str) -> list[Line]:
        """The whole chat, each answer with how long the buyer had waited for it (slow ones marked)."""
        messages = self.store.messages(conversation_id, limit=100_000)
        notes: dict[int, list[repo.NoteRecord]] = defaultdict(list)
        for note in repo.notes(self.store, [x.id for x in messages]):
            notes[note.message_id].append(note)
        lines: list[Line] = []
        run_start: datetime | None = None
        answered = False
        for x in messages:
            waited: float | None = None
            if x.direction == "in" and run_start is None:
                run_start = x.sent_at
            elif x.direction in ("out", "robot") and run_start is not None:
                waited = (x.sent_at - run_start).total_seconds()
            limit = LIMIT_S if answered else FIRST_LIMIT_S
            lines.append(Line(x, waited, waited is not None and waited > limit, tuple(notes[x.id])))
            if x.direction in ("out", "robot"):
                run_start, answered = None, True
        return lines

    # --- KPIs -------------------------------------------------------------------------------------

    def kpis(self, first: date, last: date, period: str = "day") -> list[Figures]:
        """The figures of the local days first..last: the days' rollups merged (built once per zone, the first
        time: app/store/rollups.py), conversions and what was done read by the range's times. A store that can
        only be read and has no rollups in this zone yet is counted from its messages, more slowly."""
        if period not in PERIODS:
            raise ValueError(f"period must be one of {', '.join(PERIODS)}")
        zone = zone_key(self.tz)
        start, end = self.utc_range(first, last)
        try:
            rollups.ensure(self.store, zone)
        except StoreReadOnly:
            logs = (ChatLog(cid, buyer, said) for cid, buyer, said in repo.whole_chats_between(self.store, start, end))
            orders = repo.orders_created(self.store, start - timedelta(days=1), end + timedelta(days=1))
            return compute(logs, self._done(start, end), orders, period=period, tz=self.tz,
                           keep=lambda day: first <= day <= last)
        converted = rollups.converted(self.store, zone, start, end, CONVERSION_WINDOW)
        return from_days(rollups.days(self.store, zone, first, last), converted, self._done(start, end),
                         period=period, tz=zone_of(zone))

    def _done(self, start: datetime, end: datetime) -> list[Done]:
        """Refunds, returns, reships and review outcomes recorded as done, chats closed with the buyer last and
        质检 scores in [start, end)."""
        done: list[Done] = []
        kinds = ("partial_refund", "full_refund", "return", "reship", "review_outcome")
        for action, issue in IssueStore(self.store).actions_between(kinds, start, end):
            done.append(Done(action.by, action.at, action.kind, issue.conversation_id, action.amount_fen,
                             bool(action.fields.get("changed"))))
        for entry in AuditLog(self.store).audit_between("chat closed unanswered", start, end):
            done.append(Done(entry.who, entry.at, "closed_buyer_last", str((entry.after or {}).get("conversation", ""))))
        for review in repo.reviews(self.store, start=start, end=end):
            done.append(Done(review.agent, review.at, "quality", review.conversation_id, review.score))
        return done

    # --- 质检 ---------------------------------------------------------------------------------------

    def checklist(self) -> list[tuple[str, int]]:
        raw = shop_settings.REVIEW_CHECKLIST.read(self.store)
        try:
            items = json.loads(raw) if raw else None
        except ValueError:
            items = None
        if not isinstance(items, list) or not items:
            return list(DEFAULT_CHECKLIST)
        return [(str(i[0]), int(i[1])) for i in items if isinstance(i, list) and len(i) == 2]

    def set_checklist(self, items: Sequence[tuple[str, int]]) -> None:
        names = [name.strip() for name, _weight in items]
        if not items or any(not n for n in names) or len(set(names)) != len(names):
            raise ReviewRefused(Reason("checklist_names", "every checklist item needs its own name"))
        if any(not 1 <= weight <= 100 for _name, weight in items):
            raise ReviewRefused(Reason("checklist_weight", "an item's weight is 1–100"))
        before = self.checklist()
        shop_settings.REVIEW_CHECKLIST.write(self.store, json.dumps(
            [[n, w] for n, (_x, w) in zip(names, items, strict=True)], ensure_ascii=False))
        AuditLog(self.store).write_audit(Audit(self.who, "checklist changed", {"items": before},
                                               {"items": self.checklist()}), self.clock())

    def score(self, conversation_id: str, agent: str, ticked: Sequence[str], comment: str = "") -> repo.ReviewRecord:
        """Score a chat on the checklist: the ticked items' weights as a share of all weights, 0–100."""
        items = dict(self.checklist())
        unknown = [t for t in ticked if t not in items]
        if unknown:
            raise ReviewRefused(Reason("checklist_unknown", f"not on the checklist: {'、'.join(unknown)}",
                                       items="、".join(unknown)))
        if not agent:
            raise ReviewRefused(Reason("review_no_agent", "choose whose work is scored"))
        total = sum(items.values())
        score = round(100 * sum(items[t] for t in ticked) / total) if total else 0
        checks = {name: name in ticked for name in items}
        return repo.add_review(self.store, conversation_id, agent, self.who, self.clock(), score, checks,
                               comment.strip()[:2000])

    def note(self, message_id: int, text: str, example: str = "") -> repo.NoteRecord:
        if example not in EXAMPLES:
            raise ReviewRefused(Reason("note_example", "an example is good, bad or neither"))
        if not text.strip() and not example:
            raise ReviewRefused(Reason("note_empty", "write a comment or mark the message as an example"))
        return repo.add_note(self.store, message_id, self.who, self.clock(), text.strip()[:2000], example)

    # --- exports ----------------------------------------------------------------------------------

    def export_day(self, day: date, agent: str, fmt: str) -> str:
        """The agent's chats of that day, whole, as plain text or as a self-contained HTML page (every text
        escaped: a buyer's markup stays text; control characters are shown, app/safe_text.py, so a transcript
        printed on a terminal cannot retitle or clear it)."""
        if fmt not in ("txt", "html"):
            raise ValueError("export as txt or html")
        rows = self.chats(day, day, ChatFilter(agent=agent))
        zone = self.tz
        blocks: list[tuple[ChatRow, list[Line]]] = [(row, self.transcript(row.conversation_id)) for row in rows]

        def when(at: datetime) -> str:
            return at.astimezone(zone).strftime("%H:%M:%S")

        who = {"in": "买家", "out": "客服", "robot": "机器人", "system": "系统"}
        name = self.names.of(agent)
        if fmt == "txt":
            out = [f"{visible(name)} · {day.isoformat()} · {len(rows)} chats", ""]
            for row, lines in blocks:
                out.append(f"== {visible(row.buyer_nick)} ({visible(row.conversation_id)}) ==")
                for line in lines:
                    wait = f"  [{line.waited_s:.0f} s{' SLOW' if line.slow else ''}]" if line.waited_s is not None else ""
                    speaker = who.get(line.message.direction, line.message.direction)
                    out.append(f"{when(line.message.sent_at)} {speaker}: {visible(line.message.text)}{wait}")
                out.append("")
            return "\n".join(out)

        def text(value: str) -> str:
            return html.escape(visible(value))

        parts = ["<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>",
                 f"<title>{text(name)} {day.isoformat()}</title>",
                 "<style>body{font-family:sans-serif;max-width:50em;margin:auto}.in{color:#333}.out{color:#1565c0}"
                 ".robot{color:#6a1b9a}.system{color:#777}.slow{color:#c62828;font-weight:bold}</style></head><body>",
                 f"<h1>{text(name)} · {day.isoformat()} · {len(rows)}</h1>"]
        for row, lines in blocks:
            parts.append(f"<h2>{text(row.buyer_nick)} <small>{text(row.conversation_id)}</small></h2>")
            for line in lines:
                x = line.message
                wait = ""
                if line.waited_s is not None:
                    wait = f" <span class='{'slow' if line.slow else 'wait'}'>({line.waited_s:.0f} s)</span>"
                parts.append(f"<p class='{html.escape(x.direction)}'>{when(x.sent_at)} "
                             f"{html.escape(who.get(x.direction, x.direction))}: {text(x.text)}{wait}</p>")
        parts.append("</body></html>")
        return "\n".join(parts)


KPI_HEADERS = ("客服 agent", "起始日 period", "接待量 served", "首响中位(秒) first median s", "首响P90(秒) first p90 s",
               "平均响应(秒) mean s", "响应中位(秒) median s", "响应P90(秒) p90 s", "首响30秒内 first ≤30 s",
               "40秒内 ≤40 s", "买家最后一句关闭 closed buyer last", "询单转化率 conversion", "退款数 refunds",
               "退款金额 refund amount", "退货 returns", "补发 reships", "差评改好 reviews changed", "质检分 quality")


def kpi_table(figures: Sequence[Figures], names: AgentNames | None = None) -> Table:
    """The KPIs as the report's table (seconds to one decimal, shares as 0–1, the refunded amount as Money: 5.00
    yuan in the workbook, the terminal and the dashboard alike); an empty figure is an empty cell, never 0. Each
    agent by their display name (names), as the owner knows them."""
    def num(value: float | None, digits: int = 1) -> object:
        return "" if value is None else round(value, digits)

    names = names or AgentNames()
    rows = [(names.of(f.agent), f.period.isoformat(), len(f.served), num(f.first_median), num(f.first_p90),
             num(f.mean), num(f.median), num(f.p90), num(f.first_within_30, 3), num(f.within_40, 3), len(f.closed_buyer_last),
             num(f.conversion, 3), f.refunds, Money(f.refund_fen), f.returns, f.reships, f.reviews_changed, num(f.quality))
            for f in figures]
    return Table("KPI", KPI_HEADERS, rows)


def table_html(table: Table, title: str) -> str:
    """A table as a self-contained HTML page, every cell escaped and its control characters shown."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in table.headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(visible(str(c)))}</td>" for c in row) + "</tr>"
                   for row in table.rows)
    return ("<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title><style>body{{font-family:sans-serif}}table{{border-collapse:collapse}}"
            "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}</style></head><body>"
            f"<h1>{html.escape(title)}</h1><table><tr>{head}</tr>{body}</table></body></html>")

