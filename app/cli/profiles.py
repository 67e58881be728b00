"""`kefudesk profiles list|add|role|password|remove`: the people on this desk. Adding a supervisor, changing a role,
another person's password or taking someone off takes an existing supervisor's name (--supervisor) and password;
only the store's very first supervisor is made without one. Passwords come from the terminal, never from an
argument (it would sit in the shell history), or for setup scripts and tests from KEFUDESK_NEW_PASSWORD (the new
one), KEFUDESK_SUPERVISOR_PASSWORD (the authorising supervisor's) and KEFUDESK_OLD_PASSWORD (one's own, to change it).
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from typing import TYPE_CHECKING

from app.cli.common import SUPERVISOR_PASSWORD, Exit, Refused, ask, at_terminal, user_store

if TYPE_CHECKING:
    from app.desk.issues import IssueDesk

PROG = "kefudesk profiles"
NEW_PASSWORD = "KEFUDESK_NEW_PASSWORD"
OLD_PASSWORD = "KEFUDESK_OLD_PASSWORD"
FIRST_SUPERVISOR = ("first supervisor of this store: from now on adding a supervisor, changing anyone's role or "
                    "another person's password, changing the limits and removing a banned word take a supervisor's "
                    "name and password")


NAME_HELP = "the person's name, as the audit log shows it"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def by(command: argparse.ArgumentParser, needed: str) -> None:
        command.add_argument("--supervisor", "--by", metavar="NAME", dest="supervisor", required=needed == "always",
                             help="an existing supervisor who authorises this; their password is asked"
                             + (f" ({needed})" if needed != "always" else ""))

    commands.add_parser("list", help="the people on this desk and their roles")
    add = commands.add_parser("add", help="add a person (an existing name is refused, never overwritten)",
                              description="Add a person. The store's first supervisor is made without anyone's "
                              "password, once; after that a new supervisor needs --supervisor.")
    add.add_argument("name", help=NAME_HELP)
    add.add_argument("--role", choices=("agent", "supervisor"), default="agent",
                     help="agent (default) or supervisor (their new password is asked)")
    by(add, "needed for a supervisor once the store has one")
    role = commands.add_parser("role", help="make a person an agent or a supervisor",
                               description="Change a person's role. A new supervisor's password is asked; an agent "
                               "keeps none. The last supervisor stays one.")
    role.add_argument("name", help=NAME_HELP)
    role.add_argument("role", choices=("agent", "supervisor"))
    by(role, "always")
    password = commands.add_parser("password", help="change a supervisor's password",
                                   description="Change a supervisor's password: your own with your current one, or "
                                   "another's with --supervisor.")
    password.add_argument("name", help=NAME_HELP)
    by(password, "for another person's password")
    remove = commands.add_parser("remove", help="take a person off this desk (never the last supervisor)")
    remove.add_argument("name", help=NAME_HELP)
    by(remove, "always")


HINTS = {  # the way out, for the refusals a command line can do something about
    "profile_exists": "change a role with `kefudesk profiles role {name} ROLE --supervisor NAME`, a password with "
                      "`kefudesk profiles password {name}`",
    "supervisor_needed": "give --supervisor NAME (an existing supervisor, see `kefudesk profiles list`)",
    "no_profile": "see `kefudesk profiles list`",
    "not_supervisor": "see `kefudesk profiles list`",
    "agent_password": "make them a supervisor with `kefudesk profiles role {name} supervisor --supervisor NAME`",
}


def run(args: argparse.Namespace) -> int:
    from app.store.errors import ServerRefused

    from app.desk.issues import IssueDesk
    from app.desk.refused import IssueRefused

    try:
        with user_store(PROG) as store:
            desk = IssueDesk(store, at_terminal())
            print(_run(desk, args))
            return Exit.OK
    except Refused as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return Exit.REFUSED
    except IssueRefused as exc:
        hint = HINTS.get(exc.code, "").replace("{name}", getattr(args, "name", ""))
        print(f"{PROG}: {exc}" + (f"; {hint}" if hint else ""), file=sys.stderr)
        return Exit.REFUSED
    except ServerRefused as exc:  # a team server's agents' login: profiles are a supervisor's or the owner's
        print(f"kefudesk profiles: {exc.detail}: a supervisor's login adds profiles on the team's server, and "
              "kefudesk team setup --supervisor NAME=LOGIN adds a supervisor", file=sys.stderr)
        return Exit.REFUSED


def _run(desk: IssueDesk, args: argparse.Namespace) -> str:
    people = dict(desk.profiles())
    if args.command == "list":
        return "\n".join(f"{name}\t{role}" for name, role in people.items()) or "(nobody yet)"
    name, supervisor = unicodedata.normalize("NFC", args.name.strip()), args.supervisor or ""
    # what can be refused without a password is refused before one is asked
    if args.command == "add" and name in people:
        raise Refused(f"{name!r} already has a profile ({people[name]}): nothing was changed; "
                      + HINTS["profile_exists"].replace("{name}", name))
    if args.command != "add" and name not in people:
        raise Refused(f"{name!r} has no profile on this desk; " + HINTS["no_profile"])
    if args.command == "role" and people[name] == args.role:
        raise Refused(f"{name!r} is already {'an' if args.role == 'agent' else 'a'} {args.role}: nothing was changed")
    if args.command == "password" and people[name] != "supervisor":
        raise Refused(f"{name!r} is an agent: only a supervisor has a password on this desk; "
                      + HINTS["agent_password"].replace("{name}", name))
    first = args.command == "add" and args.role == "supervisor" and not supervisor
    if first and "supervisor" in people.values():
        raise Refused("this store has a supervisor: adding another takes an existing supervisor's name and "
                      "password; " + HINTS["supervisor_needed"])
    authority = ask(SUPERVISOR_PASSWORD, f"password of supervisor {supervisor}") if supervisor else ""

    if args.command == "add":
        password = ask(NEW_PASSWORD, f"new password for {name}", twice=True) if args.role == "supervisor" else ""
        first = desk.add_profile(name, args.role, password, supervisor=supervisor, supervisor_password=authority)
        return f"{name}: {args.role}" + (f"\n{FIRST_SUPERVISOR}" if first else "")
    if args.command == "role":
        password = ask(NEW_PASSWORD, f"new password for {name}", twice=True) if args.role == "supervisor" else ""
        desk.set_role(name, args.role, supervisor=supervisor, supervisor_password=authority, password=password)
        return f"{name}: {people[name]} -> {args.role}"
    if args.command == "password":
        old = "" if supervisor else ask(OLD_PASSWORD, f"current password of {name}")
        new = ask(NEW_PASSWORD, f"new password for {name}", twice=True)
        desk.set_password(name, new, old_password=old, supervisor=supervisor, supervisor_password=authority)
        return f"{name}: password changed"
    desk.remove_profile(name, supervisor=supervisor, supervisor_password=authority)
    return f"{name}: removed"
