"""Refresh the .ts translation sources from app/ui and compile them to the .qm files the app loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app" / "ui").rglob("*.py"))


def main() -> int:
    out_dir = ROOT / "app" / "ui" / "i18n"
    out_dir.mkdir(exist_ok=True)
    for language in LANGUAGES:
        ts = ROOT / "resources" / "i18n" / f"kefudesk_{language}.ts"
        subprocess.run([tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-ts", str(ts)], cwd=ROOT, check=True)
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(out_dir / f"kefudesk_{language}.qm")],
                       cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
