"""`kefudesk` with no subcommand: the desk window, on the configured shop or the built-in demo shop, and the
README's screenshots (--screenshot)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__
from app.cli.common import Exit, user_settings
from app.cli.screen import screen_problem

if TYPE_CHECKING:
    from app.shopsim.runner import SimServer

DEMO_LOGIN = ("demo", "demo", "demo")  # the demo shop's shop id, agent and password, given to the simulator


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"KefuDesk {__version__}")
    parser.add_argument("--screenshot", type=Path, metavar="PATH",
                        help="start the desk, let simulated traffic run, save a PNG of the window and exit")
    parser.add_argument("--screenshot-of", default="desk",
                        choices=("desk", "review", "kpis", "palette", "phrases", "issue", "worklist", "search",
                                 "settings", "keys"),
                        help="with --screenshot: the desk (default), or after answering a few buyers through the "
                        "window, a view the user guide shows (app/ui/start.py SHOTS)")
    parser.add_argument("--after", type=float, default=6.0, metavar="SECONDS",
                        help="with --screenshot: how long to let traffic run first (default 6)")
    parser.add_argument("--lang", choices=("auto", "zh_CN", "en"), help="interface language (default: settings)")
    parser.add_argument("--demo", action="store_true", help="use the built-in demo shop even if a shop is configured")
    parser.add_argument("--exit-on-first-paint", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail")


def run(args: argparse.Namespace) -> int:
    from app import config

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

    demo = None
    if args.demo or not settings["gateway.url"]:
        from app.shopsim.vocab import SHOP_NAME

        demo = DemoShop(settings)
        shop, user, password = DEMO_LOGIN
        account = ShopAccount(demo.url, shop, user, password, demo=True)
        shop_name = SHOP_NAME
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
                          floor=config.floor_settings(settings), theme=settings["ui.theme"],
                          start_shop=demo.start if demo else None)
    try:
        return run_desk(options)
    finally:
        if demo is not None:
            demo.stop()


class DemoShop:
    """The built-in demo shop (the simulator), started by the desk on a thread of its own after its first paint:
    the server and its world cost a cold start 0.2 s. Its loopback port is chosen now, so the desk knows where it
    will log in before the shop is up."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        import socket

        self.settings = settings
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:  # a free port, as port 0 would pick
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.sim: SimServer | None = None

    def start(self) -> None:
        from app.shopsim.runner import SimServer
        from app.shopsim.world import Credentials

        shop, agent, password = DEMO_LOGIN
        self.sim = SimServer(port=self.port, buyers=self.settings["demo.buyers"], rate=self.settings["demo.rate"],
                             initial_chats=self.settings["demo.initial_chats"],
                             credentials=Credentials(shop=shop, agent=agent, password=password))
        self.sim.start()

    def stop(self) -> None:
        if self.sim is not None:
            self.sim.stop()
