"""What the speakers play: spoken replies, recordings and messages read aloud, one at a time.

One `audio_io.Player` is active at a time. Decoding and encoding run on the task runner; a streamed
spoken reply is fed to the player on the reply thread and a read-aloud download on a task thread,
so sound starts as the bytes arrive and never waits for a GUI frame. The player reports its end
from PortAudio's own thread: that call only emits a signal, which Qt queues to this thread.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop_app.core.cancel import CancelToken
from desktop_app.core.errors import AppError
from desktop_app.core.i18n import said, trans_late
from desktop_app.core.conversation import Message, Role
from desktop_app.core.voice import PCM16_RATE
from desktop_app.workers.task_runner import TaskRunner

if TYPE_CHECKING:
    from desktop_app.controllers.chat_controller import ChatController
    from desktop_app.controllers.connection_controller import ConnectionController
    from desktop_app.services.audio_io import AudioDevice, Player

POSITION_INTERVAL_MS = 100  # ~10 position updates a second while playing


@dataclass(frozen=True)
class PlaybackTimes:
    """Moments (time.monotonic(), None until they happen) of the sound that is loaded.

    `requested_at`: play, read aloud or a live reply was asked for; `first_audio_at` /
    `last_audio_at`: its first / latest byte arrived (a clip already here: when it was asked for);
    `first_sound_at`: the first non-silent frame went to the device.
    """

    requested_at: float | None = None
    first_audio_at: float | None = None
    last_audio_at: float | None = None
    first_sound_at: float | None = None


class _LiveFeed:
    """pcm16 arriving on another thread (a reply or a download), passed to the player as it comes.

    The player keeps every block too, so what was heard live can be replayed; this only counts
    and times them, and stops passing them on once detached (the player is stopped or replaced).
    """

    def __init__(self, player: Player) -> None:
        self._lock = threading.Lock()
        self._player: Player | None = player
        self._pcm = bytearray()  # kept for Save as MP3
        self.first_byte_at: float | None = None
        self.last_byte_at: float | None = None

    def feed(self, pcm16: bytes) -> None:
        """Play and keep one block (called on the reply or download thread)."""
        if not pcm16:
            return
        with self._lock:  # detach() waits for a feed in progress: a closed player is never fed
            now = time.monotonic()
            if self.first_byte_at is None:
                self.first_byte_at = now
            self.last_byte_at = now
            self._pcm += pcm16
            if self._player is not None:
                self._player.feed(pcm16)

    def end(self) -> None:
        """No more blocks: the player finishes once it has played what it got."""
        with self._lock:
            if self._player is not None:
                self._player.end_live()

    def detach(self) -> None:
        """Stop passing blocks on; the player plays (or replays) only what it already has."""
        with self._lock:
            if self._player is not None:
                self._player.end_live()
            self._player = None

    def pcm(self) -> bytes:
        """Everything received so far, whole samples only."""
        with self._lock:
            return bytes(self._pcm[: len(self._pcm) & ~1])

    @property
    def received(self) -> int:
        """Bytes received so far."""
        with self._lock:
            return len(self._pcm)


@dataclass
class _Loaded:
    """What the player holds: a message's clip, a live spoken reply or a message read aloud."""

    kind: str  # "reply" | "recording" | "live" | "speech"
    message_id: str
    title: str
    feed: _LiveFeed | None = None
    cancel: CancelToken | None = None
    ended: bool = False  # a live source got its last byte (or was stopped)
    requested_at: float = field(default_factory=time.monotonic)


