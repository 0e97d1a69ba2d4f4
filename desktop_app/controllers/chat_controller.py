"""The conversations and their replies: send, stream, stop, retry, branch, and keep them stored."""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import replace
from datetime import date
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop_app.controllers.connection_controller import ConnectionController
from desktop_app.controllers.history_controller import HistoryController
from desktop_app.controllers.settings_controller import SettingsController
from desktop_app.core.capabilities import OPENAI_BASE_URL
from desktop_app.core.models.rules import Capabilities, capabilities_for
from desktop_app.core.conversation import (
    Attachment,
    AudioClip,
    Choice,
    Conversation,
    ConversationSetup,
    Message,
    MessageStatus,
    Role,
    expire_audio_references,
)
from desktop_app.core.errors import AppError, ErrorKind
from desktop_app.core.i18n import said, trans_late
from desktop_app.core.events import (
    AudioChunk,
    AudioReceived,
    AudioReference,
    ChoiceFinished,
    ReplyStarted,
    ServerNoticed,
    UsageReported,
)
from desktop_app.core.endpoint_profile import Alternation
from desktop_app.core.params import RequestParams
from desktop_app.core.models.retirement import pick_current_model
from desktop_app.core.request import build_chat_request, expand_request, request_as_python
from desktop_app.core.settings import DEFAULT_MODEL, AppSettings
from desktop_app.core.voice import PCM16_RATE, VoiceSettings
from desktop_app.core.wav import pcm16_wav
from desktop_app.workers.reply_worker import AudioSink, ReplyJob, ReplyOutcome, ReplyProgress

FRAME_MS = 33  # one GUI update per frame at most, however fast tokens arrive
FLUSH_INTERVAL_S = 0.5  # a streaming reply reaches the disk at least this often: a crash loses < 1 s
DRAFT_SAVE_MS = 600
LOADED_CONVERSATIONS = 8  # conversations kept in memory besides those streaming


