"""Files the desk writes. One the agent will open later (an export, a report, a phrase file) is written whole or
not at all: into a temporary file beside it, flushed to disk, then renamed over the name. A crash or a full disk
half-way leaves the old file (or none), never a cut-off one at the name the agent chose. The desk's own folders
(the data dir, images/, backups/, logs/, crash-reports/) are the user's alone: buyers' phones, addresses and
photos."""

from __future__ import annotations

import logging
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger("kefudesk.files")


def write_atomic(path: Path, data: bytes | str | Callable[[BinaryIO], object], *, mode: int = 0o600) -> None:
    """Write data (bytes, text as UTF-8, or a function that writes into the open binary file) to path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".part", delete=False)
    try:
        with handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name == "posix":
            os.chmod(handle.name, mode)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def private_dir(path: Path) -> Path:
    """path as a folder of the desk's own, which only its user can enter: made 0700 (missing parents as mkdir -p
    makes them), and an existing one's group and other bits taken away. Nothing is ever added: a folder made
    read-only stays read-only. Raises OSError when the folder cannot be made; a mode that cannot be changed (a
    read-only disk, a folder someone else owns) is logged and left."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            try:
                os.chmod(path, mode & 0o700)
            except OSError as exc:
                log.warning("%s stays readable by others (%s); make it yours alone: chmod go= %s", path,
                            exc.strerror or exc, path)
    return path
