"""Microphone and speakers through sounddevice (PortAudio), with no Qt.

`import sounddevice` happens on first use, inside these functions: it costs ~0.1 s, initialises
PortAudio (which lists the devices once) and raises OSError on Linux when libportaudio2 is missing.
Every failure a user can meet comes out as AudioUnavailable (or a `problem` string) in plain words.

The PortAudio callbacks run on PortAudio's own thread and do as little as possible: the recorder's
copies the frames into a queue and notes a peak for the level meter; the player's copies the next
frames out of a locked buffer, scaled by the volume, resampled to the device rate on the fly.
"""

from __future__ import annotations

import collections
import queue
import threading
import time
from typing import Callable

import numpy as np

from desktop_app.core.i18n import trans_late
from desktop_app.services.audio_codec import Recording, pcm16_to_samples
from desktop_app.services.audio_devices import (
    PORTAUDIO_HINT,
    AudioDevice,
    AudioUnavailable,
    choose,
    count_stream,
    load_sounddevice,
    open_streams_lock,
    input_devices,
    output_devices,
    portaudio_problem,
    refresh_devices,
)

__all__ = [
    "PORTAUDIO_HINT",
    "AudioDevice",
    "AudioUnavailable",
    "Player",
    "Recorder",
    "Recording",
    "input_devices",
    "output_devices",
    "portaudio_problem",
    "refresh_devices",
]

INPUT_VANISHED = trans_late(
    "Audio",
    "The microphone stopped working during the recording (disconnected, or taken by another program). "
    "What was recorded until then is kept.",
)
INPUT_STALLED = trans_late("Audio", "The microphone stopped sending sound. What was recorded until then is kept.")
OUTPUT_VANISHED = trans_late(
    "Audio", "The speakers stopped working during playback (disconnected, or taken by another program)."
)
INPUT_SILENCED = trans_late(
    "Audio",
    "The microphone went completely silent: it may have been unplugged, or the system switched the "
    "recording to another input. What was recorded until then is kept.",
)
INPUT_MOVED = trans_late(
    "Audio",
    "The system switched the recording to another input (the microphone may have been unplugged, or "
    "another one chosen in the sound settings). What was recorded until then is kept.",
)

# PortAudio error codes (portaudio.h) that mean "this device, now, no".
_PA_INVALID_SAMPLE_RATE = -9997
_PA_INVALID_CHANNEL_COUNT = -9998
_PA_INVALID_DEVICE = -9996
_PA_DEVICE_UNAVAILABLE = -9985

#: A running input stream silent for this long (no callback at all) has stalled.
_FIRST_BUFFER_S = 3.0  # how long a microphone may take to start before it counts as stalled
_STALL_S = 1.0
# Exact digital silence this long after sound: no microphone is that quiet (its own noise is far
# above), but a stream the sound server moved to an idle source after an unplug is.
_DIGITAL_SILENCE_S = 3.0
_DIGITAL_SILENCE_PEAK = 1e-6
#: The level meter shows the peak of this much recent sound.
_LEVEL_WINDOW_S = 0.1
#: Output buffering: enough to ride out a ~50 ms stall of the Python callback (GIL held by the GUI
#: thread, a busy machine) without a click. A live stream starts only once its first sound has
#: arrived, so this buffer does not delay that sound.
_OUTPUT_LATENCY_S = 0.1
_DRAIN_MARGIN_S = 0.05
#: A live stream starts once this much has arrived: enough to fill the output buffer at once.
_LIVE_PREBUFFER_S = _OUTPUT_LATENCY_S + 0.02

