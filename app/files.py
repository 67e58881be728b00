"""Writing a file the agent will open later (an export, a report, a phrase file) whole or not at all: into a
temporary file beside it, flushed to disk, then renamed over the name. A crash or a full disk half-way leaves
the old file (or none), never a cut-off one at the name the agent chose."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


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