class ChatController(QObject):
    """Owns the conversations and the running replies; the views only listen and ask."""

    sig_conversation_switched = Signal(str)
    """Another conversation is shown (its id): views render it from scratch."""

    sig_branch_changed = Signal()
    """Another version of a message is shown: the visible branch changed from some message on."""

    sig_message_focus_requested = Signal(str)
    """The view should scroll to this message (its id), e.g. after a search hit."""

    sig_match_highlight_requested = Signal(str, list)
    """A search opened this message (its id): the view marks these words in it (list of str)."""

    sig_setup_restored = Signal()
    """Another conversation's model, system prompt and parameters are now the current settings."""

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

    sig_system_prompt_changed = Signal()
    """The system prompt of the next request changed (typed, or another conversation's)."""

    sig_capabilities_changed = Signal()
    """The model or what it accepts changed: parameter widgets may need enabling or disabling."""

    sig_key_required = Signal()
    """A send needs an API key that is missing."""

    sig_send_refused = Signal(object)
    """A send was refused before any request (the reason, e.g. an invalid JSON schema, as a LazyText for
    ui.text.translated); the draft stays."""

    sig_spoken_reply_ready = Signal(str)
    """A spoken reply's audio is complete and on `message.audio` (its id), streamed or not."""

    sig_live_audio_ended = Signal(str, bool)
    """The live sound of a streamed spoken reply is over: (reply id, stopped by the user)."""

    sig_reply_without_audio = Signal(str)
    """A reply that was asked to speak came back as text only (its id)."""

    def __init__(
        self,
        settings: SettingsController,
        connection: ConnectionController,
        history: HistoryController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._connection = connection
        self._history = history
        self._jobs: dict[str, ReplyJob] = {}
        self._job_conversations: dict[str, Conversation] = {}  # reply id -> its conversation
        self._flushed_at: dict[str, float] = {}  # reply id -> when it was last written
        self._omitted: dict[str, frozenset[str]] = {}  # per model: parameters the server rejected
        self._loaded: OrderedDict[str, Conversation] = OrderedDict()  # recently shown, newest last
        self._stored: set[str] = set()  # ids of conversations the history holds
        self._opening: str | None = None  # a conversation being loaded to be shown
        self._count_chat: Callable[[list[dict]], int] | None = None
        self._live_audio: Callable[[str], AudioSink | None] | None = None
        self._draft_source: Callable[[], None] | None = None
        self._spoken: dict[str, _SpokenReply] = {}  # reply id -> the audio arriving for it
        self._recovering: set[str] = set()  # replies asked again by themselves (never twice in a row)
        self.current = self._new_conversation()
        self._frame_timer = QTimer(self, interval=FRAME_MS)
        self._frame_timer.timeout.connect(self._on_frame_timer_timeout)
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_SAVE_MS)
        self._draft_timer.timeout.connect(self._on_draft_timer_timeout)
        connection.sig_models_loaded.connect(self._on_connection_models_loaded)
        # What the server taught (its role, length cap, context window) shapes the next request.
        connection.sig_profile_changed.connect(self.sig_capabilities_changed)
        history.sig_opened.connect(self._on_history_opened)

    # -- settings the requests use ---------------------------------------------------------------

    @property
    def settings(self) -> AppSettings:
        """The app's settings (model, parameters, context windows...)."""
        return self._settings.settings

    def save_settings_soon(self) -> None:
        """Write the settings shortly (after a change made through `settings`)."""
        self._settings.save_soon()

    @property
    def voice(self) -> VoiceSettings:
        """The voice settings (spoken replies, recording, read aloud, devices); edit, then save_settings_soon()."""
        return self._settings.settings.voice

    def set_live_audio(self, factory: Callable[[str], AudioSink | None]) -> None:
        """Where streamed spoken replies are played: `factory(reply_id)` is called on this thread when
        one starts and returns a function the reply thread calls with each pcm16 chunk (or None)."""
        self._live_audio = factory

    def set_draft_source(self, pull: Callable[[], None]) -> None:
        """`pull()` hands over typing the view holds back (set_draft), before the draft is saved or left."""
        self._draft_source = pull

    def set_token_counter(self, count_chat: Callable[[list[dict]], int]) -> None:
        """The tokenizer's chat counter, used to leave out the oldest turns when over budget."""
        self._count_chat = count_chat

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
            self._keep_setup()
            self.sig_capabilities_changed.emit()

    @property
    def params(self) -> RequestParams:
        """The parameters the next request uses, with those the server rejected left out."""
        base = self._settings.settings.params
        omitted = self._omitted.get(self.model, frozenset())
        return replace(base, omitted=omitted)

    def set_params(self, params: RequestParams) -> None:
        """Remember new parameters for the next requests."""
        self._settings.settings.params = params
        self._settings.save_soon()
        self._keep_setup()

    def set_system_prompt(self, text: str) -> None:
        """Use this system prompt from the next request on."""
        if text == self._settings.settings.system_prompt:
            return
        self._settings.settings.system_prompt = text
        self._settings.save_soon()
        self._keep_setup()
        self.sig_system_prompt_changed.emit()

    def sends_to_openai(self) -> bool:
        """True when requests go to OpenAI's own API (which can fetch web images by address)."""
        return self._connection.base_url.rstrip("/") == OPENAI_BASE_URL.rstrip("/")

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

    def request_of(self, message_id: str) -> dict | None:
        """The full request behind a reply of the current conversation (rebuilt if it was stored)."""
        message = self.current.find(message_id)
        return expand_request(self.current, message) if message is not None else None

    def python_job(self, message_id: str) -> Callable[[], str] | None:
        """A job that writes the Python sending a reply's request again (as View request's Python tab);
        run it off the GUI thread: a request's embedded images take milliseconds each to write out."""
        conversation = self.current
        message = conversation.find(message_id)
        if message is None or message.request is None:
            return None
        base_url = self._connection.base_url
        return lambda: request_as_python(expand_request(conversation, message), base_url)

    # -- conversations ---------------------------------------------------------------------------

    def new_conversation(self) -> None:
        """Start an empty conversation, unless the current one is still empty."""
        if not self.current.messages and not self.current.draft.strip():
            return
        self._switch_to(self._new_conversation())

    def open_conversation(
        self, conversation_id: str, message_id: str | None = None, highlight: list[str] | None = None
    ) -> None:
        """Show a stored conversation (loaded in the background); with `message_id`, scroll to it,
        and mark the words of `highlight` in it (a search result)."""
        loaded = self._loaded.get(conversation_id)
        if loaded is not None:
            self._show(loaded, message_id, highlight)
            return
        self._opening = conversation_id

        def loaded_now(conversation: Conversation | None) -> None:
            if conversation is None or self._opening != conversation_id:
                return  # deleted meanwhile, or the user opened something else
            self._opening = None
            self._mark_unfinished(conversation)
            self._stored.add(conversation.id)
            self._show(conversation, message_id, highlight)

        self._history.load(conversation_id, loaded_now)

    def rename_conversation(self, conversation_id: str, title: str) -> None:
        """Give a conversation another title."""
        title = " ".join(title.split())
        if not title:
            return
        loaded = self._loaded.get(conversation_id)
        if loaded is not None:
            loaded.title = title
        self._history.rename(conversation_id, title)

    def delete_conversation(self, conversation_id: str) -> None:
        """Delete a conversation (undo stays possible this session); away from it if it is shown."""
        conversation = self._loaded.get(conversation_id)
        if conversation is not None:
            for reply_id, owner in list(self._job_conversations.items()):
                if owner is conversation:
                    self._jobs[reply_id].cancel()
        self._history.delete(conversation_id)
        if self.current.id == conversation_id:
            self._switch_to(self._new_conversation())
        self._loaded.pop(conversation_id, None)

    def undelete_conversation(self, conversation_id: str) -> None:
        """Bring back a conversation deleted this session."""
        self._history.undelete(conversation_id)

    def set_draft(self, text: str) -> None:
        """The unsent text of the current conversation changed: keep it (saved shortly)."""
        if text == self.current.draft:
            return
        self.current.draft = text
        self._draft_timer.start()

    def is_busy(self) -> bool:
        """True while a reply of the current conversation is streaming (on any of its branches)."""
        return self._streaming_reply() is not None

    # -- sending and replies ---------------------------------------------------------------------

    def send(
        self,
        text: str,
        context_budget: int | None = None,
        attachments: list[Attachment] = (),
        audio: AudioClip | None = None,
    ) -> bool:
        """Send what the user wrote (with the images attached, or a recording); False (the draft
        stays) when it can't be sent.

        With `context_budget` (tokens) the oldest turns are left out of the request until it fits;
        the conversation itself keeps them. A recording alone leaves the draft as it is.
        """
        text = text.strip()
        if not (text or attachments or audio) or self.is_busy() or self._refused():
            return False
        if self._connection.needs_key():
            self.sig_key_required.emit()
            return False
        conversation = self.current
        user = conversation.add_user_message(text, attachments, audio=audio)
        if audio is None or text:
            conversation.draft = ""
            self._draft_timer.stop()
        self.sig_message_added.emit(user.id)
        reply = self._start_reply(conversation, conversation.context(), conversation.append, context_budget)
        self._save(conversation, [user, reply], list_changed=True)
        return True

    def stop(self) -> None:
        """Stop the streaming reply now; what arrived stays, marked as stopped."""
        reply = self._streaming_reply()
        job = self._jobs.get(reply.id) if reply else None
        if job is None:
            return
        job.cancel()
        self._apply(reply, job)
        reply.status = MessageStatus.STOPPED
        reply.ended_at = time.time()
        self._keep_audio(reply, stopped=True)
        self._save(self.current, [reply])
        self.sig_message_updated.emit(reply.id)
        self.sig_busy_changed.emit(False)

    def retry(self, message_id: str) -> None:
        """Ask again for a reply that failed, was interrupted or stopped (it is replaced)."""
        conversation = self.current
        reply = conversation.find(message_id)
        if reply is None or reply.role is not Role.ASSISTANT or self.is_busy() or self._refused():
            return
        if reply is not conversation.messages[-1]:
            return
        history = [m for m in conversation.messages[:-1] if m.role is Role.USER or m.text]
        # The new reply takes the failed one's place among the versions of that answer.
        new_reply = self._start_reply(
            conversation, history, lambda m: conversation.add_version(reply, m), self._budget_after(reply)
        )
        conversation.remove(reply)
        self.sig_message_removed.emit(reply.id)
        self._save(conversation, [new_reply], removed=[reply.id])

    def regenerate(self, message_id: str) -> None:
        """Ask again for any reply; the earlier answer stays as another version of it."""
        conversation = self.current
        reply = conversation.find(message_id)
        if reply is None or reply.role is not Role.ASSISTANT or self.is_busy() or reply.is_streaming:
            return
        if self._refused():
            return
        if not conversation.is_visible(reply):
            return
        before = conversation.messages[: conversation.messages.index(reply)]
        history = [m for m in before if m.role is Role.USER or m.text]
        new_reply = self._start_reply(
            conversation, history, lambda m: conversation.add_version(reply, m), announce=False
        )
        self.sig_branch_changed.emit()
        self._save(conversation, [new_reply], list_changed=True)

    def edit_message(self, message_id: str, text: str) -> bool:
        """Send an edited version of an earlier user message; the original stays as another version."""
        conversation = self.current
        original = conversation.find(message_id)
        text = text.strip()
        if original is None or original.role is not Role.USER or not text or self.is_busy() or self._refused():
            return False
        if not conversation.is_visible(original):
            return False
        if self._connection.needs_key():
            self.sig_key_required.emit()
            return False
        edited = conversation.add_version(original, Message.user(text))
        reply = self._start_reply(conversation, conversation.context(), conversation.append, announce=False)
        self.sig_branch_changed.emit()
        self._save(conversation, [edited, reply], list_changed=True)
        return True

    def show_version(self, message_id: str, index: int) -> None:
        """Show version `index` (0-based) of a message, with the turns that followed it."""
        conversation = self.current
        message = conversation.find(message_id)
        if message is None or self.is_busy() or not conversation.show_version(message, index):
            return
        self._save(conversation)
        self.sig_branch_changed.emit()
        self.sig_busy_changed.emit(self.is_busy())

    def versions(self, message_id: str) -> tuple[int, int]:
        """(index of the shown version, number of versions) of a message of the current conversation."""
        message = self.current.find(message_id)
        if message is None:
            return 0, 0
        siblings = self.current.siblings(message)
        return next(i for i, m in enumerate(siblings) if m is message), len(siblings)

    def resend_without(self, message_id: str, param: str) -> None:
        """Leave out a parameter the server rejected for this model, and ask again."""
        reply = self.current.find(message_id)
        model = (reply.request or {}).get("model", self.model) if reply else self.model
        self._omitted[model] = self._omitted.get(model, frozenset()) | {param}
        other = {"max_tokens": "max_completion_tokens", "max_completion_tokens": "max_tokens"}.get(param)
        if other is not None:  # the server's name for the length cap, remembered for it
            self._connection.learn(length_cap=other)
        self.sig_capabilities_changed.emit()
        self.retry(message_id)

    def send_as_system(self, message_id: str) -> None:
        """The server rejected the developer role: send the system prompt as 'system' from now on
        (remembered for this server), and ask again."""
        self._connection.learn(system_role_only=True)
        self.sig_capabilities_changed.emit()
        self.retry(message_id)

    def learned_windows(self) -> dict[str, int]:
        """The context windows the server named (its errors, its model metadata), per model."""
        return self._connection.profile.context_windows

    def restore_params(self) -> None:
        """Send every parameter again for the current model (undo "resend without")."""
        if self._omitted.pop(self.model, None) is not None:
            self.sig_capabilities_changed.emit()

    def take_back(self, message_id: str) -> Message | None:
        """Remove a failed turn and return the user's message, to edit its text and images in the composer.

        A recording is not taken back: the composer cannot hold it, so Retry is the way to resend it.
        """
        conversation = self.current
        reply = conversation.find(message_id)
        messages = conversation.messages
        if reply is None or self.is_busy() or reply is not messages[-1] or len(messages) < 2:
            return None
        user = messages[-2]
        if user.role is not Role.USER or user.audio is not None or len(conversation.siblings(reply)) > 1:
            return None  # a recording, or a question with other answers: keep it
        conversation.remove(reply)
        conversation.remove(user)
        self.sig_message_removed.emit(reply.id)
        self.sig_message_removed.emit(user.id)
        self._save(conversation, removed=[reply.id, user.id], list_changed=True)
        return user

    def select_choice(self, message_id: str, index: int) -> None:
        """Continue the conversation from another of the n alternatives."""
        message = self.current.find(message_id)
        if message is not None and message.select(index):
            self._save(self.current, [message])
            self.sig_message_updated.emit(message.id)

    def flush(self) -> None:
        """Write streaming replies and the draft now (before an export reads the history)."""
        for reply_id, conversation in self._job_conversations.items():
            reply = conversation.find(reply_id)
            job = self._jobs.get(reply_id)
            if reply is not None and job is not None and reply.is_streaming:
                self._apply(reply, job)
                self._save(conversation, [reply])
        self._pull_draft()
        if self._draft_timer.isActive():
            self._on_draft_timer_timeout()

    def shutdown(self) -> None:
        """Cancel every reply, keep what arrived, and wait for their threads (on exit)."""
        self._frame_timer.stop()
        for reply_id, job in list(self._jobs.items()):
            job.cancel()
            conversation = self._job_conversations.get(reply_id)
            reply = conversation.find(reply_id) if conversation else None
            if reply is not None and reply.is_streaming:
                self._apply(reply, job)
                reply.status = MessageStatus.INTERRUPTED
                reply.error = _closed_error()
                reply.ended_at = time.time()
                self._keep_audio(reply, stopped=True)
                self._save(conversation, [reply])
        self._pull_draft()
        if self._draft_timer.isActive():
            self._on_draft_timer_timeout()
        for job in list(self._jobs.values()):
            job.finish(3000)
        self._jobs.clear()

    # -- private ---------------------------------------------------------------------------------

    def _new_conversation(self) -> Conversation:
        conversation = Conversation(system_prompt=self._settings.settings.system_prompt)
        self._remember(conversation)
        return conversation

    def _remember(self, conversation: Conversation) -> None:
        """Keep a conversation in memory as recently used; forget old ones that are idle and stored."""
        self._loaded[conversation.id] = conversation
        self._loaded.move_to_end(conversation.id)
        busy = {id(c) for c in self._job_conversations.values()}
        for old_id in list(self._loaded)[:-LOADED_CONVERSATIONS]:
            old = self._loaded[old_id]
            idle = id(old) not in busy and old is not self.current and not self._history.is_dirty(old_id)
            if idle and old_id in self._stored:
                del self._loaded[old_id]

    def _pull_draft(self) -> None:
        if self._draft_source is not None:
            self._draft_source()

    def _switch_to(self, conversation: Conversation) -> None:
        self._pull_draft()
        if self._draft_timer.isActive():
            self._on_draft_timer_timeout()  # the draft of the conversation we leave is saved first
        self.current = conversation
        self._remember(conversation)
        self._restore_setup(conversation)
        self.sig_conversation_switched.emit(conversation.id)
        self.sig_busy_changed.emit(self.is_busy())

    def _show(self, conversation: Conversation, message_id: str | None, highlight: list[str] | None = None) -> None:
        message = conversation.find(message_id) if message_id else None
        if conversation is not self.current:
            if message is not None:
                conversation.reveal(message)
            self._switch_to(conversation)
        elif message is not None and conversation.reveal(message):
            self._save(conversation)
            self.sig_branch_changed.emit()
        if message is not None:
            self.sig_message_focus_requested.emit(message.id)
            if highlight:
                self.sig_match_highlight_requested.emit(message.id, list(highlight))

    def _keep_setup(self) -> None:
        """Store the model, prompt and parameters with the conversation on show as they change
        (written with the draft, shortly), so that switching away and back never drops them."""
        settings = self._settings.settings
        conversation = self.current
        base_url = conversation.setup.base_url if conversation.setup else self._connection.base_url
        conversation.system_prompt = settings.system_prompt
        conversation.setup = ConversationSetup(settings.model, settings.system_prompt, settings.params, base_url)
        self._draft_timer.start()

    def _restore_setup(self, conversation: Conversation) -> None:
        """Make a conversation's own model, prompt and parameters the ones the next request uses."""
        setup = conversation.setup
        if setup is None:
            return
        settings = self._settings.settings
        settings.model = setup.model
        settings.system_prompt = setup.system_prompt
        settings.params = setup.params
        self._settings.save_soon()
        self.sig_setup_restored.emit()
        self.sig_capabilities_changed.emit()

    def _mark_unfinished(self, conversation: Conversation) -> None:
        """Replies stored while streaming whose stream no longer runs (the app was closed or crashed)."""
        for message in conversation.nodes:
            if message.is_streaming and message.id not in self._jobs:
                message.status = MessageStatus.INTERRUPTED if message.text else MessageStatus.FAILED
                message.error = message.error or _closed_error()
                message.ended_at = message.ended_at or message.created_at

    def _save(
        self,
        conversation: Conversation,
        messages: list[Message] = (),
        removed: list[str] = (),
        list_changed: bool = False,
    ) -> None:
        if not conversation.messages and not conversation.draft.strip() and conversation.id not in self._stored:
            return  # an untouched new chat is not worth a row
        conversation.touch()
        list_changed = list_changed or conversation.id not in self._stored
        self._stored.add(conversation.id)
        self._history.save(conversation, list(messages), list(removed), list_changed=list_changed)

    def _build_request(self, history: list[Message]) -> dict:
        params = self.params
        if self.schema_problem() is not None:  # only previews get here: sends are refused first
            params = replace(params, response_kind="text")
        voice = self._settings.settings.voice
        return build_chat_request(
            model=self.model,
            system_prompt=self._settings.settings.system_prompt,
            history=history,
            params=params,
            endpoint=self._connection.endpoint,
            voice=voice if voice.spoken_replies else None,
        )

    def schema_problem(self) -> str | None:
        """What is wrong with the chosen JSON schema (a LazyText for the UI to word), if it is wrong."""
        params = self._settings.settings.params
        if params.response_kind != "json_schema":
            return None
        from desktop_app.core.json_answer import SchemaProblem, response_format

        try:
            response_format(params.response_kind, params.json_schema)
        except SchemaProblem as problem:
            return said(problem)
        return None

    def _refused(self) -> bool:
        problem = self.schema_problem()
        if problem is not None:
            self.sig_send_refused.emit(
                trans_late("ChatController", "Not sent: the JSON schema has a problem. {0}").format(problem)
            )
        return problem is not None

    def _start_reply(
        self,
        conversation: Conversation,
        history: list[Message],
        attach: Callable[[Message], object],
        context_budget: int | None = None,
        announce: bool = True,
    ) -> Message:
        settings = self._settings.settings
        conversation.system_prompt = settings.system_prompt
        conversation.setup = ConversationSetup(
            settings.model, settings.system_prompt, settings.params, self._connection.base_url
        )
        request = self._build_request(history)
        open_stream = self._connection.make_stream_factory(request)
        if context_budget is not None and self._count_chat is not None:
            open_stream = _fitted(open_stream, request, self._count_chat, context_budget)
        # A server known to ignore n sends one choice: no empty "Choice 2 of 3" while it streams.
        choices = 1 if self._connection.profile.ignores_n else request.get("n", 1)
        reply = Message.pending_reply(choices, request, self.model)
        attach(reply)
        live = None
        if "audio" in request:
            self._spoken[reply.id] = spoken = _SpokenReply()
            if request.get("stream") and self._live_audio is not None:
                live = self._live_audio(reply.id)
                spoken.live = live is not None
        job = ReplyJob(reply.id, open_stream, on_audio=live)
        job.sig_reply_ended.connect(self._on_job_reply_ended)
        self._jobs[reply.id] = job
        self._job_conversations[reply.id] = conversation
        self._flushed_at[reply.id] = time.monotonic()
        if announce:
            self.sig_message_added.emit(reply.id)
        self.sig_busy_changed.emit(True)
        job.start()
        self._frame_timer.start()
        return reply

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
            elif isinstance(event, ServerNoticed) and event.fact == "errors_in_stream":
                self._connection.learn(errors_in_stream=True)
            elif isinstance(event, (AudioChunk, AudioReceived, AudioReference)):
                spoken = self._spoken.get(reply.id)
                if spoken is not None and event.choice_index == reply.selected:
                    spoken.take(event)
        if progress.first_token_at is not None and reply.ttft_ms is None:
            reply.ttft_ms = (progress.first_token_at - job.started_at) * 1000.0
        return progress.deltas

    @Slot()
    def _on_history_opened(self) -> None:
        self._history.purge_deleted()  # deletes of an earlier session can no longer be undone

        def first_page(summaries: list) -> None:
            # Come back to where the user left off, unless they already started something new.
            untouched = not self.current.messages and not self.current.draft.strip() and self._opening is None
            if summaries and untouched:
                self.open_conversation(summaries[0].id)

        self._history.list_page(0, 1, first_page)

    @Slot()
    def _on_draft_timer_timeout(self) -> None:
        self._draft_timer.stop()
        self._save(self.current)

    @Slot(list)
    def _on_connection_models_loaded(self, models: list) -> None:
        # A server without the default model: on OpenAI's API a current model it offers (none about to
        # shut down); elsewhere (Ollama, llama.cpp) the first chat model it lists, rather than a sure 404.
        # A model the user chose is kept even if the list lacks it.
        if models and self.model == DEFAULT_MODEL and DEFAULT_MODEL not in models:
            connection = self._connection
            current = pick_current_model(connection.listed, connection.shutdowns, date.today())
            first = connection.first_chat_model()
            self.set_model((current if self._settings.settings.endpoint.is_openai else first) or first or models[0])

    @Slot()
    def _on_frame_timer_timeout(self) -> None:
        now = time.monotonic()
        for reply_id, job in list(self._jobs.items()):
            conversation = self._job_conversations[reply_id]
            reply = conversation.find(reply_id)
            if reply is None or not reply.is_streaming:
                continue
            with job.buffer.gui_turn():  # the views update inside: no GIL contention meanwhile
                deltas = self._apply(reply, job)
                if deltas and conversation is self.current:
                    self.sig_reply_progressed.emit(reply.id, deltas)
            if now - self._flushed_at.get(reply_id, 0.0) >= FLUSH_INTERVAL_S:
                self._flushed_at[reply_id] = now
                self._save(conversation, [reply])
        if not self._jobs:
            self._frame_timer.stop()

    @Slot(object)
    def _on_job_reply_ended(self, outcome: ReplyOutcome) -> None:
        job = self._jobs.pop(outcome.reply_id, None)
        conversation = self._job_conversations.pop(outcome.reply_id, None)
        self._flushed_at.pop(outcome.reply_id, None)
        if job is None:
            return
        job.finish()
        reply = conversation.find(outcome.reply_id) if conversation else None
        recover = False
        if reply is not None and reply.is_streaming:
            self._apply(reply, job)
            if outcome.error is not None:
                reply.error = outcome.error
                has_text = any(c.text for c in reply.choices)
                reply.status = MessageStatus.INTERRUPTED if has_text else MessageStatus.FAILED
                if outcome.error.kind is ErrorKind.AUDIO_EXPIRED:
                    self._forget_audio_ids(conversation)
                recover = self._learn_from_failure(reply, outcome.error)
            else:
                reply.status = MessageStatus.DONE
                self._learn_from_answer(reply)
            reply.ended_at = time.time()
            self._keep_audio(reply, stopped=False)
            self._save(conversation, [reply])
            if conversation is self.current:
                self.sig_message_updated.emit(reply.id)
                self.sig_busy_changed.emit(self.is_busy())
        if not self._jobs:
            self._frame_timer.stop()
        if recover and conversation is self.current and reply is conversation.messages[-1]:
            self.retry(reply.id)  # the unanswered turn is now left out: the conversation recovers
            self._recovering.add(self.current.messages[-1].id)

    def _learn_from_failure(self, reply: Message, error: AppError) -> bool:
        """Remember what a failure says about the server; True when asking again at once will work."""
        recovering = reply.id in self._recovering
        self._recovering.discard(reply.id)
        if error.kind is ErrorKind.CONTEXT_TOO_LONG and error.limit:
            self._connection.learn_context_window((reply.request or {}).get("model") or self.model, error.limit)
            self.sig_capabilities_changed.emit()  # the meter shows the server's window
        if error.kind is ErrorKind.ROLES_NOT_ALTERNATING:
            self._connection.learn(needs_alternation=True)
            auto = self._connection.profile.alternation is Alternation.AUTO
            return auto and not recovering
        return False

    def _learn_from_answer(self, reply: Message) -> None:
        """Remember what a good answer says about the server, and tidy choices that never came."""
        self._recovering.discard(reply.id)
        self._connection.reply_arrived()
        asked = (reply.request or {}).get("n", 1)
        arrived = [c for c in reply.choices if c.text or c.finish_reason]
        if asked > 1 and 0 < len(arrived) < len(reply.choices):
            # A server that ignores n: continue from what arrived, with no empty choices to browse.
            chosen = reply.choices[reply.selected]
            reply.choices = arrived
            reply.selected = next((i for i, c in enumerate(arrived) if c is chosen), 0)
        if asked > 1 and len(arrived) == 1:
            self._connection.learn(ignores_n=True)

    def _budget_after(self, reply: Message) -> int | None:
        """The token budget to ask again within, after a reply that was over the context window."""
        error = reply.error
        if error is None or error.kind is not ErrorKind.CONTEXT_TOO_LONG or self._count_chat is None:
            return None
        from desktop_app.core.context_window import context_limit, reply_reserve

        limit = context_limit(self.model, self.settings.context_windows, self.learned_windows()) or error.limit
        if not limit:
            return None
        return max(1, limit - reply_reserve(limit, self.params.max_completion_tokens))

    def _keep_audio(self, reply: Message, stopped: bool) -> None:
        """Put the audio that arrived for a spoken reply on the message, and tell the players."""
        spoken = self._spoken.pop(reply.id, None)
        if spoken is None:
            return
        if spoken.live:
            self.sig_live_audio_ended.emit(reply.id, stopped)
        reply.audio = spoken.clip()
        if reply.audio is not None:
            self.sig_spoken_reply_ready.emit(reply.id)
        elif reply.status is MessageStatus.DONE:
            self.sig_reply_without_audio.emit(reply.id)

    def _forget_audio_ids(self, conversation: Conversation) -> None:
        """The server no longer knows a spoken reply's id: from now on its transcript is sent instead."""
        expired = expire_audio_references(conversation.nodes)
        if expired:
            self._save(conversation, expired)

    def _streaming_reply(self) -> Message | None:
        """The reply of the current conversation that is streaming, if any."""
        for reply_id, conversation in self._job_conversations.items():
            if conversation is self.current:
                reply = conversation.find(reply_id)
                if reply is not None and reply.is_streaming:
                    return reply
        return None


