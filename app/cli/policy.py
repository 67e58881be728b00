"""`kefudesk policy show|set`: the shop's role limits for agents — price rounding, partial refunds, gifts. Changing
them needs a supervisor of this desk; the password is asked at the terminal (or KEFUDESK_SUPERVISOR_PASSWORD for
setup scripts), and the change goes to the audit log with the old and new values."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING

from app.cli.common import SUPERVISOR_PASSWORD, Exit, Refused, ask, at_terminal, user_store

if TYPE_CHECKING:
    from app.desk.policy import Policy

OPTIONS = {  # option → policy field, help
    "--rounding-max": ("rounding_max_share", "price rounding an agent may give alone, in %% of the order (1%%)"),
    "--roundings-per-day": ("rounding_per_day", "price roundings per agent per day (3)"),
    "--partial-refund-max": ("partial_refund_max_fen", "largest partial refund an agent may give alone, yuan (6.00)"),
    "--partial-refund-share": ("partial_refund_max_share", "largest partial refund, in %% of the order (30%%)"),
    "--gift-max": ("gift_max_fen", "largest gift or coupon an agent may give alone, yuan (20.00)"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("show", help="print the limits in force")
    change = commands.add_parser("set", help="change limits (a supervisor's password is asked)")
    change.add_argument("--supervisor", required=True, help="a supervisor profile of this desk")
    for option, (_field, text) in OPTIONS.items():
        change.add_argument(option, metavar="VALUE", help=text)


def describe(policy: Policy) -> list[str]:
    from app.desk.money import yuan_text

    values = asdict(policy)
    lines = []
    for option, (field, _text) in OPTIONS.items():
        value = values[field]
        shown = (f"{value:.2%}".replace(".00%", "%") if field.endswith("share") else
                 yuan_text(value) if field.endswith("fen") else str(value))
        lines.append(f"{option[2:]:<22} {shown}")
    return lines


def run(args: argparse.Namespace) -> int:
    from app.desk.issues import IssueDesk
    from app.desk.policy import parse_policy
    from app.desk.refused import IssueRefused

    try:
        with user_store("kefudesk policy") as store:
            desk = IssueDesk(store, at_terminal())  # who typed it; the supervisor is who authorised it
            if args.command == "show":
                print("\n".join(describe(desk.policy)))
                return Exit.OK
            raw = {field: getattr(args, option[2:].replace("-", "_")) for option, (field, _t) in OPTIONS.items()}
            raw = {field: value for field, value in raw.items() if value is not None}
            if not raw:
                print("kefudesk policy set: nothing to change; give at least one of " + ", ".join(OPTIONS),
                      file=sys.stderr)
                return Exit.REFUSED
            policy = parse_policy(raw, desk.policy)  # bad values are named before the password is asked
            password = ask(SUPERVISOR_PASSWORD, f"password of supervisor {args.supervisor}")
            desk.set_policy(policy, args.supervisor, password)
            print("\n".join(describe(desk.policy)))
            return Exit.OK
    except (IssueRefused, Refused) as exc:
        print(f"kefudesk policy: {exc}", file=sys.stderr)
        return Exit.REFUSED
