"""Crash reports: an error nothing caught — in the window, in a background thread — is written to a report in
the data dir (crash-reports/, readable by the user alone, buyers' phone numbers, accounts and addresses redacted
as in the log) and the agent is told where it is, while the desk goes on: every message, draft and record is
committed as it happens, so nothing waits on the code that failed. No Qt here; the window supplies `notify`.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from app.files.writing import private_dir
from app.redact import redact

from app import __version__

log = logging.getLogger("kefudesk.crash")
KEEP = 50  # reports kept; older ones are removed when a new one is written


def write_report(directory: Path, error: BaseException, trace: TracebackType | None, *, thread: str = "",
                 now: datetime | None = None) -> Path:
    """One report file for this error; its path."""
    now = now or datetime.now(UTC)
    private_dir(directory)
    path = directory / f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}-{now.microsecond:06d}.txt"
    lines = "".join(traceback.format_exception(type(error), error, trace))
    body = (f"KefuDesk {__version__} crash report\n"
            f"time (UTC): {now.isoformat(timespec='seconds')}\n"
            f"python: {platform.python_version()} on {platform.platform()}\n"
            f"thread: {thread or threading.current_thread().name}\n\n{lines}")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(redact(body))
    for old in sorted(directory.glob("crash-*.txt"))[:-KEEP]:
        old.unlink(missing_ok=True)
    return path


def install(directory: Path, notify: Callable[[Path], None] = lambda _path: None,
            known: Callable[[BaseException], bool] = lambda _error: False) -> None:
    """Catch what nothing else caught, on every thread: write a report, log it, and call notify(report path)
    (from the failing thread: a window hands it to its own thread). Ctrl+C and a thread's SystemExit pass.
    known(error) True: a failure the desk already says in its own words (the team's server away) — no report."""
    previous = sys.excepthook

    def report(error: BaseException, trace: TracebackType | None, thread: str) -> None:
        if known(error):
            log.info("%s: %s (said to the agent; no crash report)", type(error).__name__, error)
            return
        try:
            path = write_report(directory, error, trace, thread=thread)
        except OSError:  # a full disk or a read-only data dir: the log (or stderr) still has it
            log.error("an error nothing caught (no report: the data dir cannot be written)",
                      exc_info=(type(error), error, trace))
            return
        log.error("an error nothing caught; report at %s", path, exc_info=(type(error), error, trace))
        notify(path)

    def on_main(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, trace)
            return
        report(error, trace, "")

    def on_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        report(args.exc_value, args.exc_traceback, args.thread.name if args.thread else "")

    sys.excepthook = on_main
    threading.excepthook = on_thread