class _SpokenReply:
    """The audio of one spoken reply as it arrives: streamed pcm16 pieces or a whole encoded clip."""

    def __init__(self) -> None:
        self.pcm = bytearray()
        self.whole: AudioReceived | None = None
        self.audio_id = ""
        self.expires_at: float | None = None
        self.live = False

    def take(self, event: AudioChunk | AudioReceived | AudioReference) -> None:
        if isinstance(event, AudioChunk):
            self.pcm += event.pcm16
        elif isinstance(event, AudioReceived):
            self.whole = event
        else:
            self.audio_id = event.audio_id or self.audio_id
            self.expires_at = event.expires_at or self.expires_at

    def clip(self) -> AudioClip | None:
        """The reply's audio to keep with the message, or None when none came."""
        if self.whole is not None:
            return AudioClip(
                data=self.whole.data,
                format=self.whole.format,
                audio_id=self.whole.audio_id,
                expires_at=self.whole.expires_at or 0.0,
            )
        if not self.pcm:
            return None
        # WAV is the pcm16 plus a 44-byte header: cheap on this thread even for minutes of speech.
        return AudioClip(
            data=pcm16_wav(bytes(self.pcm), PCM16_RATE),
            format="wav",
            duration_s=len(self.pcm) / (2 * PCM16_RATE),
            audio_id=self.audio_id,
            expires_at=self.expires_at or 0.0,
        )


def _fitted(open_stream, request: dict, count_chat: Callable[[list[dict]], int], budget: int):
    """Leave the oldest turns out of `request` on the reply's own thread, then open the stream.

    Counting a long conversation takes tens of milliseconds a pass, too long for the GUI thread.
    """
    from desktop_app.core.context_window import leave_out_oldest

    def open_fitted(cancel):
        request["messages"], _left_out = leave_out_oldest(request["messages"], count_chat, budget)
        return open_stream(cancel)

    return open_fitted


def _closed_error() -> AppError:
    return AppError(
        ErrorKind.CONNECTION_DROPPED,
        trans_late("AppError", "The app closed before this reply finished."),
        trans_late("AppError", "The text that arrived is kept; Retry asks again."),
    )
