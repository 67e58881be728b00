"""Values a phrase asks for each time ({ask:补偿金额|money}…, app/quickreplies/template.py): each answer checked
and written as the buyer reads it, and the answers of each chat remembered for its next phrase.

An amount is read as any amount the desk reads (parse_yuan: 5, 5.5, ¥5.50, 5元) and written as every amount is
shown (yuan_text: 5.00). A date is read as 2026-11-24, 11-24, 11/24, 11.24, 11月24日 or 今天 / 明天 / 后天, and
written as a buyer reads it: 11月24日 (2027年1月3日 in another year); a date without a year is the one nearest
to today. A choice must be one of the phrase's list, free text one line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, timedelta

from app.quickreplies.template import CHOICE, DATE, MONEY, Ask
from app.store.store import Store

from app.desk.money import parse_yuan, yuan_text
from app.desk.reasons import Reason
from app.desk.shop_settings import recent_answers_key

MAX_TEXT = 200  # a free-text answer: a remark, a colour, a size — not a letter
KEEP_CHATS = 300  # chats whose answers are remembered, the most recent ones
_RELATIVE = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2}
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")
_WITH_YEAR = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?")
_WITHOUT_YEAR = re.compile(r"(\d{1,2})[-/.月](\d{1,2})[日号]?")


class AnswerRefused(ValueError):
    """An answer that cannot go into the reply; its argument is a Reason naming the field."""


def check_answer(ask: Ask, raw: str, *, today: date) -> str:
    """The answer as it goes into the reply, or AnswerRefused saying what the field needs."""
    value = " ".join(raw.split())  # one line: a newline typed into a field is a slip, not a paragraph
    if not value:
        raise AnswerRefused(Reason("ask_empty", f"{ask.label}: fill it in", field=ask.label))
    if ask.kind == MONEY:
        try:
            fen = parse_yuan(value)
        except ValueError:
            raise AnswerRefused(Reason("ask_not_amount", f"{ask.label}: {value} is not an amount; type yuan such "
                                       "as 5 or 12.50", field=ask.label, value=value[:20])) from None
        if fen <= 0:
            raise AnswerRefused(Reason("ask_amount_not_positive", f"{ask.label}: the amount must be more than "
                                       "0.00", field=ask.label))
        return yuan_text(fen)
    if ask.kind == DATE:
        day = read_date(value, today)
        if day is None:
            raise AnswerRefused(Reason("ask_not_a_date", f"{ask.label}: {value} is not a date such as 11-24 or "
                                       "明天", field=ask.label, value=value[:20]))
        return date_text(day, today)
    if ask.kind == CHOICE:
        if value not in ask.choices:
            raise AnswerRefused(Reason("ask_not_a_choice", f"{ask.label}: choose one of {'、'.join(ask.choices)}",
                                       field=ask.label, choices="、".join(ask.choices)))
        return value
    if len(value) > MAX_TEXT:
        raise AnswerRefused(Reason("ask_too_long", f"{ask.label}: at most {MAX_TEXT} characters",
                                   field=ask.label, limit=MAX_TEXT))
    return value


def read_date(text: str, today: date) -> date | None:
    text = text.strip().translate(_FULL_WIDTH)
    if text in _RELATIVE:
        return today + timedelta(days=_RELATIVE[text])
    try:
        if found := _WITH_YEAR.fullmatch(text):
            return date(int(found[1]), int(found[2]), int(found[3]))
        if found := _WITHOUT_YEAR.fullmatch(text):
            month, day = int(found[1]), int(found[2])
            candidates = []
            for year in (today.year - 1, today.year, today.year + 1):
                try:
                    candidates.append(date(year, month, day))
                except ValueError:  # 2-29 in a year without it
                    continue
            return min(candidates, key=lambda d: abs((d - today).days)) if candidates else None
    except ValueError:  # 13-40, 2026-02-30
        return None
    return None


def date_text(day: date, today: date) -> str:
    return f"{day.month}月{day.day}日" if day.year == today.year else f"{day.year}年{day.month}月{day.day}日"


class AskMemory:
    """The answers given in each chat, offered again in the form the next time a phrase there asks for the same
    label (the agent still confirms them: they are decisions). Kept in the store's meta, one entry per agent,
    for the KEEP_CHATS most recent chats, so a restart does not forget them."""

    def __init__(self, store: Store, agent: str) -> None:
        self._store = store
        self.key = recent_answers_key(agent)
        self._chats: dict[str, dict[str, str]] | None = None

    def _loaded(self) -> dict[str, dict[str, str]]:
        if self._chats is None:
            try:
                raw = json.loads(self._store.get_meta(self.key) or "{}")
            except ValueError:
                raw = {}
            self._chats = {str(chat): {str(k): str(v) for k, v in answers.items()}
                           for chat, answers in (raw.items() if isinstance(raw, dict) else ())
                           if isinstance(answers, dict)}
        return self._chats

    def answers(self, conversation_id: str) -> dict[str, str]:
        return dict(self._loaded().get(conversation_id, {}))

    def remember(self, conversation_id: str, answers: Mapping[str, str]) -> str:
        """Keep this chat's answers (newest chat last); returns what to write to the store under self.key, which
        the caller does off the GUI thread."""
        chats = self._loaded()
        kept = chats.pop(conversation_id, {}) | dict(answers)
        chats[conversation_id] = kept
        while len(chats) > KEEP_CHATS:
            del chats[next(iter(chats))]
        return json.dumps(chats, ensure_ascii=False)
