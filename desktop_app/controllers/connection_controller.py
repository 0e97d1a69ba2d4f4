"""The endpoint, the API key and the model list: loading, checking and saving them."""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal

from desktop_app.core.capabilities import Endpoint, InstructionRole, MaxTokensParam, sort_models
from desktop_app.core.errors import AppError, ErrorKind
from desktop_app.controllers.settings_controller import SettingsController
from desktop_app.services.secrets import KeyStore
from desktop_app.workers.reply_worker import StreamFactory
from desktop_app.workers.task_runner import TaskRunner


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

    def __init__(self, settings: SettingsController, keys: KeyStore, tasks: TaskRunner, parent=None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._keys = keys
        self._tasks = tasks
        self._api_key: str | None = None
        self._key_loaded = False
        self.base_url = os.environ.get("OPENAI_BASE_URL") or settings.settings.base_url
        self.base_url_from_env = bool(os.environ.get("OPENAI_BASE_URL"))
        self.models: list[str] = []

    # -- public API ------------------------------------------------------------------------------

    @property
    def endpoint(self) -> Endpoint:
        """The effective endpoint (OPENAI_BASE_URL wins over the saved base URL)."""
        s = self._settings.settings
        return Endpoint(self.base_url, s.instruction_role, s.max_tokens_param)

    @property
    def api_key(self) -> str | None:
        """The key in use; None when none is known (or not loaded yet)."""
        return self._api_key

    def needs_key(self) -> bool:
        """True when OpenAI's API is the endpoint and there is no key to send."""
        return self._key_loaded and not self._api_key and self.endpoint.is_openai

    def start(self) -> None:
        """Load the key and the SDK in the background, then fetch the model list."""
        base_url = self.base_url

        def load():
            import desktop_app.services.llm  # noqa: F401  (~0.6 s: keep it off the GUI thread)

            return self._keys.get(base_url)

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
        """Check the key with `models.list()` and save everything only if it works."""
        base_url = base_url.strip().rstrip("/")
        api_key = api_key.strip()
        role, max_tokens_param = InstructionRole(role), MaxTokensParam(max_tokens_param)  # Qt may hand back str
        timeout = self._settings.settings.read_timeout_s

        def check():
            from desktop_app.services.llm import LlmService

            key = api_key or os.environ.get("OPENAI_API_KEY") or None
            models = LlmService(base_url, key, read_timeout_s=timeout).list_models()
            # A key typed in the dialog goes to the credential store; OPENAI_API_KEY stays where it is.
            problem = self._keys.set(base_url, api_key) if api_key or not KeyStore.from_environment() else None
            return models, problem, key

        def done(result):
            models, problem, key = result
            s = self._settings.settings
            s.base_url, s.instruction_role, s.max_tokens_param = base_url, role, max_tokens_param
            self._settings.save_soon()
            self.base_url, self.base_url_from_env = base_url, False
            self._api_key, self._key_loaded = key, True
            self._on_models_fetched(models)
            if problem:
                self.sig_status_changed.emit(
                    self.tr("{0} The key is used for this session only.").format(problem)
                )
            self.sig_check_finished.emit(None)

        self._tasks.run(check, done, self._on_check_failed)

    def make_stream_factory(self, request: dict) -> StreamFactory:
        """A function the reply worker calls on its own thread to open the stream."""
        base_url, api_key = self.base_url, self._api_key
        timeout = self._settings.settings.read_timeout_s

        def open_stream(cancel):
            from desktop_app.services.llm import LlmService

            return LlmService(base_url, api_key, read_timeout_s=timeout).stream_chat(request, cancel)

        return open_stream

    def no_key_error(self) -> AppError:
        """The error shown when a send needs a key that is missing."""
        return AppError(
            ErrorKind.NO_KEY,
            self.tr("No API key is set for {0}.").format(self.base_url),
            self.tr("Enter it in Settings, or set OPENAI_API_KEY."),
            retryable=False,
        )

    # -- private -----------------------------------------------------------------------------

    def _on_key_loaded(self, key: str | None) -> None:
        self._api_key = key
        self._key_loaded = True
        if self.needs_key():
            self.sig_status_changed.emit(self.tr("No API key: open Settings to enter one."))
            self.sig_key_required.emit()
            return
        self.refresh_models()

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
