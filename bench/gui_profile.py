"""A sampling profiler of the GUI thread: what Python code holds the desk's event loop when it answers late.

A daemon thread reads the main thread's stack (sys._current_frames) every millisecond; bench/soak.py --profile
matches the samples against its lag probe and prints the functions seen while a probe was late. Pure Python,
so it runs wherever the desk does (py-spy needs ptrace rights a shared CI box may not give). A sample can only
be taken when the GUI thread lets go of the GIL, so a long pure-Python step shows as fewer, later samples; the
share of samples per function is what to read, not absolute times. Time spent inside Qt's C++ (layout, paint
of built-in widgets) shows as the Python frame that called into it, or as the event loop itself.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path
from types import CodeType

ROOT = Path(__file__).resolve().parent.parent
IDLE = "<event loop>"  # the stack ends in the loop's exec(): Qt is waiting or doing C++ work of its own


@lru_cache(maxsize=4096)  # resolving a path per frame per millisecond would be the lag it measures
def _where(code: CodeType) -> str:
    try:
        path = Path(code.co_filename).resolve().relative_to(ROOT)
    except ValueError:
        path = Path(code.co_filename).name
    return f"{path}:{code.co_name}"


class GuiSampler:
    """Samples the thread that creates it (the GUI thread) from a thread of its own, until stopped."""

    def __init__(self, interval: float = 0.001, depth: int = 12) -> None:
        self._target = threading.get_ident()
        self._interval = interval
        self._depth = depth
        self._stop = threading.Event()
        # (perf_counter, stack innermost first, the innermost desk frame's file:function:line)
        self.samples: list[tuple[float, tuple[str, ...], str]] = []
        self._thread = threading.Thread(target=self._run, name="gui-sampler", daemon=True)

    def start(self) -> GuiSampler:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            frame = sys._current_frames().get(self._target)
            stack: list[str] = []
            line = ""
            while frame is not None and len(stack) < self._depth:
                stack.append(_where(frame.f_code))
                if not line and stack[-1].startswith("app/"):
                    line = f"{stack[-1]}:{frame.f_lineno}"
                frame = frame.f_back
            if not stack or stack[0].endswith(":run_for"):  # the soak's loop.exec() frame: Qt is in charge
                stack, line = [IDLE], ""
            self.samples.append((time.perf_counter(), tuple(stack), line))

    def report(self, windows: list[tuple[float, float]], top: int = 15) -> str:
        """The functions seen in samples inside `windows` (start, end): self (innermost frame) and inclusive
        (anywhere on the stack, desk code only), each as a share of those samples."""
        chosen = [(stack, line) for t, stack, line in self.samples if any(a <= t <= b for a, b in windows)]
        inside = [stack for stack, _line in chosen]
        if not inside:
            return "no samples inside the late intervals"
        own = Counter(stack[0] for stack in inside)
        anywhere = Counter(name for stack in inside for name in set(stack) if name.startswith("app/"))
        lines = [f"{len(inside)} samples in {len(windows)} late intervals "
                 f"({sum(b - a for a, b in windows) * 1000:.0f} ms)", "", "self (innermost frame):"]
        lines += [f"  {n / len(inside):6.1%}  {name}" for name, n in own.most_common(top)]
        lines += ["", "inclusive (desk code anywhere on the stack):"]
        lines += [f"  {n / len(inside):6.1%}  {name}" for name, n in anywhere.most_common(top)]
        lines += ["", "lines (the innermost desk frame):"]
        by_line = Counter(line for _stack, line in chosen if line)
        lines += [f"  {n / len(inside):6.1%}  {line}" for line, n in by_line.most_common(top)]
        busiest = Counter(" < ".join(stack[:6]) for stack in inside if stack[0] != IDLE)
        lines += ["", "stacks:"]
        lines += [f"  {n / len(inside):6.1%}  {stack}" for stack, n in busiest.most_common(8)]
        return "\n".join(lines)
