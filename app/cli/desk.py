"""`kefudesk` with no subcommand: the desk window, on the configured shop or the built-in demo shop, and the
README's screenshots (--screenshot)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app import __version__, config
from app.cli.common import Exit, user_settings
from app.cli.screen import screen_problem


def add_arguments(parser: argparse.ArgumentParser) -> None:
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


def run(args: argparse.Namespace) -> int:
    settings = user_settings("kefudesk")
    config.setup_logging(args.verbose, redact=settings["logging.redact"])
    if (args.screenshot is not None or args.exit_on_first_paint) and not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen needed to take a picture
    problem = screen_problem(os.environ)
    if problem is not None:
        print(f"kefudesk: {problem}", file=sys.stderr)
        return Exit.REFUSED

    from app.desk.session import ShopAccount

    from app.ui.start import DeskOptions, run_desk

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
                          floor=config.floor_settings(settings), theme=settings["ui.theme"])
    try:
        return run_desk(options)
    finally:
        if sim is not None:
            sim.stop()
