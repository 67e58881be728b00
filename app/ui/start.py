"""Start the desk: the Qt application, its language, the store, the session with the shop and the window."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import shiboken6
from PySide6.QtCore import QLibraryInfo, QObject, QPoint, QRect, QTimer, QTranslator, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSystemTrayIcon,
    QWidget,
)

from app.config import FloorSettings, PaletteSettings

from app.gateway.secrets import KeyringSecretStore, SecretStore
from app.store.engine import open_store, open_store_to_read
from app.store.errors import StoreError, StoreReadOnly
from app.store.store import Store

from app.desk.configured_store import open_configured
from app.desk.demo import add_starter_phrases
from app.desk.session import DeskSession, ShopAccount

from app.ui.app_icon import app_icon
from app.ui.bridge import DeskBridge
from app.ui.demo_help import DemoHelp
from app.ui.first_run import FirstRunWizard, suggested_language, wants_welcome
from app.ui.keys.keymap import Keymap
from app.ui.layout_memory import LayoutMemory
from app.ui.main_window import MainWindow
from app.ui.system_palette import SystemPalette
from app.ui.theme import follow_theme

from app import config, crash

I18N_DIR = Path(__file__).with_name("i18n")


@dataclass(frozen=True)
class DeskOptions:
    account: ShopAccount
    shop_name: str
    store_path: Path
    store_url: str = ""  # a team's PostgreSQL server instead of store_path (setting store.url)
    language: str = "auto"
    screenshot: Path | None = None
    screenshot_after: float = 6.0
    screenshot_of: str = "desk"  # "desk" or a key of SHOTS
    palette: PaletteSettings = PaletteSettings()  # the palette over other applications (no hotkey: none)
    floor: FloorSettings = FloorSettings()  # the chat after a reply, quitting with buyers waiting
    exit_on_first_paint: bool = False  # for the cold-start benchmark
    theme: str = "auto"  # light / dark / auto: the system's colour scheme
    start_shop: Callable[[], None] | None = None  # the demo shop, started after the first paint (ShopStarter)


def pick_language(setting: str) -> str:
    """The setting, or for "auto" what the system or the keyboard's input language say (Chinese under a C or
    POSIX locale, which says nothing: the first-run wizard asks there)."""
    return setting if setting != "auto" else suggested_language()


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load our strings and Qt's own (dialog buttons) for the language; English needs none."""
    translators: list[QTranslator] = []
    if language == "en":
        return translators
    ours = QTranslator(app)
    if ours.load(str(I18N_DIR / f"kefudesk_{language}.qm")):
        translators.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt)
    for translator in translators:
        app.installTranslator(translator)
    return translators


class CrashNotice(QObject):
    """Tells the agent an error nothing caught was written to a report, and that the desk goes on: a line in the
    status bar each time, a message box at most once a minute (a loop of errors must not bury the window)."""

    sig_report = Signal(object)  # the report's Path, from any thread

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.shown_at = -60.0
        self.sig_report.connect(self.show)

    def show(self, path: Path) -> None:
        self.window.statusBar().showMessage(QApplication.translate(
            "CrashNotice", "KefuDesk hit an error and wrote a report: %1").replace("%1", str(path)), 30_000)
        if time.monotonic() - self.shown_at < 60:
            return
        self.shown_at = time.monotonic()
        title = QApplication.translate("CrashNotice", "KefuDesk hit an error")
        text = QApplication.translate(
            "CrashNotice", "Something in KefuDesk failed. Your chats, drafts and records are saved, and you can go "
            "on working.\n\nA report for your support was written to:\n%1").replace("%1", str(path))
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("crashNotice")
        box.open()


