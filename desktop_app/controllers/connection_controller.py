"""The endpoint, the API key and the model list: loading, checking and saving them."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop_app.core.capabilities import (
    Endpoint,
    InstructionRole,
    MaxTokensParam,
    check_endpoint_input,
    sort_models,
)
from desktop_app.core.cancel import CancelToken
from desktop_app.core.errors import AppError, ErrorKind
from desktop_app.core.redact import Secrets
from desktop_app.controllers.settings_controller import SettingsController
from desktop_app.services.secrets import KeyStore
from desktop_app.workers.reply_worker import StreamFactory
from desktop_app.workers.task_runner import TaskRunner

if TYPE_CHECKING:
    from desktop_app.services.llm import LlmService  # ~0.6 s to import: only on worker threads


class ConnectionController(QObject):
    """Knows where requests go and with which key; lists models; checks a key before saving it."""

    sig_models_loaded = Signal(list)
    """The server's model ids (list of str), chat models first."""

    sig_status_changed = Signal(str)
    """A one-line description of the connection, for the status bar."""

    sig_key_required = Signal()
    """The endpoint needs an API key and none is known: ask the user."""

    sig_check_finished = Signal(object)
    """A settings check ended: None on success (settings saved), else the `AppError`."""

    def __init__(
        self, settings: SettingsController, keys: KeyStore, tasks: TaskRunner, parent=None, *, secrets: Secrets | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._keys = keys
        self.secrets = secrets if secrets is not None else Secrets()  # every key seen, kept off the disk
        self._tasks = tasks
        self._api_key: str | None = None
        self._key_loaded = False
        self._check_generation = 0
        self.base_url = os.environ.get("OPENAI_BASE_URL") or settings.settings.base_url
        self.models: list[str] = []

    # -- public API ------------------------------------------------------------------------------

    @property
    def endpoint(self) -> Endpoint:
        """The effective endpoint (OPENAI_BASE_URL wins over the saved base URL)."""
        s = self._settings.settings
        return Endpoint(self.base_url, s.instruction_role, s.max_tokens_param)

    def needs_key(self) -> bool:
        """True when OpenAI's API is the endpoint and there is no key to send."""
        return self._key_loaded and not self._api_key and self.endpoint.is_openai

    def start(self) -> None:
        """Load the key and the SDK in the background, then fetch the model list."""
        base_url, secrets = self.base_url, self.secrets

        def load():
            import desktop_app.services.llm  # noqa: F401  (~0.6 s: keep it off the GUI thread)

            secrets.add(self._keys.stored(base_url))  # OPENAI_API_KEY may hide a stored key: both are secret
            key = self._keys.get(base_url)
            secrets.add(key)
            return key

        self._tasks.run(load, self._on_key_loaded)

    def refresh_models(self) -> None:
        """Fetch the model list again."""
        base_url, key = self.base_url, self._api_key
        timeout = self._settings.settings.read_timeout_s

        def fetch():
            from desktop_app.services.llm import LlmService

            return LlmService(base_url, key, read_timeout_s=timeout).list_models()

        self.sig_status_changed.emit(self.tr("Connecting to {0}…").format(base_url))
        self._tasks.run(fetch, self._on_models_fetched, self._on_models_failed)

    def check_and_save(
        self, base_url: str, api_key: str, role: InstructionRole, max_tokens_param: MaxTokensParam
    ) -> None:
        """Check the key with `models.list()` and save everything only if it works.

        An empty key field means "keep the key I have" (OPENAI_API_KEY or the stored one). The
        answer comes as `sig_check_finished`; `cancel_check()` makes a pending answer count for nothing.
        """
        base_url = base_url.strip().rstrip("/")
        api_key = api_key.strip()
        role, max_tokens_param = InstructionRole(role), MaxTokensParam(max_tokens_param)  # Qt may hand back str
        problem = check_endpoint_input(base_url, api_key)
        if problem is not None:
            self.sig_check_finished.emit(problem)
            return
        self._check_generation += 1
        generation = self._check_generation
        timeout = self._settings.settings.read_timeout_s
        keys, secrets = self._keys, self.secrets
        secrets.add(api_key)

        def check():
            from desktop_app.services.llm import LlmService

            key = api_key or keys.get(base_url)
            secrets.add(key)
            return LlmService(base_url, key, read_timeout_s=timeout).list_models(), key

        def done(result):
            if generation != self._check_generation:
                return  # the dialog was closed meanwhile: nothing is saved
            models, key = result
            s = self._settings.settings
            s.base_url, s.instruction_role, s.max_tokens_param = base_url, role, max_tokens_param
            self._settings.save_soon()
            self.base_url = base_url
            self._api_key, self._key_loaded = key, True
            if api_key:  # only a key typed here goes to the credential store
                self._tasks.run(lambda: keys.set(base_url, api_key), self._on_key_stored)
            self._on_models_fetched(models)
            self.sig_check_finished.emit(None)

        def failed(exc):
            if generation == self._check_generation:
                self._on_check_failed(exc)

        self._tasks.run(check, done, failed)

    def cancel_check(self) -> None:
        """Forget a check still under way (its dialog was closed): it will not save anything."""
        self._check_generation += 1

    @property
    def read_timeout_s(self) -> float:
        """How long a request waits for the server's next bytes."""
        return self._settings.settings.read_timeout_s

    def set_read_timeout(self, seconds: float) -> None:
        """Wait this long for the server's next bytes from the next request on (saved)."""
        if seconds != self._settings.settings.read_timeout_s:
            self._settings.settings.read_timeout_s = float(seconds)
            self._settings.save_soon()

    @property
    def key_from_environment(self) -> bool:
        """True when OPENAI_API_KEY is set, which wins over a stored key."""
        return KeyStore.from_environment()

    def make_stream_factory(self, request: dict) -> StreamFactory:
        """A function the reply worker calls on its own thread to open the stream."""
        service = self._service_maker()

        def open_stream(cancel):
            return service().stream_chat(request, cancel)

        return open_stream

    def transcribe(
        self,
        audio: bytes,
        filename: str,
        on_done: Callable[[str], None],
        on_error: Callable[[AppError], None],
    ) -> CancelToken:
        """Turn a recording into text with /audio/transcriptions (model and language from the voice
        settings); the answer comes back on this thread. Cancelling the returned token cuts the
        request (the app closing must not wait for a slow server)."""
        voice = self._settings.settings.voice
        model, language = voice.transcribe_model, voice.language or None
        service = self._service_maker()
        cancel = CancelToken()

        def job():
            return service().transcribe(audio, filename, model, language, cancel)

        self._tasks.run(job, on_done, lambda exc: on_error(_explained(exc)))
        return cancel

    def speech_stream_factory(self, text: str) -> Callable[[CancelToken], Iterator[bytes]]:
        """A function a worker thread calls to stream `text` read aloud (raw pcm16 blocks)."""
        voice = self._settings.settings.voice
        model, name, speed = voice.speech_model, voice.speech_voice, voice.speech_speed
        service = self._service_maker()

        def open_speech(cancel: CancelToken) -> Iterator[bytes]:
            return service().speech_stream(text, model, name, speed, cancel)

        return open_speech

    # -- private -----------------------------------------------------------------------------

    def _service_maker(self) -> Callable[[], LlmService]:
        """Make the service on the worker thread (importing the SDK there), with the key known now."""
        base_url, api_key, key_known, keys = self.base_url, self._api_key, self._key_loaded, self._keys
        timeout, secrets = self._settings.settings.read_timeout_s, self.secrets

        def make():
            from desktop_app.services.llm import LlmService

            # A request made before the background key lookup finished looks the key up here.
            key = api_key if key_known else keys.get(base_url)
            secrets.add(key)
            return LlmService(base_url, key, read_timeout_s=timeout)

        return make

    def _on_key_loaded(self, key: str | None) -> None:
        self._api_key = key
        self._key_loaded = True
        if self.needs_key():
            self.sig_status_changed.emit(self.tr("No API key: open Settings to enter one."))
            self.sig_key_required.emit()
            return
        self.refresh_models()

    def _on_key_stored(self, problem: str | None) -> None:
        if problem:
            self.sig_status_changed.emit(self.tr("{0} The key is used for this session only.").format(problem))

    def _on_models_fetched(self, models: list[str]) -> None:
        self.models = sort_models(models)
        self.sig_models_loaded.emit(self.models)
        self.sig_status_changed.emit(
            self.tr("Connected to {0} · {1} models").format(self.base_url, len(self.models))
        )

    def _on_models_failed(self, exc: BaseException) -> None:
        error = getattr(exc, "error", None)
        text = error.text if isinstance(error, AppError) else str(exc)
        self.sig_status_changed.emit(self.tr("Model list unavailable: {0}").format(text))
        if isinstance(error, AppError) and error.kind is ErrorKind.INVALID_KEY:
            self.sig_key_required.emit()

    def _on_check_failed(self, exc: BaseException) -> None:
        error = getattr(exc, "error", None)
        if not isinstance(error, AppError):
            error = AppError(ErrorKind.UNKNOWN, str(exc))
        self.sig_check_finished.emit(error)


def _explained(exc: BaseException) -> AppError:
    """The user's explanation of a failed transcription (ServiceError carries one already)."""
    error = getattr(exc, "error", None)
    if isinstance(error, AppError):
        return error
    return AppError(ErrorKind.UNKNOWN, f"Unexpected error: {type(exc).__name__}: {exc}", "Try again.")
