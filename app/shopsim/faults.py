"""What can go wrong between a shop and the desk, on purpose: the simulator's fault switches, and recorded
traffic replayed instead of generated buyers.

Faults (`kefudesk sim --drop-every N --delay-ms M --duplicate-rate P --reorder-rate P --restart-every S
--forget-tokens`):
- drop-every N: an event stream ends after N events (the desk resumes with Last-Event-ID);
- delay-ms M: every protocol response and every streamed event waits M ms (±50 %, so events are not in lockstep);
- duplicate-rate P: an event is sent twice, with the same id, with probability P;
- reorder-rate P: an event is held back and sent after the next one with probability P;
- restart-every S: the standalone simulator stops and starts again on its port every S seconds, keeping its
  shop (buyers, chats, messages), as a gateway restarted by its operator would;
- forget-tokens: a restart (by --restart-every or SimServer.restart()) forgets every login token, as a gateway
  that keeps its sessions in memory does: each desk's next call is refused (401) until it logs in again.
All draws come from one seeded random stream (--seed), so a failing run can be repeated.

Replay (`kefudesk sim --replay FILE.jsonl [--speed X]`): one JSON object a line,
    {"conversation": "c-1", "buyer": "tb_果果妈", "text": "在吗", "after": 1.5}
— the buyer writes the text `after` seconds (0–3600) after the previous line; lines of one conversation must
name the same buyer. Blank lines and lines starting with # are skipped. The whole file is checked before the
simulator starts, and the first bad line is named with its number and the way out.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

MAX_AFTER_S = 3600.0
MAX_TEXT = 2000


class FaultsInvalid(ValueError):
    """A fault switch out of range; the message names the option."""


class ReplayInvalid(ValueError):
    """A replay file that cannot be played; the message names the line."""


@dataclass
class Faults:
    drop_every: int = 0
    delay_ms: int = 0
    duplicate_rate: float = 0.0
    reorder_rate: float = 0.0
    restart_every: float = 0.0
    forget_tokens: bool = False
    seed: int | None = None
    rng: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.drop_every, int) or self.drop_every < 0:
            raise FaultsInvalid("--drop-every must be 0 (never) or a whole number of events")
        if not 0 <= self.delay_ms <= 60_000:
            raise FaultsInvalid("--delay-ms must be between 0 and 60000")
        for name, rate in (("--duplicate-rate", self.duplicate_rate), ("--reorder-rate", self.reorder_rate)):
            if not 0.0 <= rate <= 1.0:
                raise FaultsInvalid(f"{name} must be between 0 and 1 (0.1 is one event in ten)")
        if self.restart_every and self.restart_every < 1:
            raise FaultsInvalid("--restart-every must be 0 (never) or at least 1 second")
        self.rng = random.Random(self.seed)

    @property
    def any(self) -> bool:
        return bool(self.drop_every or self.delay_ms or self.duplicate_rate or self.reorder_rate)

    def describe(self) -> str:
        """The switches that are on, in a few words for the console."""
        parts = [f"{name} {value:g}" for name, value in (
            ("--drop-every", self.drop_every), ("--delay-ms", self.delay_ms), ("--duplicate-rate", self.duplicate_rate),
            ("--reorder-rate", self.reorder_rate), ("--restart-every", self.restart_every)) if value]
        if self.forget_tokens:
            parts.append("--forget-tokens")
        return " ".join(parts) or "none"

    def delay_s(self) -> float:
        return self.delay_ms / 1000 * self.rng.uniform(0.5, 1.5) if self.delay_ms else 0.0

    def duplicate(self) -> bool:
        return self.duplicate_rate > 0 and self.rng.random() < self.duplicate_rate

    def reorder(self) -> bool:
        return self.reorder_rate > 0 and self.rng.random() < self.reorder_rate


@dataclass(frozen=True)
class ReplayLine:
    number: int  # in the file, from 1
    conversation: str
    buyer: str
    text: str
    after: float


def read_replay(path: Path) -> list[ReplayLine]:
    """Every line of a replay file, checked; ReplayInvalid names the first bad one."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReplayInvalid(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReplayInvalid(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8 and try again") from exc
    lines: list[ReplayLine] = []
    buyers: dict[str, str] = {}
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path.name} line {number}"
        try:
            item = json.loads(line)
        except ValueError as exc:
            raise ReplayInvalid(f"{where}: not a JSON object ({exc.msg}); each line is one object such as "
                                '{"conversation": "c-1", "buyer": "tb_果果妈", "text": "在吗", "after": 1.5}') from exc
        if not isinstance(item, dict):
            raise ReplayInvalid(f"{where}: a line is one JSON object, not {type(item).__name__}")
        missing = [k for k in ("conversation", "buyer", "text") if not isinstance(item.get(k), str) or not item[k]]
        if missing:
            raise ReplayInvalid(f"{where}: {', '.join(missing)} missing or not text")
        after = item.get("after", 0)
        if isinstance(after, bool) or not isinstance(after, int | float) or not 0 <= after <= MAX_AFTER_S:
            raise ReplayInvalid(f"{where}: after must be seconds from 0 to {MAX_AFTER_S:.0f}")
        if len(item["text"]) > MAX_TEXT:
            raise ReplayInvalid(f"{where}: the text is longer than {MAX_TEXT} characters")
        known = buyers.setdefault(item["conversation"], item["buyer"])
        if known != item["buyer"]:
            raise ReplayInvalid(f"{where}: conversation {item['conversation']!r} was {known!r}'s, now "
                                f"{item['buyer']!r}; one conversation has one buyer")
        lines.append(ReplayLine(number, item["conversation"], item["buyer"][:60], item["text"], float(after)))
    if not lines:
        raise ReplayInvalid(f"{path}: no lines to replay")
    return lines