class ShopStarter(QObject):
    """Starts the built-in demo shop on a thread of its own once the window has painted, then the session, which
    logs in to a shop that is up: the simulator's server and world were 0.2 s of every demo cold start. If the shop
    cannot start, the status bar says why and the desk works on what the store has."""

    sig_started = Signal()
    sig_failed = Signal(str)

    def __init__(self, window: MainWindow, start_shop: Callable[[], None], then: Callable[[], None]) -> None:
        super().__init__()  # no parent: run_desk keeps it, and joins its thread before the window is deleted
        self.window = window
        self._start_shop = start_shop
        self._then = then
        self._thread = threading.Thread(target=self._run, name="kefudesk-demo-shop", daemon=True)
        self.sig_started.connect(self._started)
        self.sig_failed.connect(self._failed)
        window.sig_first_paint.connect(self._thread.start)

    def _run(self) -> None:
        try:
            self._start_shop()
        except (OSError, RuntimeError) as exc:  # its port taken meanwhile, or its server did not come up
            self.sig_failed.emit(str(exc))
            return
        self.sig_started.emit()

    @Slot()
    def _started(self) -> None:
        self._then()

    @Slot(str)
    def _failed(self, why: str) -> None:
        self.window.statusBar().showMessage(
            QApplication.translate("run_desk", "The demo shop did not start: %1").replace("%1", why), 30_000)

    def join(self) -> None:
        """Wait for a start under way (quitting right after the first paint), so nothing starts after the desk."""
        if self._thread.is_alive():
            self._thread.join()


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("KefuDesk")
    app.setOrganizationName("KefuDesk")
    app.setDesktopFileName("kefudesk")  # the taskbar finds the installed kefudesk.desktop entry by this name
    app.setWindowIcon(app_icon())
    return app  # type: ignore[return-value]


def run_desk(options: DeskOptions, secrets: SecretStore | None = None) -> int:
    started = time.perf_counter()
    app = application()
    translators = install_translators(app, pick_language(options.language))
    try:
        return _run_desk(app, options, secrets, started)
    finally:
        for translator in translators:  # a later window in this process (a test's) starts in its own language
            app.removeTranslator(translator)


def _run_desk(app: QApplication, options: DeskOptions, secrets: SecretStore | None, started: float) -> int:
    follow_theme(app, options.theme)
    read_only = ""
    secrets = secrets or KeyringSecretStore()
    interactive = options.screenshot is None and not options.exit_on_first_paint
    try:
        if options.store_url:  # a team's server: its password from the keyring, or asked for once
            store = open_configured({"store.url": options.store_url}, secrets,
                                    _ask_database_password if interactive else None)
        else:
            store = open_store(options.store_path)
    except StoreReadOnly as exc:  # a read-only folder or disk: what is there can still be shown
        try:
            store, read_only = open_store_to_read(options.store_path), str(exc)
        except StoreError:
            return _cannot_open(app, options, exc)
    except StoreError as exc:
        return _cannot_open(app, options, exc)
    account = options.account
    if interactive and not account.demo and not account.password and not secrets.get(account.secret_key):
        account = replace(account, password=ask_password(account))
    if account.demo and not read_only:
        add_starter_phrases(store)  # the demo shop's own phrases, once per store: a deleted one stays deleted
    bridge = DeskBridge()
    session = DeskSession(store, account, secrets, bridge)
    window = MainWindow(session, bridge, shop_name=options.shop_name, demo=options.account.demo, floor=options.floor,
                        keys=configured_keymap())
    if not read_only:  # the demo can approve (its supervisor, said on the status line); elsewhere, no public password
        if options.account.demo:
            DemoHelp(window).show_supervisor()
        else:
            DemoHelp(window).warn_if_left()
    crash.install(config.data_dir() / "crash-reports", CrashNotice(window).sig_report.emit, session.known_failure)
    if getattr(secrets, "warning", ""):
        QTimer.singleShot(0, window, lambda: window.statusBar().showMessage(
            app.translate("run_desk", "No OS keyring: the login is kept for this session only."), 15_000))
    if options.exit_on_first_paint:
        def report() -> None:
            print(f"first_paint_s={time.perf_counter() - started:.4f}", flush=True)
            app.quit()
        window.sig_first_paint.connect(report)
    target = options.screenshot

    def shoot() -> None:
        window.go_longest_waiting()
        if options.screenshot_of == "desk":
            QTimer.singleShot(300, window, lambda: (_save(window, window, target), app.quit()))
            return
        answered = _answer_some(window)
        print(f"kefudesk: answered {answered} buyer(s) before the {options.screenshot_of} screenshot")
        QTimer.singleShot(1000, window, show_view)  # the chat the floor opened next has its orders in by then

    def show_view() -> None:
        open_view, size = SHOTS[options.screenshot_of]
        opened = open_view(window)
        if size is not None:
            opened.resize(*size)
        QTimer.singleShot(2500, window, lambda: (_save(opened, window, target, over_desk=size is None), app.quit()))

    shot_armed: list[bool] = []

    def arm_shot() -> None:
        if target is not None and not shot_armed:
            shot_armed.append(True)
            QTimer.singleShot(int(options.screenshot_after * 1000), window, shoot)

    def begin() -> None:
        """The session, and the screenshot's wait: the traffic runs --after seconds from the shop's connection
        (logging in on a busy machine can take longer than the wait), or from 10 s on without one."""
        if read_only:
            arm_shot()
            return
        session.start()
        if target is not None:
            bridge.sig_connection.connect(lambda online, _why: online and arm_shot())
            QTimer.singleShot(10_000, window, arm_shot)

    starter = None
    if options.start_shop is not None and not read_only:
        starter = ShopStarter(window, options.start_shop, begin)
    if interactive:  # a screenshot or a benchmark starts from the same layout every time
        window.tools.memory = LayoutMemory(window)
        window.tools.memory.track(window, "desk")
    window.show()
    if starter is None:
        begin()
    if interactive and not read_only and wants_welcome():  # a computer the desk was never set up on
        QTimer.singleShot(0, window, lambda: _welcome(window, pick_language(options.language)))
    if read_only:  # offline on purpose: nothing from the shop could be kept
        window.status_line.show_read_only(read_only)
        system_palette = None
    else:
        system_palette = _system_palette(window, store, options.palette) if interactive else None
        if system_palette is not None:  # the shop names the agent (花名) at login: {agent} elsewhere too
            bridge.sig_connection.connect(lambda online, _why: online and setattr(
                system_palette, "agent", session.agent_name))
    try:
        return app.exec()
    finally:
        if starter is not None:
            starter.join()
        if system_palette is not None:
            system_palette.stop()
            system_palette.desktop.close()
        window.conversation.flush_draft()
        session.stop()
        store.close()
        # timers bound to the window die with it: none can quit a later event loop (a dialog's, a test's)
        shiboken6.delete(window)


