"""Hostile sizes: the largest GUI stall while a huge reply arrives, is reopened, or a huge paste is edited and sent.

``python3 -m bench --only sizes``. Each run is a fresh child running the real `App` (offscreen, the
loopback fake server in the parent process) watched by a 1 ms heartbeat; its rows are the largest
stall of each phase against the 100 ms target (issue 12).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from bench import BenchmarkError, Result, child_env, median
from bench._app_child import run_child

TARGET_STALL_MS = 100.0
CHILD_TIMEOUT_S = 240.0
SETTLE_S = 0.3  # watched after each phase ends: a late layout would show here
def _markdown_reply() -> str:
    from tests.fakes.openai_server import long_tokens

    return "".join(long_tokens(20_000))


CASES = {
    # name: (reply text, pasted text); the first is the longest reply still shown whole
    "reply, 130,000 chars of Markdown": (_markdown_reply(), None),
    "reply, 300,000 chars on one line": ("word" * 75_000, None),
    "reply, 5 MB on one line": ("x" * 5_000_000, None),
    "paste, 300,000 chars on one line": (None, "y" * 300_000),
    # numbered lines: no two pieces of it are alike (a counter that remembers pieces gains nothing)
    "paste, 5 MB of lines": (None, "".join(f"{i:05} " + "line of a big paste " * 50 + "\n" for i in range(5_000))),
}
CHUNK = 64_000  # the reply arrives in stream chunks of this many characters


def child_case(name: str, data_dir: Path) -> dict:
    """One case in a freshly started app: the largest stall of each phase, in ms."""
    from PySide6.QtCore import QMimeData, Qt
    from PySide6.QtTest import QTest

    from bench._app_child import Heartbeat, child_qt, start_app
    from desktop_app.core.conversation import Role

    reply_text, pasted = CASES[name]
    _qt_app, spin = child_qt()
    app = start_app(data_dir, spin)
    window, chat = app.window, app.chat
    window.composer._ask_over_limit = lambda counts: "send"  # a 5 MB draft is over any context window
    heartbeat = Heartbeat()
    heartbeat.start()
    spin(0.05)
    stalls: dict[str, float] = {}
    keystrokes: list[float] = []

    def phase(label: str, action, until) -> None:
        started = time.perf_counter()
        action()
        if not spin(120.0, until):
            raise BenchmarkError(f"sizes: {name}: {label} never finished")
        ended = time.perf_counter()
        spin(SETTLE_S)
        stalls[label] = heartbeat.max_stall_ms(started, ended + SETTLE_S)

    def replied() -> bool:
        replies = [m for m in chat.current.messages if m.role is Role.ASSISTANT]
        return bool(replies) and not replies[-1].is_streaming and not chat.is_busy()

    if pasted is not None:
        def paste() -> None:
            mime = QMimeData()
            mime.setText(pasted)
            window.composer.edit.setFocus()
            window.composer.edit.insertFromMimeData(mime)

        phase("paste", paste, lambda: True)

        for key in (Qt.Key.Key_A, Qt.Key.Key_B, Qt.Key.Key_C):
            phase("a keystroke", lambda: QTest.keyClick(window.composer.edit, key), lambda: True)
            keystrokes.append(stalls["a keystroke"])
        stalls["a keystroke"] = max(keystrokes)
        phase("send", lambda: QTest.keyClick(window.composer.edit, Qt.Key.Key_Return), replied)
    else:
        window.composer.edit.setPlainText("a long one, please")
        phase("reply", lambda: QTest.keyClick(window.composer.edit, Qt.Key.Key_Return), replied)
        shown = [m for m in chat.current.messages if m.role is Role.ASSISTANT][-1]
        if shown.text != reply_text:
            raise BenchmarkError(f"sizes: {name}: the reply has {len(shown.text)} characters")
    conversation_id = chat.current.id
    spin(60.0, lambda: not app.history.is_dirty(conversation_id) and app.tasks.pending() == 0)
    chat.new_conversation()
    spin(0.2)
    phase(
        "reopen",
        lambda: chat.open_conversation(conversation_id),
        lambda: chat.current.id == conversation_id and window.chat_view.is_fully_built(),
    )
    heartbeat.stop()
    return {"stalls": stalls}


def run(quick: bool = False) -> list[Result]:
    from tests.fakes.openai_server import FakeOpenAIServer, Stream

    repeats = 1 if quick else 3
    results: list[Result] = []
    with FakeOpenAIServer() as server, tempfile.TemporaryDirectory(prefix="bench-sizes-") as tmp:
        workdir = Path(tmp)
        env = child_env(workdir, server.base_url, pycache_dir=workdir / "pycache")
        for name, (reply_text, _pasted) in CASES.items():
            runs: list[dict[str, float]] = []
            for i in range(repeats):
                if reply_text is not None:
                    chunks = [reply_text[p : p + CHUNK] for p in range(0, len(reply_text), CHUNK)]
                    server.script(Stream(choices=[chunks]))
                data_dir = workdir / f"data-{len(results)}-{i}"
                runs.append(run_child("bench.sizes", [name, str(data_dir)], env, CHILD_TIMEOUT_S)["stalls"])
                print(f"  sizes {name} {i + 1}/{repeats}: {runs[-1]}", file=sys.stderr, flush=True)
            for label in runs[0]:
                samples = [r[label] for r in runs]
                results.append(
                    Result(
                        name=f"sizes: {name}: {label}, max GUI stall",
                        value=median(samples),
                        unit="ms",
                        kind="max",
                        target=TARGET_STALL_MS,
                        samples=samples,
                    )
                )
    return results


def _child_main(argv: list[str]) -> None:
    try:
        result = child_case(argv[0], Path(argv[1]))
    except BenchmarkError as exc:
        result = {"error": str(exc)}
    sys.stdout.write("BENCH-RESULT " + json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)  # no teardown: the measurement is over


if __name__ == "__main__":
    _child_main(sys.argv[1:])
