"""The `kefudesk` command: the desk (default), the shop simulator (`sim`) and the benchmarks (`bench`)."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path
from typing import NoReturn

from app import __version__, config

DEMO_AGENT = "demo"


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one clear line and exit code 2, not a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _desk_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kefudesk", description="KefuDesk (客服台): the customer-service desk. "
                     "Other commands: `kefudesk sim` (shop simulator), `kefudesk phrases` (the phrase library), "
                     "`kefudesk orders import` (order exports), `kefudesk problems` (problem-order list), "
                     "`kefudesk report` (daily tables, KPIs), `kefudesk search` (stored chats), "
                     "`kefudesk backup` / `restore` / `export-all` (the store kept safe), "
                     "`kefudesk team setup` (the team's server: logins and rules), "
                     "`kefudesk audit verify` (is the audit log as written?), "
                     "`kefudesk bench` (benchmarks).")
    parser.add_argument("--version", action="version", version=f"KefuDesk {__version__}")
    parser.add_argument("--screenshot", type=Path, metavar="PATH",
                        help="start the desk, let simulated traffic run, save a PNG of the window and exit")
    parser.add_argument("--screenshot-of", choices=("desk", "review", "kpis"), default="desk",
                        help="with --screenshot: the desk (default), or after answering a few buyers through the "
                        "window, the owner's review or the KPI dashboard")
    parser.add_argument("--after", type=float, default=6.0, metavar="SECONDS",
                        help="with --screenshot: how long to let traffic run first (default 6)")
    parser.add_argument("--lang", choices=("auto", "zh_CN", "en"), help="interface language (default: settings)")
    parser.add_argument("--demo", action="store_true", help="use the built-in demo shop even if a shop is configured")
    parser.add_argument("--exit-on-first-paint", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail")
    return parser


def _sim_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kefudesk sim", description="Run the shop simulator (a Shop Gateway on 127.0.0.1).")
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
    return parser


def _bench_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kefudesk bench", description="Run the benchmarks in bench/ and compare to targets.")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions; finishes in under a minute")
    parser.add_argument("--only", metavar="NAME", help="run only benchmarks whose name contains NAME")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the records as JSON to FILE")
    parser.add_argument("--reliability", action="store_true", help="instead: the long crash and bad-input runs "
                        "(150 kills of a working desk, property tests at 20× their inputs; about 15 minutes, "
                        "or 2 with --quick); see docs/reliability.md")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "sim":
        return _run_sim(_sim_parser().parse_args(argv[1:]))
    if argv and argv[0] == "bench":
        return _run_bench(_bench_parser().parse_args(argv[1:]))
    if argv and argv[0] == "profiles":
        from app import profiles_cli

        parser = _Parser(prog="kefudesk profiles", description="The agents and supervisors on this desk. Adding a "
                         "supervisor, changing a role, another person's password or taking someone off takes an "
                         "existing supervisor's name and password (only the store's first supervisor is made "
                         "without); every change is in the audit log under the supervisor who authorised it. "
                         "Passwords are asked at the terminal, never given as arguments (setup scripts: "
                         "KEFUDESK_NEW_PASSWORD, KEFUDESK_SUPERVISOR_PASSWORD, KEFUDESK_OLD_PASSWORD).")
        profiles_cli.add_parsers(parser)
        return profiles_cli.run(parser.parse_args(argv[1:]))
    if argv and argv[0] == "team":
        from app import team_cli

        parser = _Parser(prog="kefudesk team", description="The team's PostgreSQL server: its logins and rules.")
        team_cli.add_parsers(parser)
        return team_cli.run(parser.parse_args(argv[1:]))
    if argv and argv[0] == "guard":
        from app import guard_cli

        parser = _Parser(prog="kefudesk guard", description="The send guard's banned words.")
        guard_cli.add_parsers(parser)
        return guard_cli.run(parser.parse_args(argv[1:]))
    if argv and argv[0] == "policy":
        from app import policy_cli

        parser = _Parser(prog="kefudesk policy", description="The shop's limits for agents (rounding, refunds, gifts).")
        policy_cli.add_parsers(parser)
        return policy_cli.run(parser.parse_args(argv[1:]))
    if argv and argv[0] == "orders":
        from app import orders_cli

        parser = _Parser(prog="kefudesk orders", description="Orders from the marketplace's export.")
        orders_cli.add_parsers(parser)
        return orders_cli.run(parser.parse_args(argv[1:]))
    if argv and argv[0] == "problems":
        from app import problems_cli

        parser = _Parser(prog="kefudesk problems", description="The in-sale problem-order list (问题订单).")
        problems_cli.add_parsers(parser)
        return problems_cli.run(parser.parse_args(argv[1:]))
    if argv and argv[0] == "report":
        from app import report_cli

        parser = _Parser(prog="kefudesk report", description="The floor's daily tables (退款信息表, 补发表…).")
        report_cli.add_arguments(parser)
        return report_cli.run(parser.parse_args(argv[1:]))
    if argv and argv[0] == "palette":
        parser = _Parser(prog="kefudesk palette", description="The phrase palette over any application: a global "
                         "hotkey opens it at the mouse and pastes the chosen phrase where you were typing (X11).")
        parser.add_argument("--hotkey", help="the global hotkey (default: palette.hotkey in the settings, "
                            "Ctrl+Alt+Space)")
        parser.add_argument("--clipboard-hotkey", help="the clipboard history's global hotkey (default: "
                            "palette.clipboard_hotkey in the settings, Ctrl+Alt+V)")
        parser.add_argument("--hotstrings", metavar="GROUPS", help="phrase groups whose abbreviations expand in "
                            "any application, comma-separated (default: palette.hotstring_groups in the settings)")
        parser.add_argument("--lang", choices=("auto", "zh_CN", "en"), default="auto", help="interface language")
        args = parser.parse_args(argv[1:])
        from app.ui.app import run_palette

        try:
            settings = config.load_settings()
        except config.SettingsError as exc:
            print(f"kefudesk palette: {exc}", file=sys.stderr)
            return 2
        chosen = config.palette_settings(settings)
        chosen = dataclasses.replace(
            chosen, hotkey=args.hotkey or chosen.hotkey or "Ctrl+Alt+Space",
            clipboard_hotkey=chosen.clipboard_hotkey if args.clipboard_hotkey is None else args.clipboard_hotkey,
            hotstring_groups=chosen.hotstring_groups if args.hotstrings is None else config.groups(args.hotstrings))
        return run_palette(config.store_path(), chosen, args.lang, settings["store.url"])
    if argv and argv[0] == "search":
        from app import search_cli

        parser = _Parser(prog="kefudesk search", description="Search every stored chat message, buyer, order no. "
                         "and issue note.")
        search_cli.add_arguments(parser)
        return search_cli.run(parser.parse_args(argv[1:]))
    if argv and argv[0] in ("backup", "restore", "export-all"):
        from app import backup_cli

        parser = _Parser(prog=f"kefudesk {argv[0]}", description=backup_cli.DESCRIPTIONS[argv[0]])
        backup_cli.add_arguments(argv[0], parser)
        return backup_cli.run(argv[0], parser.parse_args(argv[1:]))
    if argv and argv[0] == "audit":
        from app import audit_cli

        parser = _Parser(prog="kefudesk audit", description="The audit log's hash chain, and the store's schema.")
        audit_cli.add_parsers(parser)
        return audit_cli.run(parser.parse_args(argv[1:]))
    if argv and argv[0] == "phrases":
        from app import phrases_cli

        parser = _Parser(prog="kefudesk phrases", description="The canned-reply (快捷短语) library.")
        phrases_cli.add_parsers(parser)
        return phrases_cli.run(parser.parse_args(argv[1:]))
    return _run_desk(_desk_parser().parse_args(argv))


def _run_sim(args: argparse.Namespace) -> int:
    from app.shopsim.faults import Faults, FaultsInvalid, ReplayInvalid, read_replay
    from app.shopsim.runner import SimPortInUse, run_standalone

    if not 0 <= args.port <= 65535:
        print(f"kefudesk sim: --port {args.port} is not a port number (0–65535)", file=sys.stderr)
        return 2
    if not 0.01 <= args.speed <= 1000:
        print("kefudesk sim: --speed must be between 0.01 and 1000", file=sys.stderr)
        return 2
    try:
        faults = Faults(drop_every=args.drop_every, delay_ms=args.delay_ms, duplicate_rate=args.duplicate_rate,
                        reorder_rate=args.reorder_rate, restart_every=args.restart_every,
                        forget_tokens=args.forget_tokens, seed=args.seed)
        replay = read_replay(args.replay) if args.replay is not None else None
    except (FaultsInvalid, ReplayInvalid) as exc:
        print(f"kefudesk sim: {exc}", file=sys.stderr)
        return 2
    try:
        run_standalone(port=args.port, buyers=args.buyers, rate=args.rate, seed=args.seed,
                       initial_chats=args.initial_chats, faults=faults, replay=replay, replay_speed=args.speed)
    except SimPortInUse as exc:
        print(f"kefudesk sim: {exc}", file=sys.stderr)
        return 2
    return 0


def _run_bench(args: argparse.Namespace) -> int:
    bench_dir = Path(__file__).resolve().parent.parent / "bench"
    if not (bench_dir / "runner.py").exists():
        print("kefudesk bench: the benchmarks live in the source checkout's bench/ folder; "
              "run this from a clone of the repository", file=sys.stderr)
        return 2
    sys.path.insert(0, str(bench_dir.parent))
    if args.reliability:
        from bench.reliability import run_reliability

        return run_reliability(quick=args.quick, json_path=args.json)
    from bench.runner import run_benchmarks

    return run_benchmarks(quick=args.quick, only=args.only, json_path=args.json)


def _run_desk(args: argparse.Namespace) -> int:
    try:
        settings = config.load_settings()
    except config.SettingsError as exc:
        print(f"kefudesk: {exc}", file=sys.stderr)
        return 2
    config.setup_logging(args.verbose, redact=settings["logging.redact"])
    if (args.screenshot is not None or args.exit_on_first_paint) and not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen needed to take a picture

    from app.desk.session import ShopAccount
    from app.ui.app import DeskOptions, run_desk

    sim = None
    if args.demo or not settings["gateway.url"]:
        from app.shopsim.runner import SimServer

        sim = SimServer(port=0, buyers=settings["demo.buyers"], rate=settings["demo.rate"],
                        initial_chats=settings["demo.initial_chats"])
        sim.start()
        user, password = sim.credentials
        account = ShopAccount(sim.url, sim.shop_id, user, password, demo=True)
        shop_name = sim.shop_name
    else:
        password = os.environ.get("KEFUDESK_PASSWORD", "")
        account = ShopAccount(settings["gateway.url"], settings["gateway.shop"], settings["gateway.agent"], password,
                              allow_plain_http=settings["gateway.allow_plain_http"])
        shop_name = settings["gateway.shop"]
    options = DeskOptions(account=account, shop_name=shop_name, store_path=config.store_path(),
                          store_url=settings["store.url"],
                          language=args.lang or settings["ui.language"], screenshot=args.screenshot,
                          screenshot_after=args.after, exit_on_first_paint=args.exit_on_first_paint,
                          screenshot_of=args.screenshot_of, palette=config.palette_settings(settings),
                          floor=config.floor_settings(settings))
    try:
        return run_desk(options)
    finally:
        if sim is not None:
            sim.stop()
