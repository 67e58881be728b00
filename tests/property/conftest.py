"""Prints how many inputs each parser family was tried with, the figure docs/reliability.md reports."""

from __future__ import annotations

from tests.property.strategies import TRIED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if TRIED:
        terminalreporter.write_sep("-", "property tests: inputs tried per parser family")
        for family, count in sorted(TRIED.items()):
            terminalreporter.write_line(f"{family}: {count}")
        terminalreporter.write_line(f"total: {sum(TRIED.values())}")