def _open_failure(exc: Exception, kind: str) -> str:
    """The user's words for a stream that would not open or start."""
    microphone = kind == "input"
    code = exc.args[1] if len(exc.args) > 1 else None
    text = str(exc).lower()
    if code == _PA_DEVICE_UNAVAILABLE or "busy" in text or "unavailable" in text:
        if microphone:
            return trans_late(
                "Audio",
                "The microphone is busy or unavailable: another program may be using it. "
                "Close that program or choose another microphone, then try again.",
            )
        return trans_late(
            "Audio",
            "The output device is busy or unavailable: another program may be using it. "
            "Close that program or choose another output device, then try again.",
        )
    if code == _PA_INVALID_DEVICE or "querying device" in text or "no such" in text:
        if microphone:
            return trans_late("Audio", "The microphone is no longer available. Choose another microphone, then try again.")
        return trans_late(
            "Audio", "The output device is no longer available. Choose another output device, then try again."
        )
    if microphone:
        return trans_late("Audio", "The microphone could not be opened ({0}).").format(exc)
    return trans_late("Audio", "The output device could not be opened ({0}).").format(exc)


def _open_stream(factory, kind: str, device: AudioDevice, channel_choices: tuple[int, ...], **kwargs):
    """Open a stream at the device's own rate (falling back to common rates it may accept) with the
    first channel count it takes."""
    sd = load_sounddevice()
    rates = [int(device.samplerate)] if device.samplerate > 0 else []
    rates += [r for r in (48000, 44100) if r not in rates]
    last_error: Exception | None = None
    for channels in channel_choices:
        for rate in rates:
            try:
                with open_streams_lock:  # a refresh_devices() on another thread would pull PortAudio away
                    stream = factory(device=device.index, samplerate=rate, channels=channels, dtype="float32", **kwargs)
                    count_stream(+1)
            except (sd.PortAudioError, ValueError) as exc:
                last_error = exc
                code = exc.args[1] if len(exc.args) > 1 else None
                if code in (_PA_INVALID_SAMPLE_RATE, _PA_INVALID_CHANNEL_COUNT):
                    continue
                raise AudioUnavailable(_open_failure(exc, kind)) from exc
            return stream
    raise AudioUnavailable(_open_failure(last_error, kind)) from last_error


def _close_stream(stream, abort: bool) -> None:
    """Stop and close, never raising; abort() when the device may hang (stop() then waits ~20 s)."""
    try:
        if abort:
            stream.abort(ignore_errors=True)
        else:
            stream.stop(ignore_errors=True)
    finally:
        try:
            stream.close(ignore_errors=True)
        finally:
            count_stream(-1)


# ---- recording ---------------------------------------------------------------------------------


