"""tools/busy.sh, the project's own "run the suite on a busy machine": it runs the command with the given number
of CPU-bound processes beside it, passes the command's exit code on, and leaves none of them running."""

from __future__ import annotations

import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "busy.sh"
# the script's children while the command runs: the spinners and the command itself (counted by process, not by
# name: a spinner may not have become python yet when the command looks)
COUNT_CHILDREN = "ps -o pid= --ppid $PPID | wc -l"


def test_the_command_runs_beside_the_spinners_and_its_exit_code_is_kept():
    done = subprocess.run(["bash", str(SCRIPT), "-n", "3", "bash", "-c", COUNT_CHILDREN + "; exit 7"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 7
    assert done.stdout.strip() == "4"  # three busy processes beside the command
    assert "3 CPU-bound process(es)" in done.stderr


def test_no_spinner_outlives_the_command():
    done = subprocess.run(["bash", str(SCRIPT), "-n", "2", "bash", "-c", "echo $PPID"], capture_output=True,
                          text=True, timeout=60)
    script_pid = done.stdout.strip()
    left = subprocess.run(["bash", "-c", f"ps -o pid= --ppid {script_pid} | wc -l"], capture_output=True, text=True)
    assert left.stdout.strip() == "0"


def test_a_wrong_count_is_refused_with_usage():
    done = subprocess.run(["bash", str(SCRIPT), "-n", "many", "true"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "-n takes a number" in done.stderr
