"""Owns the settings object and writes it to disk off the GUI thread, coalescing bursts of edits."""

from __future__ import annotations

import copy
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Slot

from desktop_app.core.settings import AppSettings
from desktop_app.services.settings_store import SettingsStore
from desktop_app.workers.task_runner import TaskRunner

SAVE_DELAY_MS = 400


class SettingsController(QObject):
    """The one `AppSettings` the controllers share, saved shortly after each change."""

    def __init__(self, store: SettingsStore, settings: AppSettings, tasks: TaskRunner, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._store = store
        self._tasks = tasks
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        # Saves run on pool threads: one at a time, and an older snapshot never overwrites a newer one.
        self._save_lock = threading.Lock()
        self._generation = 0
        self._written = 0

    @property
    def config_dir(self) -> Path:
        """The folder the settings file is kept in."""
        return self._store.path.parent

    def save_soon(self) -> None:
        """Schedule a save; many edits in a row (a slider drag) become one write."""
        self._timer.start()

    def set_language(self, code: str) -> None:
        """Remember the UI language ("" follows the system); it applies at the next start."""
        if code != self.settings.language:
            self.settings.language = code
            self.save_soon()

    def save_now(self) -> None:
        """Write synchronously (on exit)."""
        self._timer.stop()
        self._save(copy.deepcopy(self.settings), self._next_generation())

    @Slot()
    def _on_timer_timeout(self) -> None:
        snapshot, generation = copy.deepcopy(self.settings), self._next_generation()
        self._tasks.run(lambda: self._save(snapshot, generation))

    def _next_generation(self) -> int:
        self._generation += 1
        return self._generation

    def _save(self, snapshot: AppSettings, generation: int) -> None:
        with self._save_lock:
            if generation > self._written:
                self._store.save(snapshot)
                self._written = generation
