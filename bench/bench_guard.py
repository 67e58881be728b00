"""The send guard runs on every send (and may run on every keystroke): the time of one check of a normal reply (the
ordinary replies of tests/unit/desk/data, p95) and of a long one (2,000 characters, median), each against a plain
substring scan of the same words in the same run, which misses issue 17's dodges; and the shares the tests
measure (issue 17): dodged words the guard stops and the angry flag sees (target 95 %), ordinary replies stopped
(target 0)."""

from __future__ import annotations

import time

from bench.runner import Record, median, p95, record


def _time(check, texts: list[str], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            check(text)
            samples.append(time.perf_counter() - started)
    return samples


def guard(quick: bool) -> list[Record]:
    from app.desk.guard import SendGuard, default_words
    from app.desk.queue import flags

    from tests.unit.desk.test_normalise import NOW, buyer_said, dodges, ordinary_replies, shop_texts

    words = default_words()
    sendguard = SendGuard(words)
    folded = [w.casefold() for w in words]

    def plain(text: str) -> list[str]:
        lowered = text.casefold()
        return [w for w in folded if w in lowered]

    replies = ordinary_replies()
    long_reply = "".join(replies)[:2000]
    rounds = 5 if quick else 30
    reply_ms = p95(_time(sendguard.check, replies, rounds)) * 1000
    reply_plain_ms = p95(_time(plain, replies, rounds)) * 1000
    long_ms = median(_time(sendguard.check, [long_reply], rounds * 10)) * 1000
    long_plain_ms = median(_time(plain, [long_reply], rounds * 10)) * 1000

    rows = dodges()
    guarded = [d for d in rows if d.kind != "angry"]
    stopped = sum(1 for d in guarded if any(h.kind == d.kind for h in sendguard.check(d.text)))
    angry = [d for d in rows if d.kind == "angry"]
    seen = sum(1 for d in angry if "angry" in flags(buyer_said(d.text), NOW))
    false_stops = sum(1 for text in shop_texts() if sendguard.check(text))
    return [
        record("guard_check_reply_p95", reply_ms, "ms", 1.0, reply_plain_ms),
        record("guard_check_2000_chars", long_ms, "ms", 5.0, long_plain_ms),
        record("guard_dodges_stopped", 100 * stopped / len(guarded), "%", 95, None, higher_is_better=True),
        record("angry_dodges_seen", 100 * seen / len(angry), "%", 95, None, higher_is_better=True),
        record("guard_ordinary_stopped", false_stops, "", 0, None),
    ]
