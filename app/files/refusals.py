"""What an import refuses: a file as a whole (UnreadableFile and the importers' own kinds of it, TooLarge before
it is read, WorkbookRefused from its zip) or one line of it (Rejected, with its number and why). Every refusal
carries a key and values (Refusal) for a front-end to word it in the agent's language; its message is the English
one the command line prints."""

from __future__ import annotations

import errno
from dataclasses import dataclass


class Refusal:
    """What a front-end needs to word a refusal in its own language (app/ui/labels.py): a key and the values the
    sentence names. The message itself is the English one the command line prints."""

    key: str = ""
    params: dict[str, str]

    def keyed(self, key: str, **params: object) -> None:
        self.key, self.params = key, {name: str(value) for name, value in params.items()}


class UnreadableFile(Refusal, Exception):
    """A file as a whole cannot be read (bytes in no known encoding, not a workbook, over an import's limits);
    the message names the problem and the way out. Each import raises its own kind (PhraseFileError,
    OrderFileError), so one caller can catch them all and another only its own."""

    def __init__(self, message: str, key: str = "", **params: object) -> None:
        super().__init__(message)
        self.keyed(key, **params)


class TooLarge(Refusal, OSError):
    """A file over an import's limit, refused before it is read (or as soon as it proves longer than its size);
    the message names the file, the limit and the way out. An OSError (EFBIG), so every "cannot read" path
    reports it."""

    def __init__(self, message: str) -> None:
        super().__init__(errno.EFBIG, message)

    def __str__(self) -> str:
        return str(self.strerror)


class WorkbookRefused(Refusal, ValueError):
    """A workbook whose zip holds more than an import reads, or XML no spreadsheet program writes."""

    def __init__(self, message: str, key: str, **params: object) -> None:
        super().__init__(message)
        self.keyed(key, **params)


@dataclass(frozen=True)
class Rejected:
    """One line of a file an import did not take (or took with a caveat), and why: for the report the agent
    reads before anything is written."""

    line: int  # 1-based line (text files), spreadsheet row (xlsx) or entry number (JSON)
    reason: str
    text: str = ""
