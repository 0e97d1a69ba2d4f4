"""Voice: how fast a recording leaves once the talk button is let go (and, later, spoken replies).

recording (this part): 10 s of espeak-ng speech is played into the virtual microphone of a private
PulseAudio daemon (tests/fakes/virtual_audio.py) while the real app, in a child process
(``python3 -m bench.voice release <dir> <repeats>``), holds its talk button down (QTest on
``mic_panel.talk_button``). Measured: from the button's release to the request having arrived
whole at the loopback fake server, for both uses of a recording:

- send as audio: the chat request with the ``input_audio`` part (stopping the stream, silence and
  length checks, ``for_api`` WAV encoding on the task runner, the request built, the reply thread,
  the SDK's POST);
- transcribe: the multipart upload to ``/v1/audio/transcriptions`` (the same up to the encoding,
  then the task runner's SDK call).

The fake server runs in the parent (this process), which idles meanwhile, so its parsing does not
compete with the app for the GIL; it notes ``time.monotonic()`` once a request's body is read,
which the child's marks share (CLOCK_MONOTONIC is system-wide). A 1 ms heartbeat on the child's GUI
thread gives the largest stall from release to arrival.

Floor, in the same child right after each app run, on the very recording the app made: the bare
``audio_codec.for_api`` encode plus a plain ``http.client`` POST of the same bytes (JSON with the
base64 part, or the multipart form), to the same server, timed the same way.

Every run is checked before its time is kept: the request the server got must carry a WAV that
decodes to the recording's length at 16 kHz and is not silent.

Playback figures (first sound of a spoken reply, read-aloud) are added by their own functions.
"""

from __future__ import annotations

import base64
import io
import json
import os
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from bench import BenchmarkError, Result, child_env, median
from bench._app_child import run_child

RECORD_S = 10.0  # seconds of speech in each recording
HOLD_EXTRA_S = 0.3  # the button is held this much longer than the speech (as a person does)
RELEASE_TARGET_MS = 150.0
STALL_TARGET_MS = 33.0
RUN_TIMEOUT_S = 30.0
CHILD_TIMEOUT_S = 600
USES = ("send_audio", "transcribe")
PATHS = {"send_audio": "/v1/chat/completions", "transcribe": "/v1/audio/transcriptions"}
SPEECH_TEXT = (
    "Good morning. I would like a short summary of the meeting notes from yesterday, "
    "with the three decisions we made, who owns each of them, and the dates we agreed on. "
    "Please keep it under one hundred words and use plain language."
)


# -- the parent: virtual audio, the server, the child, the table -----------------------------------


def _speech_file(audio_cls, path: Path) -> None:
    """RECORD_S seconds of speech (the text repeated as needed, the cut faded) as a WAV file."""
    import numpy as np
    import soundfile

    samples, rate = audio_cls.speech(SPEECH_TEXT)
    need = int(RECORD_S * rate)
    while len(samples) < need:
        samples = np.concatenate([samples, samples])
    samples = samples[:need].copy()
    fade = int(0.05 * rate)
    samples[-fade:] *= np.linspace(1.0, 0.0, fade, dtype=np.float32)
    soundfile.write(path, samples, rate, subtype="FLOAT")


class _Arrivals:
    """The POSTs the fake server received whole, with when (monotonic clock), in order."""

    def __init__(self, server) -> None:
        self._lock = threading.Lock()
        self.posts: list[tuple[float, object]] = []
        record = server._record  # wrapped on the instance: the fake server is not edited

        def stamped(request) -> None:
            arrived = time.monotonic()
            if request.method == "POST":
                with self._lock:
                    self.posts.append((arrived, request))
            record(request)

        server._record = stamped


