import keyring
import keyring.backend
import keyring.backends.fail

from app.gateway.secrets import KeyringSecretStore, MemorySecretStore


class DictKeyring(keyring.backend.KeyringBackend):
    """An in-process keyring backend: this box has no Secret Service daemon, so the real OS keyring
    cannot run here; this checks our use of the keyring API, not the OS store."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.values = {}

    def get_password(self, service, username):
        return self.values.get((service, username))

    def set_password(self, service, username, password):
        self.values[(service, username)] = password

    def delete_password(self, service, username):
        self.values.pop((service, username), None)


def test_tokens_go_to_the_keyring_when_there_is_one():
    previous = keyring.get_keyring()
    backend = DictKeyring()
    keyring.set_keyring(backend)
    try:
        store = KeyringSecretStore()
        store.set("token:a", "s3cret")
        assert store.persistent and backend.values == {("KefuDesk", "token:a"): "s3cret"}
        assert store.get("token:a") == "s3cret"
        store.delete("token:a")
        assert store.get("token:a") is None
    finally:
        keyring.set_keyring(previous)


def test_without_a_keyring_the_token_stays_in_memory_and_the_user_is_told_once():
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        store = KeyringSecretStore()
        store.set("token:a", "s3cret")
        assert not store.persistent
        assert "kept in memory for this session only" in store.warning
        assert store.get("token:a") == "s3cret"
        assert KeyringSecretStore().get("token:a") is None  # nothing survived outside this process object
    finally:
        keyring.set_keyring(previous)


def test_memory_store_round_trip():
    store = MemorySecretStore()
    store.set("k", "v")
    assert store.get("k") == "v"
    store.delete("k")
    assert store.get("k") is None


def test_without_a_keyring_nothing_is_said_until_a_secret_is_read_or_written():
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        store = KeyringSecretStore()
        assert store.warning == ""  # a command that never logs in made one and has nothing to warn about
        assert store.get("token:a") is None
        assert "no usable OS keyring" in store.warning
    finally:
        keyring.set_keyring(previous)
