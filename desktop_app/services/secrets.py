"""The API key in the OS credential store (keyring): never in the settings file or a log."""

from __future__ import annotations

import os

SERVICE_NAME = "desktop-app"


class KeyStore:
    """Reads and writes one API key per base URL; OPENAI_API_KEY in the environment wins."""

    def __init__(self, service: str = SERVICE_NAME) -> None:
        self._service = service

    def get(self, base_url: str) -> str | None:
        """The key for this server: from OPENAI_API_KEY, else the credential store, else None."""
        env_key = os.environ.get("OPENAI_API_KEY", "").strip()  # a CRLF .env file leaves a "\r"
        if env_key:
            return env_key
        return self.stored(base_url)

    def stored(self, base_url: str) -> str | None:
        """The key in the credential store for this server (whatever the environment says), or None."""
        try:
            import keyring

            return keyring.get_password(self._service, base_url) or None
        except Exception:  # noqa: BLE001  (no backend, locked store, D-Bus errors...)
            return None

    def set(self, base_url: str, api_key: str) -> str | None:
        """Store the key; returns None on success, or a plain reason why it could not be stored."""
        try:
            import keyring

            if api_key:
                keyring.set_password(self._service, base_url, api_key)
            else:
                try:
                    keyring.delete_password(self._service, base_url)
                except keyring.errors.PasswordDeleteError:
                    pass
        except Exception as exc:  # noqa: BLE001
            return f"The system credential store is not available ({type(exc).__name__})."
        return None

    @staticmethod
    def from_environment() -> bool:
        """True when OPENAI_API_KEY is set, which overrides the stored key."""
        return bool(os.environ.get("OPENAI_API_KEY", "").strip())
