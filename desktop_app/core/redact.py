"""API keys kept out of everything written: the history, exports and logs, whatever a server echoes."""

from __future__ import annotations

import logging
import threading

REDACTED = "[API key removed]"
MIN_SECRET_LENGTH = 8  # "sk-" or a short placeholder is not a key, and scrubbing it would mangle text


class Secrets:
    """The keys in use and in the credential store; `scrub` removes them from text. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keys: tuple[str, ...] = ()

    def add(self, key: str | None) -> None:
        """Remember a key (the current one, a stored one, one just typed)."""
        key = (key or "").strip()
        if len(key) < MIN_SECRET_LENGTH:
            return
        with self._lock:
            if key not in self._keys:
                # Longest first: a key that contains another is removed whole.
                self._keys = tuple(sorted((*self._keys, key), key=len, reverse=True))

    def scrub(self, text: str) -> str:
        """`text` with every known key replaced by a marker."""
        for key in self._keys:
            if key in text:
                text = text.replace(key, REDACTED)
        return text


class ScrubbingFilter(logging.Filter):
    """A log filter that takes the keys out of every record before a handler writes it."""

    def __init__(self, secrets: Secrets) -> None:
        super().__init__()
        self._secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace the record's message with its scrubbed text."""
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = self._secrets.scrub(message), None
        if record.exc_text:
            record.exc_text = self._secrets.scrub(record.exc_text)
        return True


def scrub_logs(secrets: Secrets) -> None:
    """Scrub what every handler of the root logger writes."""
    for handler in logging.getLogger().handlers:
        handler.addFilter(ScrubbingFilter(secrets))