def _check_upload(kind: str, request, recorded_s: float) -> None:
    """The request carries the recording as a 16 kHz WAV of its length with sound in it."""
    import numpy as np

    from desktop_app.services import audio_codec
    from tests.fakes.openai_server import parse_multipart

    if kind.endswith("send_audio"):
        parts = request.body["messages"][-1]["content"]
        [part] = [p["input_audio"] for p in parts if isinstance(p, dict) and p.get("type") == "input_audio"]
        data = base64.b64decode(part["data"])
    else:
        data = parse_multipart(request.raw, request.headers.get("content-type", ""))["file"]
    samples, rate = audio_codec.decode(data)
    duration = len(samples) / rate
    if rate != audio_codec.API_SAMPLERATE or abs(duration - recorded_s) > 0.05:
        raise BenchmarkError(f"voice: {kind} sent {duration:.2f} s at {rate} Hz, recorded {recorded_s:.2f} s")
    if audio_codec.is_silent(samples, rate) or float(np.sqrt(np.mean(samples**2))) < 0.01:
        raise BenchmarkError(f"voice: {kind} sent a silent recording: the speech did not reach the microphone")


def _need_virtual_audio() -> None:
    """Stop with the missing tools named when the virtual audio devices cannot be made."""
    from tests.fakes.virtual_audio import VirtualAudio

    missing = VirtualAudio.missing_tools()
    if missing:
        raise BenchmarkError(f"voice: the virtual audio devices need {', '.join(missing)}")


def recording_results(quick: bool = False) -> list[Result]:
    """Release of the talk button -> the request at the server, both uses, against their floors."""
    from tests.fakes.openai_server import FakeOpenAIServer
    from tests.fakes.virtual_audio import VirtualAudio

    _need_virtual_audio()
    repeats = 2 if quick else 5
    with (
        VirtualAudio() as audio,
        FakeOpenAIServer() as server,
        tempfile.TemporaryDirectory(prefix="bench-voice-") as tmp,
    ):
        workdir = Path(tmp)
        _speech_file(VirtualAudio, workdir / "speech.wav")
        arrivals = _Arrivals(server)
        env = child_env(workdir, server.base_url, pycache_dir=workdir / "pycache")
        env.update(audio.env)
        env["BENCH_VOICE_AUDIO_DIR"] = str(audio.directory)
        result = run_child("bench.voice", ["release", str(workdir), str(repeats)], env, CHILD_TIMEOUT_S)
        marks = result["marks"]
        if len(arrivals.posts) != len(marks):
            raise BenchmarkError(f"voice: {len(marks)} requests were made, the server got {len(arrivals.posts)}")
        times: dict[str, list[float]] = {}
        stalls: dict[str, list[float]] = {}
        handed: list[float] = []
        for mark, (arrived, request) in zip(marks, arrivals.posts):
            kind = mark["kind"]
            if request.path != PATHS[kind.removeprefix("floor_")]:
                raise BenchmarkError(f"voice: {kind} arrived at {request.path}")
            _check_upload(kind, request, mark["recorded_s"])
            if mark["warmup"]:
                continue
            times.setdefault(kind, []).append((arrived - mark["t0"]) * 1000.0)
            if "gaps" in mark:
                handed.append(mark["encoded_ms"])
                late = [b - a for a, b in mark["gaps"] if b > mark["t0"] and a < arrived]
                stalls.setdefault(kind, []).append(max(0.0, max(late, default=0.0) * 1000.0 - 1.0))
    labels = {"send_audio": "send as audio", "transcribe": "transcribe"}
    rows: list[Result] = []
    for use in USES:
        app, floor = times[use], times[f"floor_{use}"]
        rows.append(
            Result(
                f"voice: release -> request at server, {RECORD_S:.0f} s speech ({labels[use]})",
                median(app),
                "ms",
                kind="max",
                target=RELEASE_TARGET_MS,
                floor=median(floor),
                samples=app,
                floor_samples=floor,
                note=f"talk button released (QTest) to {PATHS[use]} read whole by the fake server; "
                "floor = for_api encode + http.client POST of the same bytes, same recording",
            )
        )
        rows.append(
            Result(
                f"voice:   max GUI stall, release -> request ({labels[use]})",
                median(stalls[use]),
                "ms",
                kind="max",
                target=STALL_TARGET_MS,
                samples=stalls[use],
                note="largest 1 ms-heartbeat gap minus 1 ms between the release and the request's arrival",
            )
        )
    rows.append(
        Result(
            "voice:   release -> recording checked and encoded (both uses)",
            median(handed),
            "ms",
            samples=handed,
            note="the app's own part: stream closed, length and silence checks, for_api, on the task runner",
        )
    )
    encode = result["encode_ms"]
    rows.append(
        Result(
            f"voice:   for_api encode of {RECORD_S:.0f} s",
            median(encode),
            "ms",
            samples=encode,
            note=f"{result['device_rate']} Hz float32 -> 16 kHz s16 WAV, inside the floor",
        )
    )
    return rows


