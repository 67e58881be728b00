"""The end-of-run count of property inputs (tests/conftest.py) adds up every pytest-xdist worker's: the workers
run the tests, but only the controller prints, and it ran none."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_two_workers_report_the_inputs_they_tried_and_the_controller_prints_their_total(tmp_path):
    # one example a test: the count, not the search, is what is checked here
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")} | {"KEFUDESK_PROPERTY_SCALE": "0.01"}
    run = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "2", "--dist", "loadfile",
                          "--basetemp", str(tmp_path / "run"), "tests/property/test_settings_files.py",
                          "tests/property/test_problem_files.py"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "created: 2/2 workers" in run.stdout
    summary = run.stdout.split("property tests: inputs tried per parser family", 1)[1]
    counts = dict(re.findall(r"^([a-z -]+): (\d+)$", summary, re.MULTILINE))
    assert set(counts) == {"problem-order lists", "settings files", "total"}, summary
    assert all(int(n) > 0 for n in counts.values())
    assert int(counts["total"]) == int(counts["problem-order lists"]) + int(counts["settings files"])
