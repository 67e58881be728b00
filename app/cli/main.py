"""The `kefudesk` command: the table of its subcommands, each implemented in its own module of app/cli/, and
the dispatch to one of them. Without a subcommand it starts the desk (app/cli/desk.py)."""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass

from app.cli.common import Parser, Stop


@dataclass(frozen=True)
class Command:
    """Where a command is implemented and what its --help says first."""

    module: str  # app.cli.<module>, imported only when its command runs: each command starts without the others
    description: str
    add_arguments: str = "add_arguments"  # the module's function(parser) that declares its arguments
    run: str = "run"  # the module's function(args) that runs it and returns the exit code


DESK = Command("desk", "KefuDesk (客服台): the customer-service desk. "
               "Other commands: `kefudesk sim` (shop simulator), `kefudesk phrases` (the phrase library), "
               "`kefudesk orders import` (order exports), `kefudesk problems` (problem-order list), "
               "`kefudesk report` (daily tables, KPIs), `kefudesk search` (stored chats), "
               "`kefudesk backup` / `restore` / `export-all` (the store kept safe), "
               "`kefudesk team setup` (the team's server: logins and rules), "
               "`kefudesk audit verify` (is the audit log as written?), "
               "`kefudesk bench` (benchmarks).")

COMMANDS: dict[str, Command] = {
    "sim": Command("sim", "Run the shop simulator (a Shop Gateway on 127.0.0.1)."),
    "bench": Command("bench", "Run the benchmarks in bench/ and compare to targets."),
    "profiles": Command("profiles", "The agents and supervisors on this desk. Adding a supervisor, changing a "
                        "role, another person's password or taking someone off takes an existing supervisor's name "
                        "and password (only the store's first supervisor is made without); every change is in the "
                        "audit log under the supervisor who authorised it. Passwords are asked at the terminal, "
                        "never given as arguments (setup scripts: KEFUDESK_NEW_PASSWORD, "
                        "KEFUDESK_SUPERVISOR_PASSWORD, KEFUDESK_OLD_PASSWORD)."),
    "team": Command("team", "The team's PostgreSQL server: its logins and rules."),
    "guard": Command("guard", "The send guard's banned words."),
    "policy": Command("policy", "The shop's limits for agents (rounding, refunds, gifts)."),
    "orders": Command("orders", "Orders from the marketplace's export."),
    "problems": Command("problems", "The in-sale problem-order list (问题订单)."),
    "report": Command("report", "The floor's daily tables (退款信息表, 补发表…)."),
    "palette": Command("palette", "The phrase palette over any application: a global hotkey opens it at the mouse "
                       "and pastes the chosen phrase where you were typing (X11)."),
    "search": Command("search", "Search every stored chat message, buyer, order no. and issue note."),
    "backup": Command("backup", "Copy the store (consistent while the desk runs) to PATH, by default to a new file "
                      "named by the time in the backups folder beside it.",
                      "add_backup_arguments", "run_backup"),
    "restore": Command("backup", "Put a backup in the store's place; the store it replaces is kept beside it. "
                       "Close KefuDesk first.", "add_restore_arguments", "run_restore"),
    "export-all": Command("backup", "Write the whole store (every table as JSON Lines, the pictures, a manifest) to "
                          "a zip that needs no KefuDesk to read.", "add_export_all_arguments", "run_export_all"),
    "audit": Command("audit", "The audit log's hash chain, and the store's schema."),
    "phrases": Command("phrases", "The canned-reply (快捷短语) library."),
    "history": Command("history", "A shop's past chats, for the suggestions to learn from."),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        prog, command, argv = f"kefudesk {argv[0]}", COMMANDS[argv[0]], argv[1:]
    else:  # no subcommand, or only options: the desk
        prog, command = "kefudesk", DESK
    module = importlib.import_module(f"app.cli.{command.module}")
    parser = Parser(prog=prog, description=command.description)
    getattr(module, command.add_arguments)(parser)
    args = parser.parse_args(argv)
    try:
        return getattr(module, command.run)(args)
    except Stop as stop:
        return stop.code
