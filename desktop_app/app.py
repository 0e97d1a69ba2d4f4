"""Composition root: builds settings, services, controllers and the window. No logic here."""

from __future__ import annotations

import gc
import logging
import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop_app.pyside_imports import skip_source_scan

skip_source_scan()  # before the app's own modules: PySide6 would read each one's source again

from desktop_app import identity  # noqa: E402  (this and the imports below come after the skip)
from desktop_app.controllers.attachments_controller import AttachmentsController
from desktop_app.controllers.chat_controller import ChatController
from desktop_app.controllers.connection_controller import ConnectionController
from desktop_app.controllers.cost_controller import CostController
from desktop_app.controllers.history_controller import HistoryController, default_data_dir
from desktop_app.controllers.playback_controller import PlaybackController
from desktop_app.controllers.retirement_controller import RetirementController
from desktop_app.controllers.settings_controller import SettingsController
from desktop_app.controllers.token_meter import TokenMeter
from desktop_app.controllers.voice_controller import VoiceController
from desktop_app.core.redact import Secrets, scrub_logs
from desktop_app.resource_paths import resources_dir
from desktop_app.services.secrets import KEY_FILE_NAME, KeyStore
from desktop_app.services.settings_store import SettingsStore, default_config_dir
from desktop_app.ui.language import Translations
from desktop_app.ui.cost_presenter import CostPresenter
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.retirement_banner import RetirementBanner
from desktop_app.workers.reply_worker import unfinished_reply_threads
from desktop_app.workers.task_runner import TaskRunner


GIL_SWITCH_INTERVAL_S = 0.001
# Background imports compete with rendering the reopened conversation for the GIL, so they start a
# moment after it is shown, or after BACKGROUND_LOAD_LATEST_MS when there is none to show.
BACKGROUND_LOAD_DELAY_MS = 100
BACKGROUND_LOAD_LATEST_MS = 600
# Cyclic garbage collection waits until what loads behind the window has loaded (or this long).
SETTLE_CHECK_MS = 250
SETTLE_LIMIT_MS = 15_000

# One small reply in the languages replies use most: their lexers (regexes compiled once per
# process, ~20-60 ms for Python) are then ready before the first conversation renders on the GUI thread.
_WARM_UP_MARKDOWN = "".join(f"```{language}\nx = 1\n```\n" for language in ("python", "bash", "json", "javascript"))


def _warm_up_rendering() -> None:
    from desktop_app.core.markdown_render import render_markdown  # markdown-it + pygments, ~100 ms

    render_markdown(_WARM_UP_MARKDOWN)