class Recorder:
    """Records one take from a microphone as float32 mono at the device's own rate."""

    def __init__(self, device: str = "") -> None:
        self._device_name = device
        self._stream = None
        self._blocks: queue.SimpleQueue[np.ndarray] = queue.SimpleQueue()
        self._kept: list[np.ndarray] = []
        self._peaks: collections.deque[tuple[float, float]] = collections.deque(maxlen=64)
        self._samplerate = 0
        self._frames = 0
        self._last_callback_at = 0.0
        self._heard = False  # a first buffer has arrived
        self._last_sound_at: float | None = None  # when a buffer last held more than digital silence
        self._stopping = False
        self._failure: str | None = None
        self._sources: frozenset[int] | None = None  # what the sound server first said we record from
        self._sources_known = True  # False once no sound server could say

    # ---- public API

    def start(self) -> None:
        """Open the microphone and start a new take; raises AudioUnavailable with the reason."""
        if self._stream is not None and self._failure is None:
            return
        self.cancel()  # a take that broke off (or an earlier one) makes way for the new one
        sd = load_sounddevice()
        device = choose("input", self._device_name)
        self._stopping = False
        self._failure = None
        self._peaks.clear()
        stream = _open_stream(
            sd.InputStream,
            "input",
            device,
            channel_choices=(1,),
            callback=self._on_audio,
            finished_callback=self._on_stream_finished,
        )
        self._samplerate = int(stream.samplerate)
        self._last_callback_at = time.monotonic()
        self._heard = False
        self._last_sound_at = None
        self._sources = None
        try:
            stream.start()
        except sd.PortAudioError as exc:
            _close_stream(stream, abort=True)
            raise AudioUnavailable(_open_failure(exc, "input")) from exc
        self._stream = stream

    def level(self) -> float:
        """0..1: the peak of the last ~100 ms, for a level meter (cheap; any thread)."""
        if self._stream is None:
            return 0.0
        now = time.monotonic()
        recent = [peak for at, peak in list(self._peaks) if now - at <= _LEVEL_WINDOW_S]
        return min(1.0, max(recent, default=0.0))

    @property
    def elapsed_s(self) -> float:
        """Seconds of sound recorded so far."""
        return self._frames / self._samplerate if self._samplerate else 0.0

    @property
    def samplerate(self) -> int:
        """The device rate the recording runs at (0 before start)."""
        return self._samplerate

    @property
    def problem(self) -> str | None:
        """Why the recording broke off (device gone, busy or stalled), or None; the frames so far are kept."""
        if self._failure is None and self._stream is not None:
            if self._silent_for() > self._stall_limit():
                self._failure = INPUT_STALLED
            elif self._last_sound_at is not None and time.monotonic() - self._last_sound_at > _DIGITAL_SILENCE_S:
                self._failure = INPUT_SILENCED
        return self._failure

    def check_source(self) -> None:
        """Ask the sound server which source the recording reads from; when it has switched the
        stream to another one, that is the recording's problem (kept, as for a vanished device).

        Blocks ~0.1 s (it runs ``pactl``): call it on a worker, about once a second while recording.
        """
        if self._stream is None or self._failure is not None or not self._sources_known:
            return
        from desktop_app.services.sound_server import recording_sources

        sources = recording_sources()
        if sources is None:
            self._sources_known = False  # no PulseAudio/PipeWire here: a move cannot be seen
            return
        if not sources or self._stream is None:
            return  # our stream is not listed (yet, or any more): nothing to compare
        if self._sources is None:
            self._sources = sources
        elif not sources & self._sources and self._failure is None:
            # Disjoint, not just different: another recorder of this process may come or go meanwhile.
            self._failure = INPUT_MOVED

    def stop(self) -> Recording:
        """Stop and return what was recorded (also after a problem: everything up to it)."""
        stream, self._stream = self._stream, None
        if stream is not None:
            silent_for = self._silent_for()
            if self._failure is None and silent_for > self._stall_limit():
                self._failure = INPUT_STALLED
            self._stopping = True
            # stop() on a stream whose device hangs waits ~20 s; abort() returns at once.
            _close_stream(stream, abort=self._failure is not None or silent_for > 0.25)
        self._drain()
        samples = np.concatenate(self._kept) if self._kept else np.zeros(0, np.float32)
        return Recording(samples, self._samplerate)

    def cancel(self) -> None:
        """Stop at once and throw the recording away."""
        stream, self._stream = self._stream, None
        if stream is not None:
            self._stopping = True
            _close_stream(stream, abort=True)
        self._drain()
        self._kept.clear()
        self._frames = 0

    # ---- PortAudio thread

    def _on_audio(self, indata, frames, time_info, status) -> None:
        now = time.monotonic()
        self._blocks.put(indata[:, 0].copy())
        self._frames += frames
        peak = float(np.abs(indata).max()) if frames else 0.0
        self._peaks.append((now, peak))
        if peak > _DIGITAL_SILENCE_PEAK:
            self._last_sound_at = now
        self._last_callback_at = now
        self._heard = True

    def _on_stream_finished(self) -> None:
        if not self._stopping and self._failure is None:  # nobody asked: the device failed or went away
            self._failure = INPUT_VANISHED

    # ---- private

    def _stall_limit(self) -> float:
        # Some microphones (a Bluetooth headset switching profiles) take seconds to send a first buffer.
        return _STALL_S if self._heard else _FIRST_BUFFER_S

    def _silent_for(self) -> float:
        """Seconds since the device last delivered frames."""
        return time.monotonic() - self._last_callback_at

    def _drain(self) -> None:
        while True:
            try:
                self._kept.append(self._blocks.get_nowait())
            except queue.Empty:
                return


# ---- playback ----------------------------------------------------------------------------------


