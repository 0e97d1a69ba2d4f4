"""Shared test setup: offscreen Qt, an isolated config dir and keyring, the loopback API server."""

from __future__ import annotations

import os

# Before any Qt import: tests run without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from tests.fakes.openai_server import FakeOpenAIServer


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path, monkeypatch):
    """No test sees the developer's key, server, settings or credential store."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DESKTOP_APP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("DESKTOP_APP_DATA_DIR", str(tmp_path / "history"))
    # A real, file-backed keyring in the test's own directory.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    try:
        import keyring.core

        keyring.core.set_keyring(keyring.core.load_env())
    except Exception:  # noqa: BLE001  (keyring may not be importable in the no-Qt unit runs)
        pass
    yield


@pytest.fixture
def fake_server():
    """The loopback OpenAI-compatible server, started for one test."""
    with FakeOpenAIServer() as server:
        yield server
