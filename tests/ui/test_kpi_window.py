"""The KPI dashboard when the figures cannot be read: the query runs off the GUI thread, and its error is one short
line in the window (the whole text in the log), never an SQL statement of a year's chat ids."""

from __future__ import annotations

import logging
import threading
from types import SimpleNamespace

from app.desk.names import AgentNames

from app.ui.kpi_window import KpiWindow


def test_an_error_is_one_short_line_and_the_whole_text_goes_to_the_log(qtbot, caplog):
    huge = "(sqlite3.OperationalError) too many SQL variables [SQL: SELECT … WHERE id IN (" + "?, " * 300_000 + ")]"
    asked_on: list[threading.Thread] = []

    def kpis(*_args: object) -> list[object]:
        asked_on.append(threading.current_thread())
        raise RuntimeError(huge)

    caplog.set_level(logging.ERROR, logger="kefudesk.ui")
    window = KpiWindow(SimpleNamespace(kpis=kpis, names=AgentNames()), lambda *_a: None)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "could not be read" in window.status.text())
    assert asked_on and asked_on[0] is not threading.main_thread()  # the window kept answering meanwhile
    assert len(window.status.text()) < 100 and "SQL" not in window.status.text()
    assert any(huge in (record.exc_text or "") for record in caplog.records)


def test_the_review_says_a_read_error_in_one_short_line_too(qtbot, caplog):
    from app.ui.review_window import ReviewWindow

    huge = "(sqlite3.OperationalError) too many SQL variables [SQL: SELECT … WHERE id IN (" + "?, " * 300_000 + ")]"

    def chats(*_args: object) -> list[object]:
        raise RuntimeError(huge)

    caplog.set_level(logging.ERROR, logger="kefudesk.ui")
    window = ReviewWindow(SimpleNamespace(chats=chats, names=AgentNames(), checklist=lambda: []))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "could not be read" in window.status.text())
    assert len(window.status.text()) < 100 and "SQL" not in window.status.text()
    assert any(huge in (record.exc_text or "") for record in caplog.records)
