"""in_background (app/ui/background.py): the work runs on another thread, its result or its exception reaches
done() on the GUI thread, and a window closed meanwhile neither crashes the app nor hears of it."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject

from app.ui.background import in_background


def test_the_work_runs_on_a_thread_and_done_on_the_gui_thread(qtbot):
    parent = QObject()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["work"] = threading.current_thread()
        return 42

    def done(result: object) -> None:
        seen["done"] = threading.current_thread()
        seen["result"] = result

    in_background(work, done, parent)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["done"] is threading.main_thread()
    assert seen["work"] is not threading.main_thread()


def test_an_exception_in_the_work_reaches_done_as_the_result(qtbot):
    parent = QObject()
    results: list[object] = []

    def work() -> object:
        raise ValueError("the file is not a sheet")

    in_background(work, results.append, parent)
    qtbot.waitUntil(lambda: bool(results))
    assert isinstance(results[0], ValueError) and str(results[0]) == "the file is not a sheet"


def test_a_parent_deleted_while_the_work_runs_does_not_crash(qtbot, monkeypatch):
    parent = QObject()
    results: list[object] = []
    crashed: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: crashed.append(args.exc_value))
    release = threading.Event()
    worker: list[threading.Thread] = []

    def work() -> str:
        worker.append(threading.current_thread())
        release.wait(30)
        return "read"

    in_background(work, results.append, parent)
    qtbot.waitUntil(lambda: bool(worker))
    shiboken6.delete(parent)  # the dialog was cancelled: Qt deleted it and its relay
    release.set()
    qtbot.waitUntil(lambda: not worker[0].is_alive())
    QCoreApplication.processEvents()  # any queued delivery runs now: there must be none
    assert results == [] and crashed == []
