"""The bundle's start script: PyInstaller freezes this, and it runs the same `kefudesk` command a pip install
gives (desk, screenshots and every subcommand)."""

import sys

from app.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
