import time

T0 = time.perf_counter()  # as early as a script can read the clock: before any import of ours

# One run of the startup benchmark, in a fresh interpreter started by bench/startup.py:
#   python3 bench/_startup_child.py app|floor
# It prints one JSON line with perf_counter() timestamps (CLOCK_MONOTONIC, comparable with the
# parent's on Linux) and exits. The environment (offscreen, config dir, server, key) is set by
# the parent. Qt is imported only after T0, so import time is part of what is measured.

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

HEARTBEAT_MS = 5
WATCH_S = 5.0  # how long the event loop is watched after show()
GIVE_UP_S = 20.0
REPLY_PROMPT = "Write a very long answer about nothing in particular."


def build_floor():
    """A hand-built QMainWindow with the same widget kinds as the app's main window."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QApplication,
        QComboBox,
        QDoubleSpinBox,
        QFormLayout,
        QGroupBox,
        QHBoxLayout,
        QLabel,
        QLineEdit,
        QListWidget,
        QMainWindow,
        QPlainTextEdit,
        QPushButton,
        QSlider,
        QSpinBox,
        QSplitter,
        QStatusBar,
        QTextBrowser,
        QVBoxLayout,
        QWidget,
    )

    qt_app = QApplication.instance() or QApplication(sys.argv)
    qt_app.setApplicationName("Desktop Assistant")
    marks["imported"] = time.perf_counter()

    window = QMainWindow()
    window.setWindowTitle("Desktop Assistant")
    window.resize(1280, 820)

    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.addWidget(QPushButton("New chat"))
    conversations = QListWidget()
    conversations.addItem("New conversation")
    left_layout.addWidget(conversations)

    center = QWidget()
    center_layout = QVBoxLayout(center)
    center_layout.setContentsMargins(0, 0, 0, 0)
    browser = QTextBrowser()
    browser.setPlaceholderText("Ask anything. Enter sends, Shift+Enter starts a new line.")
    center_layout.addWidget(browser, 1)
    composer = QPlainTextEdit()
    composer.setPlaceholderText("Message… (Enter to send, Shift+Enter for a new line)")
    composer.setMaximumHeight(160)
    center_layout.addWidget(composer)
    row = QHBoxLayout()
    row.addWidget(QLabel("Draft 0 tokens · prompt 0 tokens (o200k_base)"), 1)
    row.addWidget(QPushButton("View request"))
    stop = QPushButton("Stop")
    stop.hide()
    row.addWidget(stop)
    row.addWidget(QPushButton("Send"))
    center_layout.addLayout(row)

    right = QWidget()
    right_layout = QVBoxLayout(right)
    model_box = QGroupBox("Model")
    model_layout = QVBoxLayout(model_box)
    model_combo = QComboBox()
    model_combo.setEditable(True)
    model_combo.addItem("gpt-4o-mini")
    model_layout.addWidget(model_combo)
    model_layout.addWidget(QLabel("Instructions go as: system"))
    prompt_box = QGroupBox("System prompt")
    prompt_layout = QVBoxLayout(prompt_box)
    persona = QComboBox()
    persona.addItems(["Default", "Concise", "Teacher"])
    prompt_layout.addWidget(persona)
    prompt_layout.addWidget(QPlainTextEdit())
    prompt_layout.addWidget(QPushButton("Save as persona…"))
    params_box = QGroupBox("Parameters")
    form = QFormLayout(params_box)
    temperature_row = QHBoxLayout()
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, 200)
    temperature_row.addWidget(slider)
    temperature_row.addWidget(QDoubleSpinBox())
    form.addRow("Temperature", temperature_row)
    form.addRow("Max tokens", QSpinBox())
    form.addRow("Choices (n)", QSpinBox())
    form.addRow("Seed", QLineEdit())
    form.addRow("Fingerprint", QLabel("—"))
    right_layout.addWidget(model_box)
    right_layout.addWidget(prompt_box)
    right_layout.addWidget(params_box)
    right_layout.addWidget(QLabel())
    right_layout.addWidget(QPushButton("Send them again"))
    right_layout.addStretch(1)

    splitter = QSplitter()
    splitter.addWidget(left)
    splitter.addWidget(center)
    splitter.addWidget(right)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([220, 760, 300])
    window.setCentralWidget(splitter)
    window.setStatusBar(QStatusBar())
    menu = window.menuBar().addMenu("&File")
    menu.addAction("New chat")
    menu.addAction("Settings…")
    composer.setFocus()
    marks["built"] = time.perf_counter()
    window.show()
    return qt_app, window, None


def build_app():
    """The real app, started the way desktop_app.app.main() starts it (without exec())."""
    import logging

    from PySide6.QtWidgets import QApplication

    from desktop_app import __version__
    from desktop_app.app import App

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    qt_app = QApplication.instance() or QApplication(sys.argv)
    qt_app.setApplicationName("Desktop Assistant")
    qt_app.setApplicationVersion(__version__)
    marks["imported"] = time.perf_counter()
    app = App()
    marks["built"] = time.perf_counter()
    app.start()
    app.collect_after_loading()
    return qt_app, app.window, app


marks: dict[str, float] = {}


def main() -> None:
    mode = sys.argv[1]
    qt_app, window, app = build_app() if mode == "app" else build_floor()
    marks["shown"] = time.perf_counter()

    from PySide6.QtCore import QEvent, QObject, Qt, QTimer

    ticks: list[float] = []

    class Watcher(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
            kind = event.type()
            if kind == QEvent.Type.Expose and "expose" not in marks:
                marks["expose"] = time.perf_counter()
            elif kind == QEvent.Type.Paint and "paint" not in marks:
                marks["paint"] = time.perf_counter()
                # Fires once the whole first frame (every child widget) is painted and flushed.
                QTimer.singleShot(0, self.on_frame_done)
            return False

        def on_frame_done(self):
            marks["frame"] = time.perf_counter()

        def on_tick(self):
            now = time.perf_counter()
            ticks.append(now)
            if app is not None and "models" not in marks and app.connection.models:
                marks["models"] = now
            if app is not None and "conversation" not in marks and app.chat.current.nodes:
                marks["conversation"] = now
            if app is not None and "exact" not in marks and app.meter.counts().exact:
                marks["exact"] = now
            if "sdk" not in marks and hasattr(sys.modules.get("desktop_app.services.llm"), "LlmService"):
                marks["sdk"] = now  # the module finished importing (openai included)
            ready = "frame" in marks and (app is None or {"models", "sdk", "conversation", "exact"} <= marks.keys())
            if now - marks["shown"] >= WATCH_S and ready:
                qt_app.quit()
            elif now - marks["shown"] >= GIVE_UP_S:
                qt_app.quit()

    watcher = Watcher()
    window.installEventFilter(watcher)
    handle = window.windowHandle()
    if handle is not None:
        handle.installEventFilter(watcher)
    heartbeat = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=HEARTBEAT_MS)
    heartbeat.timeout.connect(watcher.on_tick)
    heartbeat.start()
    ticks.append(time.perf_counter())
    qt_app.exec()

    heartbeat.stop()
    idle = None
    if len(sys.argv) > 2:  # the idle run: a long reply first, then nothing happening
        _reply(qt_app, app)
        idle = _idle_cpu(qt_app, float(sys.argv[2]))
        idle["rss_kb"] = _status_kb("VmRSS")
    end = marks["shown"] + WATCH_S
    gaps = [b - a for a, b in zip(ticks, ticks[1:]) if a < end]  # the first 5 s after show()
    result = {
        "mode": mode,
        "t0": T0,
        "marks": marks,
        "max_gap_s": max(gaps) if gaps else None,
        "max_gap_after_frame_s": max(
            (b - a for a, b in zip(ticks, ticks[1:]) if marks.get("frame", end) <= a < end), default=None
        ),
        "ticks": len(ticks),
        "rss_kb": _status_kb("VmRSS"),
        "hwm_kb": _status_kb("VmHWM"),
        "children_rss_kb": sum(_status_kb("VmRSS", pid) for pid in _children()),
        "idle": idle,
    }
    sys.stdout.write("BENCH-RESULT " + json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)  # do not wait for background jobs: the measurement is over


def _reply(qt_app, app) -> None:
    """Send a message and wait until its reply (the server's scripted 20,000 tokens) has ended."""
    from PySide6.QtCore import QTimer

    if not app.chat.send(REPLY_PROMPT):
        raise SystemExit("the idle run's message could not be sent")
    started = time.perf_counter()

    def check() -> None:
        if not app.chat.is_busy() or time.perf_counter() - started > GIVE_UP_S * 3:
            poll.stop()
            qt_app.quit()

    poll = QTimer(interval=20)
    poll.timeout.connect(check)
    poll.start()
    qt_app.exec()
    if app.chat.is_busy():
        raise SystemExit("the idle run's reply did not end")


def _idle_cpu(qt_app, seconds: float) -> dict:
    """CPU time of this process (all threads) and of its children while the event loop runs idle."""
    from PySide6.QtCore import QTimer

    def child_ticks() -> int:
        total = 0
        for pid in _children():
            try:
                with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime + stime
            except (OSError, IndexError, ValueError):
                pass
        return total

    cpu, ticks, wall = time.process_time(), child_ticks(), time.perf_counter()
    QTimer.singleShot(int(seconds * 1000), qt_app.quit)
    qt_app.exec()
    return {
        "cpu_s": time.process_time() - cpu,
        "children_cpu_s": (child_ticks() - ticks) / os.sysconf("SC_CLK_TCK"),
        "wall_s": time.perf_counter() - wall,
    }


def _children() -> list[str]:
    """Process ids of this process's children (the app's helper processes)."""
    pids = []
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/children", encoding="ascii") as children:
                pids += children.read().split()
        except OSError:
            pass
    return pids


def _status_kb(name: str, pid: str = "self") -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(name + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    main()
