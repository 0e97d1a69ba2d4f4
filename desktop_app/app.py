"""Composition root: builds settings, services, controllers and the window. No logic here."""

from __future__ import annotations

import gc
import logging
import os
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop_app import identity
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
# Background imports compete with the first paint for the GIL, so they start a moment after show();
# the first frame is normally painted within ~20-40 ms.
BACKGROUND_LOAD_DELAY_MS = 100


def _warm_up_rendering() -> None:
    import desktop_app.core.markdown_render  # noqa: F401  (markdown-it + pygments, ~100 ms)


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
        self.attachments = AttachmentsController(self.tasks)
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

    def start(self) -> None:
        """Show the window first; the SDK, the key and the tokenizer load once it has painted."""
        # A fast stream keeps the reply worker busy in Python; with the default 5 ms GIL switch
        # interval each return of the GUI thread into Python could wait that long.
        sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
        self.window.show()
        self.history.open()  # on the storage thread; the last conversation appears when it is read
        QTimer.singleShot(BACKGROUND_LOAD_DELAY_MS, self._load_in_background)

    def _load_in_background(self) -> None:
        self.connection.start()
        self.meter.start()
        self.voice.start()  # PortAudio and the device lists load on a worker
        self.playback.start()
        self.costs.start()  # the price list loads on a worker
        self.tasks.run(_warm_up_rendering, self._freeze_startup_heap)
        # The SDK is imported by then; once: a later freeze would keep that moment's garbage until shutdown.
        self.connection.sig_models_loaded.connect(self._freeze_startup_heap, Qt.ConnectionType.SingleShotConnection)
        self.window.load_icons()

    def _freeze_startup_heap(self, *_result) -> None:
        """Keep what startup loaded (Qt wrappers, the SDK, markdown-it, pygments) out of the collector's sight.

        A full collection walked all of it, 50-150 ms holding the GIL, whenever a worker thread happened
        to trigger one: the GUI stalled that long (a five-photo drop did). Until shutdown() unfreezes.
        """
        gc.freeze()

    def shutdown(self) -> None:
        """Stop streams and background jobs; what streamed so far is written before the history closes."""
        self.voice.shutdown()
        self.playback.shutdown()
        self.chat.shutdown()
        self.history.close()
        self.tasks.shutdown()
        self.translations.remove()
        gc.unfreeze()  # what this app kept alive may be collected again (tests start many apps in one process)


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
    code = qt_app.exec()
    app.shutdown()
    if unfinished_reply_threads():
        # A reply thread stuck in a connect would abort the interpreter's exit; settings are saved.
        logging.shutdown()
        os._exit(code)
    return code
