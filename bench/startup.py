"""Time to first window: the real app against a hand-built window of the same widget kinds.

Every run is a fresh interpreter (bench/_startup_child.py) with QT_QPA_PLATFORM=offscreen, its own
empty config dir and the loopback fake server as OPENAI_BASE_URL. The child reads
``time.perf_counter()`` on its first line and reports when the first frame of the main window was
painted (first Paint event on the window, then a zero-timer that fires once the whole frame has
been painted and flushed). Import time is included. App and floor runs alternate so that drift
on the machine hits both alike; one unrecorded warm-up run of each fills the OS file cache and a
bytecode cache (PYTHONPYCACHEPREFIX in the run's temp dir, as an installed app has .pyc files even
where the shell sets PYTHONDONTWRITEBYTECODE) first.

Also reported: the same time counted from the parent's spawn (interpreter boot included), its
split into imports / building / show-to-frame, the largest GUI event-loop stall during the first
5 s after show() (5 ms heartbeat, the 5 ms interval subtracted; target 33 ms), when the SDK
finished importing in the background, when the model list arrived, and resident memory 5 s after
show (target 150 MB) with the app's helper processes counted apart. The app opens a stored
conversation of 20 messages (Markdown, code, usage: bench/history.py's content), as a person does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import BENCH_DIR, BenchmarkError, Result, child_env, median

CHILD = BENCH_DIR / "_startup_child.py"
HEARTBEAT_S = 0.005
TARGET_RATIO = 1.3
TIMEOUT_S = 60


TARGET_STALL_MS = 33
TARGET_RSS_MB = 150
CONVERSATION_MESSAGES = 20


def _seed(workdir: Path) -> Path:
    """A history holding one conversation, written once; every app run gets its own copy."""
    from bench.history import ContentGenerator, _make_conversation, _save_all

    seed = workdir / "seed"
    _save_all(seed, [_make_conversation(ContentGenerator(15), CONVERSATION_MESSAGES, 0.2, time.time())])
    return seed


IDLE_S = 60.0
REPLY_TOKENS = 20_000


def _run_child(mode: str, base_url: str, workdir: Path, idle_s: float | None = None) -> dict:
    config = Path(tempfile.mkdtemp(prefix=f"{mode}-", dir=workdir))
    env = child_env(config, base_url, pycache_dir=workdir / "pycache")
    if mode == "app":
        env["DESKTOP_APP_DATA_DIR"] = str(shutil.copytree(workdir / "seed", config / "history"))
    spawned = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(CHILD), mode, *([str(idle_s)] if idle_s else [])],
        env=env,
        cwd=str(workdir),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S + (idle_s or 0),
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("BENCH-RESULT ")]
    if proc.returncode != 0 or not lines:
        raise BenchmarkError(f"startup child ({mode}) failed, exit {proc.returncode}:\n{proc.stderr[-3000:]}")
    result = json.loads(lines[-1].split(" ", 1)[1])
    marks = result["marks"]
    if "frame" not in marks:
        raise BenchmarkError(f"startup child ({mode}): the window was never painted ({marks})")
    if mode == "app" and "models" not in marks:
        raise BenchmarkError(f"startup child (app): the model list never loaded within the watch ({marks})")
    result["spawned"] = spawned
    return result


def run(quick: bool = False) -> list[Result]:
    from tests.fakes.openai_server import FakeOpenAIServer, Stream, long_tokens

    repeats = 3 if quick else 9
    runs: dict[str, list[dict]] = {"app": [], "floor": []}
    with FakeOpenAIServer() as server, tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        workdir = Path(tmp)
        _seed(workdir)
        for mode in ("floor", "app"):  # warm-up, not recorded
            _run_child(mode, server.base_url, workdir)
        for i in range(repeats):
            order = ("floor", "app") if i % 2 == 0 else ("app", "floor")
            for mode in order:
                runs[mode].append(_run_child(mode, server.base_url, workdir))
                print(f"  startup {mode} run {len(runs[mode])}/{repeats}", file=sys.stderr, flush=True)
        idle_s = IDLE_S / 4 if quick else IDLE_S
        print(f"  startup: one app run, a {REPLY_TOKENS}-token reply, then idle {idle_s:.0f} s", file=sys.stderr, flush=True)
        server.script(Stream(choices=[long_tokens(REPLY_TOKENS)], delay=0))  # the idle run's reply
        idle = _run_child("app", server.base_url, workdir, idle_s)["idle"]

    def series(mode: str, fn) -> list[float]:
        return [fn(r) for r in runs[mode]]

    def since_t0(mark: str):
        return lambda r: r["marks"][mark] - r["t0"]

    def between(a: str, b: str):
        return lambda r: r["marks"][b] - r["marks"][a]

    def stall_ms(r: dict, key: str = "max_gap_after_frame_s") -> float:
        return max(0.0, (r[key] or HEARTBEAT_S) - HEARTBEAT_S) * 1000.0

    results: list[Result] = []

    def row(name, fn, unit, kind="info", target=None, with_floor=True, note="", scale=1.0):
        app = [fn(r) * scale for r in runs["app"]]
        floor = [fn(r) * scale for r in runs["floor"]] if with_floor else []
        results.append(
            Result(
                name=name,
                value=median(app),
                unit=unit,
                kind=kind,
                floor=median(floor) if with_floor else None,
                target=target,
                samples=app,
                floor_samples=floor,
                note=note,
            )
        )

    row(
        "startup: first window (from script start)",
        since_t0("frame"),
        "s",
        kind="ratio",
        target=TARGET_RATIO,
        note="first frame of the main window painted, imports included; floor = bare QMainWindow, same widget kinds",
    )
    row(
        "startup: first window (from spawn)",
        lambda r: r["marks"]["frame"] - r["spawned"],
        "s",
        note="as above plus interpreter boot, seen from the parent",
    )
    row("startup:   imports + QApplication", since_t0("imported"), "s")
    row("startup:   build window", between("imported", "built"), "s")
    row("startup:   show() to first frame", between("shown", "frame"), "s")
    row(
        "startup: GUI stall, first 5 s after the first frame",
        lambda r: stall_ms(r),
        "ms",
        kind="max",
        target=TARGET_STALL_MS,
        note="largest event-loop gap (5 ms heartbeat) while SDK, models, history, tokenizer, audio devices load",
    )
    row(
        "startup:   the same, the first frame included",
        lambda r: stall_ms(r, "max_gap_s"),
        "ms",
        note="the window's first layout and paint, counted from show()",
    )
    row(
        "startup: SDK imported (background)",
        since_t0("sdk"),
        "s",
        with_floor=False,
        note="desktop_app.services.llm fully imported",
    )
    row("startup: model list loaded", since_t0("models"), "s", with_floor=False)
    row("startup: conversation shown", since_t0("conversation"), "s", with_floor=False)
    row("startup: exact token counts", since_t0("exact"), "s", with_floor=False)
    row(
        "startup: RSS 5 s after show",
        lambda r: r["rss_kb"] / 1024.0,
        "MB abs",
        kind="max",
        target=TARGET_RSS_MB,
        note="the app's process, conversation open, everything loaded; floor = the bare window",
    )
    results.append(
        Result(
            name=f"startup: idle CPU, {idle['wall_s']:.0f} s after the 5 s",
            value=100.0 * idle["cpu_s"] / idle["wall_s"],
            unit="%",
            kind="max",
            target=0.5,
            samples=[idle["cpu_s"], idle["children_cpu_s"]],
            note=f"window open, nothing happening; helper processes {100.0 * idle['children_cpu_s'] / idle['wall_s']:.2f} %",
        )
    )
    results.append(
        Result(
            name=f"startup: RSS idle after a {REPLY_TOKENS:,}-token reply",
            value=idle["rss_kb"] / 1024.0,
            unit="MB abs",
            kind="max",
            target=TARGET_RSS_MB,
            note="the app's process at the end of the idle minute; helper processes apart",
        )
    )
    row(
        "startup:   helper processes' RSS",
        lambda r: r["children_rss_kb"] / 1024.0,
        "MB abs",
        with_floor=False,
        note="the token counting process (tokenizer tables), not in the app's figure",
    )
    return results
