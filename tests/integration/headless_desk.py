"""A headless desk in a process of its own, for tests that need real processes: the store (a file or a team's
server), the session with the shop, the outbox and the crash reports, as the window drives them, without a window.

    python -m tests.integration.headless_desk --store URL_OR_PATH --gateway URL --data DIR

It prints one JSON object a line on stdout — {"event": "ready"} once online, then every connection change and
problem the window would show, with the Reason's key — and takes one JSON command a line on stdin:
    {"do": "status"}                                  → {"event": "status", "online": …, "last_event_id": …, …}
    {"do": "draft", "conversation": ID, "text": T}    → {"event": "drafted", …} once the writer has taken it
    {"do": "reply", "conversation": ID, "text": T}    → {"event": "replied", "client_id": …} or {"event": "refused"}
    {"do": "stop"}                                    → {"event": "stopped"}, and the process ends
Tests drive it with HeadlessDesk below.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _key(text: object) -> str:
    return getattr(text, "key", "")


def run(store_target: str, gateway: str, data: Path, agent: str, password: str) -> int:
    from app.gateway.secrets import MemorySecretStore
    from app.store.engine import open_store

    from app.desk.session import DeskSession, ShopAccount

    from app import crash

    lock = threading.Lock()

    def say(**values: Any) -> None:
        with lock:
            print(json.dumps(values, ensure_ascii=False, default=str), flush=True)


    class Listener:  # the window's DeskListener, printing what the window would show
        def on_conversation(self, chat: Any) -> None: ...
        def on_message(self, message: Any) -> None: ...
        def on_orders(self, buyer_id: str, orders: Any) -> None: ...
        def on_transfer(self, chat: Any, transfer: Any, to_me: bool) -> None: ...

        def on_connection(self, online: bool, detail: str) -> None:
            say(event="connection", online=online, key=_key(detail), detail=str(detail))

        def on_problem(self, text: str) -> None:
            say(event="problem", key=_key(text), text=str(text))

        def __getattr__(self, name: str) -> Callable[..., None]:  # what later versions of the listener add
            return lambda *args: say(event=name, args=[str(a) for a in args], keys=[_key(a) for a in args])

    target: str | Path = store_target if "://" in store_target else Path(store_target)
    store = open_store(target, images_dir=data / "images")
    session = DeskSession(store, ShopAccount(gateway, "demo", agent, password), MemorySecretStore(), Listener())
    known = getattr(session, "known_failure", None)  # as the window installs it (an older desk has none)
    crash.install(data / "crash-reports", lambda path: say(event="crash", path=str(path)),
                  **({"known": known} if known else {}))
    session.start()
    deadline = time.monotonic() + 60
    while not session.online and time.monotonic() < deadline:
        time.sleep(0.02)
    say(event="ready" if session.online else "not_ready")
    for line in sys.stdin:
        command = json.loads(line)
        what = command.get("do")
        if what == "status":
            stream = session.events.stream
            watch = getattr(session, "watch", None)
            say(event="status", online=session.online, last_event_id=stream.last_event_id if stream else None,
                pending=_quietly(session.store.outbox_count), server_attempts=getattr(watch, "attempts", None))
        elif what == "draft":
            session.save_draft(command["conversation"], command["text"])
            session._writer.submit(lambda: None).result()  # the draft's turn on the writer has come and gone
            say(event="drafted", conversation=command["conversation"])
        elif what == "reply":
            try:
                record = session.send_reply(command["conversation"], command["text"])
            except Exception as exc:  # noqa: BLE001 - the test reads what the window would have said
                say(event="refused", key=_key(exc.args[0] if exc.args else ""), text=str(exc))
            else:
                say(event="replied", client_id=record.client_id, state=record.state)
        elif what == "stacks":  # what every thread is doing, on stderr (for a test that waits in vain)
            import faulthandler

            faulthandler.dump_traceback(all_threads=True)
            say(event="stacks")
        elif what == "stop":
            break
    session.stop()
    store.close()
    say(event="stopped")
    return 0


def _quietly(read: Callable[[], int]) -> int | None:
    try:
        return read()
    except Exception:  # noqa: BLE001 - a status while the store is away says so
        return None


class HeadlessDesk:
    """The test's side of a headless desk process: its events in order, commands, and waiting with a deadline."""

    def __init__(self, store: str | Path, gateway: str, data: Path, *, agent: str = "demo",
                 password: str = "demo") -> None:
        data.mkdir(parents=True, exist_ok=True)
        env = os.environ | {"KEFUDESK_DATA_DIR": str(data), "KEFUDESK_CONFIG_DIR": str(data / "config")}
        self.data = data
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.headless_desk", "--store", str(store), "--gateway", gateway,
             "--data", str(data), "--agent", agent, "--password", password],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.events: list[dict[str, Any]] = []
        self._new: queue.Queue[dict[str, Any]] = queue.Queue()
        self._stderr: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_errors, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            self.events.append(event)
            self._new.put(event)

    def _read_errors(self) -> None:
        assert self.proc.stderr is not None
        self._stderr.extend(self.proc.stderr)

    @property
    def stderr(self) -> str:
        return "".join(self._stderr)

    def wait_for(self, test: Callable[[dict[str, Any]], bool], what: str, timeout: float = 60.0) -> dict[str, Any]:
        """The first event from now on that passes test; fails with what was seen when none comes in time."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"the desk did not report {what} within {timeout:g} s; it said "
                                     f"{self.events[-20:]}; stderr: {self.stderr[-3000:]}")
            try:
                event = self._new.get(timeout=min(left, 0.5))
            except queue.Empty:
                if self.proc.poll() is not None:
                    raise AssertionError(f"the desk ended ({self.proc.returncode}) before {what}: "
                                         f"{self.stderr[-3000:]}") from None
                continue
            if test(event):
                return event

    def ready(self, timeout: float = 60.0) -> HeadlessDesk:
        event = self.wait_for(lambda e: e["event"] in ("ready", "not_ready"), "that it is up", timeout)
        assert event["event"] == "ready", f"the desk did not come online: {self.events}, {self.stderr[-3000:]}"
        return self

    def send(self, **command: Any) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(command, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()

    def ask(self, answer: str, timeout: float = 60.0, **command: Any) -> dict[str, Any]:
        """Send a command and wait for the event that answers it (its name among answer, split by |)."""
        self.send(**command)
        names = answer.split("|")
        return self.wait_for(lambda e: e["event"] in names, answer, timeout)

    def caught_up(self, last_event_id: str, timeout: float = 120.0) -> None:
        """Ask until the desk's stream has handled the simulator's event with this id, or a later one (polled,
        with a deadline)."""
        def seq(event_id: str | None) -> int:  # the simulator's ids are RUN.SEQ
            return int(event_id.rsplit(".", 1)[1]) if event_id else 0

        try:
            eventually(lambda: seq(self.ask("status", do="status")["last_event_id"]) >= seq(last_event_id),
                       f"the desk handled event {last_event_id}", timeout)
        except AssertionError as exc:
            raise AssertionError(f"{exc}; it said {self.events[-5:]}; its threads: {self.stacks()}") from None

    def stacks(self) -> str:
        """What each of the desk's threads is doing (for a test that waited in vain)."""
        before = len(self._stderr)
        self.ask("stacks", 10, do="stacks")
        return "".join(self._stderr[before:])[-6000:]

    def stop(self, timeout: float = 60.0) -> None:
        if self.proc.poll() is None:
            try:
                self.ask("stopped", timeout, do="stop")
            except (AssertionError, OSError):
                self.proc.kill()
        self.proc.wait(timeout)
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if pipe is not None:
                pipe.close()


def eventually(probe: Callable[[], object], what: str, timeout: float = 60.0, every: float = 0.1) -> object:
    """probe()'s first true answer, asked every `every` s until the deadline; fails naming what was awaited."""
    deadline = time.monotonic() + timeout
    while True:
        answer = probe()
        if answer:
            return answer
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:g} s: {what}")
        time.sleep(every)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.integration.headless_desk")
    parser.add_argument("--store", required=True)
    parser.add_argument("--gateway", required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--agent", default="demo")
    parser.add_argument("--password", default="demo")
    args = parser.parse_args(argv)
    return run(args.store, args.gateway, args.data, args.agent, args.password)


if __name__ == "__main__":
    sys.exit(main())