class App:
    """Everything the running app is made of, built in dependency order."""

    def __init__(self, config_dir=None, keys: KeyStore | None = None, data_dir=None) -> None:
        store = SettingsStore(config_dir or default_config_dir())
        self.secrets = Secrets()  # the keys seen this session: scrubbed from the history, exports, logs
        scrub_logs(self.secrets)
        self.tasks = TaskRunner()
        first_run = not store.path.exists()
        self.settings = SettingsController(store, store.load(), self.tasks)
        self.translations = Translations()  # before the first widget, so every string is translated
        self.translations.install(self.settings.settings.language)
        keys = keys or KeyStore(key_file=store.path.with_name(KEY_FILE_NAME))
        self.connection = ConnectionController(self.settings, keys, self.tasks, secrets=self.secrets)
        self.history = HistoryController(data_dir or default_data_dir(), secrets=self.secrets)
        self.chat = ChatController(self.settings, self.connection, self.history)
        self.meter = TokenMeter(self.chat, self.tasks)
        # Photos are decoded one at a time: with two at once on two cores, the GUI thread waited its
        # turn for the CPU and the GIL and a drop of five photos stalled it ~30-50 ms (~10 ms now).
        self.image_tasks = TaskRunner(max_workers=1)
        self.attachments = AttachmentsController(self.image_tasks)
        self.voice = VoiceController(self.chat, self.connection, self.tasks)
        self.playback = PlaybackController(self.chat, self.connection, self.tasks)
        self.window = MainWindow(
            self.chat,
            self.connection,
            self.settings,
            self.meter,
            self.history,
            self.attachments,
            self.voice,
            self.playback,
        )
        self.costs = CostController(self.settings, self.chat, self.connection, self.history, self.tasks)
        self.cost_presenter = CostPresenter(self.window, self.costs)
        self.retirement = RetirementController(self.chat, self.connection, first_run)
        self.retirement_banner = RetirementBanner.attach(self.window, self.retirement)
        self._shut_down = False
        self._loading = False  # the background loads have been started

    def start(self) -> None:
        """Show the window first; the last conversation, then the SDK, key, tokenizer and audio load behind it."""
        # A fast stream keeps the reply worker busy in Python; with the default 5 ms GIL switch
        # interval each return of the GUI thread into Python could wait that long.
        sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
        self.window.show()
        # The reopened conversation renders on this thread: the Markdown renderer loads first, on a
        # worker; then the history opens (on the storage thread) and shows it.
        self.tasks.run(_warm_up_rendering, lambda _done: self._open_history(), lambda _exc: self._open_history())
        # Timers the window owns: QTimer.singleShot(ms, bound method) does not keep `self` alive, so a
        # shot after a quick close (tests start and close many apps) would run on a freed object.
        self._background_timer = QTimer(self.window, singleShot=True, interval=BACKGROUND_LOAD_LATEST_MS)
        self._background_timer.timeout.connect(self._load_in_background)
        self._background_timer.start()
        self.chat.sig_conversation_switched.connect(self._on_chat_conversation_switched)

    def _open_history(self) -> None:
        if not self._shut_down:
            self.history.open()

    def _on_chat_conversation_switched(self, _conversation_id: str) -> None:
        # Shown: the SDK, tokenizer, audio and prices no longer compete with rendering it.
        self.chat.sig_conversation_switched.disconnect(self._on_chat_conversation_switched)
        if self._background_timer.isActive():
            self._background_timer.start(BACKGROUND_LOAD_DELAY_MS)

    def _load_in_background(self) -> None:
        if self._shut_down or self._loading:
            return
        self._loading = True
        self.connection.start()
        self.meter.start()
        self.voice.start()  # PortAudio and the device lists load on a worker
        self.playback.start()
        self.costs.start()  # the price list loads on a worker
        self.window.load_icons()

    def collect_after_loading(self) -> None:
        """Hold cyclic garbage collection until the startup's loads are done, then freeze what they made.

        Importing the SDK, pydantic's models and the rest creates ~100,000 long-lived objects, and
        each full collection meanwhile scans them all with the GIL held (30-60 ms: a visible stall).
        Frozen, they are never scanned again. Called by main(); tests, which start many apps in one
        process, keep the default collector.
        """
        gc.disable()
        self._settle_waited_ms = 0
        self._settle_timer = QTimer(self.window, interval=SETTLE_CHECK_MS)
        self._settle_timer.timeout.connect(self._on_settle_timer_timeout)
        self._settle_timer.start()

    def _on_settle_timer_timeout(self) -> None:
        self._settle_waited_ms += SETTLE_CHECK_MS
        still_loading = not self._loading or self.tasks.pending()
        if still_loading and self._settle_waited_ms < SETTLE_LIMIT_MS:
            return
        self._settle_timer.stop()
        gc.freeze()
        gc.enable()

    def shutdown(self) -> None:
        """Stop streams and background jobs; what streamed so far is written before the history closes."""
        self._shut_down = True
        gc.unfreeze()  # what this app kept alive may be collected again (tests start many apps in one process)
        gc.enable()
        self.voice.shutdown()
        self.playback.shutdown()
        self.chat.shutdown()
        self.history.close()
        self.image_tasks.shutdown()
        self.tasks.shutdown()
        self.translations.remove()


def main(argv: list[str] | None = None) -> int:
    """Start the app; returns the process exit code."""
    args = list(sys.argv if argv is None else argv)
    if "--selftest" in args:
        from desktop_app.selftest import main as selftest

        return selftest(args)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    qt_app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    qt_app.setApplicationName(identity.DISPLAY_NAME)
    qt_app.setApplicationVersion(identity.VERSION)
    # Wayland's app id and the match with the installed .desktop file (icon, name in the dock).
    qt_app.setDesktopFileName(identity.DESKTOP_FILE_ID)
    qt_app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "app.svg")))
    app = App()
    app.start()
    app.collect_after_loading()
    code = qt_app.exec()
    app.shutdown()
    if unfinished_reply_threads():
        # A reply thread stuck in a connect would abort the interpreter's exit; settings are saved.
        logging.shutdown()
        os._exit(code)
    return code
