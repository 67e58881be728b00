"""in_background (app/ui/background.py): the work runs on another thread, its result or its exception reaches
done() on the GUI thread, and a window closed meanwhile neither crashes the app nor hears of it. Latest: of
questions asked one after another, only the newest one's answer is shown, whichever comes back first."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject

from app.ui.background import Latest, in_background, under_way


class Held:
    """Work that waits on its thread until the test lets it answer; finish() lets it and delivers its answer."""

    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []

    def __call__(self) -> str:
        self.threads.append(threading.current_thread())
        self.release.wait(30)
        return self.answer

    def started(self) -> bool:
        return bool(self.threads)

    def finish(self, qtbot) -> None:  # noqa: ANN001
        self.release.set()
        qtbot.waitUntil(lambda: not self.threads[0].is_alive())
        QCoreApplication.processEvents()  # a queued answer is delivered now, if there is one


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
    work = Held("read")
    in_background(work, results.append, parent)
    qtbot.waitUntil(work.started)
    shiboken6.delete(parent)  # the dialog was cancelled: Qt deleted it
    work.finish(qtbot)
    qtbot.waitUntil(lambda: under_way() == 0)  # the answer came back to the GUI thread, and was dropped there
    assert results == [] and crashed == []


def test_an_older_answer_arriving_after_a_newer_one_is_dropped(qtbot):
    latest = Latest(QObject())
    shown: list[object] = []
    last_week = Held("last week")
    latest.ask(last_week, shown.append)
    latest.ask(lambda: "today", shown.append)  # the owner picked another day meanwhile
    qtbot.waitUntil(lambda: shown == ["today"] and last_week.started())
    last_week.finish(qtbot)
    assert shown == ["today"]


def test_a_question_taken_back_shows_no_answer(qtbot):
    latest = Latest(QObject())
    shown: list[object] = []
    refund = Held("退款")
    latest.ask(refund, shown.append)
    qtbot.waitUntil(refund.started)
    latest.forget()  # the search box was emptied
    refund.finish(qtbot)
    assert shown == []


def test_windows_closed_while_their_answers_arrive_never_take_the_process_down(qtbot):
    """The race the accessibility walk hit once (a transfer dialog closed as its colleague list came back): many
    windows deleted at the moment their work finishes; every answer comes back and none reaches a deleted one.
    (The relay the window owned crashed this process three runs out of three.)"""
    results: list[object] = []
    for n in range(300):
        parent = QObject()
        in_background(lambda n=n: n, results.append, parent)
        shiboken6.delete(parent)
    qtbot.waitUntil(lambda: under_way() == 0)
    assert results == []
