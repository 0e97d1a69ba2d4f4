"""A small pool for one-shot jobs (model list, key check, tokenizer load, rendering).

Results come back on the GUI thread through one queued signal, so callbacks may touch widgets.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)


class TaskRunner(QObject):
    """Runs plain functions on worker threads and calls back on the thread that owns the runner."""

    sig_task_done = Signal(int, object, object)
    """A task ended: (task id, result, exception or None). Internal: use the callbacks."""

    def __init__(self, max_workers: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._max_workers = max_workers
        self._pool = None  # created on first use: nothing to import or start before the window shows
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable | None, Callable | None]] = {}
        self._closed = False
        self.sig_task_done.connect(self._on_task_done)

    def run(
        self,
        job: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> int:
        """Start `job` on the pool; `on_done(result)` or `on_error(exc)` later runs on this thread.

        After `shutdown()` (the app is closing) new jobs are ignored and -1 is returned.
        """
        if self._closed:
            return -1
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=self._max_workers, thread_name_prefix="task")
        task_id = next(self._ids)
        self._callbacks[task_id] = (on_done, on_error)
        self._pool.submit(self._run_job, task_id, job)
        return task_id

    def pending(self) -> int:
        """How many tasks have not reported back yet."""
        return len(self._callbacks)

    def shutdown(self, drain: bool = False) -> None:
        """Wait for running jobs and stop the pool (on exit); late results are dropped.

        Queued jobs are cancelled, unless `drain` asks to run them first (writes that must land).
        Not waiting would gain nothing: Python joins pool threads at interpreter exit anyway.
        """
        self._closed = True
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=not drain)
        self._callbacks.clear()

    def _run_job(self, task_id: int, job: Callable[[], Any]) -> None:
        try:
            result, error = job(), None
        except BaseException as exc:  # noqa: BLE001  (reported to the caller, never lost)
            result, error = None, exc
        self.sig_task_done.emit(task_id, result, error)

    @Slot(int, object, object)
    def _on_task_done(self, task_id: int, result: object, error: object) -> None:
        if self._closed:
            return
        on_done, on_error = self._callbacks.pop(task_id, (None, None))
        if error is None:
            if on_done is not None:
                on_done(result)
        elif on_error is not None:
            on_error(error)
        else:
            log.error("background task failed", exc_info=error)
