"""The walking skeleton's benchmarks: cold start, buyer message → painted queue row, chat switch with 2,000
messages and scrolling back through them."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.runner import Record, median, p95, record

ROOT = Path(__file__).resolve().parent.parent


def _first_paint_seconds(cmd: list[str], marker: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if marker in line:
                return time.perf_counter() - started
        raise RuntimeError(f"{cmd[-1]} exited without painting a window")
    finally:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


OPEN_CHATS = 200  # chats not closed in the large store: a busy day's queue; the year's other chats are closed
LIGHT_COMMANDS = (["--help"], ["--version"], ["phrases", "--help"], ["phrases", "suggest", "--help"],
                  ["report", "--help"], ["team", "--help"], ["phrases", "suggest"])  # the last: a mistake, exit 2


def cold_start(quick: bool) -> list[Record]:
    """Process start → first painted main window, for the desk in demo mode on an empty store and on a year's store
    (1,000,000 messages; quick: 100,000), against a bare PySide6 window (bench/bare_window.py) in the same run.
    Goal (issue 20): ≤ 0.6 s and ≤ 4× the bare window at any store size. Both stores exist and each program has
    started once, untimed, before the timed starts: a new install's first start also runs the migrations and
    writes the bytecode, which is not what this measures."""
    runs = 3 if quick else 7
    label, messages = ("100k", 100_000) if quick else ("1m", 1_000_000)
    desk, large, bare = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        stores = {"empty": _desk_store(Path(tmp) / "empty", 0), label: _desk_store(Path(tmp) / label, messages)}
        env = {name: _desk_env(folder, Path(tmp) / "pycache") for name, folder in stores.items()}
        command = [sys.executable, "-m", "app", "--demo", "--exit-on-first-paint"]
        for round_ in range(runs + 1):  # round 0 writes the bytecode: not counted
            times = (_first_paint_seconds([sys.executable, str(ROOT / "bench" / "bare_window.py")], "first_paint",
                                          env["empty"]),
                     _first_paint_seconds(command, "first_paint_s=", env["empty"]),
                     _first_paint_seconds(command, "first_paint_s=", env[label]))
            if round_:
                for samples, seconds in zip((bare, desk, large), times, strict=True):
                    samples.append(seconds)
    return [record("cold_start_first_paint", median(desk), "s", 0.6, median(bare)),
            record(f"cold_start_first_paint_{label}", median(large), "s", 0.6, median(bare))]


def _desk_store(folder: Path, messages: int) -> Path:
    """A data folder whose store holds `messages` buyer messages over a year in chats of 20 (bench_store_open
    writes them), every chat closed but the first OPEN_CHATS; no messages: an empty store."""
    from app.store.engine import open_store

    from bench.bench_store_open import _store_of

    folder.mkdir(parents=True)
    path = folder / "kefudesk.db"
    if not messages:
        open_store(path).close()
        return folder
    _store_of(path, messages)
    with sqlite3.connect(path) as c:
        c.execute("UPDATE conversation SET state = CASE WHEN CAST(substr(id, 2) AS INTEGER) < ? THEN 'waiting' "
                  "ELSE 'closed' END", (OPEN_CHATS,))
    c.close()
    return folder


def _desk_env(folder: Path, pycache: Path) -> dict[str, str]:
    """The data and settings in `folder`, and the bytecode kept in `pycache` as an installed KefuDesk keeps it (pip
    and the package compile it): a checkout run with PYTHONDONTWRITEBYTECODE compiles every module at each start."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return env | {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "PYTHONPYCACHEPREFIX": str(pycache),
                  "KEFUDESK_DATA_DIR": str(folder), "KEFUDESK_CONFIG_DIR": str(folder)}


def _run_seconds(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT, timeout=60)
    return time.perf_counter() - started


