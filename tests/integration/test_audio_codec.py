"""Audio bytes and back with the real libsndfile: WAV/MP3 round trips, the WAV sent to the API, the
silence check and the length limit, on speech synthesised by espeak-ng."""

from __future__ import annotations

import io
import statistics
import time

import numpy as np
import pytest
import soundfile

from desktop_app.services import audio_codec
from desktop_app.services.audio_codec import Recording, UndecodableAudio
from tests.fakes.virtual_audio import best_alignment

SENTENCE = "The quick brown fox jumps over the lazy dog."


@pytest.fixture(scope="module")
def speech(virtual_audio) -> tuple[np.ndarray, int]:
    """A spoken sentence from espeak-ng (22050 Hz float32)."""
    return virtual_audio.speech(SENTENCE)


def tone(freq: float, seconds: float, rate: int, level: float = 0.5) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (level * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def amplitude_at(samples: np.ndarray, rate: int, freq: float) -> float:
    """The amplitude of one sine component (0.5 for tone(freq, level=0.5))."""
    spectrum = np.abs(np.fft.rfft(samples)) * 2 / len(samples)
    return float(spectrum[int(round(freq * len(samples) / rate))])


# ---- WAV and MP3 -------------------------------------------------------------------------------


def test_wav_round_trip_keeps_the_samples_and_the_rate(speech):
    samples, rate = speech
    data = audio_codec.encode_wav(samples, rate)
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    info = soundfile.info(io.BytesIO(data))
    assert (info.samplerate, info.channels, info.subtype) == (rate, 1, "PCM_16")
    decoded, decoded_rate = audio_codec.decode(data)
    assert decoded_rate == rate and decoded.dtype == np.float32
    assert len(decoded) == len(samples)
    assert np.max(np.abs(decoded - samples)) < 2 / 32768  # 16-bit quantisation, nothing else


def test_mp3_round_trip_sounds_the_same_and_lasts_as_long(speech):
    samples, rate = speech
    data = audio_codec.encode_mp3(samples, rate)
    assert data[:3] == b"ID3" or data[0] == 0xFF  # an MP3 stream (tag or frame sync)
    assert len(data) < len(samples) * 2 / 4  # much smaller than 16-bit PCM
    decoded, decoded_rate = audio_codec.decode(data)
    assert decoded_rate == rate
    assert abs(len(decoded) / decoded_rate - len(samples) / rate) < 0.1  # encoder padding only
    correlation, _offset = best_alignment(samples, decoded)
    assert correlation > 0.9


def test_a_spoken_reply_in_pcm16_saves_as_an_mp3(speech):
    samples, rate = speech
    reply = audio_codec.resample(samples, rate, 24000)
    pcm = (np.clip(reply, -1, 1) * 32767).astype("<i2").tobytes()
    as_samples = audio_codec.pcm16_to_samples(pcm)
    assert np.max(np.abs(as_samples - reply)) < 2 / 32768
    decoded, decoded_rate = audio_codec.decode(audio_codec.encode_mp3(as_samples, 24000))
    assert decoded_rate == 24000
    assert best_alignment(as_samples, decoded)[0] > 0.9


def test_mp3_encodes_rates_mp3_cannot_carry():
    decoded, decoded_rate = audio_codec.decode(audio_codec.encode_mp3(tone(440, 1.0, 96000), 96000))
    assert decoded_rate == 48000
    assert abs(len(decoded) / decoded_rate - 1.0) < 0.1
    assert amplitude_at(decoded[:48000], 48000, 440) > 0.3


def test_pcm16_bytes_become_samples_and_half_a_sample_is_ignored():
    pcm = np.array([0, 16384, -32768, 32767], "<i2").tobytes()
    assert audio_codec.pcm16_to_samples(pcm).tolist() == pytest.approx([0.0, 0.5, -1.0, 32767 / 32768])
    assert len(audio_codec.pcm16_to_samples(pcm + b"\x01")) == 4
    assert len(audio_codec.pcm16_to_samples(b"")) == 0


def test_stereo_files_decode_to_mono():
    left, right = tone(440, 0.5, 16000), tone(440, 0.5, 16000, level=0.1)
    out = io.BytesIO()
    soundfile.write(out, np.stack([left, right], axis=1), 16000, format="WAV", subtype="FLOAT")
    decoded, rate = audio_codec.decode(out.getvalue())
    assert rate == 16000 and decoded.ndim == 1
    assert amplitude_at(decoded, rate, 440) == pytest.approx(0.3, abs=0.01)


def test_bytes_that_are_not_audio_say_so():
    with pytest.raises(UndecodableAudio) as caught:
        audio_codec.decode(b"<html>Not Found</html>")
    assert "could not be read" in str(caught.value)


# ---- what is sent to the API -------------------------------------------------------------------


def test_for_api_sends_10_s_of_48_khz_speech_as_16_khz_16_bit_mono(speech, capsys):
    samples, rate = speech
    spoken = audio_codec.resample(samples, rate, 48000)
    ten_s = np.resize(spoken, 48000 * 10)  # the sentence repeated to 10 s
    recording = Recording(ten_s, 48000)
    timings = []
    for _ in range(7):
        started = time.perf_counter()
        data = audio_codec.for_api(recording)
        timings.append((time.perf_counter() - started) * 1000)
    with capsys.disabled():
        print(f"\n[measure] for_api of 10 s of 48 kHz speech: median {statistics.median(timings):.1f} ms "
              f"(min {min(timings):.1f}, max {max(timings):.1f}); {len(data)} bytes")
    info = soundfile.info(io.BytesIO(data))
    assert (info.samplerate, info.channels, info.subtype, info.format) == (16000, 1, "PCM_16", "WAV")
    assert len(data) == 44 + 10 * 16000 * 2 == audio_codec.api_wav_size(10.0, 48000)
    sent, sent_rate = audio_codec.decode(data)
    assert abs(len(sent) / sent_rate - 10.0) < 0.001
    # The same speech, with nothing above 8 kHz folded into it.
    reference = audio_codec.resample(samples, rate, 16000)
    assert best_alignment(reference, sent)[0] > 0.95
    assert not audio_codec.is_silent(sent, sent_rate)


def test_for_api_keeps_a_recording_that_is_already_16_khz_or_lower(speech):
    samples, rate = speech
    narrow = audio_codec.resample(samples, rate, 8000)
    data = audio_codec.for_api(Recording(narrow, 8000))
    decoded, decoded_rate = audio_codec.decode(data)
    assert decoded_rate == 8000 and len(decoded) == len(narrow)


def test_downsampling_keeps_the_voice_band_and_drops_hiss_above_it():
    rate = 48000
    voice, hiss = tone(1000, 1.0, rate), tone(12000, 1.0, rate)
    kept = audio_codec.resample(voice, rate, 16000)
    folded = audio_codec.resample(hiss, rate, 16000)
    assert amplitude_at(kept, 16000, 1000) == pytest.approx(0.5, abs=0.02)
    # Plain decimation would fold 12 kHz onto 4 kHz at full strength.
    assert amplitude_at(folded, 16000, 4000) < 0.005
    assert audio_codec.is_silent(folded, 16000)


def test_44_1_khz_and_22_05_khz_recordings_resample_to_16_khz_with_the_right_length(speech):
    samples, rate = speech
    for source_rate in (44100, 22050, 24000):
        source = audio_codec.resample(samples, rate, source_rate)
        sent, sent_rate = audio_codec.decode(audio_codec.for_api(Recording(source, source_rate)))
        assert sent_rate == 16000
        assert abs(len(sent) / 16000 - len(source) / source_rate) < 0.001
        assert best_alignment(audio_codec.resample(samples, rate, 16000), sent)[0] > 0.95


# ---- silence -----------------------------------------------------------------------------------


def test_speech_is_not_silent_even_quietly(speech):
    samples, rate = speech
    assert not audio_codec.is_silent(samples, rate)
    assert not audio_codec.is_silent(samples * 0.05, rate)  # 26 dB quieter: a distant speaker


def test_silence_room_noise_and_a_click_are_silent():
    rate = 48000
    assert audio_codec.is_silent(np.zeros(rate * 2, np.float32), rate)
    noise = np.random.default_rng(1).normal(0, 10 ** (-60 / 20), rate * 2).astype(np.float32)  # -60 dBFS
    assert audio_codec.is_silent(noise, rate)
    click = np.zeros(rate * 2, np.float32)
    click[rate : rate + 48] = 0.9  # 1 ms bump
    assert audio_codec.is_silent(click, rate)
    offset = np.full(rate * 2, 0.2, np.float32)  # a microphone's DC offset is not sound
    assert audio_codec.is_silent(offset, rate)
    assert audio_codec.is_silent(np.zeros(0, np.float32), rate)


# ---- the length limit --------------------------------------------------------------------------


def test_a_recording_under_the_upload_limit_passes():
    rate = 48000
    assert audio_codec.too_long_problem(np.zeros(rate * 60 * 13, np.float32), rate, "wav") is None


def test_a_recording_over_the_limit_is_refused_with_the_limit_in_minutes_and_mb():
    rate = 48000
    problem = audio_codec.too_long_problem(np.zeros(rate * 60 * 14, np.float32), rate, "wav")
    assert problem is not None
    assert "14 min" in problem  # how long it is
    assert "13 min 39 s" in problem and "25 MB" in problem  # the limit, for the WAV that is sent


def test_the_mp3_limit_is_longer_than_the_wav_limit():
    rate = 24000
    fourteen_min = np.zeros(rate * 60 * 14, np.float32)
    assert audio_codec.too_long_problem(fourteen_min, rate, "mp3") is None
    problem = audio_codec.too_long_problem(np.zeros(rate * 60 * 30, np.float32), rate, "mp3")
    assert "27 min 18 s" in problem and "25 MB" in problem and "MP3" in problem


def test_the_limit_matches_the_bytes_for_api_really_sends(speech):
    samples, rate = speech
    recording = Recording(audio_codec.resample(samples, rate, 48000), 48000)
    size = len(audio_codec.for_api(recording))
    assert size == audio_codec.api_wav_size(recording.duration_s, 48000)
    assert audio_codec.too_long_problem(recording.samples, 48000, "wav", max_bytes=size) is None
    problem = audio_codec.too_long_problem(recording.samples, 48000, "wav", max_bytes=size - 1)
    assert problem is not None and "too long" in problem
