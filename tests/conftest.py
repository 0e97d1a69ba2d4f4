"""Shared test setup: offscreen Qt, an isolated config dir and keyring, the loopback API server,
and real (virtual) audio devices for the whole session."""

from __future__ import annotations

import os

# Before any Qt import: tests run without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from tests.fakes.openai_server import FakeOpenAIServer
from tests.fakes.virtual_audio import VirtualAudio, VirtualAudioError

# ---- real audio devices --------------------------------------------------------------------------
# One private PulseAudio daemon with a virtual speaker and microphone for the whole session
# (tests/fakes/virtual_audio.py). Its client environment goes into os.environ at configure time,
# before any test imports sounddevice (PortAudio lists the devices once, when it starts), so every
# test and every subprocess it starts sees the virtual devices, and no test ever reaches the real
# speakers. Without pulseaudio the audio tests fail, naming the apt packages; the others still run.

_audio: VirtualAudio | None = None
_audio_error: str | None = None


def pytest_configure(config):
    """Launch the audio daemon; it settles (~2 s) while pytest collects the tests."""
    global _audio, _audio_error
    _audio = VirtualAudio()
    os.environ.update(_audio.env)
    try:
        _audio.launch()
    except VirtualAudioError as exc:
        _audio_error = str(exc)


def pytest_unconfigure(config):
    """Stop the audio daemon (by its pid) and remove its directory."""
    if _audio is not None:
        _audio.stop()


@pytest.fixture(scope="session", autouse=True)
def _virtual_audio_ready():
    """Before the first test: the audio daemon's devices run (or why they do not is noted)."""
    global _audio_error
    if _audio_error is None:
        try:
            _audio.wait_ready()
        except VirtualAudioError as exc:
            _audio_error = str(exc)


@pytest.fixture(scope="session")
def virtual_audio(_virtual_audio_ready) -> VirtualAudio:
    """The session's virtual speaker and microphone (the system defaults of every audio client)."""
    if _audio_error is not None:
        pytest.fail(f"Real audio devices are not available: {_audio_error}", pytrace=False)
    return _audio


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
