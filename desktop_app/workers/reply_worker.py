"""Streams one reply on its own thread into a buffer that the GUI drains once per frame.

Why a buffer and not a signal per token: a signal per token floods the GUI's event queue (the
window freezes on long answers), and PySide6 6.12.0 on Python 3.11 aborts after a few thousand
emits. The worker emits exactly one signal, when it ends; the text travels through the buffer.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop_app.core.cancel import CancelToken
from desktop_app.core.errors import AppError, ErrorKind
from desktop_app.core.i18n import trans_late
from desktop_app.core.events import AudioChunk, ReplyFailed, StreamEvent, TextDelta

StreamFactory = Callable[[CancelToken], Iterator[StreamEvent]]
AudioSink = Callable[[bytes], None]


@dataclass(frozen=True)
class ReplyProgress:
    """What arrived since the last drain: text per choice, and the other events in order."""

    deltas: dict[int, str]
    events: tuple[StreamEvent, ...]
    first_token_at: float | None


class ReplyBuffer:
    """Thread-safe hand-over from the worker (push) to the GUI (drain)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._deltas: dict[int, list[str]] = {}
        self._events: list[StreamEvent] = []
        self._worker_may_run = threading.Event()
        self._worker_may_run.set()
        self._paused = False  # read first on each push: Event.wait() takes a lock even when set
        self.first_token_at: float | None = None

    def push(self, event: StreamEvent) -> None:
        """Add one event from the stream (waits while the GUI is applying a frame)."""
        if self._paused:
            self._worker_may_run.wait()
        with self._lock:
            if isinstance(event, TextDelta):
                if self.first_token_at is None:
                    self.first_token_at = time.monotonic()
                self._deltas.setdefault(event.choice_index, []).append(event.text)
            else:
                self._events.append(event)

    @contextmanager
    def gui_turn(self) -> Iterator[None]:
        """Pause the worker while the GUI applies a frame.

        A fast stream keeps the worker busy in Python; every Qt call that releases the GIL would
        then cost the GUI thread up to a switch interval to get it back, which adds up to visible
        stalls on a large frame. The worker waits between two chunks; painting still overlaps.
        """
        self._paused = True
        self._worker_may_run.clear()
        try:
            yield
        finally:
            self._paused = False
            self._worker_may_run.set()

    def release_worker(self) -> None:
        """Let a paused worker go on (used when cancelling)."""
        self._paused = False
        self._worker_may_run.set()

    def drain(self) -> ReplyProgress:
        """Take everything pushed so far."""
        with self._lock:
            deltas = {index: "".join(parts) for index, parts in self._deltas.items()}
            events = tuple(self._events)
            self._deltas.clear()
            self._events.clear()
            return ReplyProgress(deltas, events, self.first_token_at)


@dataclass(frozen=True)
class ReplyOutcome:
    """How a reply ended: `error` is set when it failed; `cancelled` when the user stopped it."""

    reply_id: str
    error: AppError | None
    cancelled: bool


class ReplyWorker(QObject):
    """Runs a stream factory on a worker thread, pushing events into a `ReplyBuffer`."""

    sig_reply_ended = Signal(object)
    """The stream is over: a `ReplyOutcome`."""

    def __init__(
        self,
        reply_id: str,
        factory: StreamFactory,
        buffer: ReplyBuffer,
        cancel: CancelToken,
        on_audio: AudioSink | None = None,
    ) -> None:
        super().__init__()
        self._reply_id = reply_id
        self._factory = factory
        self._buffer = buffer
        self._cancel = cancel
        self._on_audio = on_audio

    @Slot()
    def run(self) -> None:
        """Consume the stream; runs on the worker thread."""
        error: AppError | None = None
        try:
            # closing(): leaving the loop early must close the HTTP stream now, not at GC time.
            with closing(self._factory(self._cancel)) as events:
                for event in events:
                    if self._cancel.is_cancelled():
                        break
                    if isinstance(event, ReplyFailed):
                        error = event.error
                        continue
                    if isinstance(event, AudioChunk) and event.choice_index == 0 and self._on_audio is not None:
                        # Straight to the speakers from this thread: waiting for a GUI frame
                        # would add up to 33 ms before the first sound. Only the first choice
                        # speaks: with n > 1 the voices would be mixed.
                        self._on_audio(event.pcm16)
                    self._buffer.push(event)
        except Exception as exc:  # noqa: BLE001  (a bug must not kill the thread silently)
            error = AppError(
                ErrorKind.UNKNOWN,
                trans_late("AppError", "Unexpected error: {error}"),
                trans_late("AppError", "Retry to ask again."),
                args={"error": f"{type(exc).__name__}: {exc}"},
            )
        cancelled = self._cancel.is_cancelled()
        self.sig_reply_ended.emit(ReplyOutcome(self._reply_id, None if cancelled else error, cancelled))


class ReplyJob:
    """One streaming reply: its thread, worker, buffer and cancel token, owned by a controller."""

    def __init__(self, reply_id: str, factory: StreamFactory, on_audio: AudioSink | None = None) -> None:
        self.reply_id = reply_id
        self.buffer = ReplyBuffer()
        self.cancel_token = CancelToken()
        self.started_at = time.monotonic()
        self._thread = QThread()
        self._thread.setObjectName(f"reply-{reply_id[:8]}")
        self._worker = ReplyWorker(reply_id, factory, self.buffer, self.cancel_token, on_audio)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)

    @property
    def sig_reply_ended(self):
        """The worker's end signal; connect it to a slot of a GUI-thread QObject (never a lambda)."""
        return self._worker.sig_reply_ended

    def start(self) -> None:
        """Start streaming."""
        self.started_at = time.monotonic()
        self._thread.start()

    def cancel(self) -> None:
        """Stop now: sets the flag and closes the HTTP stream from this thread."""
        self.cancel_token.cancel()
        self.buffer.release_worker()

    def finish(self, timeout_ms: int = 3000) -> bool:
        """Quit the thread and wait for it; True if it stopped in time.

        A thread still blocked (a TCP connect cannot be interrupted) is kept referenced until it
        ends by itself: destroying a running QThread aborts the whole process.
        """
        self._thread.quit()
        if self._thread.wait(timeout_ms):
            return True
        _UNFINISHED.append(self)
        return False

    def is_running(self) -> bool:
        """True while the worker thread has not ended."""
        return self._thread.isRunning()


_UNFINISHED: list[ReplyJob] = []


def unfinished_reply_threads() -> int:
    """How many reply threads outlived their shutdown wait and are still running."""
    return sum(1 for job in _UNFINISHED if job.is_running())
