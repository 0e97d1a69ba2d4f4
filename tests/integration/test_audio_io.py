"""Microphone and speakers on real (virtual) devices: a private PulseAudio daemon started once per
session by tests/conftest.py. Sound is played into the virtual microphone and recorded from the
virtual speaker's monitor; nothing is mocked.

A sweep (its pitch rises steadily) serves to check pause and seek: the pitch heard tells which
moment of the clip is playing. Waveforms are compared window by window (`heard_windows`): on a busy
test machine PortAudio may drop one buffer, which shifts the rest of a recording by a few
milliseconds; each 250 ms stretch of the clip must still be found in what was heard.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from desktop_app.services import audio_codec, audio_io
from desktop_app.services.audio_io import AudioUnavailable, Player, Recorder
from tests.fakes.virtual_audio import best_alignment, resample_linear

pytestmark = pytest.mark.usefixtures("virtual_audio")

REPO = Path(__file__).resolve().parents[2]
SENTENCE = "Hello, can you hear me?"
RATE = 48000
SWEEP_S, SWEEP_FROM, SWEEP_TO = 3.0, 300.0, 1800.0
AFTER_PLAYBACK_S = 0.4  # output buffering (0.1 s) and the daemon's own, before the capture stops


# ---- helpers -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def speech(virtual_audio) -> tuple[np.ndarray, int]:
    """A spoken sentence from espeak-ng (22050 Hz float32, ~1.7 s)."""
    return virtual_audio.speech(SENTENCE)


def sweep(seconds: float = SWEEP_S, rate: int = RATE) -> np.ndarray:
    """A tone whose pitch rises linearly from SWEEP_FROM to SWEEP_TO: the pitch tells the position."""
    t = np.arange(int(seconds * rate)) / rate
    slope = (SWEEP_TO - SWEEP_FROM) / seconds
    return (0.5 * np.sin(2 * np.pi * (SWEEP_FROM * t + slope * t * t / 2))).astype(np.float32)


def clip_positions(heard: np.ndarray, rate: int, window_s: float = 0.05) -> list[float | None]:
    """For each 50 ms of the recording: which second of the sweep was heard (None: silence)."""
    size = int(rate * window_s)
    positions = []
    for start in range(0, len(heard) - size + 1, size):
        window = heard[start : start + size]
        if np.sqrt(np.mean(window**2)) < 0.05:
            positions.append(None)
            continue
        spectrum = np.abs(np.fft.rfft(window * np.hanning(size), 16384))
        pitch = np.argmax(spectrum) * rate / 16384
        positions.append((pitch - SWEEP_FROM) / (SWEEP_TO - SWEEP_FROM) * SWEEP_S)
    return positions


def sounding_s(positions: list[float | None], window_s: float = 0.05) -> float:
    return sum(window_s for p in positions if p is not None)


def longest_gap_s(positions: list[float | None], window_s: float = 0.05) -> float:
    """The longest silence between the first and the last sound."""
    sounding = [i for i, p in enumerate(positions) if p is not None]
    longest = run = 0
    for p in positions[sounding[0] : sounding[-1] + 1]:
        run = run + 1 if p is None else 0
        longest = max(longest, run)
    return longest * window_s


def heard_windows(reference: np.ndarray, heard: np.ndarray, rate: int, window_s: float = 0.1) -> list[float]:
    """The best correlation of each sounding 100 ms stretch of `reference` anywhere in `heard`.

    Short stretches: one output underrun on a busy 2-core machine (a click of a few ms) spoils only
    the stretch it falls in, not a sixth of a short clip, while a clip that is not heard still fails.
    """
    size = int(rate * window_s)
    scores = []
    for start in range(0, len(reference) - size + 1, size):
        window = reference[start : start + size]
        if np.sqrt(np.mean(window**2)) > 0.02:
            scores.append(best_alignment(window, heard)[0])
    return scores


def assert_heard(reference: np.ndarray, heard: np.ndarray, rate: int) -> float:
    """The reference is in the recording: nearly every stretch of it, with the same waveform."""
    scores = heard_windows(reference, heard, rate)
    matched = sum(score > 0.9 for score in scores) / len(scores)
    assert matched >= 0.85, f"only {matched:.0%} of the clip was heard: {np.round(scores, 2).tolist()}"
    return best_alignment(reference, heard)[0]


def sound_span_s(samples: np.ndarray, rate: int, threshold: float = 0.02) -> float:
    """Seconds from the first to the last sample louder than `threshold`."""
    loud = np.flatnonzero(np.abs(samples) > threshold)
    return (loud[-1] - loud[0]) / rate if len(loud) else 0.0


class Finished:
    """Catches Player.on_finished (called on PortAudio's thread)."""

    def __init__(self, player: Player) -> None:
        self.event = threading.Event()
        self.calls = 0
        player.on_finished = self

    def __call__(self) -> None:
        self.calls += 1
        self.event.set()

    def wait(self, timeout: float = 15) -> None:
        assert self.event.wait(timeout), "the player never said it had finished"


@pytest.fixture
def player():
    """A player on the default output, closed after the test."""
    p = Player()
    yield p
    p.close()


def play_and_hear(virtual_audio, player: Player, during=None) -> tuple[np.ndarray, int]:
    """Play the loaded clip to its end while recording the speaker; returns what was heard."""
    finished = Finished(player)
    capture = virtual_audio.capture_speaker(RATE)
    player.play()
    if during is not None:
        during()
    finished.wait()
    time.sleep(AFTER_PLAYBACK_S)
    return capture.stop()


# ---- devices -----------------------------------------------------------------------------------


def test_the_virtual_devices_are_listed_with_the_system_default_flagged():
    inputs, outputs = audio_io.input_devices(), audio_io.output_devices()
    assert inputs and outputs
    assert sum(d.is_default for d in inputs) == 1 and sum(d.is_default for d in outputs) == 1
    assert all(d.samplerate > 0 and d.channels > 0 for d in inputs + outputs)
    assert audio_io.portaudio_problem() is None


# ---- recording ---------------------------------------------------------------------------------


def test_recorder_records_the_speech_played_into_the_microphone(virtual_audio, speech):
    samples, rate = speech
    recorder = Recorder()
    levels: list[tuple[float, float]] = []
    metering = threading.Event()

    def meter() -> None:  # what the level meter would show, polled like a GUI timer does
        while not metering.is_set():
            levels.append((time.monotonic(), recorder.level()))
            time.sleep(0.02)

    recorder.start()
    started = time.monotonic()
    meter_thread = threading.Thread(target=meter)
    meter_thread.start()
    time.sleep(0.3)
    quiet_until = time.monotonic()
    virtual_audio.play_into_mic(samples, rate)
    time.sleep(0.3)
    elapsed = recorder.elapsed_s
    stopped = time.monotonic()
    recording = recorder.stop()
    metering.set()
    meter_thread.join()

    assert recorder.problem is None
    assert recording.samples.dtype == np.float32 and recording.samples.ndim == 1
    assert recording.samplerate == int(audio_io.input_devices()[0].samplerate)
    # Real time in, real time out: as long as the microphone was open, the speech as long as spoken.
    assert abs(recording.duration_s - (stopped - started)) < 0.1
    assert abs(elapsed - recording.duration_s) < 0.1
    assert abs(sound_span_s(recording.samples, recording.samplerate) - sound_span_s(samples, rate)) < 0.1
    reference = resample_linear(samples, rate, recording.samplerate)
    correlation = assert_heard(reference, recording.samples, recording.samplerate)
    assert not audio_codec.is_silent(recording.samples, recording.samplerate)
    # The meter moved while the words were spoken and stayed down before.
    assert max(level for at, level in levels if at > quiet_until) > 0.2
    assert max(level for at, level in levels if at < quiet_until - 0.1) < 0.01
    print(f"recorded {recording.duration_s:.2f} s, correlation with the speech {correlation:.3f}")


def test_a_silent_microphone_gives_a_silent_recording():
    recorder = Recorder()
    recorder.start()
    time.sleep(1.0)
    level = recorder.level()
    recording = recorder.stop()
    assert level == 0.0
    assert recording.duration_s == pytest.approx(1.0, abs=0.15)
    assert audio_codec.is_silent(recording.samples, recording.samplerate)
    assert recorder.problem is None


def test_cancel_throws_the_recording_away_and_frees_the_microphone(virtual_audio, speech):
    recorder = Recorder()
    recorder.start()
    time.sleep(0.3)
    recorder.cancel()
    assert recorder.level() == 0.0
    assert recorder.stop().duration_s == 0.0
    again = Recorder()
    again.start()  # the device is free again
    time.sleep(0.3)
    assert again.stop().duration_s > 0.2


def test_the_microphone_vanishing_mid_recording_keeps_what_was_recorded(virtual_audio, speech):
    samples, rate = speech
    recorder = Recorder()
    recorder.start()
    try:
        time.sleep(0.2)
        virtual_audio.play_into_mic(samples, rate)
        time.sleep(0.2)
        virtual_audio.unload_mic()
        deadline = time.monotonic() + 5
        while recorder.problem is None and time.monotonic() < deadline:
            time.sleep(0.05)
        problem = recorder.problem
        recording = recorder.stop()
    finally:
        virtual_audio.reload_mic()
    assert problem is not None and "kept" in problem
    assert recorder.problem == problem  # still explained after stop()
    assert_heard(resample_linear(samples, rate, recording.samplerate), recording.samples, recording.samplerate)
    assert not audio_codec.is_silent(recording.samples, recording.samplerate)
    # Plugged back in: the next recording works.
    again = Recorder()
    again.start()
    time.sleep(0.3)
    assert again.stop().duration_s > 0.2 and again.problem is None


def test_a_microphone_that_stops_sending_sound_is_noticed_and_stop_does_not_hang(virtual_audio, speech):
    """A suspended source delivers nothing: PortAudio's stop() would then wait ~20 s."""
    samples, rate = speech
    recorder = Recorder()
    recorder.start()
    try:
        time.sleep(0.2)
        virtual_audio.play_into_mic(samples, rate)
        virtual_audio.pactl("suspend-source", "virtual_mic", "1")
        deadline = time.monotonic() + 5
        while recorder.problem is None and time.monotonic() < deadline:
            time.sleep(0.05)
        problem = recorder.problem
        asked = time.monotonic()
        recording = recorder.stop()
        took = time.monotonic() - asked
    finally:
        virtual_audio.pactl("suspend-source", "virtual_mic", "0")
    assert problem is not None and "stopped sending sound" in problem and "kept" in problem
    assert took < 2
    assert_heard(resample_linear(samples, rate, recording.samplerate), recording.samples, recording.samplerate)
    # The same recorder can take again once the microphone is back.
    recorder.start()
    time.sleep(0.3)
    assert recorder.stop().duration_s > 0.2 and recorder.problem is None


def test_a_microphone_that_is_not_connected_is_named(virtual_audio):
    recorder = Recorder("USB Headset that is not plugged in")
    with pytest.raises(AudioUnavailable) as caught:
        recorder.start()
    assert "USB Headset that is not plugged in" in str(caught.value)
    assert "not connected" in str(caught.value)
    named = Recorder(audio_io.input_devices()[0].name)
    named.start()
    time.sleep(0.2)
    assert named.stop().duration_s > 0.1


# ---- playback ----------------------------------------------------------------------------------


def test_player_plays_a_decoded_mp3_and_the_speaker_hears_it(virtual_audio, speech, player):
    samples, rate = speech
    clip, clip_rate = audio_codec.decode(audio_codec.encode_mp3(samples, rate))
    player.load(clip, clip_rate)
    assert player.state == "stopped" and player.duration_s == pytest.approx(len(clip) / clip_rate)
    heard, heard_rate = play_and_hear(virtual_audio, player)
    correlation = assert_heard(resample_linear(clip, clip_rate, heard_rate), heard, heard_rate)
    assert abs(sound_span_s(heard, heard_rate) - sound_span_s(clip, clip_rate)) < 0.1
    assert player.state == "stopped" and player.position_s == 0.0 and player.problem is None
    assert player.first_sound_at is not None
    print(f"mp3 heard through the speaker: correlation {correlation:.4f}")


def test_live_playback_speaks_pcm16_fed_from_another_thread(virtual_audio, speech, player, capsys):
    samples, rate = speech
    reply = audio_codec.resample(samples, rate, 24000)
    pcm = (np.clip(reply, -1, 1) * 32767).astype("<i2").tobytes()
    finished = Finished(player)
    capture = virtual_audio.capture_speaker(RATE)
    player.start_live(24000)
    fed_at: list[float] = []

    def reply_thread() -> None:  # chunks as a server streams them: odd sizes, faster than real time
        sizes = [4801, 3333, 9600, 1, 4800]
        offset, i = 0, 0
        while offset < len(pcm):
            chunk = pcm[offset : offset + sizes[i % len(sizes)]]
            if not fed_at:
                fed_at.append(time.monotonic())
            player.feed(chunk)
            offset += len(chunk)
            i += 1
            time.sleep(0.01)
        player.end_live()

    feeder = threading.Thread(target=reply_thread)
    feeder.start()
    feeder.join()
    finished.wait()
    time.sleep(AFTER_PLAYBACK_S)
    heard, heard_rate = capture.stop()

    latency_ms = (player.first_sound_at - fed_at[0]) * 1000
    with capsys.disabled():
        print(f"\n[measure] live playback, first feed() -> first sound to the device: {latency_ms:.1f} ms "
              f"(PortAudio output latency {player.output_latency_s * 1000:.0f} ms)")
    assert player.duration_s == pytest.approx(len(reply) / 24000, abs=0.001)
    heard_24k = audio_codec.resample(heard, heard_rate, 24000)
    assert_heard(reply, heard_24k, 24000)
    assert abs(sound_span_s(heard, heard_rate) - sound_span_s(reply, 24000)) < 0.1
    assert finished.calls == 1 and player.state == "stopped" and player.problem is None


def test_a_live_stream_that_runs_dry_waits_in_silence_and_goes_on(virtual_audio, speech, player):
    samples, rate = speech
    reply = audio_codec.resample(samples, rate, 24000)
    pcm = (np.clip(reply, -1, 1) * 32767).astype("<i2").tobytes()
    half = len(pcm) // 4 * 2
    finished = Finished(player)
    capture = virtual_audio.capture_speaker(RATE)
    player.start_live(24000)
    player.feed(pcm[:half])
    time.sleep(len(reply) / 24000 / 2 + 0.6)  # the first half is played, then 0.6 s of nothing arrives
    assert player.state == "playing" and player.problem is None and not finished.event.is_set()
    player.feed(pcm[half:])
    player.end_live()
    finished.wait()
    time.sleep(AFTER_PLAYBACK_S)
    heard, heard_rate = capture.stop()
    heard_24k = audio_codec.resample(heard, heard_rate, 24000)
    # Every word of both halves, none lost to the wait between them.
    assert_heard(reply[: half // 2], heard_24k, 24000)
    assert_heard(reply[half // 2 :], heard_24k, 24000)
    assert sound_span_s(heard, heard_rate) > sound_span_s(reply, 24000) + 0.4  # with the wait in it


def test_pause_holds_the_place_and_play_goes_on_from_it(virtual_audio, player):
    player.load(sweep(), RATE)
    held: dict[str, float] = {}

    def pause_for_a_second() -> None:
        time.sleep(0.8)
        player.pause()
        held["at"] = player.position_s
        time.sleep(1.0)
        held["after"] = player.position_s
        held["state"] = player.state
        player.play()

    heard, rate = play_and_hear(virtual_audio, player, during=pause_for_a_second)
    positions = clip_positions(heard, rate)
    assert held["state"] == "paused" and held["after"] == held["at"]
    assert 0.8 < longest_gap_s(positions) < 1.3  # the pause is heard as a silence
    # Before and after the silence: the same moment of the clip (it went on, it did not restart).
    sounding = [i for i, p in enumerate(positions) if p is not None]
    gap_start = next(i for i in range(sounding[0], len(positions)) if positions[i] is None)
    gap_end = next(i for i in range(gap_start, len(positions)) if positions[i] is not None)
    before, after = positions[gap_start - 2], positions[gap_end + 1]
    assert abs(after - before) < 0.25
    assert abs(before - held["at"]) < 0.3
    assert sounding_s(positions) == pytest.approx(SWEEP_S, abs=0.25)  # all of it, once


def test_seek_skips_what_is_in_between(virtual_audio, player):
    player.load(sweep(), RATE)

    def jump() -> None:
        time.sleep(0.5)
        player.seek(2.2)

    heard, rate = play_and_hear(virtual_audio, player, during=jump)
    positions = [p for p in clip_positions(heard, rate) if p is not None]
    assert positions[0] < 0.2 and positions[-1] > SWEEP_S - 0.2  # from the start to the end
    assert not [p for p in positions if 1.0 < p < 2.1]  # the part skipped is not heard
    assert sum(0.05 for _ in positions) == pytest.approx(0.5 + (SWEEP_S - 2.2), abs=0.3)


def test_seek_while_stopped_starts_there(virtual_audio, player):
    player.load(sweep(), RATE)
    player.seek(2.0)
    assert player.position_s == pytest.approx(2.0)
    heard, rate = play_and_hear(virtual_audio, player)
    positions = [p for p in clip_positions(heard, rate) if p is not None]
    assert positions[0] == pytest.approx(2.0, abs=0.2)
    assert sum(0.05 for _ in positions) == pytest.approx(SWEEP_S - 2.0, abs=0.25)


def test_volume_changes_how_loud_it_is_heard(virtual_audio):
    t = np.arange(RATE * 3) / RATE
    steady = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    player = Player(volume=0.8)
    try:
        player.load(steady, RATE)

        def turn_down() -> None:
            time.sleep(1.0)
            player.set_volume(0.2)
            time.sleep(1.0)
            player.set_volume(0.0)

        heard, rate = play_and_hear(virtual_audio, player, during=turn_down)
    finally:
        player.close()
    size = int(rate * 0.05)
    rms = np.array([np.sqrt(np.mean(heard[i : i + size] ** 2)) for i in range(0, len(heard) - size, size)])
    start = int(np.argmax(rms > 0.01))
    loud = np.median(rms[start + 4 : start + 14])  # 0.2..0.7 s into the clip
    quiet = np.median(rms[start + 26 : start + 36])  # 1.3..1.8 s
    muted = np.median(rms[start + 46 : start + 56])  # 2.3..2.8 s
    assert loud == pytest.approx(0.8 * 0.5 / np.sqrt(2), rel=0.1)
    assert quiet / loud == pytest.approx(0.25, rel=0.15)
    assert muted < 0.001


def test_play_after_the_end_plays_again_from_the_start(virtual_audio, speech, player):
    samples, rate = speech
    player.load(samples[: rate], rate)  # one second
    play_and_hear(virtual_audio, player)
    assert player.state == "stopped"
    heard, heard_rate = play_and_hear(virtual_audio, player)  # a second time: heard again
    assert_heard(resample_linear(samples[:rate], rate, heard_rate), heard, heard_rate)


def test_stop_silences_at_once_and_rewinds(virtual_audio, player):
    player.load(sweep(), RATE)
    finished = Finished(player)
    capture = virtual_audio.capture_speaker(RATE)
    player.play()
    time.sleep(1.0)
    player.stop()
    time.sleep(1.0)
    heard, rate = capture.stop()
    assert player.state == "stopped" and player.position_s == 0.0
    assert not finished.event.is_set()  # stopped by the user: not "finished"
    positions = clip_positions(heard, rate)
    assert sounding_s(positions) == pytest.approx(1.0, abs=0.25)
    assert max(p for p in positions if p is not None) < 1.4


# ---- no devices, no PortAudio ------------------------------------------------------------------


def test_no_sound_server_means_no_devices_and_clear_messages(virtual_audio):
    """PULSE_SERVER pointed at nothing, as on a machine without sound: PortAudio lists no device."""
    saved = os.environ["PULSE_SERVER"]
    os.environ["PULSE_SERVER"] = "unix:/nonexistent/pulse/native"
    try:
        audio_io.refresh_devices()
        assert audio_io.input_devices() == [] and audio_io.output_devices() == []
        with pytest.raises(AudioUnavailable) as no_mic:
            Recorder().start()
        assert str(no_mic.value).startswith("No microphone was found.")
        player = Player()
        player.load(sweep(0.5), RATE)
        with pytest.raises(AudioUnavailable) as no_output:
            player.play()
        assert str(no_output.value).startswith("No speakers or headphones were found.")
        assert player.problem == str(no_output.value) and player.state == "stopped"
        player.close()
    finally:
        os.environ["PULSE_SERVER"] = saved
        audio_io.refresh_devices()
    assert audio_io.input_devices() and audio_io.output_devices()  # back once the server is


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_portaudio_every_entry_point_gives_the_install_hint():
    """Simulated in a fresh interpreter: ctypes.util.find_library finds no 'portaudio', so
    sounddevice's own import fails with "OSError: PortAudio library not found", as on a Linux
    machine without libportaudio2."""
    result = run_python(
        """
        import ctypes.util, json, sys
        find_library = ctypes.util.find_library
        ctypes.util.find_library = lambda name: None if "portaudio" in name else find_library(name)
        try:
            import sounddevice
        except OSError as exc:
            import_error = str(exc)
        from desktop_app.services import audio_io
        found = {"import_error": import_error, "problem": audio_io.portaudio_problem()}
        for name, call in (
            ("record", lambda: audio_io.Recorder().start()),
            ("devices", audio_io.input_devices),
            ("play", lambda: audio_io.Player().start_live(24000)),
        ):
            try:
                call()
                found[name] = None
            except audio_io.AudioUnavailable as exc:
                found[name] = str(exc)
        print(json.dumps(found))
        """
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["import_error"] == "PortAudio library not found"  # the real failure path ran
    hint = "PortAudio is not installed. Install it with: sudo apt-get install libportaudio2 — then restart the app."
    assert found["problem"] == hint
    assert found["record"] == found["devices"] == found["play"] == hint


def test_importing_the_audio_services_does_not_load_portaudio():
    """sounddevice (PortAudio) loads on first use, not when the app starts."""
    result = run_python(
        """
        import sys
        from desktop_app.services import audio_codec, audio_io
        print("sounddevice" in sys.modules, "soundfile" in sys.modules)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_the_device_lists_come_from_a_helper_process_as_portaudio_gives_them(virtual_audio):
    """Before a person records or listens, the lists come from a helper process (PortAudio's 18 MB
    stay out of the app); they are the same devices the app's own PortAudio lists."""
    from desktop_app.services import audio_devices, device_lister

    answer = device_lister.list_in_helper()
    assert answer is not None and answer["problem"] is None
    audio_devices.refresh_devices()
    for kind in ("input", "output"):
        here = audio_devices.list_devices(kind)
        assert here, f"the virtual {kind} device is listed"
        assert [(d.name, d.is_default, d.channels) for d in answer[kind]] == [
            (d.name, d.is_default, d.channels) for d in here
        ]
