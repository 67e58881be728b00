"""Crash safety (issue 9): a headless desk — the store, the session with the shop and the outbox, exactly as the
window drives them — works against the shop simulator in a process of its own and is killed with SIGKILL at
random moments, again and again, while it receives buyers' messages, sends replies, saves drafts, opens issues and
records actions, and exports tables. After every kill the harness checks what the agent would find on starting
again, and at the end, once the desk has caught up with the shop, that both sides hold the same messages.

The desk (`python -m bench.crash worker …`) writes a journal line after each thing it did has returned — a reply
committed to the outbox, an issue stored, a file exported — a draft line when it hands a draft to the session,
as the reply box does 400 ms after the last key (conversation_pane.DRAFT_SAVE_DELAY_MS), and a line before each
reply, which empties the chat's draft as it is committed (a kill between the two is no lost draft). A journal line is written
with one write() to a file opened for appending, which survives the process's death.

Checks after each kill (a finding names the kill and what was lost):
- the database passes PRAGMA integrity_check;
- every draft handed over more than 0.6 s before the kill (typed more than 1 s before it) is back: the chat's draft
  is that one or a later one;
- every reply committed is stored exactly once, and every issue and action committed is there as it was written;
- every table exported is whole (openpyxl reads it), and no half-written file sits at an export's name.
At the end: every message the shop has in the desk's chats is stored exactly once (buyers go on writing; the
desk is stopped once it holds what the shop had when it started again), every committed reply reached
the shop exactly once, and the outbox sent again only what the shop may not have had (counted: the shop answers a
repeated idempotency key with the message it already has; each kill can leave at most one such reply, the one
on the wire when the desk died).

`kefudesk bench --reliability` runs the long version (150 kills); the test suite runs a short one.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFT_MARGIN = 0.6  # s: a draft typed 1 s before the kill reached the session 0.4 s after the last key


# --- the desk being killed ------------------------------------------------------------------------------------


def worker(data: Path, url: str, seed: int, settle: bool) -> int:
    """A headless desk doing an agent's work until it is killed (or, with settle, until it has caught up)."""
    from app.domain import now_utc
    from app.files.writing import write_atomic

    from app.gateway.secrets import MemorySecretStore
    from app.store.engine import open_store

    from app.desk.issues import IssueDesk
    from app.desk.reports import Reports, write_xlsx
    from app.desk.review import ReviewDesk
    from app.desk.session import DeskSession, RepeatedReply, ShopAccount

    class Quiet:  # the window's listener, without a window
        def __getattr__(self, _name: str):  # noqa: ANN204 - any on_… callback
            return lambda *_a, **_k: None

    journal = os.open(data / "journal.jsonl", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def note(kind: str, **values: object) -> None:
        os.write(journal, (json.dumps({"kind": kind, "t": time.time(), "run": seed, **values},
                                      ensure_ascii=False) + "\n")
                 .encode())

    store = open_store(data / "kefudesk.db")
    session = DeskSession(store, ShopAccount(url, "demo", "demo", "demo"), MemorySecretStore(), Quiet())
    session.start()
    deadline = time.monotonic() + 20
    while not session.online and time.monotonic() < deadline:
        time.sleep(0.02)
    if not session.online:
        print("worker: the desk did not come online", file=sys.stderr)
        return 3
    print("READY", flush=True)
    if settle:  # working until the harness has seen it catch up with the shop, then a clean stop
        sys.stdin.readline()
        session.stop()
        store.close()
        print("SETTLED", flush=True)
        return 0
    rng = random.Random(seed)
    desk = IssueDesk(store, "demo")
    issues = [i.id for i in desk.issues()]
    exports = data / "exports"
    n = 0
    while True:
        n += 1
        token = f"{seed}-{n}"
        chats = store.conversation_summaries()
        what = rng.choices(("reply", "draft", "issue", "action", "export"), (5, 5, 1, 1, 1))[0]
        if what == "reply" and chats:
            waiting = [c for c in chats if c.last_direction == "in"] or chats
            chat = rng.choice(waiting)
            note("sending", conversation=chat.id)  # before: the reply clears the chat's draft as it is committed
            try:
                record = session.send_reply(chat.id, f"亲，已为您处理～ #{token}")
            except RepeatedReply:  # refused before anything was written: the draft stays
                note("unsent", conversation=chat.id)
                continue
            note("reply", conversation=chat.id, client_id=record.client_id)
        elif what == "draft" and chats:
            chat = rng.choice(chats)
            text = f"草稿 {token} " + "好" * rng.randint(0, 200)
            note("draft", conversation=chat.id, text=text)
            session.save_draft(chat.id, text)
        elif what == "issue":
            issue = desk.open_issue(stage="in_sale", category="buyer_note", order_no=f"CRASH{token}",
                                    note=f"备注 {token}")
            issues.append(issue.id)
            note("issue", id=issue.id, order_no=issue.order_no, note=issue.note)
        elif what == "action" and issues:
            issue_id = rng.choice(issues)
            desk.act(issue_id, "contact", {"channel": "message", "result": f"已联系 {token}"})
            note("action", issue=issue_id, result=f"已联系 {token}")
        elif what == "export":
            today = date.today()
            if rng.random() < 0.5:
                target = exports / f"complaints-{token}.xlsx"
                write_xlsx(Reports(store).table("complaints", today.isoformat()), target)
            else:
                target = exports / f"transcripts-{token}.html"
                review = ReviewDesk(store, "demo", clock=now_utc)
                write_atomic(target, review.export_day(today, "demo", "html"))
            note("export", path=str(target))
        time.sleep(rng.uniform(0.0, 0.015))


# --- the harness --------------------------------------------------------------------------------------------


@dataclass
class Result:
    kills: int = 0
    findings: list[str] = field(default_factory=list)
    replies: int = 0
    drafts_checked: int = 0
    issues: int = 0
    actions: int = 0
    exports: int = 0
    messages: int = 0
    repeated_sends: int = 0
    migration_kills: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {"kills": self.kills, "findings": self.findings, "replies": self.replies,
                "drafts_checked": self.drafts_checked, "issues": self.issues, "actions": self.actions,
                "exports": self.exports, "messages": self.messages, "repeated_sends": self.repeated_sends,
                "migration_kills": self.migration_kills,
                "seconds": round(self.seconds, 1)}


def _journal(data: Path) -> list[dict]:
    path = data / "journal.jsonl"
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _count(data: Path, kind: str) -> int:
    """Journal lines of that kind so far, read while the worker may be writing one (a part line is not counted)."""
    path = data / "journal.jsonl"
    if not path.exists():
        return 0
    return sum(1 for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
               if f'"kind": "{kind}"' in line and line.rstrip().endswith("}"))


def _wait_for(condition: Callable[[], bool], deadline: float) -> bool:
    """Poll condition until it holds or deadline seconds pass; whether it held."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _start(data: Path, url: str, seed: int, settle: bool = False) -> subprocess.Popen:
    args = [sys.executable, "-m", "bench.crash", "worker", "--data", str(data), "--url", url, "--seed", str(seed)]
    env = os.environ | {"KEFUDESK_DATA_DIR": str(data), "KEFUDESK_CONFIG_DIR": str(data / "config")}
    proc = subprocess.Popen(args + (["--settle"] if settle else []), cwd=ROOT, env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if "READY" not in line:
        proc.kill()
        raise RuntimeError(f"the desk did not start: {line}{proc.stderr.read() if proc.stderr else ''}")
    return proc


def check_after_kill(data: Path, killed: dict[int, float], label: str) -> tuple[list[str], int]:
    """What the agent would find on starting again; (findings, drafts checked). killed: when each run so far
    (by its seed) was killed: a draft counts as typed in time against the kill that ended its own run (one typed
    just before an earlier kill may be lost then, and is not owed later)."""
    findings: list[str] = []
    db = sqlite3.connect(data / "kefudesk.db")
    try:
        verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            findings.append(f"{label}: integrity_check says {verdict}")
            return findings, 0
        drafts = dict(db.execute("SELECT conversation_id, text FROM draft").fetchall())
        entries = _journal(data)
        history: dict[str, list[tuple[bool, str]]] = defaultdict(list)  # chat → (owed, its draft after the event)
        for e in entries:
            owed = e["t"] < killed.get(e["run"], float("inf")) - DRAFT_MARGIN
            if e["kind"] == "draft":
                history[e["conversation"]].append((owed, e["text"]))
            elif e["kind"] == "sending":  # a reply clears the chat's draft as it is committed
                history[e["conversation"]].append((owed, ""))
            elif e["kind"] == "unsent" and history[e["conversation"]]:  # ...unless it was refused at once
                history[e["conversation"]].pop()
        checked = 0
        for chat, events in history.items():
            before = [i for i, (owed, _text) in enumerate(events) if owed]
            if not before:
                continue
            allowed = {text for _t, text in events[before[-1]:]}
            checked += 1
            if drafts.get(chat, "") not in allowed:
                findings.append(f"{label}: the draft of {chat} is {drafts.get(chat, '')[:20]!r}, expected one of "
                                f"{sorted(a[:20] for a in allowed)}")
        for e in entries:
            if e["kind"] == "reply":
                found = db.execute("SELECT count(*) FROM message WHERE client_id = ?", (e["client_id"],)).fetchone()[0]
                if found != 1:
                    findings.append(f"{label}: reply {e['client_id']} is stored {found} times")
            elif e["kind"] == "issue":
                row = db.execute("SELECT order_no, note FROM issue WHERE id = ?", (e["id"],)).fetchone()
                if row != (e["order_no"], e["note"]):
                    findings.append(f"{label}: issue {e['id']} is {row}, was committed as {e['order_no']}")
            elif e["kind"] == "action":
                rows = db.execute("SELECT fields FROM issue_action WHERE issue_id = ? AND kind = 'contact'",
                                  (e["issue"],)).fetchall()
                if not any(json.loads(r[0] or "{}").get("result") == e["result"] for r in rows):
                    findings.append(f"{label}: the action {e['result']!r} on issue {e['issue']} is missing")
            elif e["kind"] == "export":
                findings.extend(f"{label}: {problem}" for problem in _export_problems(Path(e["path"])))
    finally:
        db.close()
    exports = data / "exports"
    for path in exports.glob("*") if exports.exists() else []:
        if path.suffix in (".xlsx", ".html"):
            findings.extend(f"{label}: {problem}" for problem in _export_problems(path))
    return findings, checked


def _export_problems(path: Path) -> list[str]:
    if not path.exists():
        return [f"the export {path.name} is gone"]
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True)
            book.close()
        except Exception as exc:  # noqa: BLE001 - any way a half-written file fails to open
            return [f"the export {path.name} does not open ({exc})"]
    elif not path.read_text(encoding="utf-8").rstrip().endswith("</html>"):
        return [f"the export {path.name} is cut short"]
    return []


def _shop_messages(data: Path, world: object) -> dict[str, object]:
    """The shop's messages in the chats this desk has or should have (its own agent's), by id, as of now."""
    db = sqlite3.connect(f"{(data / 'kefudesk.db').resolve().as_uri()}?mode=ro", uri=True)
    try:
        chats = {row[0] for row in db.execute("SELECT id FROM conversation")}
    finally:
        db.close()
    me = world.me.id  # type: ignore[attr-defined]
    return {m.id: m for chat_id, chat in list(world.chats.items())  # type: ignore[attr-defined]
            if chat_id in chats or chat.conversation.agent == me for m in list(chat.messages)}


def _stored(data: Path) -> tuple[dict[str, str | None], int]:
    """(server id → client id of every message the shop has acknowledged, replies still to send)."""
    db = sqlite3.connect(f"{(data / 'kefudesk.db').resolve().as_uri()}?mode=ro", uri=True)
    try:
        stored = dict(db.execute("SELECT server_id, client_id FROM message WHERE server_id IS NOT NULL").fetchall())
        pending = db.execute("SELECT count(*) FROM message WHERE state IN ('pending', 'failed')").fetchone()[0]
        return stored, pending
    finally:
        db.close()


def catch_up(data: Path, world: object, url: str, seed: int, timeout: float = 60.0) -> tuple[list[str], int]:
    """Start the desk once more and let it work until it holds every message the shop had when it started and
    its outbox is empty (buyers go on writing meanwhile: what came later is not compared); then compare."""
    proc = _start(data, url, seed, settle=True)
    wanted = _shop_messages(data, world)
    deadline = time.monotonic() + timeout
    while True:
        stored, pending = _stored(data)
        if (set(wanted) <= set(stored) and not pending) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert proc.stdin is not None
    out, err = proc.communicate("STOP\n", timeout=30)
    findings = [] if "SETTLED" in out else [f"the desk did not stop cleanly: {err[-500:]}"]
    stored, pending = _stored(data)
    if pending:
        findings.append(f"{pending} replies never left the outbox")
    for message in wanted.values():
        if message.id not in stored:  # type: ignore[attr-defined]
            findings.append(f"the shop's message {message.id} ({message.direction}) is not in the store")  # type: ignore[attr-defined]
    shop = _shop_messages(data, world)
    extra = [s for s in stored if s not in shop]
    if extra:
        findings.append(f"{len(extra)} stored messages the shop does not have: {extra[:3]}")
    by_client = {m.client_id: m.id for m in list(world.received)}  # type: ignore[attr-defined]
    for e in _journal(data):
        if e["kind"] == "reply":
            if e["client_id"] not in by_client:
                findings.append(f"the committed reply {e['client_id']} never reached the shop")
            elif stored.get(by_client[e["client_id"]]) != e["client_id"]:
                findings.append(f"the reply {e['client_id']} is stored without the shop's id")
    return findings, len(wanted)


def _older_store(source: Path, target: Path, revision: str) -> dict[str, int]:
    """A copy of source taken back to an earlier schema (Alembic's downgrade), as an older KefuDesk left it;
    the rows it holds, by table."""
    from alembic import command
    from sqlalchemy import create_engine

    from app.store.engine import _alembic_config

    shutil.copyfile(source, target)
    engine = create_engine(f"sqlite:///{target}")
    cfg = _alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, revision)
    engine.dispose()
    return _counts(target)


def _counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 - our own table names
                for t in ("conversation", "message", "draft", "issue", "issue_action")}
    finally:
        db.close()


def check_migration_kills(source: Path, kills: int, rng: random.Random, work: Path) -> tuple[list[str], int]:
    """Kill the desk while it upgrades a store an older version left (0006, before the search index and the
    review tables), then start it again: it opens, at the newest schema, with every row."""
    from app.store.engine import HEAD_REVISION, open_store

    old = work / "old.db"
    before = _older_store(source, old, "0006")
    findings: list[str] = []
    took = _migrate_in_child(old, work / "timing.db", None)
    for k in range(kills):
        target = work / f"upgrade-{k}.db"
        _migrate_in_child(old, target, rng.uniform(0.0, took * 1.2))
        label = f"migration kill {k + 1}"
        try:
            store = open_store(target)
            store.close()
        except Exception as exc:  # noqa: BLE001 - any way the store fails to open is the finding
            findings.append(f"{label}: the store does not open again: {exc}")
            continue
        db = sqlite3.connect(target)
        revision = db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
        db.close()
        after = _counts(target)
        if verdict != "ok" or revision != HEAD_REVISION or after != before:
            findings.append(f"{label}: integrity {verdict}, schema {revision}, rows {after} (were {before})")
        for leftover in work.glob(f"upgrade-{k}.db*"):
            leftover.unlink()
    return findings, kills


def _migrate_in_child(old: Path, target: Path, kill_after: float | None) -> float:
    """Copy old to target and open it in a desk process (which upgrades it); kill it kill_after seconds into
    the upgrade, or let it finish. How long the upgrade took (when it finished)."""
    shutil.copyfile(old, target)
    proc = subprocess.Popen([sys.executable, "-m", "bench.crash", "migrate", "--db", str(target)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    if "OPENING" not in proc.stdout.readline():
        raise RuntimeError("the migrating desk did not start")
    started = time.monotonic()
    if kill_after is None:
        proc.stdout.readline()
        took = time.monotonic() - started
        proc.wait(30)
        return took
    time.sleep(kill_after)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    return time.monotonic() - started


def run(kills: int, *, seed: int = 1, data: Path | None = None, progress: bool = False) -> Result:
    """Kill the desk `kills` times at random moments and check after each; then let it catch up and compare."""
    from app.shopsim.runner import SimServer

    result = Result()
    started = time.monotonic()
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="kefudesk-crash-") as tmp:
        data = data or Path(tmp)
        with SimServer(port=0, rate=240, initial_chats=12, reply_delay=(0.2, 1.0), seed=seed,
                       ping_interval=1.0) as sim:
            killed: dict[int, float] = {}
            for k in range(kills):
                replied = _count(data, "reply")
                proc = _start(data, sim.url, seed * 1000 + k)
                # killed while busy: once this run has sent two replies (on a loaded machine that takes longer
                # than on an idle one; the count, not the clock, says there was work to lose), then at random
                _wait_for(lambda replied=replied: _count(data, "reply") >= replied + 2, deadline=60.0)
                time.sleep(rng.uniform(0.05, 1.2))
                killed[seed * 1000 + k] = time.time()
                proc.send_signal(signal.SIGKILL)
                proc.wait(10)
                result.kills += 1
                found, drafts = check_after_kill(data, killed, f"kill {k + 1}")
                result.findings.extend(found)
                result.drafts_checked += drafts
                if progress:
                    print(f"  kill {k + 1}/{kills}: {len(found)} finding(s)", flush=True)
            found, result.messages = catch_up(data, sim.world, sim.url, seed)
            result.findings.extend(found)
            result.repeated_sends = sim.world.repeated_sends
        migration_kills = max(2, kills // 5)
        found, done = check_migration_kills(data / "kefudesk.db", migration_kills, rng, Path(tmp))
        result.findings.extend(found)
        result.kills += done
        result.migration_kills = done
        entries = _journal(data)
        for kind in ("reply", "issue", "action", "export"):
            setattr(result, kind + "s" if kind != "reply" else "replies",
                    sum(1 for e in entries if e["kind"] == kind))
    result.seconds = time.monotonic() - started
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.crash")
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("worker")
    w.add_argument("--data", type=Path, required=True)
    w.add_argument("--url", required=True)
    w.add_argument("--seed", type=int, default=1)
    w.add_argument("--settle", action="store_true")
    m = sub.add_parser("migrate")
    m.add_argument("--db", type=Path, required=True)
    r = sub.add_parser("run")
    r.add_argument("--kills", type=int, default=20)
    r.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.command == "worker":
        return worker(args.data, args.url, args.seed, args.settle)
    if args.command == "migrate":
        from app.store.engine import open_store

        print("OPENING", flush=True)
        open_store(args.db).close()
        print("OPENED", flush=True)
        return 0
    result = run(args.kills, seed=args.seed, progress=True)
    print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    return 1 if result.findings else 0


if __name__ == "__main__":
    sys.exit(main())