def run(quick: bool = False) -> list[Result]:
    """Every voice benchmark: the recording side, then playback."""
    return recording_results(quick) + playback_results(quick)


# -- the child: the real app, its talk button, the floor -------------------------------------------


def _mic(app, spin):
    """The app's VoiceController and MicPanel (built from its controllers until the window has one)."""
    from desktop_app.controllers.voice_controller import VoiceController, VoiceState
    from desktop_app.ui.mic_panel import MicPanel

    panel = getattr(app.window, "mic_panel", None)
    if panel is not None:
        voice = app.voice
    else:
        voice = VoiceController(app.chat, app.connection, app.tasks)
        panel = MicPanel(voice)
        panel.show()
    voice.start()
    if not spin(20.0, lambda: voice.state is VoiceState.IDLE):
        raise BenchmarkError(f"voice: the microphone is not ready ({voice.state}: {voice.unavailable_reason})")
    return voice, panel


def _floor_post(base_url: str, use: str, data: bytes, model: str) -> None:
    """POST the encoded recording as any client would (JSON+base64, or a multipart form); read the answer."""
    import http.client
    from urllib.parse import urlsplit

    url = urlsplit(base_url)
    headers = {"Authorization": "Bearer sk-bench"}
    if use == "send_audio":
        part = {"type": "input_audio", "input_audio": {"data": base64.b64encode(data).decode("ascii"), "format": "wav"}}
        body = json.dumps({"model": model, "messages": [{"role": "user", "content": [part]}], "stream": True}).encode()
        headers["Content-Type"] = "application/json"
        path = url.path + "/chat/completions"
    else:
        boundary = uuid.uuid4().hex
        fields = b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in (("model", "gpt-4o-transcribe"), ("response_format", "json"))
        )
        file_head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="recording.wav"\r\n'
            "Content-Type: audio/wav\r\n\r\n"
        ).encode()
        body = fields + file_head + data + f"\r\n--{boundary}--\r\n".encode()
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        path = url.path + "/audio/transcriptions"
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=RUN_TIMEOUT_S)
    try:
        connection.request("POST", path, body, headers)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()


