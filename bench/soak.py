"""The promotion-day soak: the real desk window against the simulator, 100 buyers writing 5 messages a second
in total, an agent script answering the longest-waiting chat through the composer (Enter), for a set time.

Run by bench/bench_soak.py in a process of its own (so earlier benchmarks' memory does not count), or by hand:

    python bench/soak.py --seconds 600 --warmup 60 --out soak.json
    python bench/soak.py --seconds 60 --warmup 10 --busy 2 --profile late.txt   # on busy CPUs, what runs late

The simulator runs in a second process (as a shop's gateway would), with a driver thread that posts the buyers'
messages at the set rate through /sim/say and records their ids. The desk process measures:
- GUI event-loop lag: a 10 ms timer's lateness, p99 after warm-up; the baseline is the same probe on the idle,
  connected desk before traffic starts;
- resident memory (VmRSS) every 2 s: the peak, the value at the end of warm-up and at the end;
- lost and duplicated messages, counted at both ends once the traffic has stopped and the agent has answered
  everyone: buyer messages posted vs. stored, agent replies sent by the script vs. received by the shop.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.gui_profile import GuiSampler  # noqa: E402 - after the checkout is on the path

PROBE_MS = 10
LATE_MS = 10  # --profile: probes later than this count as lag worth explaining


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb() -> float:
    """This process's resident memory in MB (Linux /proc; 0 where it does not exist)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))] if ordered else 0.0


# --- the simulator's process ------------------------------------------------------------------------------


def serve_sim(port: int, buyers: int, rate: float, seconds: float, go: Path, posted: Path) -> None:
    """Serve the simulator; once `go` exists, post `rate` buyer messages a second for `seconds`, spread over
    `buyers` buyers (each opens a chat first), then write the posted messages' ids to `posted`."""
    import httpx

    from app.shopsim.runner import SimServer
    from app.shopsim.vocab import INTENTS

    lines = [line for intent in INTENTS.values() for line in (*intent[1], *intent[2])]
    server = SimServer(port=port, buyers=buyers, rate=0, initial_chats=0, reply_delay=None, seed=11).start()
    rng = random.Random(11)
    print("sim ready", flush=True)
    while not go.exists():
        time.sleep(0.05)
    ids: list[str] = []
    with httpx.Client(base_url=server.url, timeout=10) as control:
        started = time.perf_counter()
        n = 0
        while time.perf_counter() - started < seconds:
            due = started + n / rate
            time.sleep(max(0.0, due - time.perf_counter()))
            nick = f"soak_{n % buyers:03d}" if n < buyers else f"soak_{rng.randrange(buyers):03d}"
            answer = control.post("/sim/say", json={"buyer_nick": nick, "text": f"{rng.choice(lines)} #{n}"})
            answer.raise_for_status()
            ids.append(answer.json()["message"]["id"])
            n += 1
    posted.write_text(json.dumps(ids), encoding="utf-8")
    while True:  # the desk process ends us
        time.sleep(1)


# --- the desk's process -----------------------------------------------------------------------------------


