"""Live token counts: the draft, and the context it will be sent with, against the model's window."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop_app.controllers.chat_controller import ChatController
from desktop_app.core.context_window import MAX_CONTEXT_WINDOW, context_limit, reply_reserve
from desktop_app.core.models.tokenizer import encoding_name_for
from desktop_app.core.tokens import TokenCounter
from desktop_app.resource_paths import tiktoken_dir
from desktop_app.services.token_process import ProcessTokenCounter
from desktop_app.workers.task_runner import TaskRunner

DRAFT_DEBOUNCE_MS = 120
DRAFT_ESTIMATE_FRAMING = 4  # a user message's framing (3) and its role's name (1), for the estimate
DIRECT_DRAFT_CHARS = 50_000  # longer drafts are counted on the task pool


@dataclass(frozen=True)
class TokenCounts:
    """What the counter label shows."""

    draft: int
    context: int
    exact: bool
    encoding: str
    limit: int | None = None  # the model's context window; None when unknown
    reserve: int = 0  # tokens kept free for the answer
    model: str = ""

    @property
    def total(self) -> int:
        """Draft plus context: the prompt size if sent now."""
        return self.draft + self.context

    @property
    def over_limit(self) -> bool:
        """The prompt and the room kept for the answer do not fit the context window."""
        return self.limit is not None and self.total + self.reserve > self.limit

    @property
    def fraction(self) -> float | None:
        """How much of the context window the prompt fills (1.0 = all of it); None when unknown."""
        return self.total / self.limit if self.limit else None


class TokenMeter(QObject):
    """Counts tokens with tiktoken (in a helper process) off the GUI thread, and the draft on a short debounce."""

    sig_counts_changed = Signal(object)
    """New `TokenCounts` to show."""

    def __init__(self, chat: ChatController, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._chat = chat
        self._tasks = tasks
        self._counter = TokenCounter.estimator()
        self._draft = ""
        self._draft_tokens = 0
        self._draft_generation = 0  # a count from the task pool for an older draft is dropped
        self._context_tokens = 0
        self._context_generation = 0
        self._counting = 0  # context recounts on their way
        self._timer = QTimer(self, singleShot=True, interval=DRAFT_DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        # Typing a system prompt recounts the context once the typing pauses, not at every key.
        self._context_timer = QTimer(self, singleShot=True, interval=DRAFT_DEBOUNCE_MS)
        self._context_timer.timeout.connect(self.recount_context)
        chat.sig_capabilities_changed.connect(self._on_chat_capabilities_changed)
        chat.sig_setup_restored.connect(self._emit)  # other parameters: another reply reserve
        # A callable, not the counter: the exact counter replaces the estimator once it loads.
        chat.set_token_counter(self._count_chat)
        for signal in (
            chat.sig_conversation_switched,
            chat.sig_message_added,
            chat.sig_message_updated,
            chat.sig_message_removed,
        ):
            signal.connect(self._on_chat_context_changed)
        chat.sig_branch_changed.connect(self.recount_context)  # another version: another context
        # The system prompt is sent with every request; a model change may change its role's name.
        chat.sig_system_prompt_changed.connect(self._context_timer.start)

    def start(self) -> None:
        """Start counting exactly for the current model: a helper process per encoding, once (its
        0.3 s build would hold the GIL here, its 80 MB of tables would stay in the app)."""
        model = self._chat.model
        self._tasks.run(lambda: ProcessTokenCounter.load(model, tiktoken_dir()), self._on_counter_loaded)

    def set_draft(self, text: str) -> None:
        """The composer changed: recount shortly."""
        self._draft = text
        self._timer.start()

    def recount_context(self) -> None:
        """Count the conversation that goes with the next message, off the GUI thread."""
        self._context_timer.stop()
        self._context_generation += 1
        self._counting += 1
        generation = self._context_generation
        request = self._chat.next_request("")
        counter = self._counter
        images = self._earlier_image_tokens()

        def count():
            return generation, counter.count_chat(request["messages"]) + images

        self._tasks.run(count, self._on_context_counted, self._on_context_count_failed)

    def is_counting(self) -> bool:
        """True while a count is pending or running: the numbers shown are about to change."""
        return self._counting > 0 or self._timer.isActive() or self._context_timer.isActive()

    def counts(self) -> TokenCounts:
        """The latest counts, with the draft counted now if its recount was still pending."""
        if self._timer.isActive():  # Enter pressed within the debounce: count what is sent
            self._count_draft()  # the timer still fires and shows it
        model = self._chat.model
        limit = context_limit(model, self._chat.settings.context_windows, self._chat.learned_windows())
        reserve = reply_reserve(limit, self._chat.params.max_completion_tokens) if limit else 0
        return TokenCounts(
            self._draft_tokens,
            self._context_tokens,
            self._counter.exact,
            self._counter.encoding_name,
            limit,
            reserve,
            model,
        )

    def counter(self) -> TokenCounter:
        """The counter in use now (an estimator until the model's encoding has loaded)."""
        return self._counter

    def set_context_window(self, model: str, tokens: int | None) -> None:
        """Remember the user's context window for `model` (None or 0: forget it, use the known size)."""
        overrides = self._chat.settings.context_windows
        model = model.strip()
        if tokens and tokens > 0:
            overrides[model] = min(tokens, MAX_CONTEXT_WINDOW)
        elif overrides.pop(model, None) is None:
            return
        self._chat.save_settings_soon()
        self._emit()

    # -- private ---------------------------------------------------------------------------------

    @Slot()
    def _emit(self) -> None:
        self.sig_counts_changed.emit(self.counts())

    def _earlier_image_tokens(self) -> int:
        """The estimated cost of the images in the conversation so far: every request sends them
        again (tiktoken counts only text). A few multiplications per image: fine on this thread."""
        attachments = [a for m in self._chat.current.context() for a in m.attachments]
        if not attachments:
            return 0
        from desktop_app.core.models.vision import image_tokens

        model = self._chat.model
        return sum(image_tokens(a.width, a.height, a.detail, model) for a in attachments)

    def _count_chat(self, messages: list[dict]) -> int:
        return self._counter.count_chat(messages)

    def _count_draft(self) -> None:
        # A usual draft is counted here (encoding 100 KB takes ~5 ms); a huge paste (5 MB: ~250 ms)
        # gets an estimate now and its count from the task pool.
        text = self._draft.strip()
        self._draft_generation += 1
        if len(text) <= DIRECT_DRAFT_CHARS:
            self._draft_tokens = _draft_tokens(self._counter, text)
            return
        self._draft_tokens = -(-len(text) // 4) + DRAFT_ESTIMATE_FRAMING
        generation, counter = self._draft_generation, self._counter
        self._tasks.run(lambda: (generation, _draft_tokens(counter, text)), self._on_draft_counted)

    def _on_draft_counted(self, result: tuple[int, int]) -> None:
        generation, tokens = result
        if generation == self._draft_generation:
            self._draft_tokens = tokens
            self._emit()

    def _on_counter_loaded(self, counter: TokenCounter) -> None:
        if counter.encoding_name == encoding_name_for(self._chat.model) or not counter.exact:
            self._counter = counter
            self._on_timer_timeout()
            self.recount_context()

    @Slot()
    def _on_chat_capabilities_changed(self) -> None:
        if encoding_name_for(self._chat.model) != self._counter.encoding_name:
            self.start()
        self._context_timer.start()  # the system prompt may go as 'developer' now
        self._emit()  # another model: another context window

    @Slot(str)
    def _on_chat_context_changed(self, _message_id: str) -> None:
        self.recount_context()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._count_draft()
        self._emit()

    def _on_context_count_failed(self, _error: BaseException) -> None:
        self._counting -= 1

    def _on_context_counted(self, result: tuple[int, int]) -> None:
        generation, tokens = result
        self._counting -= 1
        if generation == self._context_generation:
            self._context_tokens = tokens
            self._emit()


def _draft_tokens(counter: TokenCounter, text: str) -> int:
    """The draft counted as the message it becomes: its framing and its role's name too."""
    return counter.count_messages([{"role": "user", "content": text}]) if text else 0
