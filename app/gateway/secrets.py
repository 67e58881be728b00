"""Where bearer tokens live: the OS keyring, or this session's memory when the OS has none. Never a file."""

from __future__ import annotations

import logging
from types import ModuleType
from typing import Protocol

log = logging.getLogger("kefudesk.secrets")

SERVICE = "KefuDesk"


class SecretStore(Protocol):
    def get(self, key: str) -> str | None: ...
    def set(self, key: str, value: str) -> None: ...
    def delete(self, key: str) -> None: ...


class MemorySecretStore:
    """Secrets for this process only; used in tests and when the OS offers no keyring."""

    def __init__(self) -> None:
        self._values: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self._values.get(key)

    def set(self, key: str, value: str) -> None:
        self._values[key] = value

    def delete(self, key: str) -> None:
        self._values.pop(key, None)


def _keyring() -> ModuleType:
    """The keyring package, imported when a secret is first read or written: with its backends it costs a desk's
    or a command's start 0.05-0.1 s, and the demo shop and most commands never ask for a secret."""
    import keyring
    import keyring.errors

    return keyring


class KeyringSecretStore:
    """The OS keyring (Secret Service, Keychain, Windows Credential Manager) through `keyring`.

    When no backend is available the first failure is reported once through `warning` and the secret is
    kept in memory for the rest of the session: asking the agent to log in again tomorrow is better than a
    token in a plain-text file. The backend is looked at when a secret is first read or written, not when the
    store is made: a command that never logs in (kefudesk profiles list on this computer's store) has nothing
    to warn about.
    """

    def __init__(self, service: str = SERVICE) -> None:
        self._service = service
        self._fallback = MemorySecretStore()
        self.warning = ""
        self._checked = False

    def _check(self) -> None:
        if not self._checked:
            self._checked = True
            backend = _keyring().get_keyring()
            if getattr(backend, "priority", 1) <= 0:
                self._degrade(f"no usable OS keyring ({type(backend).__module__})")

    @property
    def persistent(self) -> bool:
        self._check()
        return not self.warning

    def _degrade(self, why: str) -> None:
        if not self.warning:
            self.warning = (f"{why}: the login token is kept in memory for this session only "
                            "and you will be asked to log in again next time")
            log.warning(self.warning)

    def get(self, key: str) -> str | None:
        self._check()
        if self.warning:
            return self._fallback.get(key)
        keyring = _keyring()
        try:
            return keyring.get_password(self._service, key)
        except keyring.errors.KeyringError as exc:
            self._degrade(f"the OS keyring failed ({exc})")
            return self._fallback.get(key)

    def set(self, key: str, value: str) -> None:
        self._check()
        if not self.warning:
            keyring = _keyring()
            try:
                keyring.set_password(self._service, key, value)
                return
            except keyring.errors.KeyringError as exc:
                self._degrade(f"the OS keyring failed ({exc})")
        self._fallback.set(key, value)

    def delete(self, key: str) -> None:
        self._check()
        self._fallback.delete(key)
        if not self.warning:
            keyring = _keyring()
            try:
                keyring.delete_password(self._service, key)
            except keyring.errors.KeyringError:
                pass  # nothing stored under that key
