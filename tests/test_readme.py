"""The README's set-up section has exactly two commands, and CI runs the test one verbatim."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in section.splitlines() if re.match(r"^    \S", line)]


def test_two_setup_commands_one_starts_the_desk_one_runs_the_tests_as_ci_does():
    start, tests = setup_commands()
    assert start.endswith("/kefudesk") and "pip install" in start
    assert tests.endswith("python -m pytest")
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert tests in ci, "keep .ci/run's test command equal to the README's"