class PlaybackController(QObject):
    """Plays one thing at a time and tells the views where it is; remembers the device and volume."""

    # -- signals ---------------------------------------------------------------------------------

    sig_loaded = Signal(object)
    """Something else is loaded to play, or its title got more precise: the title (e.g. "Spoken
    reply · 0:07", a LazyText for ui.text.translated); "" when nothing is loaded any more."""

    sig_state_changed = Signal(str)
    """The player's state: "loading" (waiting for sound), "playing", "paused" or "stopped"."""

    sig_position_changed = Signal(float, float)
    """Where playback is: (position, duration) in seconds; the duration grows while audio streams in."""

    sig_problem_reported = Signal(object)
    """Something could not be played or saved: a message for the user (a LazyText for ui.text.translated)."""

    sig_saved = Signal(str)
    """An MP3 file was written (its path)."""

    sig_devices_listed = Signal(list)
    """The output devices (a list of `audio_io.AudioDevice`), after `refresh_devices()`."""

    _sig_player_finished = Signal(int)
    """Internal: the player of this generation played to its end (emitted on PortAudio's thread)."""

    def __init__(
        self,
        chat: ChatController,
        connection: ConnectionController,
        tasks: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._chat = chat
        self._connection = connection
        self._tasks = tasks
        self._player: Player | None = None
        self._loaded: _Loaded | None = None
        self._generation = 0  # bumped whenever what is loaded changes: late results are dropped
        self._state = "stopped"
        self._reported: str | None = None  # the player's problem already told (told once)
        self._live_feeds: dict[str, _LiveFeed] = {}  # streamed spoken replies still arriving
        self._live_ids: set[str] = set()  # replies meant to be heard live: not played again after
        self._devices: list[AudioDevice] = []
        self._closed = False
        self._position_timer = QTimer(self, interval=POSITION_INTERVAL_MS)
        self._position_timer.timeout.connect(self._on_position_timer_timeout)
        self._sig_player_finished.connect(self._on_player_finished)
        chat.sig_spoken_reply_ready.connect(self._on_chat_spoken_reply_ready)
        chat.sig_live_audio_ended.connect(self._on_chat_live_audio_ended)
        chat.sig_reply_without_audio.connect(self._on_chat_reply_without_audio)
        chat.set_live_audio(self.live_feed)

    # -- public API: what is loaded --------------------------------------------------------------

    @property
    def state(self) -> str:
        """"loading", "playing", "paused" or "stopped"."""
        return self._state

    @property
    def is_loaded(self) -> bool:
        """True while something can be played, paused or saved."""
        return self._loaded is not None

    @property
    def title(self) -> str:
        """What is loaded, for the player bar ("" when nothing is)."""
        return self._loaded.title if self._loaded else ""

    @property
    def message_id(self) -> str:
        """The message whose sound is loaded ("" when nothing is)."""
        return self._loaded.message_id if self._loaded else ""

    @property
    def kind(self) -> str:
        """"reply", "recording", "live" (a spoken reply as it streams), "speech" (read aloud) or ""."""
        return self._loaded.kind if self._loaded else ""

    @property
    def position_s(self) -> float:
        """Seconds played of what is loaded."""
        return self._player.position_s if self._player is not None else 0.0

    @property
    def duration_s(self) -> float:
        """Seconds of sound loaded so far."""
        return self._player.duration_s if self._player is not None else 0.0

    @property
    def output_latency_s(self) -> float:
        """PortAudio's estimate of the time from a frame handed over to the speaker (0 when idle)."""
        return self._player.output_latency_s if self._player is not None else 0.0

    def times(self) -> PlaybackTimes:
        """When the loaded sound was asked for, arrived and was first heard."""
        loaded = self._loaded
        if loaded is None:
            return PlaybackTimes()
        first_sound = self._player.first_sound_at if self._player is not None else None
        if loaded.feed is None:
            return PlaybackTimes(loaded.requested_at, loaded.requested_at, loaded.requested_at, first_sound)
        feed = loaded.feed
        return PlaybackTimes(loaded.requested_at, feed.first_byte_at, feed.last_byte_at, first_sound)

    # -- public API: starting playback -----------------------------------------------------------

    def play_message(self, message_id: str) -> None:
        """Play a message's sound (a spoken reply or a recording); it is decoded in the background."""
        message = self._chat.current.find(message_id)
        clip = _clip_of(message)
        if clip is None:
            self._report(trans_late("PlaybackController", "This message has no sound to play."))
            return
        kind = "recording" if message.role is Role.USER else "reply"
        if not self._prepare(_Loaded(kind, message_id, self._clip_title(kind, clip.duration_s))):
            return
        generation = self._generation
        data = clip.data

        def decode():
            from desktop_app.services import audio_codec

            return audio_codec.decode(data)

        self._tasks.run(
            decode,
            lambda result: self._on_decoded(generation, result),
            lambda exc: self._on_decode_failed(generation, exc),
        )

    def read_aloud(self, message_id: str) -> None:
        """Read a message aloud with /v1/audio/speech, playing the sound as it downloads."""
        message = self._chat.current.find(message_id)
        text = message.text.strip() if message is not None else ""
        if not text:
            self._report(trans_late("PlaybackController", "There is no text to read aloud."))
            return
        title = trans_late("PlaybackController", "Read aloud: {0}").format(_snippet(text))
        loaded = _Loaded("speech", message_id, title)
        if not self._prepare(loaded):
            return
        player = self._start_live_player()
        if player is None:
            return
        feed = loaded.feed = _LiveFeed(player)
        cancel = loaded.cancel = CancelToken()
        open_speech = self._connection.speech_stream_factory(text)
        generation = self._generation

        def download() -> int:
            # closing(): a stop leaves the loop early, and the HTTP body must be closed now.
            with closing(_closable(open_speech(cancel))) as blocks:
                for block in blocks:
                    if cancel.is_cancelled():
                        break
                    feed.feed(block)
            feed.end()
            return feed.received

        self._tasks.run(
            download,
            lambda received: self._on_speech_done(generation, received),
            lambda exc: self._on_speech_failed(generation, exc),
        )

    def live_feed(self, reply_id: str) -> Callable[[bytes], None] | None:
        """For `chat.set_live_audio`: start the player for a streamed spoken reply (GUI thread).

        The returned function takes each pcm16 block on the reply thread and plays it at once;
        None when nothing can be played (the reason is reported).
        """
        self._live_ids.add(reply_id)
        if not self._prepare(_Loaded("live", reply_id, trans_late("PlaybackController", "Spoken reply"))):
            return None
        player = self._start_live_player()
        if player is None:
            return None
        feed = self._loaded.feed = _LiveFeed(player)
        self._live_feeds[reply_id] = feed
        return feed.feed

    # -- public API: transport -------------------------------------------------------------------

    def play(self) -> None:
        """Play what is loaded: on from a pause, from the start once it ended or was stopped."""
        player = self._player
        if player is None or self._loaded is None:
            return
        try:
            player.play()
        except Exception as exc:  # noqa: BLE001  (AudioUnavailable: the device is gone)
            self._report(said(exc))
        self._update_state()

    def pause(self) -> None:
        """Pause; play() goes on from here."""
        if self._player is not None and self._player.state == "playing":
            self._player.pause()
            self._update_state()

    def toggle(self) -> None:
        """Pause when playing, play otherwise."""
        if self._state in ("playing", "loading"):
            self.pause()
        else:
            self.play()

    def stop(self) -> None:
        """Stop playing (a read-aloud download stops too); what arrived stays for play() or saving."""
        loaded = self._loaded
        if loaded is None:
            return
        loaded.ended = True
        if loaded.cancel is not None:
            loaded.cancel.cancel()
        if loaded.feed is not None:
            loaded.feed.detach()  # a live reply goes on arriving, but is no longer played
        if self._player is not None:
            self._player.stop()
            self._release_device_soon()
        self._update_state()

    def seek(self, seconds: float) -> None:
        """Go to a point of what is loaded."""
        if self._player is not None:
            self._player.seek(max(0.0, min(seconds, self._player.duration_s)))
            self._emit_position()

    def unload(self) -> None:
        """Stop and forget what is loaded (the player bar hides)."""
        self._unload()

    # -- public API: saving ----------------------------------------------------------------------

    def save_mp3(self, path: str) -> None:
        """Write what is loaded as an MP3 file (encoded and written in the background)."""
        loaded = self._loaded
        if loaded is None:
            return
        if loaded.feed is None:
            self.save_message_mp3(loaded.message_id, path)
            return
        pcm = loaded.feed.pcm()
        if not pcm:
            self._report(trans_late("PlaybackController", "Nothing to save yet: no sound has arrived."))
            return

        def encode() -> bytes:
            from desktop_app.services import audio_codec

            return audio_codec.encode_mp3(audio_codec.pcm16_to_samples(pcm), PCM16_RATE)

        self._write_in_background(path, encode)

    def save_message_mp3(self, message_id: str, path: str) -> None:
        """Write a message's sound as an MP3 file; an MP3 clip is written as it came."""
        clip = _clip_of(self._chat.current.find(message_id))
        if clip is None:
            self._report(trans_late("PlaybackController", "This message has no sound to save."))
            return
        data, fmt = clip.data, clip.format

        def encode() -> bytes:
            if fmt == "mp3":
                return data
            from desktop_app.services import audio_codec

            return audio_codec.encode_mp3(*audio_codec.decode(data))

        self._write_in_background(path, encode)

    # -- public API: device and volume -----------------------------------------------------------

    @property
    def output_device(self) -> str:
        """The chosen output device's name; "" is the system default."""
        return self._chat.voice.output_device

    def set_output_device(self, name: str) -> None:
        """Play through this device from the next sound on ("" = the system default); remembered."""
        voice = self._chat.voice
        if name != voice.output_device:
            voice.output_device = name
            self._chat.save_settings_soon()

    @property
    def volume(self) -> float:
        """The playback volume, 0..1."""
        return self._chat.voice.volume

    def set_volume(self, volume: float) -> None:
        """Change the volume now (within one buffer) and for what follows; remembered."""
        volume = max(0.0, min(1.0, float(volume)))
        if self._player is not None:
            self._player.set_volume(volume)
        voice = self._chat.voice
        if volume != voice.volume:
            voice.volume = volume
            self._chat.save_settings_soon()

    @property
    def devices(self) -> list[AudioDevice]:
        """The output devices found by the last `refresh_devices()`."""
        return list(self._devices)

    def refresh_devices(self, anew: bool = True) -> None:
        """List the output devices in the background (`anew`: ask PortAudio to look again, e.g. for
        a headset plugged in since); `sig_devices_listed` brings them."""

        def enumerate_devices():
            from desktop_app.services import device_lister  # no numpy: that loads with playback

            return device_lister.devices("output", anew)

        self._tasks.run(enumerate_devices, self._on_devices_enumerated, self._on_devices_failed)

    def start(self) -> None:
        """Load PortAudio and list the devices in the background (once the window is shown).

        Loading PortAudio lists the devices already; restarting it now could pull it away from a
        spoken reply that starts playing meanwhile.
        """
        self.refresh_devices(anew=False)
        if self._chat.voice.spoken_replies:  # replies will be played: the player (numpy) loads now too
            self.prepare()

    def prepare(self) -> None:
        """Load the player's code (numpy) on a worker, not on this thread when the first reply plays."""
        self._tasks.run(_load_audio_io)

    def shutdown(self) -> None:
        """Stop playing and release the device (on exit)."""
        self._closed = True
        self._unload()
        self._live_feeds.clear()

    # -- private: loading ------------------------------------------------------------------------

    def _prepare(self, loaded: _Loaded) -> bool:
        """Make `loaded` the current thing (what played before stops); False when nothing can play."""
        if self._closed:
            return False
        problem = _portaudio_problem()
        if problem:
            self._report(problem)
            return False
        self._unload(announce=False)
        self._loaded = loaded
        self.sig_loaded.emit(loaded.title)
        self._set_state("loading")
        return True

    def _new_player(self) -> Player:
        """A player on the chosen device at the chosen volume, its end reported to this thread."""
        from desktop_app.services import audio_io

        voice = self._chat.voice
        player = audio_io.Player(voice.output_device, voice.volume)
        # Called on PortAudio's thread: only a signal emit there, which Qt queues to this thread.
        player.on_finished = functools.partial(self._sig_player_finished.emit, self._generation)
        self._player = player
        self._reported = None
        return player

    def _start_live_player(self) -> Player | None:
        """A player started for pcm16 that will be fed as it arrives; None (reported, unloaded) if it can't."""
        player = self._new_player()
        try:
            player.start_live(PCM16_RATE)
        except Exception as exc:  # noqa: BLE001  (AudioUnavailable, or a PortAudio error)
            self._unload()
            self._report(said(exc))
            return None
        self._position_timer.start()
        return player

    def _play_samples(self, samples, samplerate: int) -> None:
        player = self._new_player()
        player.load(samples, samplerate)
        try:
            player.play()
        except Exception as exc:  # noqa: BLE001  (AudioUnavailable, or a PortAudio error)
            self._unload()
            self._report(said(exc))
            return
        self._update_state()

    def _unload(self, announce: bool = True) -> None:
        loaded, player = self._loaded, self._player
        self._loaded, self._player = None, None
        self._generation += 1  # results and end reports of what was loaded count for nothing now
        self._position_timer.stop()
        if loaded is not None:
            if loaded.cancel is not None:
                loaded.cancel.cancel()
            if loaded.feed is not None:
                loaded.feed.detach()
        if player is not None:
            player.on_finished = None
            player.close()
        if announce:
            if loaded is not None:
                self.sig_loaded.emit("")
            self._set_state("stopped")

    def _write_in_background(self, path: str, encode: Callable[[], bytes]) -> None:
        def job() -> str:
            Path(path).write_bytes(encode())
            return path

        self._tasks.run(job, self.sig_saved.emit, self._on_save_failed)

    def _clip_title(self, kind: str, duration_s: float) -> str:
        if kind == "recording":
            label = trans_late("PlaybackController", "Recording")
        else:
            label = trans_late("PlaybackController", "Spoken reply")
        if not duration_s:
            return label
        duration = format_duration(duration_s, round_up=True)
        return trans_late("PlaybackController", "{0} · {1}").format(label, duration)

    # -- private: state --------------------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.sig_state_changed.emit(state)
        if state in ("playing", "loading") and self._player is not None:
            self._position_timer.start()
        else:
            self._position_timer.stop()

    def _update_state(self) -> None:
        """Follow the player (a live player still waiting for its first bytes is "loading")."""
        player, loaded = self._player, self._loaded
        if player is None or loaded is None:
            self._set_state("stopped")
            return
        problem = player.problem
        if problem and problem != self._reported:
            self._reported = problem
            self._report(problem)
        state = player.state
        if state == "playing" and loaded.feed is not None and not loaded.feed.received and not loaded.ended:
            state = "loading"
        self._set_state(state)
        self._emit_position()

    def _emit_position(self) -> None:
        self.sig_position_changed.emit(self.position_s, self.duration_s)

    def _report(self, text: str) -> None:
        self.sig_problem_reported.emit(text)  # LazyText (audio_io's words too): the view words it

    # -- task results ----------------------------------------------------------------------------

    def _on_decoded(self, generation: int, result) -> None:
        if generation != self._generation or self._loaded is None:
            return  # something else was asked for meanwhile
        samples, rate = result
        loaded = self._loaded
        title = self._clip_title(loaded.kind, len(samples) / rate if rate else 0.0)
        if title != loaded.title:  # an MP3 reply's length is known only now
            loaded.title = title
            self.sig_loaded.emit(title)
        self._play_samples(samples, int(rate))

    def _on_decode_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._unload()
        unplayable = trans_late("PlaybackController", "This sound could not be played: {0}")
        self._report(unplayable.format(said(exc)))

    def _on_speech_done(self, generation: int, received: int) -> None:
        loaded = self._loaded
        if generation != self._generation or loaded is None:
            return
        loaded.ended = True
        if not received and not loaded.cancel.is_cancelled():
            self._unload()
            self._report(trans_late("PlaybackController", "Read aloud failed: the server sent no sound."))
            return
        self._update_state()

    def _on_speech_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._unload()
        error = getattr(exc, "error", None)  # a ServiceError carries the explanation (an AppError)
        reason = error if isinstance(error, AppError) else said(exc)
        self._report(trans_late("PlaybackController", "Read aloud failed: {0}").format(reason))

    def _on_devices_enumerated(self, result) -> None:
        problem, devices = result
        self._devices = list(devices)
        if problem:
            self._report(problem)
        self.sig_devices_listed.emit(list(devices))

    def _on_devices_failed(self, exc: BaseException) -> None:
        self._devices = []
        unlisted = trans_late("PlaybackController", "The output devices could not be listed: {0}")
        self._report(unlisted.format(said(exc)))
        self.sig_devices_listed.emit([])

    def _on_save_failed(self, exc: BaseException) -> None:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self._report(trans_late("PlaybackController", "The MP3 could not be saved: {0}").format(reason))

    # -- slots -----------------------------------------------------------------------------------

    @Slot(int)
    def _on_player_finished(self, generation: int) -> None:
        if generation == self._generation:  # not a player replaced meanwhile
            self._update_state()
            self._release_device_soon()

    def _release_device_soon(self) -> None:
        """Close the idle output stream on a worker (closing waits for PortAudio: ~10 ms)."""
        player = self._player
        if player is not None:
            self._tasks.run(player.release)

    @Slot()
    def _on_position_timer_timeout(self) -> None:
        self._update_state()

    @Slot(str)
    def _on_chat_spoken_reply_ready(self, reply_id: str) -> None:
        if reply_id in self._live_ids:
            return  # heard as it arrived
        if _clip_of(self._chat.current.find(reply_id)) is not None:
            self.play_message(reply_id)  # a whole MP3 after the reply: played now

    @Slot(str, bool)
    def _on_chat_live_audio_ended(self, reply_id: str, stopped: bool) -> None:
        feed = self._live_feeds.pop(reply_id, None)
        loaded = self._loaded
        if feed is None or loaded is None or loaded.feed is not feed:
            return  # something else is loaded now
        loaded.ended = True
        if stopped:
            self.stop()  # the user stopped the reply: its voice stops too
        else:
            feed.end()  # the player finishes once it has played what it got
            self._update_state()

    @Slot(str)
    def _on_chat_reply_without_audio(self, reply_id: str) -> None:
        # The window tells the user (the chat controller's own signal); here the player that
        # waited for the sound is let go.
        self._live_feeds.pop(reply_id, None)
        if self._loaded is not None and self._loaded.message_id == reply_id:
            self._unload()


def _clip_of(message: Message | None):
    """The message's AudioClip with bytes in it, or None."""
    clip = message.audio if message is not None else None
    return clip if clip is not None and clip.data else None


def _snippet(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _closable(blocks) -> Iterator[bytes]:
    """A generator (it has close()) over whatever iterable the speech factory returned."""
    return blocks if hasattr(blocks, "close") else (block for block in blocks)


def _load_audio_io() -> None:
    from desktop_app.services import audio_io  # noqa: F401  (numpy, ~50-100 ms)


def _portaudio_problem() -> str | None:
    from desktop_app.services import audio_devices

    return audio_devices.portaudio_problem()


def format_duration(seconds: float, round_up: bool = False) -> str:
    """'0:07', '12:03' or '1:02:03' as a media player shows time: a position counts the whole
    seconds played; a length (`round_up`) is rounded to the nearest second."""
    seconds = max(0, int(seconds + 0.5) if round_up else int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
