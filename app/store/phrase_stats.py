"""What phrase analytics and mined phrases read and write: phrase firings with their sends, what followed a reply
(the buyer's next messages, their paid orders, refunds opened), the replies agents typed by hand, and the mined
replies the shop dismissed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select, update

from app.store import models as m
from app.store.models import as_utc
from app.store.review import _chunks
from app.store.store import Store

AFTER_SALE = "after_sale"  # app/desk/issues.py STAGES: an after-sale issue is the buyer asking money or goods back
REFUNDS = ("partial_refund", "full_refund")  # app/desk/issues.py REFUNDS
UNPAID = ("待付款", "等待买家付款", "wait_buyer_pay", "unpaid")  # an order without a pay time paid only if not these


@dataclass(frozen=True)
class UseRecord:
    """One firing of a phrase (phrase_use), as analytics reads it."""

    phrase_id: int
    at: datetime
    agent: str
    conversation_id: str
    message_id: int | None
    sent: bool
    edited: bool


@dataclass(frozen=True)
class TypedReply:
    """A reply an agent wrote without a phrase: live (message) or imported (history_message)."""

    text: str
    buyer: str  # the buyer's nick (live) or name in the file (history); "" unknown


def phrase_sent(store: Store, conversation_id: str, message_id: int | None, edited: Mapping[int, bool]) -> None:
    """Mark each phrase's newest unsent firing in the chat as gone out in message_id (None: kept on this computer
    until the server is back), edited or not."""
    table = m.PhraseUse.__table__
    with store._write_lock, store.engine.begin() as connection:  # noqa: SLF001 - the store's one writer lock
        for phrase_id, was_edited in edited.items():
            newest = connection.execute(
                select(table.c.id).where(table.c.conversation_id == conversation_id, table.c.phrase_id == phrase_id,
                                         table.c.sent.is_(False)).order_by(table.c.id.desc()).limit(1)).scalar()
            if newest is not None:
                connection.execute(update(table).where(table.c.id == newest)
                                   .values(message_id=message_id, sent=True, edited=was_edited))


def message_of(store: Store, client_id: str) -> int | None:
    """The stored id of the desk's message sent under client_id; None when it was never stored."""
    with store.engine.connect() as connection:
        return connection.execute(select(m.Message.__table__.c.id)
                                  .where(m.Message.__table__.c.client_id == client_id)).scalar()


def uses_between(store: Store, start: datetime, end: datetime) -> list[UseRecord]:
    """The firings in [start, end), oldest first."""
    table = m.PhraseUse.__table__
    query = (select(table.c.phrase_id, table.c.at, table.c.agent, table.c.conversation_id, table.c.message_id,
                    table.c.sent, table.c.edited)
             .where(table.c.at >= start, table.c.at < end).order_by(table.c.id))
    with store.engine.connect() as connection:
        return [UseRecord(r[0], as_utc(r[1]), r[2] or "", r[3] or "", r[4], bool(r[5]), bool(r[6]))
                for r in connection.execute(query)]


def buyers_of(store: Store, conversation_ids: Iterable[str]) -> dict[str, str]:
    """Chat id → buyer id."""
    table = m.Conversation.__table__
    found: dict[str, str] = {}
    with store.engine.connect() as connection:
        for some in _chunks(sorted(set(conversation_ids))):
            found |= dict(connection.execute(select(table.c.id, table.c.buyer_id).where(table.c.id.in_(some))).all())
    return found


def chat_lines(store: Store, conversation_ids: Iterable[str], start: datetime, end: datetime
               ) -> list[tuple[int, str, str, datetime]]:
    """(message id, chat id, direction, sent at) of the chats' messages sent in [start, end): what follows a reply,
    without the text (a month of the floor's chats)."""
    table = m.Message.__table__
    query = select(table.c.id, table.c.conversation_id, table.c.direction, table.c.sent_at).where(
        table.c.sent_at >= start, table.c.sent_at < end)
    lines: list[tuple[int, str, str, datetime]] = []
    with store.engine.connect() as connection:
        for some in _chunks(sorted(set(conversation_ids))):
            lines += [(i, c, d, as_utc(at)) for i, c, d, at in
                      connection.execute(query.where(table.c.conversation_id.in_(some)))]
    return lines


