"""Where KefuDesk keeps its files, the settings schema (declared once) and logging set-up.

The settings file is TOML (settings.toml in the user config dir). Every option is declared once in
SETTINGS with its type, default and help; reading, validation and the documentation derive from it.
"""

from __future__ import annotations

import logging
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from app.files.limits import SETTINGS_BYTES, read_limited
from app.files.refusals import TooLarge
from app.files.writing import write_atomic

APP_NAME = "KefuDesk"
DATA_DIR_ENV = "KEFUDESK_DATA_DIR"
CONFIG_DIR_ENV = "KEFUDESK_CONFIG_DIR"


class SettingsError(ValueError):
    """The settings file cannot be used; the message names the file, the key and the way out."""


@dataclass(frozen=True)
class Setting:
    name: str  # "section.key"
    type: type
    default: Any
    help: str
    choices: tuple[Any, ...] = ()
    bounds: tuple[float, float] | None = None  # least and most a number may be


SETTINGS: tuple[Setting, ...] = (
    Setting("gateway.url", str, "", "URL of the shop gateway; empty starts the built-in demo shop"),
    Setting("gateway.shop", str, "", "shop id to log in to"),
    Setting("gateway.agent", str, "", "your agent login at that shop"),
    Setting("gateway.allow_plain_http", bool, False,
            "talk plain http:// to a gateway on another machine (a test lab); otherwise refused, since the password "
            "and the token would cross the network readable by anyone on it"),
    Setting("store.url", str, "",
            "a team's shared PostgreSQL server instead of this computer's store, as "
            "postgresql+psycopg://USER@HOST:PORT/DATABASE, without the password (asked once, kept in the OS "
            "keyring); empty: the local file"),
    Setting("ui.language", str, "auto", "interface language", ("auto", "zh_CN", "en")),
    Setting("ui.theme", str, "auto", "light or dark; auto follows the system's colour scheme", ("auto", "light", "dark")),
    Setting("ui.quit_while_waiting", str, "ask",
            "Ctrl+Q or the close button while buyers wait for an answer: ask (saying how many wait and how long the "
            "longest has), or keep running in the tray (where the desktop has none: ask); with nobody waiting the "
            "desk quits at once", ("ask", "tray")),
    Setting("queue.after_reply", str, "longest",
            "which chat opens after you send a reply or close a chat (Ctrl+W): the buyer who has waited longest, "
            "the next unanswered buyer below, or stay on the chat", ("longest", "next", "stay")),
    Setting("palette.hotkey", str, "Ctrl+Alt+Space",
            "global hotkey of the phrase palette over other applications (X11, Windows); empty: none"),
    Setting("palette.clipboard_hotkey", str, "Ctrl+Alt+V",
            "global hotkey of the clipboard history over other applications (X11, Windows); empty: none"),
    Setting("palette.hotstring_groups", str, "",
            "phrase groups whose abbreviations expand in any application, comma-separated (售中, 售后/退款); "
            "empty: none"),
    Setting("palette.type_in", str, "XTerm, URxvt, Gnome-terminal, konsole, Xfce4-terminal",
            "applications that refuse a paste, where the palette types the phrase key by key instead (their "
            "WM_CLASS, comma-separated; Shift+Enter in the palette types anywhere)"),
    Setting("keys.preset", str, "kefudesk",
            "the desk's keys: KefuDesk's own, or 千牛-like where 千牛 (Qianniu) is known to differ; changed in "
            "Help → Change shortcuts (Ctrl+F1)", ("kefudesk", "qianniu")),
    Setting("keys.bindings", dict, {},
            "your own keys over the preset, as [keys.bindings] \"desk.send\" = [\"Ctrl+Return\"] (an empty list: no "
            "key); the action ids are in app/ui/keys/registry.py"),
    Setting("logging.redact", bool, True,
            "hide phone numbers, e-mail / Alipay accounts and addresses in the log (app/redact.py); turn off "
            "only to chase a bug, and delete the log afterwards"),
    Setting("demo.buyers", int, 50, "simulated buyers in the demo shop", bounds=(1, 10_000)),
    Setting("demo.rate", float, 8.0, "new buyer messages per minute in the demo shop", bounds=(0, 600)),
    Setting("demo.initial_chats", int, 8, "buyers already waiting when the demo starts", bounds=(0, 500)),
)


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    override = os.environ.get(CONFIG_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return config_dir() / "settings.toml"


def store_path() -> Path:
    return data_dir() / "kefudesk.db"


def load_settings(path: Path | None = None) -> dict[str, Any]:
    """Read and validate the settings file; a missing file means all defaults. Whatever the file holds,
    the result is the values or SettingsError (start-up prints it and stops, never a traceback)."""
    path = path or settings_path()
    values = {s.name: s.default for s in SETTINGS}
    try:
        if not path.exists():
            return values
        data = read_limited(path, SETTINGS_BYTES, "a settings file", "fix it, or delete it to use the defaults")
    except TooLarge as exc:
        raise SettingsError(f"{path}: {exc}") from exc
    except OSError as exc:  # a directory, no permission, a broken disk
        raise SettingsError(f"cannot read {path} ({exc.strerror or exc}); fix its permissions or delete it to use "
                            "the defaults") from exc
    try:
        raw = tomllib.loads(data.decode("utf-8-sig"))  # Windows Notepad saves UTF-8 with a BOM
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8, or delete it to use "
                            "the defaults") from exc
    except (ValueError, RecursionError) as exc:  # ValueError: TOML's own, or an integer of 5,000 digits
        why = _brief(str(exc)) if isinstance(exc, ValueError) else "nested too deeply"
        raise SettingsError(f"{path} is not valid TOML ({why}); fix it or delete it to use the defaults") from exc
    known = {s.name: s for s in SETTINGS}
    for section, table in raw.items():
        if not isinstance(table, dict):
            raise SettingsError(f"{path}: '{_brief(section)}' should be a [section]; see docs/settings.md")
        for key, value in table.items():
            name = f"{section}.{key}"
            setting = known.get(name)
            if setting is None:
                raise SettingsError(f"{path}: unknown setting '{_brief(name)}'; fix or remove it (known ones: "
                                    f"{', '.join(known)})")
            values[name] = _coerce(path, setting, value)
    return values


