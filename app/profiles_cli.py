"""`kefudesk profiles add NAME --role agent|supervisor`: the people on this desk. A supervisor's password is
asked at the terminal (never an argument: it would sit in the shell history) and kept as a salted hash."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from app.cli_store import open_user_store


def add_parsers(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add = commands.add_parser("add", help="add or change a profile")
    add.add_argument("name")
    add.add_argument("--role", choices=("agent", "supervisor"), default="agent")


def run(args: argparse.Namespace) -> int:
    from app.desk.issues import IssueDesk, IssueRefused
    from app.store.errors import ServerRefused

    password = ""
    if args.role == "supervisor":
        # KEFUDESK_NEW_PASSWORD lets a setup script (and the tests) give it without a terminal
        password = os.environ.get("KEFUDESK_NEW_PASSWORD") or getpass.getpass(f"password for {args.name}: ")
    store = open_user_store("kefudesk profiles")
    if store is None:
        return 3
    try:
        IssueDesk(store, args.name).add_profile(args.name, args.role, password)
    except IssueRefused as exc:
        print(f"kefudesk profiles: {exc}", file=sys.stderr)
        return 2
    except ServerRefused as exc:  # a team server's agents' login: profiles are a supervisor's or the owner's
        print(f"kefudesk profiles: {exc.detail}: a supervisor's login adds profiles on the team's server, and "
              "kefudesk team setup --supervisor NAME=LOGIN adds a supervisor", file=sys.stderr)
        return 2
    finally:
        store.close()
    print(f"{args.name}: {args.role}")
    return 0