def child_release(workdir: Path, repeats: int) -> dict:
    """Hold the talk button through 10 s of speech, release, and wait for the outcome; then the floor."""
    import soundfile
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from bench._app_child import Heartbeat, child_qt, start_app
    from desktop_app.controllers.voice_controller import VoiceState
    from desktop_app.core.conversation import Role
    from desktop_app.services import audio_codec, audio_io
    from tests.fakes.virtual_audio import VirtualAudio

    speech, rate = soundfile.read(workdir / "speech.wav", dtype="float32")
    mouth = VirtualAudio(os.environ["BENCH_VOICE_AUDIO_DIR"])  # the parent's daemon: plays, never stops it
    _qt_app, spin = child_qt()
    app = start_app(workdir / "data", spin)
    voice, panel = _mic(app, spin)
    button = panel.talk_button
    base_url = app.connection.base_url

    recordings = []
    original_stop = audio_io.Recorder.stop

    def kept_stop(self):
        recording = original_stop(self)
        recordings.append(recording)
        return recording

    audio_io.Recorder.stop = kept_stop  # the bench keeps the app's recording for the floor
    elapsed = [0.0]
    transcripts: list[str] = []
    voice.sig_elapsed_changed.connect(lambda s: elapsed.__setitem__(0, s))
    voice.sig_transcript_ready.connect(transcripts.append)
    problems: list[str] = []
    voice.sig_problem_reported.connect(problems.append)
    handed_over: list[float] = []  # encoded and handed to the chat or the transcription job
    voice.sig_state_changed.connect(
        lambda state: handed_over.append(time.monotonic()) if state in ("sending", "transcribing") else None
    )
    heartbeat = Heartbeat()
    marks: list[dict] = []
    encode_ms: list[float] = []

    def replied() -> bool:
        messages = app.chat.current.messages
        return len(messages) >= 2 and messages[-1].role is Role.ASSISTANT and not messages[-1].is_streaming

    for i in range(repeats + 1):  # the first round warms up (SDK modules, first multipart): not counted
        for use in USES:
            app.chat.new_conversation()
            app.window.composer.edit.clear()
            voice.set_recording_use(use)
            transcripts.clear()
            handed_over.clear()
            QTest.mousePress(button, Qt.MouseButton.LeftButton)
            if not spin(5.0, lambda: voice.state is VoiceState.RECORDING):
                raise BenchmarkError(f"voice: pressing the talk button did not record: {problems[-1:]}")
            mouth.play_into_mic(speech, rate, wait=False)
            if not spin(RECORD_S + 10.0, lambda: elapsed[0] >= RECORD_S + HOLD_EXTRA_S):
                raise BenchmarkError(f"voice: the recording never reached {RECORD_S} s ({elapsed[0]:.1f} s)")
            heartbeat.start()
            released = time.monotonic()
            QTest.mouseRelease(button, Qt.MouseButton.LeftButton)
            done = replied if use == "send_audio" else (lambda: bool(transcripts))
            if not spin(RUN_TIMEOUT_S, lambda: done() or bool(problems)):
                raise BenchmarkError(f"voice: {use} never finished (state {voice.state})")
            heartbeat.stop()
            if problems:
                raise BenchmarkError(f"voice: {use}: {problems[-1]}")
            recording = recordings[-1]
            marks.append(
                {
                    "kind": use,
                    "t0": released,
                    "encoded_ms": (handed_over[0] - released) * 1000.0,
                    "recorded_s": recording.duration_s,
                    "gaps": _gaps(heartbeat),
                    "warmup": i == 0,
                }
            )
            spin(0.3)
            started = time.monotonic()
            data = audio_codec.for_api(recording)
            encoded = time.monotonic()
            _floor_post(base_url, use, data, app.chat.model)
            if i:
                encode_ms.append((encoded - started) * 1000.0)
            marks.append({"kind": f"floor_{use}", "t0": started, "recorded_s": recording.duration_s, "warmup": i == 0})
            spin(0.2)
            label = "warm-up" if i == 0 else f"run {i}/{repeats}"
            print(f"  voice release {label} ({use})", file=sys.stderr, flush=True)
    return {
        "marks": marks,
        "encode_ms": encode_ms,
        "device_rate": recordings[-1].samplerate,
    }


def _gaps(heartbeat) -> list[tuple[float, float]]:
    """The heartbeat's late ticks as (from, to) on the monotonic clock the server's stamps use."""
    offset = time.monotonic() - time.perf_counter()
    ticks = heartbeat.ticks
    return [(a + offset, b + offset) for a, b in zip(ticks, ticks[1:]) if b - a > 0.002]


# -- playback: a spoken reply's first sound, read aloud (the parent side) ---------------------------
#
# A 1 s chirp goes three ways through the real app in a child (``python3 -m bench.voice playback
# <dir> <repeats>``), against the fake server in the parent: a streamed pcm16 spoken reply (first
# audio chunk on the reply thread -> first sound), a whole-MP3 spoken reply (audio complete ->
# first sound: decode on the task runner, device opened, first callback) and read aloud of that
# reply over /v1/audio/speech (click -> first audio byte -> first sound). "First sound" is
# `Player.first_sound_at`: when the first non-silent frame reaches the speaker, as PortAudio
# estimates it (the callback's time plus the DAC delay it reports). Floors, in the same child: a
# bare sounddevice stream at the device's rate, opened beforehand and started with the same sound
# in hand (the live case); decode + open + start a bare stream at the clip's own rate (MP3).
# Each run is checked: the player holds the chirp's length, and the parent finds the chirp in what
# reached the virtual speaker during the child's run.

