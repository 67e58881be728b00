"""How well the suggestions would have answered a shop's own chats: `kefudesk phrases evaluate` and the bench.

The conversations are split in two by a hash of their id (the same split on every run and every machine); the
suggester learns from one half and is asked about each buyer turn of the other half whose reply was a phrase of
the library (exactly, once normalised). Two baselines are computed in the same run: the three phrases sent most
often, and the phrases after the nearest past buyer turn (TF-IDF nearest neighbour).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from app.quickreplies.learn import HistoryIndex, Turn, plain, turns
from app.quickreplies.phrase import Phrase
from app.quickreplies.suggest import Suggester

Conversation = Sequence[tuple[str, str]]  # (from, text), in order


@dataclass(frozen=True)
class Hits:
    hit1: float
    hit3: float


@dataclass(frozen=True)
class Evaluation:
    asked: int  # buyer turns of the held-out half answered with a phrase
    learned_from: int  # buyer turns of the other half
    suggester: Hits
    most_frequent: Hits
    nearest: Hits

    def as_dict(self) -> dict[str, object]:
        return {"asked": self.asked, "learned_from": self.learned_from,
                **{name: {"hit@1": round(h.hit1, 4), "hit@3": round(h.hit3, 4)}
                   for name, h in (("suggester", self.suggester), ("most_frequent_three", self.most_frequent),
                                   ("tfidf_nearest", self.nearest))}}


def held_out(conversation_id: str) -> bool:
    """The conversation is in the half asked about (the other half is learned from)."""
    return zlib.crc32(conversation_id.encode("utf-8")) % 2 == 1


def evaluate(phrases: Sequence[Phrase], conversations: Mapping[str, Conversation]) -> Evaluation:
    train = [t for cid, conv in conversations.items() if not held_out(cid) for t in turns(conv)]
    exact = {plain(p.body): p.id for p in phrases if plain(p.body)}
    test = [(t, exact[plain(t.reply)]) for cid, conv in conversations.items() if held_out(cid)
            for t in turns(conv) if plain(t.reply) in exact]
    index = HistoryIndex([(p.id, p.body) for p in phrases], train)
    suggester = Suggester(phrases, learned=index)
    frequent = [pid for pid, _ in index.sent.most_common(3)]

    def ours(turn: Turn) -> list[int]:
        return [s.phrase.id for s in suggester.suggest(turn.buyer, 3, before=turn.before)]

    return Evaluation(len(test), len(train), _hits(test, ours), _hits(test, lambda _turn: frequent),
                      _hits(test, lambda turn: index.nearest(turn.buyer)))


def _hits(test: Sequence[tuple[Turn, int]], ranked: Callable[[Turn], list[int]]) -> Hits:
    if not test:
        return Hits(0.0, 0.0)
    one = three = 0
    for turn, answer in test:
        found = ranked(turn)
        one += answer in found[:1]
        three += answer in found[:3]
    return Hits(one / len(test), three / len(test))