def _welcome(window: MainWindow, language: str) -> FirstRunWizard:
    """The first-run wizard over the demo desk; a phrase file chosen there opens in the phrase manager's preview."""
    wizard = FirstRunWizard(window, window.issue_desk, language, phrases=len(window.phrases.phrases))

    def done(changed: dict, phrase_file: str) -> None:
        if phrase_file:
            window.library.open_phrase_manager().import_file(Path(phrase_file))
        if changed:
            window.statusBar().showMessage(QApplication.translate(
                "run_desk", "Saved. The language and the shop connection take effect at the next start."), 15_000)

    wizard.sig_done.connect(done)
    wizard.open()
    return wizard


def configured_keymap() -> Keymap:
    """settings.toml's [keys] (read again here: the command line checked the file before the desk started)."""
    try:
        return Keymap.from_settings(config.load_settings())
    except config.SettingsError:
        return Keymap()


def _cannot_open(app: QApplication, options: DeskOptions, exc: StoreError) -> int:
    print(f"kefudesk: {exc}", file=sys.stderr)
    if options.screenshot is None and not options.exit_on_first_paint:
        QMessageBox.critical(None, app.translate("run_desk", "KefuDesk cannot open its store"), str(exc))
    return 3


def _ask_database_password(where: str) -> str:
    password, accepted = QInputDialog.getText(
        None, QApplication.translate("run_desk", "The team's database"),
        QApplication.translate("run_desk", "Password for %1 (kept in the OS keyring):").replace("%1", where),
        QLineEdit.EchoMode.Password)
    return password if accepted else ""


def ask_password(account: ShopAccount) -> str:
    """No saved login for this shop: ask once. Cancelling keeps the desk usable offline on what it has."""
    title = QApplication.translate("run_desk", "Log in to the shop")
    label = QApplication.translate("run_desk", "Password for %1 at %2:")
    password, accepted = QInputDialog.getText(
        None, title, label.replace("%1", account.agent).replace("%2", account.base_url), QLineEdit.EchoMode.Password)
    return password if accepted else ""


