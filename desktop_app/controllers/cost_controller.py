"""Costs for the views: each reply's price, and the spending report read from the whole history."""

from __future__ import annotations

import copy

from PySide6.QtCore import QObject, Signal, Slot

from desktop_app.controllers.chat_controller import ChatController
from desktop_app.controllers.connection_controller import ConnectionController
from desktop_app.controllers.history_controller import HistoryController
from desktop_app.controllers.settings_controller import SettingsController
from desktop_app.core.conversation import Message
from desktop_app.core.models.pricing import Cost, PriceBook, UserPrice, library_loaded, load_library, reply_cost
from desktop_app.core.usage_report import UsageReport, build_report
from desktop_app.workers.task_runner import TaskRunner


class CostController(QObject):
    """Prices replies for the footer and keeps the spending report (today, this month, all time) current."""

    sig_prices_ready = Signal()
    """The price list is loaded (or a price changed): shown costs should be redrawn."""

    sig_report_ready = Signal(object)
    """A new `UsageReport` was read from the history and priced."""

    def __init__(
        self,
        settings: SettingsController,
        chat: ChatController,
        connection: ConnectionController,
        history: HistoryController,
        tasks: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._chat = chat
        self._connection = connection
        self._history = history
        self._tasks = tasks
        self.report: UsageReport | None = None
        self._reading = False
        self._again = False
        chat.sig_busy_changed.connect(self._on_chat_busy_changed)

    # -- public API ------------------------------------------------------------------------------

    @property
    def book(self) -> PriceBook:
        """The priced endpoints and the user's prices."""
        return self._settings.settings.prices

    def start(self) -> None:
        """Load the price list off the GUI thread (~0.2 s), then read the report."""
        self._tasks.run(load_library, lambda _result: self._on_library_loaded())

    def base_url(self) -> str:
        """The server of the conversation shown (where its replies were paid for)."""
        setup = self._chat.current.setup
        return (setup.base_url if setup and setup.base_url else self._connection.base_url).rstrip("/")

    def current_model(self) -> str:
        """The model the next request goes to."""
        return self._chat.model

    def cost_of(self, message: Message) -> Cost | None:
        """The cost of a reply of the current conversation; None without usage or before prices load."""
        if message.usage is None or not library_loaded():
            return None
        model = message.model or (message.request or {}).get("model") or ""
        return reply_cost(message.usage, model, self.base_url(), message.created_at, self.book)

    def set_endpoint_prices(self, base_url: str, priced: bool, prices: dict[str, UserPrice]) -> None:
        """Mark a server as priced (with the user's per-model prices) or as free."""
        key = base_url.strip().rstrip("/")
        if priced:
            self.book.priced_endpoints[key] = dict(prices)
        else:
            self.book.priced_endpoints.pop(key, None)
        self._settings.save_soon()
        self.sig_prices_ready.emit()
        self.refresh()

    def refresh(self) -> None:
        """Read every stored usage and price it, on the storage thread and a worker; sig_report_ready follows."""
        if self._reading:
            self._again = True
            return
        if not self._history.is_open or not library_loaded():
            return
        self._reading = True
        book, default_url = copy.deepcopy(self.book), self._connection.base_url

        def priced(rows) -> None:
            self._tasks.run(lambda: build_report(rows, book, default_url), self._on_report_built, self._on_failed)

        self._history.run(lambda store: store.usage_rows(), priced, self._on_failed)

    # -- slots -----------------------------------------------------------------------------------

    def _on_library_loaded(self) -> None:
        self.sig_prices_ready.emit()
        if self._history.is_open:
            self.refresh()
        else:
            self._history.sig_opened.connect(self.refresh)

    @Slot(bool)
    def _on_chat_busy_changed(self, busy: bool) -> None:
        if not busy:
            self.refresh()

    def _on_report_built(self, report: UsageReport) -> None:
        self._reading = False
        self.report = report
        self.sig_report_ready.emit(report)
        if self._again:
            self._again = False
            self.refresh()

    def _on_failed(self, _exc: BaseException) -> None:
        self._reading = False
