"""`python -m app.ui.keys --readme`: write the README's key tables from the registry (`--check`: only say
whether they are behind)."""

from __future__ import annotations

import argparse
import sys

from app.ui.keys.readme import README, rewrite


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.ui.keys", description=__doc__)
    parser.add_argument("--readme", action="store_true", help="rewrite README.md's key tables")
    parser.add_argument("--check", action="store_true", help="exit 1 when README.md's key tables are behind")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    fresh = rewrite(text)
    if args.check:
        return 0 if fresh == text else 1
    if args.readme:
        README.write_text(fresh, encoding="utf-8")
        return 0
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