def _answer_some(window: MainWindow, most: int = 6) -> int:
    """Answer the longest-waiting buyers through the reply box (the screenshot of the review or the KPIs needs a
    few answered chats); returns how many were answered."""
    waiting = [window.queue_model.chat_at(r) for r in range(window.queue_model.rowCount())]
    answered = 0
    for chat in [c for c in waiting if c is not None and c.last_direction == "in"][:most]:
        window.select_row(window.queue_model.row_of(chat.id))
        window.conversation.composer.setPlainText("亲，在的呢～马上为您查看")  # to the buyer, in the shop's words
        window.conversation.send_current()
        QApplication.processEvents()
        answered += 1
    return answered


def _save(shown: QWidget, desk: MainWindow, target: Path, over_desk: bool = False) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not _picture(shown, desk, over_desk).save(str(target)):
        print(f"kefudesk: could not write the screenshot to {target}", file=sys.stderr)
    else:
        print(f"kefudesk: screenshot saved to {target}")


def _picture(shown: QWidget, desk: MainWindow, over_desk: bool) -> QPixmap:
    """The shown window alone, or over the desk where it opened (a popup or a dialog is no window of its own to a
    user: the desk behind it says where it is)."""
    if not over_desk:
        return shown.grab()
    picture = desk.grab()
    painter = QPainter(picture)
    place = QRect(desk.mapFromGlobal(shown.mapToGlobal(QPoint(0, 0))), shown.size())
    painter.drawPixmap(place.topLeft(), shown.grab())
    painter.setPen(QColor("#606060"))  # offscreen there is no window frame: its edge, drawn
    painter.drawRect(place.adjusted(-1, -1, 0, 0))
    painter.end()
    return picture


def _open_palette(window: MainWindow) -> QWidget:
    """Ctrl+K over the open chat, with a pinyin query typed: the phrases it finds, filled in for this buyer."""
    window.firing.open_palette()
    window.palette.query.setText("tk")  # pinyin initials: 退款…
    return window.palette


def _open_worklist(window: MainWindow) -> QWidget:
    """Ctrl+Shift+W with the shop's problem-order list in it: fetched and written as the worklist's Ctrl+Shift+F
    and Import do (the plan and its write, without the preview between them)."""
    from app.desk.problem_orders import plan_gateway, run_plan

    run_plan(window.issue_desk, plan_gateway(window.issue_desk, window.session.fetch_problem_orders()),
             source="gateway")
    return window.issues.open_worklist()


def _open_search(window: MainWindow) -> QWidget:
    search = window.opens.open_search()
    search.query.setText("亲")  # in every answer the screenshot gave first, so it always finds some
    return search


# --screenshot-of: each view opened as its key does it (app/ui/desk_menus.py), after a few buyers were answered;
# and its size (None: as it opens, pictured over the desk). The CLI's choices (app/cli/desk.py) are these and "desk".
SHOTS: dict[str, tuple[Callable[[MainWindow], QWidget], tuple[int, int] | None]] = {
    "review": (lambda window: window.opens.open_review(), (1320, 800)),
    "kpis": (lambda window: window.opens.open_kpis(), (1320, 800)),
    "palette": (_open_palette, None),
    "phrases": (lambda window: window.library.open_phrase_manager(), (1200, 760)),
    "issue": (lambda window: window.issues.new_issue(), None),
    "worklist": (_open_worklist, (1200, 700)),
    "search": (_open_search, (1200, 760)),
    "settings": (lambda window: window.opens.open_settings(), None),
    "keys": (lambda window: window.opens.open_cheat_sheet(), None),
}


def _system_palette(window: MainWindow, store: Store, settings: PaletteSettings) -> SystemPalette | None:
    """The desk's phrases over other applications too, where the windowing system allows; the status bar
    says once why not."""
    from app.domain import now_utc

    from app.systemwide import DesktopUnavailable, Unsupported, detect

    from app.desk.clipboard import ClipHistory

    from app.ui.system_palette import SystemPalette

    if not settings.hotkey:
        return None
    desktop = detect()
    why = desktop.why if isinstance(desktop, Unsupported) else ""
    palette = None
    if not why:
        window.clips = ClipHistory(store, clock=now_utc)
        palette = SystemPalette(desktop, window.phrases, window.clips, shop=window.shop_name,
                                agent=window.session.agent_name, parent=window)
        try:
            _start(palette, settings)
            _tray(palette, settings, window)
            palette.sig_problem.connect(lambda text: window.statusBar().showMessage(text, 10_000))
            palette.sig_kept.connect(lambda title: window.statusBar().showMessage(
                QApplication.translate("run_desk", "Kept as a phrase in 剪贴板: %1").replace("%1", title), 5000))
        except (DesktopUnavailable, ValueError) as exc:
            why, palette = str(exc), None
    if why:
        desktop.close()
        QTimer.singleShot(3000, window, lambda: window.statusBar().showMessage(
            QApplication.translate("run_desk", "The phrase palette over other applications is off: %1")
            .replace("%1", why), 15_000))
    return palette