def soak(seconds: float, warmup: float, buyers: int = 100, rate: float = 5.0,
         profile: Path | None = None) -> dict[str, float]:
    import httpx
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    from app.gateway.secrets import MemorySecretStore
    from app.store.engine import open_store

    from app.desk.demo import add_starter_phrases
    from app.desk.session import DeskSession, ShopAccount

    from app.ui.bridge import DeskBridge
    from app.ui.main_window import MainWindow
    from app.ui.start import application

    tmp = Path(tempfile.mkdtemp(prefix="kefudesk-soak-"))
    port = _free_port()
    go, posted = tmp / "go", tmp / "posted.json"
    sim = subprocess.Popen([sys.executable, __file__, "--serve-sim", str(port), "--buyers", str(buyers),
                            "--rate", str(rate), "--seconds", str(seconds), "--go", str(go), "--posted", str(posted)],
                           stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert sim.stdout is not None
        if "sim ready" not in sim.stdout.readline():
            raise RuntimeError("the simulator did not start")
        url = f"http://127.0.0.1:{port}"
        app = application()
        store = open_store(tmp / "desk.db")
        add_starter_phrases(store)  # the demo's library, as `kefudesk` on the demo starts with it
        bridge = DeskBridge()
        session = DeskSession(store, ShopAccount(url, "demo", "demo", "demo", demo=True), MemorySecretStore(), bridge)
        window = MainWindow(session, bridge, shop_name="soak", demo=True)
        window.status_line.alerts.muted = True  # a beep a second is not what is measured
        window.show()
        session.start()
        loop = QEventLoop()

        def run_for(duration: float) -> None:
            QTimer.singleShot(int(duration * 1000), loop.quit)
            loop.exec()

        deadline = time.perf_counter() + 15
        while not session.online and time.perf_counter() < deadline:
            run_for(0.05)
        if not session.online:
            raise RuntimeError("the desk did not connect to the simulator")

        lags: list[tuple[float, float]] = []  # (time, lateness in ms)
        last = [time.perf_counter()]

        def probe() -> None:
            now = time.perf_counter()
            lags.append((now, max(0.0, (now - last[0]) * 1000 - PROBE_MS)))
            last[0] = now

        probe_timer = QTimer()
        probe_timer.setTimerType(Qt.TimerType.PreciseTimer)
        probe_timer.timeout.connect(probe)
        last[0] = time.perf_counter()
        probe_timer.start(PROBE_MS)
        run_for(3.0)
        idle = [lag for _t, lag in lags]
        lags.clear()

        replies = [0]
        composer = window.conversation.composer

        def agent() -> None:
            chat = window.queue_model.chat_at(0)
            if chat is None or chat.last_direction != "in":
                return
            window.select_row(0)
            composer.setPlainText(f"亲，收到啦，马上为您处理～{replies[0]}")
            QTest.keyClick(composer, Qt.Key.Key_Return)
            replies[0] += 1

        agent_timer = QTimer()
        agent_timer.timeout.connect(agent)
        agent_timer.start(100)
        memory: list[tuple[float, float]] = []
        memory_timer = QTimer()
        memory_timer.timeout.connect(lambda: memory.append((time.perf_counter(), rss_mb())))
        memory_timer.start(2000)

        sampler = GuiSampler().start() if profile is not None else None
        go.touch()
        started = time.perf_counter()
        run_for(seconds)
        traffic_end = time.perf_counter()
        if sampler is not None:
            sampler.stop()
        # the driver stops; the agent answers who is left and the outbox drains
        deadline = time.perf_counter() + 60
        while time.perf_counter() < deadline:
            run_for(0.5)
            open_waiting = any(c.last_direction == "in" for c in window.queue_model.open_chats())
            if posted.exists() and not open_waiting and session.pending_count == 0:
                break
        probe_timer.stop()
        agent_timer.stop()
        memory_timer.stop()
        memory.append((time.perf_counter(), rss_mb()))
        run_for(1.0)  # the last replies' echoes

        warm = started + warmup
        loaded = [lag for t, lag in lags if warm <= t <= traffic_end]
        if sampler is not None and profile is not None:
            # a probe `lag` ms late: the loop was held from about when it was due until it ran
            late = [(t - lag / 1000 - 0.002, t) for t, lag in lags if started <= t <= traffic_end and lag > LATE_MS]
            profile.write_text(f"GUI thread while the lag probe was over {LATE_MS} ms late\n\n"
                               + sampler.report(late) + "\n", encoding="utf-8")
        after_warmup = next((mb for t, mb in memory if t >= warm), memory[-1][1])
        posted_ids = set(json.loads(posted.read_text(encoding="utf-8"))) if posted.exists() else set()
        from sqlalchemy import select

        from app.store import models as m

        with store.reading() as s:
            stored_in = [r for r in s.scalars(select(m.Message.server_id).where(m.Message.direction == "in"))]
            stored_out = list(s.execute(select(m.Message.client_id, m.Message.state)
                                        .where(m.Message.direction == "out")))
        received = httpx.get(f"{url}/sim/received", timeout=10).json()["messages"]
        received_keys = [r["client_id"] for r in received]
        stored_posted = [i for i in stored_in if i in posted_ids]
        result = {
            "seconds": seconds, "warmup": warmup, "buyers": buyers, "rate": rate,
            "buyer_messages": len(posted_ids), "replies": replies[0],
            "lag_p99_ms": p99(loaded), "idle_lag_p99_ms": p99(idle), "lag_samples": len(loaded),
            "rss_peak_mb": max(mb for _t, mb in memory), "rss_after_warmup_mb": after_warmup,
            "rss_end_mb": memory[-1][1],
            # buyer → desk: posted but never stored; stored more than once
            "lost_in": len(posted_ids - set(stored_posted)), "dup_in": len(stored_posted) - len(set(stored_posted)),
            # desk → shop: sent by the script but not received (or still not sent), received more than once
            "lost_out": max(0, replies[0] - len(set(received_keys))),
            "dup_out": len(received_keys) - len(set(received_keys)),
            "unsent_out": sum(1 for _cid, state in stored_out if state != "sent"),
        }
        window.close()
        window.deleteLater()
        app.processEvents()
        session.stop()
        store.close()
        return result
    finally:
        sim.kill()
        sim.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--warmup", type=float, default=60)
    parser.add_argument("--buyers", type=int, default=100)
    parser.add_argument("--rate", type=float, default=5.0, help="buyer messages per second, in total")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--profile", type=Path, metavar="FILE",
                        help="sample the GUI thread during traffic; write what ran while the loop was late")
    parser.add_argument("--busy", type=int, default=0, metavar="N",
                        help="N CPU-bound processes compete for the cores while the soak runs (a busy PC)")
    parser.add_argument("--serve-sim", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--go", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--posted", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_sim:
        serve_sim(args.serve_sim, args.buyers, args.rate, args.seconds, args.go, args.posted)
        return 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
    try:
        result = soak(args.seconds, args.warmup, args.buyers, args.rate, args.profile)
    finally:
        for process in busy:
            process.kill()
            process.wait(10)
    result["busy_processes"] = args.busy
    text = json.dumps(result, indent=2)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(text, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
