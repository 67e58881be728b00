"""What most `kefudesk` commands share: the parser that says a mistake in one line, the exit codes, the configured
store (opened and closed around a command's work) and a supervisor's password asked at the terminal. What only
the file imports share is in file_imports.py."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from enum import IntEnum
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from app.store.store import Store

SUPERVISOR_PASSWORD = "KEFUDESK_SUPERVISOR_PASSWORD"


class Exit(IntEnum):
    """The exit codes every command keeps to (the README documents them; scripts test them)."""

    OK = 0
    ATTENTION = 1  # it ran, and what it reports wants a look: bad lines, a broken log, a word stopped, no match
    REFUSED = 2  # a mistake in the command line, the settings or an input file; nothing was changed
    NO_STORE = 3  # the store (or the team's server) cannot be opened or read as asked


class Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one clear line and exit code 2, not a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(Exit.REFUSED, f"{self.prog}: {message} (see {self.prog} --help)\n")


class Stop(Exception):
    """The command ends here with this exit code, having said why on stderr (main() returns the code)."""

    def __init__(self, code: Exit) -> None:
        super().__init__(code)
        self.code = code


class Refused(Exception):
    """A one-line refusal from the command itself (exit code 2)."""


def user_settings(prog: str) -> Mapping[str, Any]:
    """The user's settings; Stop(2) after naming what is wrong in the settings file."""
    from app import config  # 0.05 s of settings, paths and logging imports: a command's --help starts without

    try:
        return config.load_settings()
    except config.SettingsError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        raise Stop(Exit.REFUSED) from exc


@contextmanager
def user_store(prog: str) -> Iterator[Store]:
    """The configured store, closed when the block ends; Stop(3) after saying why when it cannot be opened."""
    from app.gateway.secrets import KeyringSecretStore
    from app.store.errors import StoreError

    from app.desk.configured_store import open_configured

    from app import config

    def ask(where: str) -> str:
        return getpass.getpass(f"{prog}: password for {where}: ") if sys.stdin.isatty() else ""

    try:
        store = open_configured(config.load_settings(), KeyringSecretStore(), ask)
    except (StoreError, config.SettingsError) as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        raise Stop(Exit.NO_STORE) from exc
    try:
        yield store
    finally:
        store.close()


def at_terminal() -> str:
    """Who acts, as far as a command can tell: the computer's user (kept in the audit log with what they did)."""
    try:
        return f"terminal:{getpass.getuser()}"
    except Exception:  # no user name in this environment (getpass raises KeyError or OSError)
        return "terminal"


def ask(env: str, prompt: str, *, twice: bool = False) -> str:
    """A password from env, else typed at the terminal (twice for a new one); Refused if neither can be had."""
    given = os.environ.get(env)
    if given:
        return given
    if not sys.stdin.isatty():
        raise Refused(f"no terminal to ask {prompt}: run this in a terminal, or give it in {env}")
    typed = getpass.getpass(f"{prompt}: ")
    if twice and getpass.getpass(f"{prompt}, again: ") != typed:
        raise Refused("the two passwords typed differ: nothing was changed")
    return typed
