"""What the benchmarks that start the real app in a child process share.

A child is ``python3 -m bench.<module> <args>``; it prints one ``BENCH-RESULT <json>`` line, which
`run_child` reads back (an ``error`` key there, or a crash, becomes a BenchmarkError). Inside the
child, `child_qt` gives a QApplication and an event-loop spinner, `start_app` the real app once its
background loading has settled, and `Heartbeat` the GUI's largest event-loop stall.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from bench import REPO_ROOT, BenchmarkError

HEARTBEAT_MS = 1


def run_child(module: str, args: list[str], env: dict[str, str], timeout_s: float) -> dict:
    """Run ``python3 -m <module> <args>`` and return the result it printed."""
    proc = subprocess.run(
        [sys.executable, "-m", module, *args],
        env=env,
        cwd=str(REPO_ROOT),
        capture_output=True,
        text=True,
        timeout=timeout_s,
    )
    label = f"{module.rsplit('.', 1)[-1]} child {args[0]}"
    lines = [line for line in proc.stdout.splitlines() if line.startswith("BENCH-RESULT ")]
    if proc.returncode != 0 or not lines:
        raise BenchmarkError(f"{label} failed, exit {proc.returncode}:\n{proc.stderr[-3000:]}")
    result = json.loads(lines[-1].split(" ", 1)[1])
    if "error" in result:
        raise BenchmarkError(f"{label}: {result['error']}")
    return result


def child_qt():
    """QApplication, a spin helper and a quiet message handler for a child."""
    from PySide6.QtCore import QEventLoop, QTimer, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    def qt_message(_mode, _context, message: str) -> None:
        if "propagateSizeHints" not in message:  # the offscreen platform's noise
            sys.stderr.write(f"qt: {message}\n")

    qInstallMessageHandler(qt_message)
    qt_app = QApplication.instance() or QApplication([sys.argv[0]])
    qt_app.setApplicationName("Desktop Assistant")

    def spin(seconds: float, until=None) -> bool:
        """Run the event loop for up to `seconds`, or until `until()` is true; returns until()'s last value."""
        deadline = time.perf_counter() + seconds
        loop = QEventLoop()
        while time.perf_counter() < deadline:
            if until is not None and until():
                return True
            QTimer.singleShot(5, loop.quit)
            loop.exec()
        return until() if until is not None else True

    return qt_app, spin


def start_app(data_dir: Path, spin, until_extra=lambda app: True):
    """The real app started on `data_dir`, once everything it loads in the background has loaded."""
    from desktop_app.app import App

    app = App(data_dir=data_dir)
    app.start()
    app.collect_after_loading()  # as main() does
    ready = spin(
        30.0,
        lambda: app.history.is_open
        and bool(app.connection.models)
        and "desktop_app.core.markdown_render" in sys.modules
        and app.tasks.pending() == 0
        and until_extra(app),
    )
    if not ready:
        raise BenchmarkError("the app never finished starting (history, model list, renderer)")
    spin(0.5)
    return app


class Heartbeat:
    """A 1 ms PreciseTimer on the GUI thread that records when it really ticked."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[float] = []
        self._timer = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=HEARTBEAT_MS)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        self.ticks = [time.perf_counter()]
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.ticks.append(time.perf_counter())

    def max_stall_ms(self, start: float, end: float) -> float:
        gaps = [b - a for a, b in zip(self.ticks, self.ticks[1:]) if b > start and a < end]
        return max(0.0, max(gaps, default=0.0) * 1000.0 - HEARTBEAT_MS)