def cli_start(quick: bool) -> list[Record]:
    """Process start → exit of the `kefudesk` commands that need neither the window nor the store (help, version,
    a mistake in the command line), the slowest command's median, against `python -c pass` in the same run.
    Goal (issue 20): every one < 0.2 s. Which modules they import is held by tests/cli/test_startup.py."""
    runs = 5 if quick else 15
    floor: list[float] = []
    times: dict[str, list[float]] = {" ".join(args): [] for args in LIGHT_COMMANDS}
    with tempfile.TemporaryDirectory() as tmp:
        env = _desk_env(Path(tmp), Path(tmp) / "pycache")
        for round_ in range(runs + 1):  # round 0 writes the bytecode: not counted
            floor.append(_run_seconds([sys.executable, "-c", "pass"], env))
            for args in LIGHT_COMMANDS:
                times[" ".join(args)].append(_run_seconds([sys.executable, "-m", "app", *args], env))
            if not round_:
                floor.clear()
                for samples in times.values():
                    samples.clear()
    return [record("cli_start_light_s", max(median(samples) for samples in times.values()), "s", 0.2, median(floor))]


def _desk_window(store_path: Path, sim_url: str = "", credentials: tuple[str, str] = ("", ""),
                 shop_id: str = "demo"):
    from app.gateway.secrets import MemorySecretStore
    from app.store.engine import open_store

    from app.desk.demo import add_starter_phrases
    from app.desk.session import DeskSession, ShopAccount

    from app.ui.bridge import DeskBridge
    from app.ui.main_window import MainWindow
    from app.ui.start import application

    app = application()
    store = open_store(store_path)
    add_starter_phrases(store)  # the demo's library, as `kefudesk` on the demo starts with it
    bridge = DeskBridge()
    account = ShopAccount(sim_url or "http://127.0.0.1:9", shop_id, credentials[0], credentials[1], demo=True)
    session = DeskSession(store, account, MemorySecretStore(), bridge)
    window = MainWindow(session, bridge, shop_name="bench", demo=True)
    window.show()
    return app, store, session, window


def _dispose(app, *widgets) -> None:
    """Delete widgets while the QApplication still lives: left to the garbage collector at interpreter exit,
    PySide6 can tear them down after the application and crash."""
    for widget in widgets:
        widget.close()
        widget.deleteLater()
    app.processEvents()
    app.sendPostedEvents(None, 0)


def _close_desk(app, session, store, *widgets) -> None:
    _dispose(app, *widgets)
    session.stop()
    store.close()


def _spin_until(app, condition, timeout: float = 10.0) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.0005)
    return False


def _paint_watch(view, rect_of):
    """An event filter on `view`'s viewport: `.painted` turns True at the first Paint whose region covers
    `rect_of()` (None: not yet shown). The paint itself runs right after the filter, inside the same
    processEvents, so a clock read when processEvents returns includes it."""
    from PySide6.QtCore import QEvent, QObject

    class PaintWatch(QObject):
        painted = False

        def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt override
            if not self.painted and event.type() == QEvent.Type.Paint:
                rect = rect_of()
                self.painted = rect is not None and event.region().intersects(rect)
            return False

    watch = PaintWatch(view)
    view.viewport().installEventFilter(watch)
    return watch


