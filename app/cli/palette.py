"""`kefudesk palette`: the phrase palette over any application (X11), without the desk window: a global hotkey
opens it, the clipboard history has its own, and chosen groups' abbreviations expand as they are typed."""

from __future__ import annotations

import argparse
import dataclasses

from app.cli.common import user_settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--hotkey", help="the global hotkey (default: palette.hotkey in the settings, "
                        "Ctrl+Alt+Space)")
    parser.add_argument("--clipboard-hotkey", help="the clipboard history's global hotkey (default: "
                        "palette.clipboard_hotkey in the settings, Ctrl+Alt+V)")
    parser.add_argument("--hotstrings", metavar="GROUPS", help="phrase groups whose abbreviations expand in "
                        "any application, comma-separated (default: palette.hotstring_groups in the settings)")
    parser.add_argument("--lang", choices=("auto", "zh_CN", "en"), default="auto", help="interface language")


def run(args: argparse.Namespace) -> int:
    from app.ui.start import run_palette

    from app import config

    settings = user_settings("kefudesk palette")
    chosen = config.palette_settings(settings)
    chosen = dataclasses.replace(
        chosen, hotkey=args.hotkey or chosen.hotkey or "Ctrl+Alt+Space",
        clipboard_hotkey=chosen.clipboard_hotkey if args.clipboard_hotkey is None else args.clipboard_hotkey,
        hotstring_groups=chosen.hotstring_groups if args.hotstrings is None else config.groups(args.hotstrings))
    return run_palette(config.store_path(), chosen, args.lang, settings["store.url"])
