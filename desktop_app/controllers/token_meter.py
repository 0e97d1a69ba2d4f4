"""Live token counts: the draft, and the context it will be sent with, for the current model."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop_app.controllers.chat_controller import ChatController
from desktop_app.core.tokens import TokenCounter, encoding_name_for
from desktop_app.resource_paths import tiktoken_dir
from desktop_app.workers.task_runner import TaskRunner

DRAFT_DEBOUNCE_MS = 120
PER_MESSAGE_OVERHEAD = 3  # the cookbook's per-message framing tokens


@dataclass(frozen=True)
class TokenCounts:
    """What the counter label shows."""

    draft: int
    context: int
    exact: bool
    encoding: str

    @property
    def total(self) -> int:
        """Draft plus context: the prompt size if sent now."""
        return self.draft + self.context


class TokenMeter(QObject):
    """Counts tokens with tiktoken off the GUI thread, and the draft on a short debounce."""

    sig_counts_changed = Signal(object)
    """New `TokenCounts` to show."""

    def __init__(self, chat: ChatController, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._chat = chat
        self._tasks = tasks
        self._counter = TokenCounter.estimator()
        self._draft = ""
        self._draft_tokens = 0
        self._context_tokens = 0
        self._context_generation = 0
        self._timer = QTimer(self, singleShot=True, interval=DRAFT_DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        chat.sig_capabilities_changed.connect(self._on_chat_capabilities_changed)
        for signal in (
            chat.sig_conversation_switched,
            chat.sig_message_added,
            chat.sig_message_updated,
            chat.sig_message_removed,
        ):
            signal.connect(self._on_chat_context_changed)

    def start(self) -> None:
        """Load the current model's encoding in the background (0.3 s, 80 MB: once per encoding)."""
        model = self._chat.model
        self._tasks.run(lambda: TokenCounter.load(model, tiktoken_dir()), self._on_counter_loaded)

    def set_draft(self, text: str) -> None:
        """The composer changed: recount shortly."""
        self._draft = text
        self._timer.start()

    def recount_context(self) -> None:
        """Count the conversation that goes with the next message, off the GUI thread."""
        self._context_generation += 1
        generation = self._context_generation
        request = self._chat.next_request("")
        counter = self._counter

        def count():
            return generation, counter.count_chat(request["messages"])

        self._tasks.run(count, self._on_context_counted)

    def counts(self) -> TokenCounts:
        """The latest counts."""
        return TokenCounts(self._draft_tokens, self._context_tokens, self._counter.exact, self._counter.encoding_name)

    # -- private ---------------------------------------------------------------------------------

    def _emit(self) -> None:
        self.sig_counts_changed.emit(self.counts())

    def _on_counter_loaded(self, counter: TokenCounter) -> None:
        if counter.encoding_name == encoding_name_for(self._chat.model) or not counter.exact:
            self._counter = counter
            self._on_timer_timeout()
            self.recount_context()

    @Slot()
    def _on_chat_capabilities_changed(self) -> None:
        if encoding_name_for(self._chat.model) != self._counter.encoding_name:
            self.start()

    @Slot(str)
    def _on_chat_context_changed(self, _message_id: str) -> None:
        self.recount_context()

    @Slot()
    def _on_timer_timeout(self) -> None:
        # A draft is small (encoding 100 KB takes ~5 ms), so it is counted here directly.
        text = self._draft.strip()
        self._draft_tokens = self._counter.count_text(text) + PER_MESSAGE_OVERHEAD if text else 0
        self._emit()

    def _on_context_counted(self, result: tuple[int, int]) -> None:
        generation, tokens = result
        if generation == self._context_generation:
            self._context_tokens = tokens
            self._emit()
