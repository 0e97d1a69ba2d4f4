"""The conversations and their replies: send, stream, stop, retry, pick a choice."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop_app.controllers.connection_controller import ConnectionController
from desktop_app.controllers.settings_controller import SettingsController
from desktop_app.core.capabilities import Capabilities, capabilities_for
from desktop_app.core.conversation import Choice, Conversation, Message, MessageStatus, Role
from desktop_app.core.events import ChoiceFinished, ReplyStarted, UsageReported
from desktop_app.core.params import RequestParams
from desktop_app.core.request import build_chat_request
from desktop_app.core.settings import DEFAULT_MODEL
from desktop_app.workers.reply_worker import ReplyJob, ReplyOutcome, ReplyProgress

FRAME_MS = 33  # one GUI update per frame at most, however fast tokens arrive


class ChatController(QObject):
    """Owns the conversations and the running replies; the views only listen and ask."""

    sig_conversation_switched = Signal(str)
    """Another conversation is shown (its id): views render it from scratch."""

    sig_conversations_changed = Signal()
    """A conversation was added or renamed: the list needs refreshing."""

    sig_message_added = Signal(str)
    """A message (its id) was appended to the current conversation."""

    sig_message_updated = Signal(str)
    """A message (its id) changed as a whole: finished, failed, stopped or another choice picked."""

    sig_message_removed = Signal(str)
    """A message (its id) left the conversation (a retried or edited failed turn)."""

    sig_reply_progressed = Signal(str, object)
    """New text arrived for a streaming message: (message id, {choice index: appended text})."""

    sig_busy_changed = Signal(bool)
    """True while a reply of the current conversation is streaming."""

    sig_capabilities_changed = Signal()
    """The model or what it accepts changed: parameter widgets may need enabling or disabling."""

    sig_key_required = Signal()
    """A send needs an API key that is missing."""

    def __init__(
        self, settings: SettingsController, connection: ConnectionController, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._connection = connection
        self._jobs: dict[str, ReplyJob] = {}
        self._omitted: dict[str, frozenset[str]] = {}  # per model: parameters the server rejected
        self.conversations: list[Conversation] = []
        self.current = self._new_conversation()
        self._frame_timer = QTimer(self, interval=FRAME_MS)
        self._frame_timer.timeout.connect(self._on_frame_timer_timeout)
        connection.sig_models_loaded.connect(self._on_connection_models_loaded)

    # -- settings the requests use ---------------------------------------------------------------

    @property
    def model(self) -> str:
        """The model the next request goes to."""
        return self._settings.settings.model

    def set_model(self, model: str) -> None:
        """Use another model from now on."""
        model = model.strip()
        if model and model != self._settings.settings.model:
            self._settings.settings.model = model
            self._settings.save_soon()
            self.sig_capabilities_changed.emit()

    @property
    def params(self) -> RequestParams:
        """The parameters the next request uses, with those the server rejected left out."""
        base = self._settings.settings.params
        omitted = self._omitted.get(self.model, frozenset())
        return RequestParams(base.temperature, base.max_completion_tokens, base.n, base.seed, omitted)

    def set_params(self, params: RequestParams) -> None:
        """Remember new parameters for the next requests."""
        self._settings.settings.params = params
        self._settings.save_soon()

    def set_system_prompt(self, text: str) -> None:
        """Use this system prompt from the next request on."""
        self._settings.settings.system_prompt = text
        self._settings.save_soon()

    def capabilities(self) -> Capabilities:
        """What the current model accepts, by name and endpoint settings."""
        return capabilities_for(self.model, self._connection.endpoint)

    def omitted_params(self) -> frozenset[str]:
        """Parameters left out for the current model because the server rejected them."""
        return self._omitted.get(self.model, frozenset())

    def next_request(self, draft: str) -> dict:
        """The request that sending `draft` now would make (for "view request")."""
        history = self.current.context()
        if draft.strip():
            history = history + [Message.user(draft.strip())]
        return self._build_request(history)

    # -- conversations ---------------------------------------------------------------------------

    def new_conversation(self) -> None:
        """Start an empty conversation, unless the current one is still empty."""
        if not self.current.messages:
            return
        self.current = self._new_conversation()
        self._switched()

    def select_conversation(self, conversation_id: str) -> None:
        """Show another conversation."""
        found = next((c for c in self.conversations if c.id == conversation_id), None)
        if found is not None and found is not self.current:
            self.current = found
            self._switched()

    def is_busy(self) -> bool:
        """True while a reply of the current conversation is streaming."""
        return any(m.is_streaming for m in self.current.messages[-1:])

    # -- sending and replies ---------------------------------------------------------------------

    def send(self, text: str) -> bool:
        """Send what the user wrote; False (and the draft stays) when it cannot be sent now."""
        text = text.strip()
        if not text or self.is_busy():
            return False
        if self._connection.needs_key():
            self.sig_key_required.emit()
            return False
        self.current.add_user_message(text)
        if len(self.current.messages) == 1:
            self.sig_conversations_changed.emit()
        self.sig_message_added.emit(self.current.messages[-1].id)
        self._start_reply()
        return True

    def stop(self) -> None:
        """Stop the streaming reply now; what arrived stays, marked as stopped."""
        reply = self.current.messages[-1] if self.current.messages else None
        job = self._jobs.get(reply.id) if reply else None
        if job is None or not reply.is_streaming:
            return
        job.cancel()
        self._apply(reply, job)
        reply.status = MessageStatus.STOPPED
        reply.ended_at = time.time()
        self.sig_message_updated.emit(reply.id)
        self.sig_busy_changed.emit(False)

    def retry(self, message_id: str) -> None:
        """Ask again for a reply that failed, was interrupted or stopped (it is replaced)."""
        reply = self.current.find(message_id)
        if reply is None or reply.role is not Role.ASSISTANT or self.is_busy():
            return
        if reply is not self.current.messages[-1]:
            return
        self.current.messages.pop()
        self.sig_message_removed.emit(reply.id)
        self._start_reply()

    def resend_without(self, message_id: str, param: str) -> None:
        """Leave out a parameter the server rejected for this model, and ask again."""
        reply = self.current.find(message_id)
        model = (reply.request or {}).get("model", self.model) if reply else self.model
        self._omitted[model] = self._omitted.get(model, frozenset()) | {param}
        self.sig_capabilities_changed.emit()
        self.retry(message_id)

    def restore_params(self) -> None:
        """Send every parameter again for the current model (undo "resend without")."""
        if self._omitted.pop(self.model, None) is not None:
            self.sig_capabilities_changed.emit()

    def take_back(self, message_id: str) -> str | None:
        """Remove a failed turn and return the user's text, to edit it in the composer."""
        reply = self.current.find(message_id)
        messages = self.current.messages
        if reply is None or self.is_busy() or reply is not messages[-1] or len(messages) < 2:
            return None
        user = messages[-2]
        if user.role is not Role.USER:
            return None
        del messages[-2:]
        self.sig_message_removed.emit(reply.id)
        self.sig_message_removed.emit(user.id)
        return user.text

    def select_choice(self, message_id: str, index: int) -> None:
        """Continue the conversation from another of the n alternatives."""
        message = self.current.find(message_id)
        if message is not None and message.select(index):
            self.sig_message_updated.emit(message.id)

    def shutdown(self) -> None:
        """Cancel every reply and wait for their threads (on exit)."""
        self._frame_timer.stop()
        for job in list(self._jobs.values()):
            job.cancel()
        for job in list(self._jobs.values()):
            job.finish(3000)
        self._jobs.clear()

    # -- private ---------------------------------------------------------------------------------

    def _new_conversation(self) -> Conversation:
        conversation = Conversation(system_prompt=self._settings.settings.system_prompt)
        self.conversations.insert(0, conversation)
        return conversation

    def _switched(self) -> None:
        self.sig_conversations_changed.emit()
        self.sig_conversation_switched.emit(self.current.id)
        self.sig_busy_changed.emit(self.is_busy())

    def _build_request(self, history: list[Message]) -> dict:
        return build_chat_request(
            model=self.model,
            system_prompt=self._settings.settings.system_prompt,
            history=history,
            params=self.params,
            endpoint=self._connection.endpoint,
        )

    def _start_reply(self) -> None:
        conversation = self.current
        conversation.system_prompt = self._settings.settings.system_prompt
        request = self._build_request(conversation.context())
        reply = Message.pending_reply(request.get("n", 1), request, self.model)
        conversation.messages.append(reply)
        job = ReplyJob(reply.id, self._connection.make_stream_factory(request))
        job.sig_reply_ended.connect(self._on_job_reply_ended)
        self._jobs[reply.id] = job
        self.sig_message_added.emit(reply.id)
        self.sig_busy_changed.emit(True)
        job.start()
        self._frame_timer.start()

    def _find_message(self, message_id: str) -> Message | None:
        for conversation in self.conversations:
            found = conversation.find(message_id)
            if found is not None:
                return found
        return None

    def _apply(self, reply: Message, job: ReplyJob) -> dict[int, str]:
        """Move what the worker buffered into the message; returns the new text per choice."""
        progress: ReplyProgress = job.buffer.drain()
        for index, text in progress.deltas.items():
            while index >= len(reply.choices):  # a server that sends more choices than asked
                reply.choices.append(Choice())
            reply.choices[index].text += text
        for event in progress.events:
            if isinstance(event, ReplyStarted):
                reply.model = event.model or reply.model
                reply.system_fingerprint = event.system_fingerprint
            elif isinstance(event, ChoiceFinished) and event.choice_index < len(reply.choices):
                reply.choices[event.choice_index].finish_reason = event.finish_reason
            elif isinstance(event, UsageReported):
                reply.usage = event.usage
        if progress.first_token_at is not None and reply.ttft_ms is None:
            reply.ttft_ms = (progress.first_token_at - job.started_at) * 1000.0
        return progress.deltas

    @Slot(list)
    def _on_connection_models_loaded(self, models: list) -> None:
        # A server without the default model (Ollama, llama.cpp): start on its first chat model
        # rather than a sure 404. A model the user chose is kept even if the list lacks it.
        if models and self.model == DEFAULT_MODEL and DEFAULT_MODEL not in models:
            self.set_model(models[0])

    @Slot()
    def _on_frame_timer_timeout(self) -> None:
        for reply_id, job in list(self._jobs.items()):
            reply = self._find_message(reply_id)
            if reply is None or not reply.is_streaming:
                continue
            with job.buffer.gui_turn():  # the views update inside: no GIL contention meanwhile
                deltas = self._apply(reply, job)
                if deltas:
                    self.sig_reply_progressed.emit(reply.id, deltas)
        if not self._jobs:
            self._frame_timer.stop()

    @Slot(object)
    def _on_job_reply_ended(self, outcome: ReplyOutcome) -> None:
        job = self._jobs.pop(outcome.reply_id, None)
        if job is None:
            return
        job.finish()
        reply = self._find_message(outcome.reply_id)
        if reply is not None and reply.is_streaming:
            self._apply(reply, job)
            if outcome.error is not None:
                reply.error = outcome.error
                has_text = any(c.text for c in reply.choices)
                reply.status = MessageStatus.INTERRUPTED if has_text else MessageStatus.FAILED
            else:
                reply.status = MessageStatus.DONE
            reply.ended_at = time.time()
            self.sig_message_updated.emit(reply.id)
            if reply is self._last_of_current():
                self.sig_busy_changed.emit(False)
        if not self._jobs:
            self._frame_timer.stop()

    def _last_of_current(self) -> Message | None:
        return self.current.messages[-1] if self.current.messages else None