PLAYBACK_TONE_S = 1.0
PLAYBACK_RATE = 24_000
FIRST_SOUND_TARGET_MS = 100.0
SPEECH_FIRST_DELAY_S = 0.2  # the server "synthesises" this long before the first speech byte
PLAYBACK_CHILD_TIMEOUT_S = 300


def _playback_tone():
    """A rising sweep, faded in and out: found again at exactly one offset in a recording."""
    import numpy as np

    t = np.arange(int(PLAYBACK_TONE_S * PLAYBACK_RATE)) / PLAYBACK_RATE
    phase = 2 * np.pi * (300.0 * t + 2100.0 * t * t / (2 * PLAYBACK_TONE_S))
    fade = np.minimum(1.0, np.minimum(t, PLAYBACK_TONE_S - t) / 0.02)
    return (0.5 * fade * np.sin(phase)).astype(np.float32)


def _check_heard(tone, heard, rate) -> None:
    """The chirp reached the virtual speaker (quarter-second pieces found, median correlation)."""
    import numpy as np

    from tests.fakes.virtual_audio import best_alignment, resample_linear

    reference = resample_linear(tone, PLAYBACK_RATE, rate)
    piece = rate // 4
    scores = [best_alignment(reference[i : i + piece], heard)[0] for i in range(0, len(reference) - piece + 1, piece)]
    if float(np.median(scores)) < 0.9:
        raise BenchmarkError(f"voice: the chirp was not heard on the virtual speaker (correlation {np.median(scores):.2f})")


def playback_results(quick: bool = False) -> list[Result]:
    """A reply's audio -> first sound (streamed and MP3), and read aloud's first sound vs first byte."""
    import io

    import numpy as np
    import soundfile

    from tests.fakes.openai_server import FakeOpenAIServer, Speech, SpokenReply
    from tests.fakes.virtual_audio import VirtualAudio

    _need_virtual_audio()
    repeats = 2 if quick else 5
    tone = _playback_tone()
    pcm = (np.clip(tone, -1, 1) * 32767).astype("<i2").tobytes()
    mp3 = io.BytesIO()
    soundfile.write(mp3, tone, PLAYBACK_RATE, format="MP3")
    with VirtualAudio() as audio, FakeOpenAIServer() as server, tempfile.TemporaryDirectory(prefix="bench-play-") as tmp:
        workdir = Path(tmp)
        # One reply serves both kinds: a stream request gets pcm16 chunks, a plain one the MP3.
        server.script_for_all(SpokenReply("A rising tone.", pcm16=pcm, mp3=mp3.getvalue(), chunk_bytes=4800, delay=0.02))
        server.reply_on("/v1/audio/speech", Speech(pcm=pcm, chunk_bytes=4800, delay=0.02, first_delay=SPEECH_FIRST_DELAY_S))
        env = child_env(workdir, server.base_url, pycache_dir=workdir / "pycache")
        env.update(audio.env)
        capture = audio.capture_speaker()
        try:
            result = run_child("bench.voice", ["playback", str(workdir), str(repeats)], env, PLAYBACK_CHILD_TIMEOUT_S)
        finally:
            heard, heard_rate = capture.stop()
        _check_heard(tone, heard, heard_rate)
    runs = result["runs"]

    def ms(kind: str, key: str) -> list[float]:
        return [run[key] for run in runs if run["kind"] == kind]

    live, live_floor = ms("live", "first_sound_ms"), ms("floor_live", "first_sound_ms")
    whole, whole_floor = ms("mp3", "first_sound_ms"), ms("floor_mp3", "first_sound_ms")
    read_sound, read_byte = ms("read", "first_sound_ms"), ms("read", "first_byte_ms")
    read_gap = [s - b for s, b in zip(read_sound, read_byte)]
    latency = [run["latency_ms"] for run in runs if "latency_ms" in run]
    stalls = [run["stall_ms"] for run in runs if "stall_ms" in run]
    return [
        Result(
            "voice: spoken reply (pcm16 stream), first chunk -> first sound",
            median(live),
            "ms",
            kind="max",
            target=FIRST_SOUND_TARGET_MS,
            floor=median(live_floor),
            samples=live,
            floor_samples=live_floor,
            note="reply thread gets the first AudioChunk -> first non-silent frame at the speaker; "
            "floor = a bare sounddevice stream, opened before, started with the same pcm in hand",
        ),
        Result(
            "voice: spoken reply (whole MP3), audio complete -> first sound",
            median(whole),
            "ms",
            kind="max",
            target=FIRST_SOUND_TARGET_MS,
            floor=median(whole_floor),
            samples=whole,
            floor_samples=whole_floor,
            note="sig_spoken_reply_ready -> decode on the task runner, device opened, first frame; "
            "floor = decode + open + start a bare sounddevice stream",
        ),
        Result(
            "voice: read aloud, click -> first sound",
            median(read_sound),
            "ms",
            floor=median(read_byte),
            samples=read_sound,
            floor_samples=read_byte,
            note=f"floor = click -> first speech byte at the app (the server waits {SPEECH_FIRST_DELAY_S * 1000:.0f} ms "
            "before sending, as a TTS model would)",
        ),
        Result(
            "voice: read aloud, first byte -> first sound",
            median(read_gap),
            "ms",
            kind="max",
            target=FIRST_SOUND_TARGET_MS,
            samples=read_gap,
            note="played while downloading: the first block is heard without waiting for the rest",
        ),
        Result(
            "voice:   output latency (PortAudio's estimate)",
            median(latency),
            "ms",
            samples=latency,
            note="the player's buffer: once it runs, a frame is heard this long after PortAudio takes it "
            "(a stream started with the first sound has none of it ahead of that sound)",
        ),
        Result(
            "voice:   max GUI stall, send or click -> first sound",
            median(stalls),
            "ms",
            kind="max",
            target=STALL_TARGET_MS,
            samples=stalls,
            note="largest 1 ms-heartbeat gap minus 1 ms from the send (read aloud: the click) to the first sound",
        ),
    ]


