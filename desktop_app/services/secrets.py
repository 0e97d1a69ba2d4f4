"""The API key in the OS credential store (keyring), or, when the user chose it because the system has
none, in a file of the settings folder that only the user can read. Never in the settings file or a log."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path


from desktop_app import identity

SERVICE_NAME = identity.EXECUTABLE
KEY_FILE_NAME = "api-keys.json"
STORE_FAILED = "store_failed"  # set()'s answer when the credential store refused the key

# What keyring would do with a key (KeyStorage.kind).
OS_STORE, PLAIN_FILE, ENCRYPTED_FILE, NO_STORE = "os_store", "plain_file", "encrypted_file", "none"


@dataclass(frozen=True)
class KeyStorage:
    """Where keyring keeps a key on this system: its kind, the backend's name, and its file if it has one."""

    kind: str
    name: str = ""
    path: str = ""


class KeyStore:
    """Reads and writes one API key per base URL; OPENAI_API_KEY in the environment wins."""

    def __init__(self, service: str = SERVICE_NAME, key_file: Path | None = None) -> None:
        self._service = service
        self.key_file = key_file

    def get(self, base_url: str) -> str | None:
        """The key for this server: from OPENAI_API_KEY, else the credential store, else the key file."""
        env_key = os.environ.get("OPENAI_API_KEY", "").strip()  # a CRLF .env file leaves a "\r"
        if env_key:
            return env_key
        return self.stored(base_url)

    def stored(self, base_url: str) -> str | None:
        """The key in the credential store for this server (whatever the environment says), or None."""
        try:
            import keyring

            stored = keyring.get_password(self._service, base_url)
        except Exception:  # noqa: BLE001  (no backend, locked store, D-Bus errors...)
            stored = None
        return stored or self._read_file().get(base_url) or None

    def set(self, base_url: str, api_key: str) -> str | None:
        """Store the key in the credential store; None on success, else STORE_FAILED (the store refused)."""
        try:
            import keyring

            if api_key:
                keyring.set_password(self._service, base_url, api_key)
            else:
                try:
                    keyring.delete_password(self._service, base_url)
                except keyring.errors.PasswordDeleteError:
                    pass
        except Exception:  # noqa: BLE001
            return STORE_FAILED
        self.set_in_file(base_url, "")  # one place only: an older copy in the key file goes
        return None

    def set_in_file(self, base_url: str, api_key: str) -> str | None:
        """Keep the key in the key file, readable by the user only (0600); "" removes it.
        None on success, else STORE_FAILED."""
        if self.key_file is None:
            return STORE_FAILED if api_key else None
        keys = self._read_file()
        if api_key:
            keys[base_url] = api_key
        elif keys.pop(base_url, None) is None:
            return None
        try:
            self.key_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.key_file.with_suffix(".tmp")
            # Created 0600 before a byte is written: the key is never readable by others, not even briefly.
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(keys, f)
            os.chmod(tmp, 0o600)  # an older .tmp may have kept looser bits
            os.replace(tmp, self.key_file)
        except OSError:
            return STORE_FAILED
        return None

    def storage(self) -> KeyStorage:
        """Where keyring would keep a key here. Looking the backend up can be slow: off the GUI thread."""
        try:
            import keyring

            return _describe(keyring.get_keyring())
        except Exception:  # noqa: BLE001
            return KeyStorage(NO_STORE)

    @staticmethod
    def from_environment() -> bool:
        """True when OPENAI_API_KEY is set, which overrides the stored key."""
        return bool(os.environ.get("OPENAI_API_KEY", "").strip())

    def _read_file(self) -> dict[str, str]:
        if self.key_file is None:
            return {}
        try:
            data = json.loads(self.key_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def _describe(backend) -> KeyStorage:
    """The kind of a keyring backend: the OS's encrypted store, a file (plain or encrypted), or none."""
    backends = getattr(backend, "backends", None)
    if backends is not None:  # keyring's chainer: the first of its backends is the one written to
        return _describe(backends[0]) if backends else KeyStorage(NO_STORE)
    module = type(backend).__module__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return KeyStorage(NO_STORE)
    name = str(getattr(backend, "name", type(backend).__name__))
    path = getattr(backend, "file_path", "")
    if path:
        encrypted = "encrypted" in type(backend).__name__.lower()
        return KeyStorage(ENCRYPTED_FILE if encrypted else PLAIN_FILE, name, str(path))
    return KeyStorage(OS_STORE, name)
