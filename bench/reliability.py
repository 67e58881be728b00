"""`kefudesk bench --reliability`: the long versions of what the test suite checks briefly (issue 9).

- the crash harness (bench/crash.py): 150 kills of a working desk, then 30 during a schema upgrade;
- the property tests of every parser (tests/property, tests/unit/gateway/test_parsers_property.py) with 20 times
  the inputs of the default run (KEFUDESK_PROPERTY_SCALE=20).

Prints what was tried and what was found, and writes it as JSON with --json; docs/reliability.md quotes the last
run. Exit status 1 when anything was found.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROPERTY_TESTS = ["tests/property", "tests/unit/gateway/test_parsers_property.py"]


def run_reliability(*, quick: bool = False, json_path: Path | None = None) -> int:
    from bench.crash import run

    kills = 20 if quick else 150
    print(f"crash harness: {kills} kills of a working desk, {max(2, kills // 5)} during an upgrade…", flush=True)
    crash = run(kills, seed=11, progress=not quick)
    scale = "3" if quick else "20"
    print(f"property tests at {scale}× the default inputs…", flush=True)
    env = os.environ | {"KEFUDESK_PROPERTY_SCALE": scale, "QT_QPA_PLATFORM": "offscreen"}
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *PROPERTY_TESTS],
                           cwd=ROOT, env=env, capture_output=True, text=True)
    tried = {name: int(count) for name, count in re.findall(r"^([^:\n]+): (\d+)$", tests.stdout, re.M)}
    summary = tests.stdout.strip().splitlines()[-1] if tests.stdout.strip() else tests.stderr[-300:]
    report = {"crash": crash.as_dict(), "property": {"inputs_tried": tried, "pytest": summary,
                                                     "passed": tests.returncode == 0}}
    print(json.dumps(report, ensure_ascii=False, indent=2))
    if json_path is not None:
        json_path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if crash.findings or tests.returncode else 0
