"""bench/gui_profile.py names the code that held the GUI thread while the loop was late, and only that code."""

import time

from bench.gui_profile import GuiSampler


def a_slow_slot_on_the_gui_thread(sampler: GuiSampler, samples: int) -> None:
    deadline = time.perf_counter() + 10
    while len(sampler.samples) < samples and time.perf_counter() < deadline:
        sum(range(1000))


def a_quick_slot_outside_the_late_interval(sampler: GuiSampler, samples: int) -> None:
    a_slow_slot_on_the_gui_thread(sampler, samples)


def test_the_report_names_what_ran_inside_the_late_intervals():
    sampler = GuiSampler().start()
    try:
        a_quick_slot_outside_the_late_interval(sampler, 20)
        late_from = time.perf_counter()
        a_slow_slot_on_the_gui_thread(sampler, len(sampler.samples) + 50)
        late = (late_from, time.perf_counter())
    finally:
        sampler.stop()
    report = sampler.report([late])
    seen = report.split("self (innermost frame):")[1].split("\n\n")[0]
    assert "a_slow_slot_on_the_gui_thread" in seen
    assert "a_quick_slot_outside_the_late_interval" not in report
    assert "1 late intervals" in report
    assert sampler.report([]) == "no samples inside the late intervals"