def check_value(name: str, value: Any) -> Any:
    """One setting's value as the settings file would hold it, or SettingsError saying what it must be (the
    settings dialog checks each field with the same rules as the file)."""
    known = {s.name: s for s in SETTINGS}
    if name not in known:
        raise SettingsError(f"unknown setting '{_brief(name)}'")
    return _check(known[name], value)


def save_settings(changes: Mapping[str, Any], path: Path | None = None) -> None:
    """Write these settings (checked first, all or none) into the settings file, each in its [section]: a line
    already there is replaced, a new one goes at the end of its section; every other line, comment and section
    stays as the user wrote it. The file is replaced whole (written beside it, then renamed)."""
    path = path or settings_path()
    checked = {name: check_value(name, value) for name, value in changes.items()}
    text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    lines = text.splitlines()
    pending: dict[str, dict[str, Any]] = {}
    for name, value in checked.items():
        section, _, key = name.partition(".")
        pending.setdefault(section, {})[key] = value
    out: list[str] = []
    section = ""

    def flush(section: str) -> None:  # what is left of a section goes after its last non-blank line
        rest = pending.pop(section, {})
        if not rest:
            return
        at = len(out)
        while at and not out[at - 1].strip():
            at -= 1
        out[at:at] = [f"{key} = {_toml_value(value)}" for key, value in rest.items()]

    for line in lines:
        header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            flush(section)
            section = header.group(1)
        else:
            assignment = re.match(r"^\s*([A-Za-z0-9_-]+)\s*=", line)
            if assignment and assignment.group(1) in pending.get(section, {}):
                line = f"{assignment.group(1)} = {_toml_value(pending[section].pop(assignment.group(1)))}"
        out.append(line)
    flush(section)
    for section_name, rest in pending.items():
        while out and not out[-1].strip():
            out.pop()
        out += [*([""] if out else []), f"[{section_name}]", *(f"{k} = {_toml_value(v)}" for k, v in rest.items())]
    write_atomic(path, ("\n".join(out) + "\n").encode("utf-8"))


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _toml_string(value)
    return repr(value)


