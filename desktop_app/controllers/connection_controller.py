"""The endpoint, the API key and the model list: loading, checking and saving them."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.core.capabilities import (
    Endpoint,
    InstructionRole,
    MaxTokensParam,
    check_endpoint_input,
    is_chat_model,
    sort_models,
)
from desktop_app.core.endpoint_profile import EndpointProfile
from desktop_app.core.cancel import CancelToken
from desktop_app.core.errors import AppError, ErrorKind
from desktop_app.core.i18n import trans_late
from desktop_app.core.redact import Secrets
from desktop_app.controllers.settings_controller import SettingsController
from desktop_app.services.secrets import KeyStorage, KeyStore
from desktop_app.workers.reply_worker import StreamFactory
from desktop_app.workers.task_runner import TaskRunner

# Where a key typed in the settings goes (check_and_save's `keep`).
KEEP_IN_STORE, KEEP_IN_FILE, KEEP_FOR_SESSION = "store", "file", "session"

if TYPE_CHECKING:
    from desktop_app.services.llm import LlmService  # ~0.6 s to import: only on worker threads

# A failed model list is asked for again after these waits (a 429 or a server still starting
# must not leave the list empty all session); then only on demand.
MODELS_RETRY_DELAYS_S = (2.0, 5.0, 15.0, 30.0, 60.0)
_TRANSIENT = frozenset(
    {
        ErrorKind.RATE_LIMITED,
        ErrorKind.SERVER_ERROR,
        ErrorKind.TIMEOUT,
        ErrorKind.CONNECTION_REFUSED,
        ErrorKind.CONNECTION_DROPPED,
        ErrorKind.UNKNOWN,  # e.g. the SDK failing to import under load
    }
)


class ConnectionController(QObject):
    """Knows where requests go and with which key; lists models; checks a key before saving it."""

    sig_models_loaded = Signal(list)
    """The server's model ids (list of str), chat models first."""

    sig_status_changed = Signal(object)
    """A one-line description of the connection, for the status bar: a LazyText that ui.text.translated
    words in the UI's language."""

    sig_key_required = Signal()
    """The endpoint needs an API key and none is known: ask the user."""

    sig_key_storage_described = Signal(object)
    """Where a saved key would go on this system (a `KeyStorage`), answering describe_key_storage()."""

    sig_check_finished = Signal(object)
    """A settings check ended: None on success (settings saved), else the `AppError`."""

    sig_models_failed = Signal(bool)
    """The model list could not be loaded: True when it is asked for again by itself later."""

    sig_profile_changed = Signal()
    """What is known about the server (its `EndpointProfile`) changed."""

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
        self.shutdowns: dict = {}  # model id -> announced shutdown date (server, else the SDK)
        self.base_url = os.environ.get("OPENAI_BASE_URL") or settings.settings.base_url
        self.models: list[str] = []
        self.listed: list[str] = []  # the model ids in the server's own order
        self.models_failed = False  # the latest attempt to list models failed
        self._chat_works = False  # a reply arrived this session: the server is there
        self._models_attempt = 0
        self._models_generation = 0
        self._models_timer = QTimer(self, singleShot=True)
        self._models_timer.timeout.connect(self.refresh_models)

    # -- public API ------------------------------------------------------------------------------

    @property
    def endpoint(self) -> Endpoint:
        """The effective endpoint (OPENAI_BASE_URL wins over the saved base URL), with its profile."""
        return self._settings.settings.endpoint_for(self.base_url)

    @property
    def profile(self) -> EndpointProfile:
        """What is known about the server requests go to."""
        return self._settings.settings.profile(self.base_url)

    def learn(self, **changes) -> None:
        """Remember something about the server (fields of `EndpointProfile`), if it is news."""
        profile = self.profile
        updated = replace(profile, **changes)
        if updated != profile:
            self.set_profile(updated)

    def learn_context_window(self, model: str, tokens: int) -> None:
        """Remember the context window the server named for `model`."""
        profile = self.profile
        updated = profile.with_window(model, tokens)
        if updated is not profile:
            self.set_profile(updated)

    def set_profile(self, profile: EndpointProfile) -> None:
        """Replace what is known about the server (Settings edits it, replies teach it)."""
        self._settings.settings.set_profile(self.base_url, profile)
        self._settings.save_soon()
        self.sig_profile_changed.emit()

    def first_chat_model(self) -> str | None:
        """The first model the server lists that can chat (not speech or embeddings), or None."""
        return next((m for m in self.listed if is_chat_model(m)), None)

    def reply_arrived(self) -> None:
        """A chat reply came through: a model list that failed is worth asking for again now."""
        self._chat_works = True
        if self.models_failed and not self._models_timer.isActive() and self.profile.lists_models:
            self.refresh_models()

    def needs_key(self) -> bool:
        """True when OpenAI's API is the endpoint and there is no key to send."""
        return self._key_loaded and not self._api_key and self.endpoint.is_openai

    def start(self) -> None:
        """Load the key and the SDK in the background, then fetch the model list."""
        base_url, secrets = self.base_url, self.secrets

        def load():
            secrets.add(self._keys.stored(base_url))  # OPENAI_API_KEY may hide a stored key: both are secret
            key = self._keys.get(base_url)
            secrets.add(key)
            try:
                import_service()  # ~0.6 s: keep it off the GUI thread
            except Exception:  # noqa: BLE001  (fetching the models imports it again, and reports)
                pass
            return key

        self._tasks.run(load, self._on_key_loaded, self._on_key_failed)

    def refresh_models(self) -> None:
        """Fetch the model list now (again); a failure is retried by itself with growing waits."""
        base_url, key = self.base_url, self._api_key
        timeout = self._settings.settings.read_timeout_s
        model = self._settings.settings.model
        self._models_timer.stop()
        self._models_generation += 1
        generation = self._models_generation

        def fetch():
            return _fetch_models(base_url, key, timeout, model)

        def done(result) -> None:
            if generation == self._models_generation:
                self._on_models_fetched(result)

        def failed(exc: BaseException) -> None:
            if generation == self._models_generation:
                self._on_models_failed(exc)

        self.sig_status_changed.emit(trans_late("ConnectionController", "Connecting to {0}…").format(base_url))
        self._tasks.run(fetch, done, failed)

    def retry_models(self) -> None:
        """Ask for the model list again now, on the user's request (the waits start over)."""
        self._models_attempt = 0
        self.refresh_models()

    def describe_key_storage(self) -> None:
        """Find out where a saved key would go (keyring's backend); answered by sig_key_storage_described."""
        self._tasks.run(self._keys.storage, self._on_key_storage_described)

    @property
    def key_file(self) -> str:
        """The file a key goes to when the user chooses it over a missing credential store."""
        return str(self._keys.key_file or "")

    def check_and_save(
        self,
        base_url: str,
        api_key: str,
        role: InstructionRole,
        max_tokens_param: MaxTokensParam,
        keep: str = KEEP_IN_STORE,
    ) -> None:
        """Check the key with `models.list()` and save everything only if it works.

        An empty key field means "keep the key I have" (OPENAI_API_KEY or the stored one). A typed key
        goes where `keep` says: KEEP_IN_STORE (keyring), KEEP_IN_FILE (the 0600 key file) or
        KEEP_FOR_SESSION (memory only). The answer comes as `sig_check_finished`; `cancel_check()`
        makes a pending answer count for nothing.
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

        model = self._settings.settings.model

        def check():
            key = api_key or keys.get(base_url)
            secrets.add(key)
            return _fetch_models(base_url, key, timeout, model), key

        def done(result):
            if generation != self._check_generation:
                return  # the dialog was closed meanwhile: nothing is saved
            models, key = result
            s = self._settings.settings
            s.base_url, s.instruction_role, s.max_tokens_param = base_url, role, max_tokens_param
            self._settings.save_soon()
            self.base_url = base_url
            self._api_key, self._key_loaded = key, True
            if api_key and keep == KEEP_IN_STORE:  # only a key typed here is stored
                self._tasks.run(lambda: keys.set(base_url, api_key), self._on_key_stored)
            elif api_key and keep == KEEP_IN_FILE:
                self._tasks.run(lambda: keys.set_in_file(base_url, api_key), self._on_key_stored)
            elif api_key:  # this session only: a key kept in the file earlier is not used again
                self._tasks.run(lambda: keys.set_in_file(base_url, ""))
            self._models_generation += 1  # a list still arriving from the old server is stale
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
        service = self._service_maker(api_known=bool(self.models) or not self.profile.lists_models)

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

    def _service_maker(self, api_known: bool = False) -> Callable[[], LlmService]:
        """Make the service on the worker thread (importing the SDK there), with the key known now."""
        base_url, api_key, key_known, keys = self.base_url, self._api_key, self._key_loaded, self._keys
        timeout, secrets = self._settings.settings.read_timeout_s, self.secrets

        def make():
            # A request made before the background key lookup finished looks the key up here.
            key = api_key if key_known else keys.get(base_url)
            secrets.add(key)
            return import_service().LlmService(base_url, key, read_timeout_s=timeout, api_known=api_known)

        return make

    def _on_key_loaded(self, key: str | None) -> None:
        self._api_key = key
        self._key_loaded = True
        if self.needs_key():
            self.sig_status_changed.emit(trans_late("ConnectionController", "No API key: open Settings to enter one."))
            self.sig_key_required.emit()
            return
        self.refresh_models()

    def _on_key_failed(self, exc: BaseException) -> None:
        # The credential store failed: go on without a stored key (the environment's, or none).
        self._on_key_loaded(os.environ.get("OPENAI_API_KEY") or None)

    def _on_key_stored(self, problem: str | None) -> None:
        if problem:
            self.sig_status_changed.emit(
                trans_late("ConnectionController", "The key could not be saved, so it is used for this session only.")
            )

    def _on_key_storage_described(self, storage: KeyStorage) -> None:
        self.sig_key_storage_described.emit(storage)

    def _on_models_fetched(self, result: tuple[list[str], dict[str, int]] | None) -> None:
        """The list arrived ((ids, context windows, shutdown dates)), or None: the server chats but lists none."""
        self._models_attempt = 0
        self.models_failed = False
        if result is None:
            self.learn(lists_models=False)
            self.listed, self.models = [], []
            self.sig_models_loaded.emit([])
            self.sig_status_changed.emit(
                trans_late(
                    "ConnectionController", "Connected to {0} · it lists no models: type the model's name"
                ).format(self.base_url)
            )
            return
        ids, windows, self.shutdowns = result
        profile = replace(self.profile, lists_models=True)
        for model, tokens in windows.items():
            profile = profile.with_window(model, tokens)
        if profile != self.profile:
            self.set_profile(profile)
        self.listed = list(ids)
        self.models = sort_models(ids)
        self.sig_models_loaded.emit(self.models)
        status = trans_late("ConnectionController", "Connected to {0} · %n model(s)").counted(len(self.models))
        self.sig_status_changed.emit(status.format(self.base_url))

    def _on_models_failed(self, exc: BaseException) -> None:
        error = _explained(exc)
        self.models_failed = True
        again = error.kind in _TRANSIENT and self._models_attempt < len(MODELS_RETRY_DELAYS_S)
        if again:
            wait = max(error.retry_after_s or 0.0, MODELS_RETRY_DELAYS_S[self._models_attempt])
            self._models_attempt += 1
            self._models_timer.start(int(wait * 1000))
            self.sig_status_changed.emit(
                trans_late("ConnectionController", "Model list unavailable: {0} Asking again in {1} s.").format(
                    error, round(wait)
                )
            )
        elif self._chat_works:  # the list is missing, the connection is not
            self.sig_status_changed.emit(
                trans_late(
                    "ConnectionController",
                    "Connected to {0} · replies arrive, but the model list is unavailable: {1}",
                ).format(self.base_url, error)
            )
        else:
            unavailable = trans_late("ConnectionController", "Model list unavailable: {0}")
            self.sig_status_changed.emit(unavailable.format(error))
        self.sig_models_failed.emit(again)
        if error.kind is ErrorKind.INVALID_KEY:
            self.sig_key_required.emit()

    def _on_check_failed(self, exc: BaseException) -> None:
        error = getattr(exc, "error", None)
        if not isinstance(error, AppError):
            error = AppError(ErrorKind.UNKNOWN, trans_late("AppError", "Unexpected error: {error}"), args={"error": str(exc)})
        self.sig_check_finished.emit(error)


def _fetch_models(base_url: str, key: str | None, timeout: float, model: str):
    """On a worker: the server's model ids, the context windows its metadata names and the announced
    shutdown dates (the server's, else the SDK's); None for a server without GET /models that still
    answers a chat request with `model` (a list it does not have)."""
    from desktop_app.core.models.retirement import parse_server_dates
    from desktop_app.services.sdk_retirements import sdk_shutdown_dates

    service = import_service().LlmService(base_url, key, read_timeout_s=timeout)
    try:
        ids, windows, dated = service.list_models_full()
    except Exception as exc:  # noqa: BLE001
        kind = getattr(getattr(exc, "error", None), "kind", None)
        if kind is ErrorKind.NOT_OPENAI_API and service.answers_chat(model):
            return None
        raise
    return ids, windows, {**sdk_shutdown_dates(), **parse_server_dates(dated)}


def import_service():
    """The services.llm module, imported on this (worker) thread.

    Under heavy load the first import has been seen to fail once (a circular import inside pydantic
    through an import hook). The modules it left half-imported are dropped and it is tried again.
    """
    for attempt in range(3):
        before = set(sys.modules)
        try:
            return importlib.import_module("desktop_app.services.llm")
        except Exception:  # noqa: BLE001
            for name in set(sys.modules) - before:
                sys.modules.pop(name, None)
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _explained(exc: BaseException) -> AppError:
    """The user's explanation of a failed transcription (ServiceError carries one already)."""
    error = getattr(exc, "error", None)
    if isinstance(error, AppError):
        return error
    return AppError(
        ErrorKind.UNKNOWN,
        trans_late("AppError", "Unexpected error: {error}"),
        trans_late("AppError", "Try again."),
        args={"error": f"{type(exc).__name__}: {exc}"},
    )
