"""Run the simulator under uvicorn: in a background thread (demo mode, tests, benchmarks) or in the
foreground (`kefudesk sim`). The world outlives a stop(), so a test can restart the server around it."""

from __future__ import annotations

import errno
import logging
import socket
import threading
import time
from collections import Counter
from dataclasses import replace
from typing import Any

import uvicorn

from app.shopsim.faults import Faults, ReplayLine
from app.shopsim.server import SimApp, Traffic
from app.shopsim.world import Credentials, ShopWorld

log = logging.getLogger("kefudesk.shopsim")


class SimPortInUse(OSError):
    """The requested port is taken."""


def _bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # accepted sockets inherit this: without it a response written in two parts stalls ~40 ms on
    # delayed ACKs (Nagle), which every agent reply would pay
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise SimPortInUse(f"port {port} on {host} is already in use; pick another with --port "
                               "or use --port 0 for a free one") from exc
        raise
    sock.listen(128)
    return sock


class SimServer:
    """A Shop Gateway simulator on a loopback port, serving from a daemon thread until stop().

    With faults.restart_every it stops and starts again on the same port that often, keeping its world, from a
    thread of its own, so tests and benchmarks get the same restarts as `kefudesk sim --restart-every`."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, buyers: int = 50, rate: float = 0.0,
                 initial_chats: int = 0, reply_delay: tuple[float, float] | None = (2.0, 6.0),
                 ping_interval: float = 15.0, seed: int | None = None, credentials: Credentials | None = None,
                 world: ShopWorld | None = None, faults: Faults | None = None,
                 replay: list[ReplayLine] | None = None, replay_speed: float = 1.0) -> None:
        self.host = host
        self.requested_port = port
        self.world = world or ShopWorld(buyers=buyers, seed=seed, credentials=credentials)
        # a restarted server (same world) does not open the initial chats again
        self.traffic = Traffic(rate=rate, initial_chats=0 if world else initial_chats, reply_delay=reply_delay,
                               ping_interval=ping_interval, replay_speed=replay_speed)
        self.faults = faults or Faults(seed=seed)
        self.replay_left = list(replay or [])  # what a restart must still play
        self.port = 0
        self._server: uvicorn.Server | None = None
        self._sim: SimApp | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.RLock()  # one stop or start at a time: the caller's, or the restarter's
        self._halt = threading.Event()
        self._restarter: threading.Thread | None = None
        self._counts_before: Counter[str] = Counter()  # what the faults did before the last restart
        self.restarts = 0

    @property
    def fault_counts(self) -> dict[str, int]:
        """What the fault switches did since the first start, restarts included (streams opened, dropped,
        events doubled or moved)."""
        with self._lock:
            now = Counter(self._sim.fault_counts) if self._sim is not None else Counter()
            return dict(self._counts_before + now)

    @property
    def serving(self) -> bool:
        """Whether the server is up; a restart under way counts as up (this waits for it)."""
        with self._lock:
            return self._thread is not None and self._thread.is_alive()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def credentials(self) -> tuple[str, str]:
        return self.world.credentials.agent, self.world.credentials.password

    @property
    def shop_id(self) -> str:
        return self.world.credentials.shop

    @property
    def shop_name(self) -> str:
        return self.world.shop_name

    def start(self, timeout: float = 10.0) -> SimServer:
        with self._lock:
            self._serve(timeout)
        if self.faults.restart_every and self._restarter is None:
            self._halt.clear()
            self._restarter = threading.Thread(target=self._restart_often, name=f"kefudesk-sim-restarts-{self.port}",
                                               daemon=True)
            self._restarter.start()
        return self

    def _serve(self, timeout: float = 10.0) -> None:
        sock = _bind(self.host, self.requested_port)
        self.port = sock.getsockname()[1]
        sim = self._sim = SimApp(self.world, self.traffic, self.faults, self.replay_left)
        config = uvicorn.Config(sim.app, log_level="warning", access_log=False, lifespan="on",
                                timeout_graceful_shutdown=1)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]},
                                        name=f"kefudesk-sim-{self.port}", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self._shutdown()
                sock.close()
                raise RuntimeError(f"the shop simulator did not start on {self.url}")
            time.sleep(0.01)
        self._sock = sock
        # the shop is open now: a restart finds its buyers already waiting and does not open new chats
        self.traffic = replace(self.traffic, initial_chats=0)

    def restart(self) -> SimServer:
        """Stop and start again on the same port with the same shop, going on with a replay where it was."""
        with self._lock:
            self.requested_port = self.port
            self._shutdown()
            if self.faults.forget_tokens:  # its sessions lived in memory: every desk must log in again
                self.world.tokens.clear()
            self._serve()
            self.restarts += 1
        return self

    def _restart_often(self) -> None:
        while not self._halt.wait(self.faults.restart_every):
            with self._lock:  # held until the server is back, so `serving` never sees it down for good
                while not self._halt.is_set():
                    try:
                        self.restart()
                        break
                    except (OSError, RuntimeError) as exc:  # the port was taken meanwhile: it may come free
                        log.warning("the simulator did not come back on port %s: %s; trying again", self.port, exc)
                        self._halt.wait(0.5)

    def stop(self, timeout: float = 5.0) -> None:
        self._halt.set()
        restarter, self._restarter = self._restarter, None
        if restarter is not None and restarter is not threading.current_thread():
            restarter.join(timeout + 10)
        with self._lock:
            self._shutdown(timeout)

    def _shutdown(self, timeout: float = 5.0) -> None:
        if self._sim is not None:
            self.replay_left = self.replay_left[self._sim.replayed:]
            self._counts_before.update(self._sim.fault_counts)
        if self._sim is not None and self._sim.loop is not None and not self._sim.loop.is_closed():
            # open event streams never end by themselves; uvicorn would wait for them
            self._sim.loop.call_soon_threadsafe(self._sim.end_streams)
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None and self._thread.is_alive():
            self._thread.join(timeout)
        sock = getattr(self, "_sock", None)
        if sock is not None:
            sock.close()
            self._sock = None
        self._server, self._thread, self._sim = None, None, None

    def __enter__(self) -> SimServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def run_standalone(*, port: int, buyers: int, rate: float, seed: int | None, initial_chats: int,
                   faults: Faults | None = None, replay: list[ReplayLine] | None = None,
                   replay_speed: float = 1.0) -> None:
    """`kefudesk sim`: serve in the foreground until Ctrl+C; with faults.restart_every, stop and start again on
    the same port every so often, keeping the shop."""
    faults = faults or Faults(seed=seed)
    # a replay is the whole of the buyers' side: nobody writes or answers besides the file
    server = SimServer(port=port, buyers=buyers, rate=0 if replay else rate, seed=seed,
                       initial_chats=0 if replay else initial_chats, reply_delay=None if replay else (2.0, 6.0),
                       faults=faults, replay=replay, replay_speed=replay_speed)
    server.start()
    agent, password = server.credentials
    print(f"KefuDesk shop simulator on {server.url} — shop {server.shop_id!r}, agent {agent!r}, "
          f"password {password!r} (Ctrl+C stops it)", flush=True)
    if replay:
        print(f"replaying {len(replay)} message(s) at {replay_speed:g}× speed", flush=True)
    if faults.any or faults.restart_every or faults.forget_tokens:
        print(f"faults on: {faults.describe()}", flush=True)
    try:
        told = 0
        while server.serving:
            time.sleep(0.2)
            if server.restarts != told:
                told = server.restarts
                print(f"restarted on {server.url} (--restart-every {faults.restart_every:g})", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