def payments(store: Store, buyer_ids: Iterable[str], start: datetime, end: datetime) -> list[tuple[str, datetime]]:
    """(buyer id, when paid) of the buyers' orders paid in [start, end): the pay time, or for an order the shop
    gave none, its creation unless its status says it waits for payment. One query over the period's orders, the
    buyers picked here: a month's thousands of buyers as IN lists cost more than the rows."""
    table = m.Order.__table__
    wanted = set(buyer_ids)
    query = select(table.c.buyer_id, table.c.paid_at, table.c.created_at, table.c.status).where(or_(
        and_(table.c.paid_at >= start, table.c.paid_at < end),
        and_(table.c.paid_at.is_(None), table.c.created_at >= start, table.c.created_at < end)))
    with store.engine.connect() as connection:
        rows = connection.execute(query).all()
    return [(buyer, as_utc(paid_at) if paid_at is not None else as_utc(created_at))
            for buyer, paid_at, created_at, status in rows
            if buyer in wanted and (paid_at is not None or status not in UNPAID)]


def refunds_opened(store: Store, buyer_ids: Iterable[str], start: datetime, end: datetime
                   ) -> list[tuple[str, str, datetime]]:
    """(buyer id, chat id, when) of the buyers' after-sale issues opened, and refunds asked on any of their
    issues, in [start, end) (the period's, the buyers picked here)."""
    issue, action = m.Issue.__table__, m.IssueAction.__table__
    wanted = set(buyer_ids)
    opened = (select(issue.c.buyer_id, issue.c.conversation_id, issue.c.opened_at)
              .where(issue.c.stage == AFTER_SALE, issue.c.opened_at >= start, issue.c.opened_at < end))
    asked = (select(issue.c.buyer_id, issue.c.conversation_id, action.c.at)
             .join(issue, issue.c.id == action.c.issue_id)
             .where(action.c.kind.in_(REFUNDS), action.c.at >= start, action.c.at < end))
    with store.engine.connect() as connection:
        rows = [*connection.execute(opened), *connection.execute(asked)]
    return [(b, c or "", as_utc(at)) for b, c, at in rows if b in wanted]


def typed_replies(store: Store, limit: int = 200_000) -> list[TypedReply]:
    """The replies agents wrote without a phrase, newest first: live replies no firing went out in, and the agents'
    lines of imported past chats (those never say whether a phrase was used)."""
    message, use, chat, buyer = (m.Message.__table__, m.PhraseUse.__table__, m.Conversation.__table__,
                                 m.Buyer.__table__)
    history = m.HistoryRow.__table__
    from_phrase = select(use.c.message_id).where(use.c.message_id.is_not(None))
    live = (select(message.c.text, buyer.c.nick)
            .join(chat, chat.c.id == message.c.conversation_id, isouter=True)
            .join(buyer, buyer.c.id == chat.c.buyer_id, isouter=True)
            .where(message.c.direction == "out", message.c.text != "", message.c.id.not_in(from_phrase))
            .order_by(message.c.id.desc()).limit(limit))
    past = (select(history.c.text, history.c.buyer).where(history.c.sender == "agent", history.c.text != "")
            .limit(limit))
    with store.engine.connect() as connection:
        rows = [*connection.execute(live), *connection.execute(past)]
    return [TypedReply(text, nick or "") for text, nick in rows[:limit]]


def dismissed(store: Store) -> set[str]:
    """The keys of the mined replies the shop dismissed."""
    with store.engine.connect() as connection:
        return set(connection.execute(select(m.PhraseDismissal.__table__.c.key)).scalars())


def dismiss(store: Store, keys: Sequence[tuple[str, str]], at: datetime) -> None:
    """Remember (key, text) pairs as dismissed; one already there stays as it was."""
    known = dismissed(store)
    new = {key: text for key, text in keys if key not in known}
    if not new:
        return
    with store._write_lock, store.engine.begin() as connection:  # noqa: SLF001 - the store's one writer lock
        connection.execute(m.PhraseDismissal.__table__.insert(),
                           [{"key": key[:200], "text": text, "at": at} for key, text in new.items()])