def message_to_queue(quick: bool) -> list[Record]:
    """A buyer writes (POST to the simulator) → the queue row showing the text is painted on the desk's screen.

    Baseline, the same message in the same run: a bare httpx SSE reader hands it to the GUI thread, where a plain
    QListView adds or updates the buyer's row and paints it (the transport and Qt's floor, no store, no rules).
    """
    import httpx
    from PySide6.QtCore import QObject, QStringListModel, Signal
    from PySide6.QtWidgets import QListView

    from app.gateway.client import GatewayClient
    from app.shopsim.runner import SimServer

    nicks = 6  # every buyer's row fits in the queue's viewport, so each new message's row is painted
    samples, floor = [], []
    with tempfile.TemporaryDirectory() as tmp, SimServer(port=0, rate=0, initial_chats=0, buyers=20) as sim:
        user, password = sim.credentials
        app, store, session, window = _desk_window(Path(tmp) / "bench.db", sim.url, (user, password), sim.shop_id)
        bare_model = QStringListModel()
        bare = QListView()
        bare.setModel(bare_model)
        bare.resize(window.queue_view.size())
        bare.show()
        bare_rows: dict[str, int] = {}  # buyer → row, as a queue keeps one row a buyer

        class Relay(QObject):
            sig_message = Signal(str, str)  # (buyer nick, text), from the reader thread to the GUI thread

        def show_bare(nick: str, text: str) -> None:
            row = bare_rows.setdefault(nick, len(bare_rows))
            if row >= bare_model.rowCount():
                bare_model.insertRows(row, 1)
            bare_model.setData(bare_model.index(row), text)

        relay = Relay()
        relay.sig_message.connect(show_bare)
        raw = GatewayClient(httpx.Client(base_url=sim.url, timeout=httpx.Timeout(10, read=None)))
        raw.login(sim.shop_id, user, password)
        stop = threading.Event()

        def read_raw() -> None:
            try:
                for event in raw.events(None):
                    if stop.is_set():
                        return
                    message = getattr(event, "message", None)
                    if message is not None and message.direction == "in":
                        relay.sig_message.emit(message.conversation_id, message.text)
            except Exception:  # noqa: BLE001 - the reader ends when the simulator stops
                return

        threading.Thread(target=read_raw, daemon=True).start()
        session.start()
        if not _spin_until(app, lambda: session.online):
            raise RuntimeError("the desk did not connect to the simulator")
        control = httpx.Client(base_url=sim.url, timeout=10)
        queue_view, model = window.queue_view, window.queue_model
        for i in range(30 if quick else 150):
            text = f"这双鞋还有35码吗？#{i}"

            def desk_rect(text: str = text):
                row = next((r for r in range(model.rowCount()) if model.chat_at(r).last_text == text), None)
                return None if row is None else queue_view.visualRect(model.index(row))

            def bare_rect(text: str = text):
                row = next((r for r in range(bare_model.rowCount()) if bare_model.index(r).data() == text), None)
                return None if row is None else bare.visualRect(bare_model.index(row))

            desk_watch, bare_watch = _paint_watch(queue_view, desk_rect), _paint_watch(bare, bare_rect)
            started = time.perf_counter()
            control.post("/sim/say", json={"buyer_nick": f"bench_buyer_{i % nicks}", "text": text}).raise_for_status()
            painted: dict[str, float] = {}

            def both_painted(watches=(("desk", desk_watch), ("bare", bare_watch)), painted=painted) -> bool:
                now = time.perf_counter()
                for name, watch in watches:
                    if watch.painted:
                        painted.setdefault(name, now)
                return len(painted) == 2

            _spin_until(app, both_painted)
            queue_view.viewport().removeEventFilter(desk_watch)
            bare.viewport().removeEventFilter(bare_watch)
            if "desk" not in painted:
                raise RuntimeError(f"message {i}'s queue row was never painted")
            samples.append(painted["desk"] - started)
            if "bare" in painted:
                floor.append(painted["bare"] - started)
        stop.set()
        _dispose(app, bare, window)
        session.stop()
        store.close()
        control.close()
        raw._http.close()
    return [record("message_to_queue_p95", p95(samples) * 1000, "ms", 100, p95(floor) * 1000 if floor else None)]


def _desk_with_two_long_chats(folder: str):
    """A desk window whose queue holds chats A and B of 2,000 messages each, alternating buyer and agent; with
    the window, their texts, oldest first."""
    from app import domain

    app, store, session, window = _desk_window(Path(folder) / "bench.db")
    start = datetime(2026, 11, 1, tzinfo=UTC)
    texts: dict[str, list[str]] = {}
    for chat in ("A", "B"):
        store.upsert_conversation(domain.Conversation(chat, domain.Buyer(f"b{chat}", f"买家{chat}"), "active", start))
        texts[chat] = []
        history = []
        for i in range(2000):
            direction = "in" if i % 2 == 0 else "out"
            text = f"亲，这是第{i}条消息，宝贝已经在路上了哦～" if direction == "out" else f"第{i}条：什么时候发货呀？"
            texts[chat].append(text)
            history.append(domain.Message(f"{chat}-{i}", chat, direction, text, start + timedelta(seconds=i)))
        store.ingest_messages(history)  # one transaction: 2,000 commits of their own took most of the bench's time
    for chat in store.conversation_summaries():
        window.queue_model.upsert(chat)
    return app, store, session, window, texts


def _plain_history(like):
    """A plain QListView set up as the desk's history is (wrapped text, scrolled by pixel), its size."""
    from PySide6.QtWidgets import QAbstractItemView, QListView

    plain = QListView()
    plain.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    plain.setUniformItemSizes(False)
    plain.setWordWrap(True)
    plain.resize(like.size())
    plain.show()
    return plain


