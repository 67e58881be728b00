"""The promotion-day soak (bench/soak.py) run in a process of its own, its figures turned into records."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.runner import Record, record

ROOT = Path(__file__).resolve().parent.parent


def soak(quick: bool) -> list[Record]:
    """100 buyers, 5 messages/s in total, the agent answering through the real window: 10 minutes (30 s quick).

    Baselines from the same run: the idle connected desk's event-loop lag before traffic, and the resident
    memory at the end of warm-up (the first minute; 8 s quick)."""
    seconds, warmup = (30, 8) if quick else (600, 60)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "soak.json"
        env = os.environ | {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        subprocess.run([sys.executable, str(ROOT / "bench" / "soak.py"), "--seconds", str(seconds),
                        "--warmup", str(warmup), "--out", str(out)], check=True, cwd=ROOT, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=seconds + 180)
        r = json.loads(out.read_text(encoding="utf-8"))
    print(f"  soak: {r['buyer_messages']} buyer messages, {r['replies']} replies, {r['lag_samples']} lag samples",
          flush=True)
    return [
        record("soak_gui_lag_p99", r["lag_p99_ms"], "ms", 50, r["idle_lag_p99_ms"]),
        record("soak_rss_peak", r["rss_peak_mb"], "MB", 300, r["rss_after_warmup_mb"]),
        record("soak_rss_growth", r["rss_end_mb"] - r["rss_after_warmup_mb"], "MB", 20, None),
        record("soak_lost_messages", r["lost_in"] + r["lost_out"] + r["unsent_out"], "msgs", 0, None),
        record("soak_duplicated_messages", r["dup_in"] + r["dup_out"], "msgs", 0, None),
    ]
