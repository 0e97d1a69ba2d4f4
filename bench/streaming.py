"""A 20,000-token reply streamed as fast as the loopback server can send it.

Floor: the raw openai SDK consuming the same stream in a plain loop on this process's main
thread (``chat.completions.create(stream=True, stream_options={"include_usage": True})``,
content joined), measured right before and after each timed app run. A lower floor, closer to
what the machine can do: a bare reader of the same stream (httpx2 ``iter_lines``, ``json.loads``
per chunk, no SDK objects, no GUI), once per repeat.

Measured: the real app (``desktop_app.app.App``, offscreen) built once in this process, with the
model list loaded and the SDK imported first. Each run starts a new conversation, puts a prompt in
the composer, presses Enter (QTest) and times until the reply leaves STREAMING, including the final
Markdown render (a probe connected to ``sig_message_updated`` after the chat view, so it runs once
the view has rendered).

Two kinds of app runs alternate, because watching costs what it measures: a 5 ms heartbeat on the
GUI thread makes the GUI thread take the GIL 200 times a second, which made the app's reply ~10 %
slower in trials here. *Timed* runs have no heartbeat and give the time ratio; *watched* runs record every tick and
give the stalls (largest gap minus 5 ms; the gaps from the last tick before the reply ended to
100 ms after are reported apart as the end stall). The stall floor is an idle event loop with the
same heartbeat while a plain thread runs the raw SDK loop: the stall any Python GUI pays here for a
busy worker thread (GIL switch interval 5 ms) plus the machine's scheduling noise.

The chat view's ``_render``, ``_stream_text`` and ``render_markdown`` are wrapped by the benchmark
(the app's code is unchanged) to report the final render and the per-update GUI cost.

Every run is checked: the message text must equal the joined tokens, the view must show the same
words, and the usage must count 20,000 tokens; a broken run raises instead of being reported.

The fake server runs in its own process (bench/_server.py) so its Python work does not compete
for this process's GIL, as with a real server.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import (
    BENCH_DIR,
    BenchmarkError,
    Result,
    child_env,
    median,
    proc_status_kb,
    reset_peak_rss,
)

N_TOKENS = 20_000
WARMUP_TOKENS = 2_000
HEARTBEAT_MS = 5
STALL_TARGET_MS = 33.0
TIME_TARGET_RATIO = 1.15
BARE_TARGET_RATIO = 1.2
PROMPT = "Write a very long answer about nothing in particular."
AFTER_END_S = 0.1
RUN_TIMEOUT_S = 120.0
_MISSING = object()


def _sum_ms(values: list[float]) -> float:
    return sum(values) * 1000.0 if values else float("nan")


class ServerProcess:
    """bench/_server.py, driven through its stdin."""

    def __init__(self, env: dict[str, str]) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, str(BENCH_DIR / "_server.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        line = self._proc.stdout.readline()
        if not line.startswith("BASE-URL "):
            self.close()
            raise BenchmarkError(f"fake server did not start: {line!r}")
        self.base_url = line.split(" ", 1)[1].strip()

    def script(self, n_tokens: int) -> None:
        self._proc.stdin.write(f"{n_tokens}\n")
        self._proc.stdin.flush()
        if self._proc.stdout.readline().strip() != "ok":
            raise BenchmarkError("fake server did not accept the script")

    def close(self) -> None:
        try:
            self._proc.stdin.close()
        except OSError:
            pass
        try:
            self._proc.wait(5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()


def run(quick: bool = False) -> list[Result]:
    repeats = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="bench-streaming-") as tmp:
        # The server first (its env needs no base URL); then this process's env, before Qt and the app load.
        server = ServerProcess(child_env(tmp, "unused"))
        saved_env = dict(os.environ)
        try:
            os.environ.update(child_env(tmp, server.base_url))
            return _run(server, repeats)
        finally:
            os.environ.clear()
            os.environ.update(saved_env)
            server.close()


def _run(server: ServerProcess, repeats: int) -> list[Result]:
    from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Slot, qInstallMessageHandler
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from tests.fakes.openai_server import long_tokens

    def qt_message(_mode, _context, message: str) -> None:
        if "propagateSizeHints" not in message:  # the offscreen platform's noise
            sys.stderr.write(f"qt: {message}\n")

    qInstallMessageHandler(qt_message)
    qt_app = QApplication.instance() or QApplication([sys.argv[0]])

    def spin(seconds: float, until=None) -> bool:
        """Run the event loop for up to `seconds`, or until `until()` is true; returns until()'s last value."""
        deadline = time.perf_counter() + seconds
        loop = QEventLoop()
        while time.perf_counter() < deadline:
            if until is not None and until():
                return True
            QTimer.singleShot(10, loop.quit)
            loop.exec()
        return until() if until is not None else True

    class Heartbeat(QObject):
        """A 5 ms timer on the GUI thread that records when it really ticked."""

        def __init__(self) -> None:
            super().__init__()
            self.ticks: list[float] = []
            self._timer = QTimer(self)
            self._timer.setTimerType(Qt.TimerType.PreciseTimer)
            self._timer.setInterval(HEARTBEAT_MS)
            self._timer.timeout.connect(self._on_tick)

        @Slot()
        def _on_tick(self) -> None:
            self.ticks.append(time.perf_counter())

        def start(self) -> None:
            self.ticks = [time.perf_counter()]
            self._timer.start()

        def stop(self) -> None:
            self._timer.stop()
            self.ticks.append(time.perf_counter())

        def max_stall_ms(self, start: float, end: float) -> float:
            """Largest gap between ticks overlapping [start, end], minus the interval, in ms."""
            gaps = [b - a for a, b in zip(self.ticks, self.ticks[1:]) if b > start and a < end]
            return max(0.0, max(gaps, default=0.0) * 1000.0 - HEARTBEAT_MS)

        def p99_gap_ms(self, start: float, end: float) -> float:
            """The 99th percentile of the gaps between ticks in [start, end], minus the interval, in ms."""
            gaps = [b - a for a, b in zip(self.ticks, self.ticks[1:]) if a >= start and b <= end]
            if len(gaps) < 2:
                return float("nan")
            return max(0.0, statistics.quantiles(gaps, n=100)[98] * 1000.0 - HEARTBEAT_MS)

    from desktop_app.app import App
    from desktop_app.core.conversation import MessageStatus, Role

    app = App()
    app.start()
    app.collect_after_loading()  # as main() does
    ready = spin(
        30.0,
        lambda: bool(app.connection.models)
        and hasattr(sys.modules.get("desktop_app.services.llm"), "LlmService")
        and app.tasks.pending() == 0,
    )
    if not ready:
        raise BenchmarkError("the app never loaded its model list / SDK")
    spin(0.3)
    import openai

    chat = app.chat
    window = app.window
    edit = window.composer.edit
    view = window.chat_view

    # Instrumentation: wrappers around the app's own calls, looked up at call time (the app's code is
    # unchanged). Whatever is missing in the app's current version is simply not reported.
    timings: dict[str, list[float]] = {"markdown": [], "update": [], "final_render": [], "final_markdown": []}
    in_final = [False]
    patches: list[tuple[object, str, object]] = []

    def wrap(owner, attribute: str, wrapper_factory) -> None:
        original = getattr(owner, attribute, None)
        if original is None:
            return
        patches.append((owner, attribute, owner.__dict__.get(attribute, _MISSING) if hasattr(owner, "__dict__") else _MISSING))
        setattr(owner, attribute, wrapper_factory(original))

    def timed_markdown(original):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent = time.perf_counter() - started
                timings["final_markdown" if in_final[0] else "markdown"].append(spent)

        return wrapper

    def timed_render(original):
        def wrapper(message, frames):
            final = message.role is Role.ASSISTANT and not message.is_streaming
            in_final[0] = final
            started = time.perf_counter()
            try:
                return original(message, frames)
            finally:
                in_final[0] = False
                if final:
                    timings["final_render"].append(time.perf_counter() - started)

        return wrapper

    def timed_update(original):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                timings["update"].append(time.perf_counter() - started)

        return wrapper

    from desktop_app.core import markdown_render

    wrap(view, "_render", timed_render)
    wrap(view, "_stream_text", timed_update)
    # The view imports render_markdown lazily from its module at each call: wrap it there.
    wrap(markdown_render, "render_markdown", timed_markdown)

    class Probe(QObject):
        """Counts GUI updates and notes when the reply stopped streaming (after the view rendered it)."""

        def __init__(self, loop: QEventLoop) -> None:
            super().__init__()
            self.loop = loop
            self.updates = 0
            self.t_end: float | None = None
            self.t_first_update: float | None = None

        @Slot(str, object)
        def on_progressed(self, _message_id: str, _deltas: object) -> None:
            self.updates += 1
            if self.t_first_update is None:
                self.t_first_update = time.perf_counter()

        @Slot(str)
        def on_updated(self, message_id: str) -> None:
            last = chat.current.messages[-1] if chat.current.messages else None
            if (
                self.t_end is None
                and last is not None
                and last.id == message_id
                and last.role is Role.ASSISTANT
                and not last.is_streaming
            ):
                self.t_end = time.perf_counter()
                QTimer.singleShot(int(AFTER_END_S * 1000), self.loop.quit)

    heartbeat = Heartbeat()

    def consume_raw(n: int, expected: str) -> float:
        """The floor's plain SDK loop; returns its wall time and checks the text and usage."""
        started = time.perf_counter()
        client = openai.OpenAI(base_url=server.base_url, api_key="sk-bench", max_retries=0)
        stream = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": PROMPT}],
            stream=True,
            stream_options={"include_usage": True},
        )
        parts: list[str] = []
        usage = None
        with stream:
            for chunk in stream:
                for choice in chunk.choices:
                    if choice.delta and choice.delta.content:
                        parts.append(choice.delta.content)
                if chunk.usage:
                    usage = chunk.usage
        text = "".join(parts)
        elapsed = time.perf_counter() - started
        client.close()
        if text != expected:
            raise BenchmarkError(f"raw SDK floor: got {len(text)} chars, expected {len(expected)}")
        if usage is None or usage.completion_tokens != n:
            raise BenchmarkError(f"raw SDK floor: usage {usage}")
        return elapsed

    def consume_bare(n: int, expected: str) -> float:
        """The lower floor: httpx (the SDK's own transport, httpx2 here) reading the SSE lines, json.loads
        per chunk, no SDK objects and no GUI; returns its wall time and checks the text and usage."""
        import httpx2

        started = time.perf_counter()
        body = {
            "model": "gpt-4o-mini",
            "messages": [{"role": "user", "content": PROMPT}],
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        parts: list[str] = []
        usage = None
        with httpx2.Client(timeout=RUN_TIMEOUT_S) as client:
            url = server.base_url.rstrip("/") + "/chat/completions"
            with client.stream("POST", url, json=body, headers={"Authorization": "Bearer sk-bench"}) as response:
                for line in response.iter_lines():
                    if not line.startswith("data: "):
                        continue
                    data = line[6:]
                    if data == "[DONE]":
                        break
                    chunk = json.loads(data)
                    for choice in chunk.get("choices") or ():
                        content = (choice.get("delta") or {}).get("content")
                        if content:
                            parts.append(content)
                    if chunk.get("usage"):
                        usage = chunk["usage"]
        elapsed = time.perf_counter() - started
        text = "".join(parts)
        if text != expected:
            raise BenchmarkError(f"bare SSE floor: got {len(text)} chars, expected {len(expected)}")
        if usage is None or usage.get("completion_tokens") != n:
            raise BenchmarkError(f"bare SSE floor: usage {usage}")
        return elapsed

    def bare_run(n: int, expected: str) -> dict:
        """The bare reader's time, on this thread, the event loop not running."""
        server.script(n)
        gc.collect()
        return {"time": consume_bare(n, expected)}

    def floor_run(n: int, expected: str) -> dict:
        """Time floor: the raw SDK loop on this (the GUI) thread, the event loop not running."""
        server.script(n)
        gc.collect()
        rss_before = proc_status_kb("VmRSS")
        cpu_before = time.process_time()
        elapsed = consume_raw(n, expected)
        return {
            "time": elapsed,
            "cpu": time.process_time() - cpu_before,
            "rss_growth_kb": proc_status_kb("VmRSS") - rss_before,
        }

    class Waiter(QObject):
        """Quits a loop once a threading.Event is set (polled: no cross-thread signal needed)."""

        def __init__(self, loop: QEventLoop, done: threading.Event) -> None:
            super().__init__()
            self._loop, self._done = loop, done
            self._timer = QTimer(self, interval=10)
            self._timer.timeout.connect(self._on_timeout)
            self._timer.start()

        @Slot()
        def _on_timeout(self) -> None:
            if self._done.is_set():
                self._timer.stop()
                self._loop.quit()

    def stall_floor_run(n: int, expected: str) -> dict:
        """Stall floor: the same SDK loop on a plain thread while this thread runs an idle event loop.

        What is left is the GUI stall any Python app pays here: the worker holding the GIL (switch
        interval 5 ms) and the machine's own scheduling noise.
        """
        server.script(n)
        gc.collect()
        done = threading.Event()
        outcome: dict = {}

        def consume() -> None:
            try:
                outcome["time"] = consume_raw(n, expected)
            except BaseException as exc:  # noqa: BLE001  (re-raised on the GUI thread)
                outcome["error"] = exc
            finally:
                done.set()

        loop = QEventLoop()
        waiter = Waiter(loop, done)
        heartbeat.start()
        started = time.perf_counter()
        worker = threading.Thread(target=consume, name="bench-raw-sdk")
        worker.start()
        loop.exec()
        ended = time.perf_counter()
        heartbeat.stop()
        worker.join()
        del waiter
        if "error" in outcome:
            raise outcome["error"]
        return {
            "time": outcome["time"],
            "max_stall_ms": heartbeat.max_stall_ms(started, ended),
            "p99_gap_ms": heartbeat.p99_gap_ms(started, ended),
        }

    def app_run(n: int, expected: str, watch: bool) -> dict:
        """One reply in the real window; `watch` runs the heartbeat (it costs the worker GIL time)."""
        if chat.current.messages:
            chat.new_conversation()
        edit.setPlainText(PROMPT)
        spin(0.3, lambda: False)  # the draft's debounced token count, any leftover background work
        if not spin(10.0, lambda: app.tasks.pending() == 0):
            raise BenchmarkError("background tasks never settled before a run")
        server.script(n)
        for values in timings.values():
            values.clear()
        gc.collect()
        rss_before = proc_status_kb("VmRSS")
        peak_reset = reset_peak_rss()
        cpu_before = time.process_time()

        loop = QEventLoop()
        probe = Probe(loop)
        chat.sig_reply_progressed.connect(probe.on_progressed)
        chat.sig_message_updated.connect(probe.on_updated)  # after the view's and meter's: runs last
        state: dict[str, float] = {}

        def send() -> None:
            state["t_send"] = time.perf_counter()
            QTest.keyClick(edit, Qt.Key.Key_Return)
            if edit.toPlainText() or not chat.is_busy():
                state["not_sent"] = 1.0
                loop.quit()

        if watch:
            heartbeat.start()
        QTimer.singleShot(0, send)
        guard = QTimer()
        guard.setSingleShot(True)
        guard.timeout.connect(loop.quit)
        guard.start(int(RUN_TIMEOUT_S * 1000))
        loop.exec()
        guard.stop()
        if watch:
            heartbeat.stop()
        chat.sig_reply_progressed.disconnect(probe.on_progressed)
        chat.sig_message_updated.disconnect(probe.on_updated)

        cpu = time.process_time() - cpu_before  # every thread of this process: GUI, worker, pool
        rss_after = proc_status_kb("VmRSS")
        hwm = proc_status_kb("VmHWM")
        if "not_sent" in state:
            raise BenchmarkError("pressing Enter in the composer did not send the message")
        if probe.t_end is None:
            raise BenchmarkError(f"the reply did not finish within {RUN_TIMEOUT_S:.0f} s")
        reply = chat.current.messages[-1]
        if reply.status is not MessageStatus.DONE:
            raise BenchmarkError(f"the reply ended as {reply.status.value}: {reply.error}")
        if reply.text != expected:
            raise BenchmarkError(f"the app's message has {len(reply.text)} chars, expected {len(expected)}")
        shown = view.message_text(reply.id)
        if shown.split() != expected.split():
            raise BenchmarkError(f"the chat view shows {len(shown.split())} words, expected {len(expected.split())}")
        if reply.usage is None or reply.usage.completion_tokens != n:
            raise BenchmarkError(f"the app's usage is {reply.usage}")

        t_send, t_end = state["t_send"], probe.t_end
        result = {"time": t_end - t_send, "cpu": cpu}
        if watch:
            # The end phase starts at the last tick before the reply ended: its gap holds the final render.
            before_end = max((t for t in heartbeat.ticks if t <= t_end), default=t_send)
            result.update(
                max_stall_ms=heartbeat.max_stall_ms(t_send, t_end + AFTER_END_S),
                stream_stall_ms=heartbeat.max_stall_ms(t_send, before_end),
                end_stall_ms=heartbeat.max_stall_ms(before_end, t_end + AFTER_END_S),
                p99_gap_ms=heartbeat.p99_gap_ms(t_send, t_end),
            )
        return result | {
            "render_ms": _sum_ms(timings["final_render"]),
            "final_markdown_ms": _sum_ms(timings["final_markdown"]),
            "stream_markdown_ms": _sum_ms(timings["markdown"]),
            "update_max_ms": max(timings["update"], default=float("nan")) * 1000.0,
            "update_total_ms": _sum_ms(timings["update"]),
            "updates": probe.updates,
            "ttft_ms": reply.ttft_ms if reply.ttft_ms is not None else float("nan"),
            "first_update_ms": ((probe.t_first_update or float("nan")) - t_send) * 1000.0,
            "rss_growth_kb": rss_after - rss_before,
            "peak_kb": (hwm - rss_before) if peak_reset else float("nan"),
            "hwm_kb": hwm,
            "rss_kb": rss_after,
        }

    # Warm-up: SDK code paths, Markdown renderer, the document machinery.
    warm = "".join(long_tokens(WARMUP_TOKENS))
    floor_run(WARMUP_TOKENS, warm)
    bare_run(WARMUP_TOKENS, warm)
    app_run(WARMUP_TOKENS, warm, watch=True)

    # Per repeat: a timed app run between two raw SDK runs, then a watched app run and its stall floor.
    expected = "".join(long_tokens(N_TOKENS))
    floors: list[dict] = [floor_run(N_TOKENS, expected)]
    timed: list[dict] = []
    watched: list[dict] = []
    stall_floors: list[dict] = []
    bares: list[dict] = []
    for i in range(repeats):
        timed.append(app_run(N_TOKENS, expected, watch=False))
        floors.append(floor_run(N_TOKENS, expected))
        bares.append(bare_run(N_TOKENS, expected))
        watched.append(app_run(N_TOKENS, expected, watch=True))
        stall_floors.append(stall_floor_run(N_TOKENS, expected))
        print(
            f"  streaming {i + 1}/{repeats}: app {timed[-1]['time']:.2f} s vs raw SDK "
            f"{floors[-2]['time']:.2f}/{floors[-1]['time']:.2f} s; watched app {watched[-1]['time']:.2f} s, "
            f"stall {watched[-1]['max_stall_ms']:.0f} ms; raw SDK on a thread {stall_floors[-1]['time']:.2f} s, "
            f"stall {stall_floors[-1]['max_stall_ms']:.0f} ms",
            file=sys.stderr,
            flush=True,
        )

    for owner, attribute, original in reversed(patches):
        if original is _MISSING:
            delattr(owner, attribute)
        else:
            setattr(owner, attribute, original)
    final_rss_mb = proc_status_kb("VmRSS") / 1024.0
    app.window.close()
    app.shutdown()

    def col(runs: list[dict], key: str, scale: float = 1.0) -> list[float]:
        return [r[key] * scale for r in runs]

    results: list[Result] = []

    def row(name, runs, key, unit, kind="info", target=None, floor_runs=None, floor_key=None, scale=1.0, note=""):
        samples = col(runs, key, scale)
        floor_samples = col(floor_runs, floor_key or key, scale) if floor_runs is not None else []
        results.append(
            Result(
                name=name,
                value=median(samples),
                unit=unit,
                kind=kind,
                floor=median(floor_samples) if floor_runs is not None else None,
                target=target,
                samples=samples,
                floor_samples=floor_samples,
                note=note,
            )
        )

    row(
        "streaming: 20k tokens, send -> done",
        timed,
        "time",
        "s",
        kind="ratio",
        target=TIME_TARGET_RATIO,
        floor_runs=floors,
        note="Enter to reply DONE incl. final Markdown render, no heartbeat; floor = raw SDK loop, same stream",
    )
    row(
        "streaming: 20k tokens vs a bare SSE reader",
        timed,
        "time",
        "s",
        kind="ratio",
        target=BARE_TARGET_RATIO,
        floor_runs=bares,
        note="the same app runs; floor = httpx reading the SSE lines, json.loads per chunk, no SDK, no GUI",
    )
    row(
        "streaming:   CPU time of the process",
        timed,
        "cpu",
        "s",
        floor_runs=floors,
        note="all threads (GUI, worker, pool); less sensitive to other load on the machine than wall time",
    )
    row(
        "streaming: max GUI stall",
        watched,
        "max_stall_ms",
        "ms",
        kind="max",
        target=STALL_TARGET_MS,
        floor_runs=stall_floors,
        note="largest 5 ms-heartbeat gap minus 5 ms, send to 100 ms after the end; "
        "floor = idle event loop while a plain thread runs the raw SDK loop",
    )
    row("streaming:   stall while streaming", watched, "stream_stall_ms", "ms", note="before the reply's end")
    row("streaming:   stall at the end", watched, "end_stall_ms", "ms", note="the gaps from the last tick before the end to 100 ms after")
    row(
        "streaming:   heartbeat gap p99",
        watched,
        "p99_gap_ms",
        "ms",
        floor_runs=stall_floors,
        note="99th percentile of the gaps minus 5 ms: less noise-prone than the max",
    )
    row("streaming:   final render (ChatView._render)", timed + watched, "render_ms", "ms")
    row("streaming:     of which render_markdown", timed + watched, "final_markdown_ms", "ms")
    row("streaming:   slowest GUI update (_stream_text)", watched, "update_max_ms", "ms")
    row(
        "streaming:   GUI-thread time in updates",
        timed,
        "update_total_ms",
        "ms",
        note="sum of ChatView._stream_text calls (GIL waits included)",
    )
    row("streaming:     of which render_markdown", timed, "stream_markdown_ms", "ms", note="finished blocks rendered while streaming")
    row(
        "streaming: send -> done, heartbeat running",
        watched,
        "time",
        "s",
        floor_runs=stall_floors,
        note="the watched runs; floor = raw SDK on a thread, heartbeat running",
    )
    row("streaming: GUI updates (sig_reply_progressed)", timed, "updates", "count", note="coalescing: 1 per 33 ms frame")
    row("streaming: first text shown after send", timed, "first_update_ms", "ms")
    row(
        "streaming: RSS growth",
        timed,
        "rss_growth_kb",
        "MB",
        floor_runs=floors[1:],
        scale=1 / 1024,
        note="VmRSS after minus before a run; floor = the raw SDK loop's",
    )
    row("streaming: peak RSS above start (VmHWM)", timed, "peak_kb", "MB", scale=1 / 1024)
    results.append(Result("streaming: final RSS", final_rss_mb, "MB abs", note="after all runs"))
    return results