# -- playback: the child ---------------------------------------------------------------------------


def _bare_first_sound(spin, samples, rate: int, running: bool, decode_from: bytes | None = None) -> float:
    """Floor: ms until a bare sounddevice stream's first non-silent frame reaches the speaker.

    `running`: the stream is opened first and the clock starts when the samples are handed over
    and it is started (a live reply); else the clock starts before decoding `decode_from` and
    opening the stream.
    """
    import numpy as np
    import sounddevice

    from desktop_app.services import audio_codec

    clip = {"samples": None, "at": 0, "rate": rate}
    heard: list[float] = []

    def callback(outdata, frames, time_info, _status) -> None:
        data = clip["samples"]
        if data is None:
            outdata.fill(0)
            return
        chunk = data[clip["at"] : clip["at"] + frames]
        clip["at"] += len(chunk)
        outdata[: len(chunk)] = chunk[:, None]
        outdata[len(chunk) :] = 0
        if not heard:
            sounding = np.flatnonzero(chunk)
            if len(sounding):
                dac = time_info.outputBufferDacTime - time_info.currentTime  # as the player counts it
                heard.append(time.monotonic() + (dac if 0.0 <= dac < 1.0 else 0.0) + sounding[0] / clip["rate"])

    if running:
        # At the device's own rate, as the app's player runs (its callback period is the device's).
        device_rate = int(sounddevice.query_devices(kind="output")["default_samplerate"])
        samples = audio_codec.resample(samples, rate, device_rate)
        clip["rate"] = device_rate
        stream = sounddevice.OutputStream(  # stereo, as the player opens a stereo device
            samplerate=device_rate, channels=2, dtype="float32", callback=callback, latency=0.1
        )
        spin(0.3)
        started = time.monotonic()
        clip["samples"] = samples
        stream.start()  # only now: a stream running before would put its buffer of silence first
    else:
        started = time.monotonic()
        decoded, decoded_rate = audio_codec.decode(decode_from)
        clip["samples"], clip["rate"] = decoded, decoded_rate
        stream = sounddevice.OutputStream(
            samplerate=decoded_rate, channels=1, dtype="float32", callback=callback, latency=0.1
        )
        stream.start()
    spin(5.0, lambda: bool(heard))
    stream.stop()
    stream.close()
    if not heard:
        raise BenchmarkError("voice: the bare sounddevice stream never played (floor)")
    return (heard[0] - started) * 1000.0


