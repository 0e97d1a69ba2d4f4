"""A fresh start with a conversation loads only what that conversation needs, in a process of its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop_app.core.tokens import TokenCounter
from desktop_app.resource_paths import tiktoken_dir
from desktop_app.services.token_process import ProcessTokenCounter
from tests.fakes.history_seed import conversation_of, seed_history

ROOT = Path(__file__).resolve().parents[2]

# Features a person has not used yet after opening a plain conversation: images, JSON schemas,
# notebook export, recording and playback (numpy, libsndfile, PortAudio: the device lists come from
# a helper process); and what only async clients under trio would use.
NOT_YET_USED = ("PIL", "jsonschema", "nbformat", "numpy", "soundfile", "sounddevice", "trio")

# Runs in a fresh interpreter: start the app, wait until everything that loads behind the window
# has loaded (model list, SDK, history, exact token counts, microphone check), report the modules.
CHILD = """
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop_app.app import App
from desktop_app.controllers.voice_controller import VoiceState
from desktop_app.core import tokens

qt_app = QApplication(sys.argv)
app = App(data_dir=Path(sys.argv[1]))
app.start()
deadline = time.monotonic() + 90

def settled():
    return (bool(app.connection.models) and len(app.chat.current.nodes) == 2
            and app.meter.counts().exact and app.voice.state is not VoiceState.CHECKING
            and "desktop_app.core.markdown_render" in sys.modules and not app.meter.is_counting())

def check():
    if settled() or time.monotonic() > deadline:
        timer.stop()
        print("RESULT " + json.dumps({
            "settled": settled(),
            "modules": sorted(m for m in sys.modules if sys.modules[m] is not None),
            "tables_here": bool(tokens._cache),
            "context_tokens": app.meter.counts().context,
        }), flush=True)
        qt_app.quit()

timer = QTimer(interval=20)
timer.timeout.connect(check)
timer.start()
qt_app.exec()
app.shutdown()
"""


def _start(tmp_path: Path, server) -> dict:
    data = tmp_path / "data"
    seed_history(data, [conversation_of(("What is a tuple?", "An ordered, unchangeable sequence."), title="Tuples")])
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "DESKTOP_APP_CONFIG_DIR": str(tmp_path / "config"),
        "OPENAI_BASE_URL": server.base_url,
        "OPENAI_API_KEY": "sk-test",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=150
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, done.stdout + done.stderr[-3000:]
    return json.loads(lines[-1].split(" ", 1)[1])


def test_a_plain_conversation_loads_no_unused_feature(tmp_path, fake_server):
    result = _start(tmp_path, fake_server)
    assert result["settled"], result
    loaded = {name.split(".")[0] for name in result["modules"]}
    assert loaded.isdisjoint(NOT_YET_USED), sorted(loaded & set(NOT_YET_USED))
    # Exact counts of the open conversation, with the tokenizer's tables in the helper process.
    assert not result["tables_here"]
    exact = TokenCounter.load("gpt-4o-mini", tiktoken_dir())
    assert result["context_tokens"] >= exact.count_text("An ordered, unchangeable sequence.")


def test_the_helper_counts_as_the_tokenizer_does():
    helper = ProcessTokenCounter.load("gpt-4o", tiktoken_dir())
    here = TokenCounter.load("gpt-4o", tiktoken_dir())
    assert isinstance(helper, ProcessTokenCounter) and helper.exact
    texts = ["", "Hello, world", "서울의 날씨는 어때요?", "<|endoftext|> is text here", "x" * 50_000, "line\nbreak\t"]
    assert [helper.count_text(t) for t in texts] == [here.count_text(t) for t in texts]
    messages = [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "name": "kim", "content": [{"type": "text", "text": "Describe"}, {"type": "image_url"}]},
    ]
    assert helper.count_chat(messages) == here.count_chat(messages)


def test_a_helper_that_died_gives_estimates_and_is_replaced():
    helper = ProcessTokenCounter.load("gpt-4.1", tiktoken_dir())
    helper._process.kill()
    helper._process.wait()
    assert helper.count_text("abcdefgh") == 2  # the estimate, len / 4
    assert not helper.exact
    again = ProcessTokenCounter.load("gpt-4.1", tiktoken_dir())
    assert again is not helper and again.exact
    assert again.count_text("hello world") == 2
