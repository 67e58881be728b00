"""`kefudesk sim`: the shop simulator on its own, for a desk (or several) to connect to, with the fault switches
that rehearse a bad network and the replay of recorded traffic."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import Exit

PROG = "kefudesk sim"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (0: a free one; default 8765)")
    parser.add_argument("--buyers", type=int, default=50, help="simulated buyers (default 50)")
    parser.add_argument("--rate", type=float, default=12.0, help="new buyer messages per minute (default 12)")
    parser.add_argument("--initial-chats", type=int, default=5, help="buyers already waiting at start")
    parser.add_argument("--seed", type=int, default=None, help="random seed, for a repeatable run")
    faults = parser.add_argument_group("fault switches (to rehearse a bad network; see app/shopsim/faults.py)")
    faults.add_argument("--drop-every", type=int, default=0, metavar="N",
                        help="end every event stream after N events (the desk resumes with Last-Event-ID)")
    faults.add_argument("--delay-ms", type=int, default=0, metavar="M",
                        help="delay every response and streamed event by about M ms (±50 %%)")
    faults.add_argument("--duplicate-rate", type=float, default=0.0, metavar="P",
                        help="send an event twice with probability P (0–1)")
    faults.add_argument("--reorder-rate", type=float, default=0.0, metavar="P",
                        help="send an event after the next one with probability P (0–1)")
    faults.add_argument("--restart-every", type=float, default=0.0, metavar="S",
                        help="stop and start again on the same port every S seconds, keeping the shop")
    faults.add_argument("--forget-tokens", action="store_true",
                        help="a restart forgets every login token, so each desk must log in again")
    replay = parser.add_argument_group("replay")
    replay.add_argument("--replay", type=Path, metavar="FILE.jsonl",
                        help='recorded traffic instead of generated buyers: one JSON object a line, {"conversation": '
                        '"c-1", "buyer": "tb_果果妈", "text": "在吗", "after": 1.5} (seconds after the previous line); '
                        "blank lines and # comments are skipped, a bad line stops it before it starts. --rate and "
                        "--initial-chats are ignored and buyers do not answer by themselves (docs/sim-replay.md)")
    replay.add_argument("--speed", type=float, default=1.0, metavar="X", help="play the replay X times as fast")


def run(args: argparse.Namespace) -> int:
    from app.shopsim.faults import Faults, FaultsInvalid, ReplayInvalid, read_replay
    from app.shopsim.runner import SimPortInUse, run_standalone

    if not 0 <= args.port <= 65535:
        print(f"{PROG}: --port {args.port} is not a port number (0–65535)", file=sys.stderr)
        return Exit.REFUSED
    if not 0.01 <= args.speed <= 1000:
        print(f"{PROG}: --speed must be between 0.01 and 1000", file=sys.stderr)
        return Exit.REFUSED
    try:
        faults = Faults(drop_every=args.drop_every, delay_ms=args.delay_ms, duplicate_rate=args.duplicate_rate,
                        reorder_rate=args.reorder_rate, restart_every=args.restart_every,
                        forget_tokens=args.forget_tokens, seed=args.seed)
        replay = read_replay(args.replay) if args.replay is not None else None
    except (FaultsInvalid, ReplayInvalid) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return Exit.REFUSED
    try:
        run_standalone(port=args.port, buyers=args.buyers, rate=args.rate, seed=args.seed,
                       initial_chats=args.initial_chats, faults=faults, replay=replay, replay_speed=args.speed)
    except SimPortInUse as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return Exit.REFUSED
    return Exit.OK