def child_playback(workdir: Path, repeats: int) -> dict:
    """Spoken replies (streamed and MP3) and read aloud through the real app; the floors after each."""
    import io

    import soundfile

    from bench._app_child import Heartbeat, child_qt, start_app
    from desktop_app.core.conversation import Role

    _qt_app, spin = child_qt()
    app = start_app(workdir / "data", spin)
    playback, chat = app.playback, app.chat
    chat.set_model("gpt-audio-mini")
    chat.voice.spoken_replies = True
    problems: list[str] = []
    playback.sig_problem_reported.connect(problems.append)
    tone = _playback_tone()
    mp3 = io.BytesIO()
    soundfile.write(mp3, tone, PLAYBACK_RATE, format="MP3")
    heartbeat = Heartbeat()
    runs: list[dict] = []

    def played(kind: str) -> dict:
        """Wait for the sound to be played out; the run's marks (its times checked first)."""
        started = time.perf_counter()
        if not spin(20.0, lambda: playback.times().first_sound_at is not None or bool(problems)):
            raise BenchmarkError(f"voice: {kind}: no sound came out (state {playback.state})")
        if problems:
            raise BenchmarkError(f"voice: {kind}: {problems[-1]}")
        heartbeat.stop()
        stall = heartbeat.max_stall_ms(started - 5.0, time.perf_counter())
        times = playback.times()
        if not spin(20.0, lambda: playback.state == "stopped"):
            raise BenchmarkError(f"voice: {kind}: playback never ended")
        if abs(playback.duration_s - PLAYBACK_TONE_S) > 0.05:
            raise BenchmarkError(f"voice: {kind}: the player held {playback.duration_s:.2f} s, not {PLAYBACK_TONE_S} s")
        run = {
            "kind": kind,
            "first_sound_ms": (times.first_sound_at - times.first_audio_at) * 1000.0,
            "latency_ms": playback.output_latency_s * 1000.0,
            "stall_ms": stall,
        }
        if kind == "read":
            run["first_sound_ms"] = (times.first_sound_at - times.requested_at) * 1000.0
            run["first_byte_ms"] = (times.first_audio_at - times.requested_at) * 1000.0
        spin(0.3)
        return run

    def reply_done() -> bool:
        messages = chat.current.messages
        return len(messages) >= 2 and messages[-1].role is Role.ASSISTANT and not messages[-1].is_streaming

    for i in range(repeats):
        for kind, stream_audio in (("live", True), ("mp3", False)):
            chat.new_conversation()
            chat.voice.stream_audio = stream_audio
            playback.unload()  # times() is empty until this run's sound is loaded
            heartbeat.start()
            if not chat.send("Play the tone"):
                raise BenchmarkError(f"voice: {kind}: the message was not sent")
            runs.append(played(kind))
            if not spin(20.0, reply_done):
                raise BenchmarkError(f"voice: {kind}: the reply never finished")
        reply = chat.current.messages[-1]
        playback.unload()
        heartbeat.start()
        playback.read_aloud(reply.id)
        runs.append(played("read"))
        runs.append({"kind": "floor_live", "first_sound_ms": _bare_first_sound(spin, tone, PLAYBACK_RATE, True)})
        runs.append(
            {"kind": "floor_mp3", "first_sound_ms": _bare_first_sound(spin, None, 0, False, mp3.getvalue())}
        )
        print(f"  voice playback run {i + 1}/{repeats}", file=sys.stderr, flush=True)
    playback.unload()
    return {"runs": runs}



def _child_main(argv: list[str]) -> None:
    mode = argv[0]
    try:
        if mode == "release":
            result = child_release(Path(argv[1]), int(argv[2]))
        elif mode == "playback":
            result = child_playback(Path(argv[1]), int(argv[2]))
        else:
            raise SystemExit(f"unknown mode {mode}")
    except BenchmarkError as exc:
        result = {"error": str(exc)}
    sys.stdout.write("BENCH-RESULT " + json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)  # no teardown: the measurement is over (PySide teardown can crash with a running pool)


if __name__ == "__main__":
    _child_main(sys.argv[1:])