def save_keys(preset: str, bindings: Mapping[str, list[str]], path: Path | None = None) -> None:
    """Write the [keys] tables of the settings file, leaving its other sections (and their comments) as they are."""
    path = path or settings_path()
    text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    kept: list[str] = []
    skipping = False
    for line in text.splitlines():
        header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            skipping = header.group(1) in ("keys", "keys.bindings")
        if not skipping:
            kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    table = ["[keys]", f"preset = {_toml_string(preset)}"]
    if bindings:
        table += ["", "[keys.bindings]"]
        table += [f"{_toml_string(action)} = [{', '.join(_toml_string(k) for k in keys)}]"
                  for action, keys in sorted(bindings.items())]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([*kept, *([""] if kept else []), *table]) + "\n", encoding="utf-8")


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _brief(value: object) -> str:
    """A value from the file for a message: a pasted megabyte must not become the message."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _coerce(path: Path, setting: Setting, value: Any) -> Any:
    try:
        return _check(setting, value)
    except SettingsError as exc:
        raise SettingsError(f"{path}: {exc}") from None


def _check(setting: Setting, value: Any) -> Any:
    if setting.type is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, setting.type) or isinstance(value, bool) and setting.type is not bool:
        raise SettingsError(f"'{setting.name}' must be {setting.type.__name__}, got {_brief(repr(value))}")
    if setting.type is dict and not all(isinstance(v, str) or isinstance(v, list) and all(isinstance(k, str) for k in v)
                                        for v in value.values()):
        raise SettingsError(f"every entry of [{setting.name}] must be a key (\"Ctrl+K\") or a list of keys")
    if setting.choices and value not in setting.choices:
        raise SettingsError(f"'{setting.name}' must be one of {', '.join(map(str, setting.choices))}")
    if setting.bounds and not setting.bounds[0] <= value <= setting.bounds[1]:  # also refuses nan
        low, high = setting.bounds
        raise SettingsError(f"'{setting.name}' must be between {low:g} and {high:g}, got "
                            f"{_brief(repr(value))}")
    return value


def settings_markdown() -> str:
    """The settings reference for docs/, generated from SETTINGS."""
    lines = ["| setting | type | default | meaning |", "|---|---|---|---|"]
    for s in SETTINGS:
        extra = f" ({' / '.join(map(str, s.choices))})" if s.choices else ""
        lines.append(f"| `{s.name}` | {s.type.__name__} | `{s.default!r}` | {s.help}{extra} |")
    return "\n".join(lines) + "\n"


def setup_logging(verbose: bool = False, *, redact: bool = True) -> Path | None:
    """Log to a rotating file in the data dir, readable by the user alone, and warnings to stderr; buyers'
    phone numbers, accounts and addresses are redacted on the way (never tokens: nothing logs them)."""
    from logging.handlers import RotatingFileHandler

    from app.files.writing import private_dir
    from app.redact import RedactingFilter

    class PrivateLogFile(RotatingFileHandler):
        """Each log file (the rotated ones too) created 0600, and made so if an older version left it open."""

        def _open(self):  # noqa: ANN202 - logging's own hook
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)
            return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)

    root = logging.getLogger("kefudesk")
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    handlers: list[logging.Handler] = []
    log_file: Path | None = None
    try:
        # the data dir first and on its own: made as a parent of logs/ it would get the umask's 0755
        # (and both made user-only if an earlier version left them 0755)
        private_dir(data_dir())
        log_dir = private_dir(data_dir() / "logs")
        log_file = log_dir / "kefudesk.log"
        handler = PrivateLogFile(log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handlers.append(handler)
    except OSError:
        log_file = None  # a read-only data dir must not stop the desk; stderr still gets warnings
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("kefudesk: %(message)s"))
    handlers.append(console)
    for old in [h for h in root.handlers if getattr(h, "kefudesk", False)]:  # set up again: replaced, not doubled
        root.removeHandler(old)
        old.close()
    for handler in handlers:
        handler.kefudesk = True  # type: ignore[attr-defined]
        if redact:
            handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    return log_file


def groups(value: str) -> tuple[str, ...]:
    """A comma-separated list (phrase groups, applications) as typed in a setting or an option (、 and ， allowed
    too)."""
    return tuple(g.strip() for g in value.replace("，", ",").replace("、", ",").split(",") if g.strip())


@dataclass(frozen=True)
class PaletteSettings:
    """The system-wide palette's settings, read once: its two hotkeys ("" for none), the phrase groups whose
    abbreviations expand anywhere, and the applications it types into instead of pasting."""

    hotkey: str = ""
    clipboard_hotkey: str = ""
    hotstring_groups: tuple[str, ...] = ()
    type_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class FloorSettings:
    """How the desk moves through the queue and leaves it: the chat opened after a reply or a close (longest /
    next / stay), and what quitting with buyers waiting does (ask / tray)."""

    after_reply: str = "longest"
    quit_while_waiting: str = "ask"


def floor_settings(settings: Mapping[str, Any]) -> FloorSettings:
    return FloorSettings(settings["queue.after_reply"], settings["ui.quit_while_waiting"])


def palette_settings(settings: Mapping[str, Any]) -> PaletteSettings:
    return PaletteSettings(settings["palette.hotkey"], settings["palette.clipboard_hotkey"],
                           groups(settings["palette.hotstring_groups"]), groups(settings["palette.type_in"]))