def _start(palette: SystemPalette, settings: PaletteSettings) -> None:
    palette.type_in = {app.lower() for app in settings.type_in}
    palette.start(settings.hotkey, settings.clipboard_hotkey)
    palette.watch_hotstrings(list(settings.hotstring_groups))


def _tray(palette: SystemPalette, settings: PaletteSettings,
          window: MainWindow | None = None) -> QSystemTrayIcon | None:
    """The tray icon, where the desktop has a tray: pause the palette and its hotstrings (while typing in a
    program whose keys should not expand), show the desk, quit."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    app = QApplication.instance()
    tray = QSystemTrayIcon(app_icon(), palette)
    menu = QMenu(window)
    if window is not None:
        menu.addAction(QApplication.translate("run_palette", "Show the desk"),
                       lambda: (window.showNormal(), window.raise_(), window.activateWindow()))
    pause = menu.addAction(QApplication.translate("run_palette", "Pause the phrase hotkey"))
    pause.setCheckable(True)
    pause.toggled.connect(lambda on: setattr(palette, "paused", on))
    # with the desk: quitting asks while buyers wait, as Ctrl+Q does (app/ui/quit_guard.py)
    menu.addAction(QApplication.translate("run_palette", "Quit"),
                   window.quit_guard.quit_from_tray if window is not None else app.quit)
    tray.setContextMenu(menu)
    tray.setToolTip(QApplication.translate("run_palette", "KefuDesk phrases: %1").replace("%1", settings.hotkey))
    tray.show()
    tray.menu = menu  # setContextMenu does not take ownership: the menu lives as long as the icon
    if window is None:  # without the desk's status bar, the tray says what happened
        palette.sig_problem.connect(lambda text: tray.showMessage("KefuDesk", text))
        palette.sig_kept.connect(lambda title: tray.showMessage("KefuDesk", QApplication.translate(
            "run_desk", "Kept as a phrase in 剪贴板: %1").replace("%1", title)))
    return tray


def run_palette(store_path: Path, settings: PaletteSettings, language: str = "auto", store_url: str = "") -> int:
    """`kefudesk palette`: the phrase palette over any application, without the desk's window (companion mode:
    the agent answers in the marketplace's own client). A tray icon pauses it or quits where a tray exists."""
    from app.domain import now_utc

    from app.systemwide import DesktopUnavailable, detect

    from app.desk.clipboard import ClipHistory
    from app.desk.phrases import PhraseBook

    from app.ui.system_palette import SystemPalette

    app = application()
    install_translators(app, pick_language(language))
    app.setQuitOnLastWindowClosed(False)
    try:
        store = (open_configured({"store.url": store_url}, KeyringSecretStore(), _ask_database_password)
                 if store_url else open_store(store_path))
    except StoreError as exc:
        print(f"kefudesk palette: {exc}", file=sys.stderr)
        return 3
    crash.install(config.data_dir() / "crash-reports",
                  lambda path: print(f"kefudesk palette: an error was written to {path}", file=sys.stderr))
    desktop = detect()
    palette = SystemPalette(desktop, PhraseBook(store), ClipHistory(store, clock=now_utc))
    try:
        _start(palette, settings)
    except (DesktopUnavailable, ValueError) as exc:
        print(f"kefudesk palette: {exc}", file=sys.stderr)
        desktop.close()
        store.close()
        return 2
    _tray(palette, settings)
    clip = settings.clipboard_hotkey
    also = f", {clip} the clipboard history" if clip else ""
    print(f"kefudesk palette: ready — {settings.hotkey} opens the phrase palette over any application{also}",
          flush=True)
    try:
        return app.exec()
    finally:
        palette.stop()
        desktop.close()
        store.close()

