"""Models going away: a notice before the current model shuts down, the switch to its replacement,
and a current model on the first run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject, Signal, Slot

from desktop_app.controllers.chat_controller import ChatController
from desktop_app.controllers.connection_controller import ConnectionController
from desktop_app.core.models.retirement import (
    is_retired,
    pick_current_model,
    replacement_for,
    retires_soon,
    shutdown_of,
)


@dataclass(frozen=True)
class RetirementNotice:
    """The current model shuts down on `shutdown` (or did: `gone`); `replacement` is offered, if any."""

    model: str
    shutdown: date
    replacement: str | None
    gone: bool


class RetirementController(QObject):
    """Watches the current model against announced shutdown dates."""

    sig_notice_changed = Signal(object)
    """The notice to show about the current model (a `RetirementNotice`), or None."""

    sig_model_switched = Signal(str)
    """The model was changed here (a replacement, or the first run's pick): pickers should show it."""

    def __init__(self, chat: ChatController, connection: ConnectionController, first_run: bool,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._chat = chat
        self._connection = connection
        self._first_run = first_run
        self._dismissed: set[str] = set()
        self.notice: RetirementNotice | None = None
        self.today = date.today  # replaced in tests that need another day
        connection.sig_models_loaded.connect(self._on_connection_models_loaded)
        chat.sig_capabilities_changed.connect(self._update_notice)
        chat.sig_setup_restored.connect(self._update_notice)

    # -- public API ------------------------------------------------------------------------------

    def shutdown_of(self, model: str) -> date | None:
        """The announced shutdown date of `model`, or None."""
        return shutdown_of(model, self._connection.shutdowns)

    def switch_to_replacement(self) -> None:
        """Move the current conversation to the offered replacement (one click on the banner)."""
        if self.notice is not None and self.notice.replacement:
            self._switch(self.notice.replacement)

    def dismiss(self) -> None:
        """Hide the notice about this model for the rest of the session."""
        if self.notice is not None:
            self._dismissed.add(self.notice.model)
        self._update_notice()

    # -- slots -----------------------------------------------------------------------------------

    @Slot(list)
    def _on_connection_models_loaded(self, models: list) -> None:
        if self._first_run and models:
            # The first run starts on a current model the server offers, never on one going away.
            self._first_run = False
            dates, today = self._connection.shutdowns, self.today()
            model = self._chat.model
            if model not in models or retires_soon(model, dates, today):
                pick = pick_current_model(models, dates, today)
                if pick and pick != model:
                    self._switch(pick)
        self._update_notice()

    @Slot()
    def _update_notice(self) -> None:
        model, dates, today = self._chat.model, self._connection.shutdowns, self.today()
        notice = None
        when = shutdown_of(model, dates)
        if when is not None and retires_soon(model, dates, today) and model not in self._dismissed:
            replacement = replacement_for(model, self._connection.models, dates, today)
            notice = RetirementNotice(model, when, replacement, is_retired(model, dates, today))
        if notice != self.notice:
            self.notice = notice
            self.sig_notice_changed.emit(notice)

    # -- private ---------------------------------------------------------------------------------

    def _switch(self, model: str) -> None:
        self._chat.set_model(model)
        self.sig_model_switched.emit(model)
        self._update_notice()