def chat_switch(quick: bool) -> list[Record]:
    """Switch between two chats of 2,000 messages each until the history is laid out and painted. The agent sees
    the newest 200 messages at once, scrolled to the last; older ones load when scrolled to the top
    (chat_scroll_back).

    Baseline, like for like: a plain QListView over a QStringListModel of the same 200 texts, switched the same
    way and scrolled to the last.
    """
    from PySide6.QtCore import QStringListModel

    from app.ui.conversation_pane import HISTORY_PAGE

    samples, floor = [], []
    with tempfile.TemporaryDirectory() as tmp:
        app, store, session, window, texts = _desk_with_two_long_chats(tmp)
        history = window.conversation.history
        for i in range(20 if quick else 100):
            started = time.perf_counter()
            window.select_row(i % 2)
            history.doItemsLayout()
            history.viewport().repaint()
            samples.append(time.perf_counter() - started)
        if window.conversation.model.rowCount() != HISTORY_PAGE:
            raise RuntimeError("the desk no longer opens a chat with one page of its history")

        plain = _plain_history(history)
        models = {chat: QStringListModel(texts[chat][-HISTORY_PAGE:]) for chat in texts}
        for i in range(20 if quick else 100):
            started = time.perf_counter()
            plain.setModel(models["AB"[i % 2]])
            plain.doItemsLayout()
            plain.scrollToBottom()
            plain.viewport().repaint()
            floor.append(time.perf_counter() - started)
        _close_desk(app, session, store, plain, window)
    return [record("chat_switch_2000_messages", median(samples) * 1000, "ms", 50, median(floor) * 1000)]


def chat_scroll_back(quick: bool) -> list[Record]:
    """In a chat of 2,000 messages opened at its newest 200, the agent scrolls to the top: the next 200 older
    ones are read from the store, laid out above and painted, the message being read kept in place.

    Baseline: a plain QListView showing the same 200 texts gets the same 200 older ones inserted above
    (beginInsertRows, as the desk's model does) and is laid out and painted, in the same run.
    """
    from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

    from app.ui.conversation_pane import HISTORY_PAGE

    class PlainList(QAbstractListModel):
        def __init__(self, texts: list[str]) -> None:
            super().__init__()
            self.texts = texts

        def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
            return 0 if parent.isValid() else len(self.texts)

        def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
            return self.texts[index.row()] if role == Qt.ItemDataRole.DisplayRole else None

        def prepend(self, older: list[str]) -> None:
            self.beginInsertRows(QModelIndex(), 0, len(older) - 1)
            self.texts[:0] = older
            self.endInsertRows()

    samples, floor = [], []
    with tempfile.TemporaryDirectory() as tmp:
        app, store, session, window, texts = _desk_with_two_long_chats(tmp)
        history = window.conversation.history
        bar = history.verticalScrollBar()
        for i in range(20 if quick else 100):
            window.select_row(1 - i % 2)  # away and back: the chat opens again at its newest page
            window.select_row(i % 2)
            history.doItemsLayout()
            app.processEvents()
            started = time.perf_counter()
            bar.setValue(0)
            history.viewport().repaint()
            samples.append(time.perf_counter() - started)
            if window.conversation.model.rowCount() != 2 * HISTORY_PAGE:
                raise RuntimeError("scrolling to the top did not load the next page of the history")

        plain = _plain_history(history)
        plain_bar = plain.verticalScrollBar()
        older, newest = texts["A"][-2 * HISTORY_PAGE:-HISTORY_PAGE], texts["A"][-HISTORY_PAGE:]
        for _ in range(20 if quick else 100):
            model = PlainList(list(newest))
            plain.setModel(model)
            plain.doItemsLayout()
            plain.scrollToBottom()
            app.processEvents()
            started = time.perf_counter()
            plain_bar.setValue(0)
            before = plain_bar.maximum()
            model.prepend(older)
            plain.doItemsLayout()
            plain_bar.setValue(plain_bar.maximum() - before)
            plain.viewport().repaint()
            floor.append(time.perf_counter() - started)
        _close_desk(app, session, store, plain, window)
    return [record("chat_scroll_back_200_older", median(samples) * 1000, "ms", 50, median(floor) * 1000)]