class Player:
    """Plays one clip, or a live stream of pcm16 fed from any thread, on one output device."""

    def __init__(self, device: str = "", volume: float = 1.0) -> None:
        #: Called on PortAudio's thread when the clip has been played to its end (or the device
        #: failed: see `problem`), not after stop() or close(); a Qt caller must marshal it.
        self.on_finished: Callable[[], None] | None = None
        #: time.monotonic() when the first non-silent frame of the current clip reaches the device's
        #: output (the callback's time plus PortAudio's output latency).
        self.first_sound_at: float | None = None
        self._device_name = device
        self._volume = _clamp(volume)
        self._lock = threading.Lock()  # the buffer and position, shared with the PortAudio thread
        self._stream_lock = threading.RLock()  # stream start/stop from the GUI and the feeding thread
        self._buffer = np.zeros(0, np.float32)  # the clip at its own rate; grows while live
        self._length = 0  # valid samples in _buffer
        self._rate = 24000  # the clip's rate
        self._position = 0.0  # the next sample to play, in clip samples (fractional when resampling)
        self._state = "stopped"
        self._live = False  # more feed() is coming: running dry is an underrun, not the end
        self._odd_byte = b""  # half a sample left over by a feed() chunk of odd length
        self._stream = None
        self._device_rate = 0
        self._steps = np.zeros(0)
        self._waiting_for_sound = False  # live: the stream starts once enough has arrived
        self._latency_s = 0.0
        self._ending = False  # the callback reached the end and PortAudio is draining its buffers
        self._silence_after_end = 0  # frames of silence written since the clip ran out
        self._drain_frames = 0  # ... needed before the last sound has left the buffers
        self._stopping = False  # we are stopping the stream ourselves
        self._problem: str | None = None

    # ---- public API

    @property
    def state(self) -> str:
        """"stopped", "playing" or "paused"."""
        return self._state

    @property
    def position_s(self) -> float:
        """Where playback is in the clip, in seconds."""
        return self._position / self._rate

    @property
    def duration_s(self) -> float:
        """Length of the clip (while live: of what has arrived so far)."""
        return self._length / self._rate

    @property
    def problem(self) -> str | None:
        """Why sound could not be played or stopped (no device, busy, disconnected), or None."""
        return self._problem

    @property
    def live(self) -> bool:
        """True between start_live() and end_live()."""
        return self._live

    @property
    def output_latency_s(self) -> float:
        """PortAudio's estimate of the time from the callback to the speaker, for the last stream
        opened (0 before playing)."""
        return self._latency_s

    def load(self, samples, samplerate: int) -> None:
        """Take a whole clip (float32 mono, any rate), stopped at its start; play() plays it."""
        clip = np.ascontiguousarray(np.asarray(samples, dtype=np.float32).reshape(-1))
        with self._lock:
            self._buffer = clip.copy()
            self._length = len(clip)
            self._rate = int(samplerate)
            self._position = 0.0
            self._live = False
            self._state = "stopped"
            self.first_sound_at = None

    def start_live(self, samplerate: int = 24000) -> None:
        """Get ready to play pcm16 arriving through feed() at once; raises AudioUnavailable.

        The device is opened now, but the stream starts when the first ~0.12 s have arrived (or at
        end_live()): a stream started earlier fills its buffer with silence, and the first sound would
        wait behind it; started with less, it would run dry at once.
        """
        self._halt_stream()
        with self._lock:
            self._buffer = np.zeros(int(samplerate) * 8, np.float32)
            self._length = 0
            self._rate = int(samplerate)
            self._position = 0.0
            self._live = True
            self._odd_byte = b""
            self._state = "playing"
            self.first_sound_at = None
        self._waiting_for_sound = True
        self._open()

    def feed(self, pcm16: bytes) -> None:
        """Append raw s16le mono at the live rate (any thread, any chunk size)."""
        if self._odd_byte:
            pcm16 = self._odd_byte + pcm16
        self._odd_byte = pcm16[-1:] if len(pcm16) % 2 else b""
        samples = pcm16_to_samples(pcm16)
        if not len(samples):
            return
        with self._lock:
            needed = self._length + len(samples)
            if needed > len(self._buffer):
                grown = np.zeros(max(needed, 2 * len(self._buffer)), np.float32)
                grown[: self._length] = self._buffer[: self._length]
                self._buffer = grown
            self._buffer[self._length : needed] = samples
            self._length = needed
        if self._waiting_for_sound:
            self._start_when_buffered()

    def end_live(self) -> None:
        """No more feed(): playback ends (on_finished) once what arrived has been played."""
        with self._lock:
            self._live = False
        if self._waiting_for_sound:
            with self._stream_lock:
                if self._waiting_for_sound and self._length == 0:  # nothing ever came
                    self._waiting_for_sound = False
                    with self._lock:
                        self._state = "stopped"
                    self._notify_finished()
                    return
            self._start_when_buffered(everything_arrived=True)

    def play(self) -> None:
        """Play (or resume) from the current position; from the start if at the end. Raises
        AudioUnavailable when the output cannot be used (`problem` then says the same)."""
        with self._lock:
            if self._length == 0 and not self._live:
                return
            if self._state == "playing" and not self._ending and not self._waiting_for_sound:
                return
            if self._state == "stopped" and self._position >= self._length - 1:
                self._position = 0.0
            self._state = "playing"
        with self._stream_lock:
            if self._live and self._buffered_s() < _LIVE_PREBUFFER_S:  # feed() starts the sound
                self._waiting_for_sound = True
                self._open()
            else:
                self._waiting_for_sound = False
                self._run_stream()

    def pause(self) -> None:
        """Hold the position; silence until play()."""
        with self._lock:
            if self._state == "playing":
                self._state = "paused"

    def stop(self) -> None:
        """Stop at once and go back to the start (the clip stays loaded)."""
        with self._lock:
            self._state = "stopped"
            self._position = 0.0
        self._halt_stream()

    def seek(self, seconds: float) -> None:
        """Move to `seconds` into the clip (clamped to what is there)."""
        with self._lock:
            self._position = min(max(0.0, seconds * self._rate), float(self._length))

    def set_volume(self, volume: float) -> None:
        """0..1, a linear gain applied as the frames go out (takes effect within one buffer)."""
        self._volume = _clamp(volume)

    def release(self) -> None:
        """Close the output stream while nothing plays; the clip stays loaded and play() opens it
        again. An idle open stream keeps the device from other programs and the device list from
        being refreshed."""
        with self._stream_lock:
            if self._state == "playing":
                return
            stream, self._stream = self._stream, None
            if stream is not None:
                self._stopping = True
                try:
                    _close_stream(stream, abort=True)
                finally:
                    self._stopping = False
                    self._ending = False

    def close(self) -> None:
        """Stop and release the device."""
        with self._lock:
            self._state = "stopped"
            self._live = False
        with self._stream_lock:
            self._waiting_for_sound = False
            stream, self._stream = self._stream, None
            if stream is not None:
                self._stopping = True
                try:
                    _close_stream(stream, abort=True)
                finally:
                    self._stopping = False

    # ---- stream lifecycle (caller's thread)

    def _buffered_s(self) -> float:
        return (self._length - self._position) / self._rate

    def _start_when_buffered(self, everything_arrived: bool = False) -> None:
        """Start a live stream once it has enough sound to fill the output buffer: started with
        less, PortAudio's first callbacks would run dry and put a gap right after the first words."""
        with self._stream_lock:
            if not self._waiting_for_sound or self._state != "playing":
                return
            if not everything_arrived and self._buffered_s() < _LIVE_PREBUFFER_S:
                return
            self._waiting_for_sound = False
            try:
                self._run_stream()
            except AudioUnavailable:
                pass  # `problem` says why; the feeding thread has nobody to tell

    def _open(self) -> None:
        """Open the output stream if it is not open; on failure, stopped with `problem` set."""
        with self._stream_lock:
            if self._stream is not None:
                return
            try:
                sd = load_sounddevice()
                device = choose("output", self._device_name)
                channels = min(2, device.channels)
                self._stream = _open_stream(
                    sd.OutputStream,
                    "output",
                    device,
                    channel_choices=(channels, 1) if channels > 1 else (1,),
                    callback=self._on_audio,
                    finished_callback=self._on_stream_finished,
                    latency=_OUTPUT_LATENCY_S,
                )
            except AudioUnavailable as exc:
                self._fail(str(exc))
                raise
            self._device_rate = int(self._stream.samplerate)
            self._latency_s = float(self._stream.latency)
            self._drain_frames = int((self._stream.latency + _DRAIN_MARGIN_S) * self._device_rate)
            self._problem = None

    def _run_stream(self) -> None:
        """Make sure the output stream is open and running."""
        with self._stream_lock:
            self._open()
            stream = self._stream
            if stream.active and not self._ending:
                return
            # Ended by the callback (or never started): PortAudio needs a stop before a new start.
            self._abort(stream)
            try:
                stream.start()
            except Exception as exc:  # sounddevice.PortAudioError: the device went away or is busy
                message = _open_failure(exc, "output")
                self._fail(message)
                raise AudioUnavailable(message) from exc

    def _halt_stream(self) -> None:
        with self._stream_lock:
            self._waiting_for_sound = False
            if self._stream is not None:
                self._abort(self._stream)

    def _abort(self, stream) -> None:
        """Stop a stream at once, without its finished callback taking that for a device failure."""
        self._stopping = True
        try:
            stream.abort(ignore_errors=True)
        finally:
            self._stopping = False
            self._ending = False

    def _fail(self, message: str) -> None:
        self._problem = message
        with self._lock:
            self._state = "stopped"

    def _notify_finished(self) -> None:
        callback = self.on_finished
        if callback is not None:
            callback()

    # ---- PortAudio thread

    def _on_audio(self, outdata, frames, time_info, status) -> None:
        mono = None
        finished = False
        with self._lock:
            if self._state == "playing":
                step = self._rate / self._device_rate
                if len(self._steps) != frames:
                    self._steps = np.arange(frames, dtype=np.float64)
                last = self._length - 1
                positions = self._position + step * self._steps
                count = int(np.searchsorted(positions, last, side="right")) if last >= 0 else 0
                if count:
                    wanted = positions[:count]
                    index = wanted.astype(np.intp)
                    frac = (wanted - index).astype(np.float32)
                    following = np.minimum(index + 1, last)
                    buffer = self._buffer
                    mono = buffer[index] + frac * (buffer[following] - buffer[index])
                    mono *= np.float32(self._volume)
                    self._position += step * count
                if count < frames and not self._live:
                    # The end of the clip (while live, running dry is an underrun). PortAudio drops
                    # what is still buffered when the callback stops it, so the clip's last buffer
                    # would never be heard: stop only after a buffer's worth of silence.
                    self._silence_after_end += frames - count
                    finished = self._silence_after_end >= self._drain_frames
                else:
                    self._silence_after_end = 0
        if mono is None:
            outdata.fill(0)
        else:
            outdata[: len(mono)] = mono[:, None]
            outdata[len(mono) :] = 0
            if self.first_sound_at is None:
                sounding = np.flatnonzero(mono)
                if len(sounding):
                    self.first_sound_at = time.monotonic() + _dac_delay(time_info) + sounding[0] / self._device_rate
        if finished:
            self._ending = True
            raise _callback_stop()

    def _on_stream_finished(self) -> None:
        if self._stopping:
            return
        if self._ending:  # played to the end, and PortAudio has drained its buffers
            with self._lock:
                self._state = "stopped"
                self._position = 0.0
        else:  # nobody asked: the device failed or went away
            self._problem = OUTPUT_VANISHED
            with self._lock:
                self._state = "stopped"
        self._notify_finished()


def _dac_delay(time_info) -> float:
    """Seconds from now until this callback's first frame is heard, as PortAudio estimates it."""
    try:
        delay = time_info.outputBufferDacTime - time_info.currentTime
    except AttributeError:
        return 0.0
    return delay if 0.0 <= delay < 1.0 else 0.0  # some host APIs report 0 or nonsense


def _callback_stop() -> Exception:
    import sounddevice

    return sounddevice.CallbackStop()


def _clamp(volume: float) -> float:
    return min(1.0, max(0.0, float(volume)))
