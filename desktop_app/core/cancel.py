"""A cancel flag that the GUI sets directly and a blocked worker also notices."""

from __future__ import annotations

import threading
from collections.abc import Callable


class CancelToken:
    """Set once by whoever wants the work to stop; callbacks run at once to unblock the worker.

    A queued signal would wait behind a busy worker, so the GUI calls `cancel()` directly; the
    callbacks close the HTTP stream so a worker blocked in a socket read wakes up.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], object]] = []

    def is_cancelled(self) -> bool:
        """True once `cancel()` was called."""
        return self._event.is_set()

    def cancel(self) -> None:
        """Ask the work to stop, and run the registered callbacks (each at most once)."""
        with self._lock:
            self._event.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            _run_quietly(callback)

    def on_cancel(self, callback: Callable[[], object]) -> None:
        """Run `callback` when cancelled; at once if that already happened."""
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(callback)
                return
        _run_quietly(callback)


def _run_quietly(callback: Callable[[], object]) -> None:
    # Closing an already-closed stream from another thread may raise; cancelling must not.
    try:
        callback()
    except Exception:  # noqa: BLE001
        pass
