"""Audio as bytes and back: WAV/MP3 encoding and decoding, resampling, silence and size checks (no Qt).

Samples are float32 mono numpy arrays in -1..1 everywhere in the app. soundfile (libsndfile, bundled
in its wheel) reads and writes MP3 and WAV; the WAV sent to the API is written here directly, which
is ten times faster than going through libsndfile for this one fixed format.
"""

from __future__ import annotations

import io
import math
import struct
from dataclasses import dataclass

import numpy as np

from desktop_app.core.i18n import trans_late

__all__ = [
    "API_SAMPLERATE",
    "MAX_UPLOAD_BYTES",
    "MP3_BYTES_PER_S_BOUND",
    "NOISE_FLOOR_DBFS",
    "Recording",
    "UndecodableAudio",
    "api_wav_size",
    "decode",
    "encode_mp3",
    "encode_wav",
    "for_api",
    "is_silent",
    "pcm16_to_samples",
    "resample",
    "too_long_problem",
]

#: The API's upload limit (transcriptions; applied to input_audio too), in bytes of the encoded file.
MAX_UPLOAD_BYTES = 25 * 1024 * 1024
#: The rate recordings are sent at: what speech recognisers work at, and 3x smaller than 48 kHz.
API_SAMPLERATE = 16_000
#: A frame quieter than this (RMS, dB below full scale) is background noise, not a voice. A quiet
#: room through a laptop microphone measures about -60..-50 dBFS; speech at arm's length -35..-15.
NOISE_FLOOR_DBFS = -45.0
#: How much sound above the floor a recording needs to count as more than a click or a bump.
MIN_SOUND_S = 0.1
#: An upper bound of the MP3 bitrate encode_mp3 produces for mono speech (libsndfile's default VBR
#: preset measured 17-77 kbit/s, 8-48 kHz), used to state the length limit of an MP3 upload.
MP3_BYTES_PER_S_BOUND = 128_000 // 8

_MP3_RATES = (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000)
_FRAME_S = 0.02
_WAV_HEADER_BYTES = 44


class UndecodableAudio(ValueError):
    """The bytes are not audio libsndfile can read (str(e) says so in plain words)."""


@dataclass(frozen=True, eq=False)
class Recording:
    """What the microphone heard: float32 mono samples at the device's rate."""

    samples: np.ndarray
    samplerate: int

    @property
    def duration_s(self) -> float:
        """Length in seconds."""
        return len(self.samples) / self.samplerate if self.samplerate else 0.0


# ---- conversions -------------------------------------------------------------------------------


def _mono(samples) -> np.ndarray:
    """float32 mono from any array of samples (int16 is scaled, channels are averaged)."""
    array = np.asarray(samples)
    if array.dtype == np.int16:
        array = array.astype(np.float32) * (1.0 / 32768.0)
    array = array.astype(np.float32, copy=False)
    if array.ndim == 2:
        array = array.mean(axis=1, dtype=np.float32) if array.shape[1] > 1 else array[:, 0]
    return np.ascontiguousarray(array.reshape(-1))


def pcm16_to_samples(pcm: bytes) -> np.ndarray:
    """float32 samples from raw signed 16-bit little-endian mono bytes (a trailing odd byte is ignored)."""
    count = len(pcm) // 2
    return np.frombuffer(pcm, dtype="<i2", count=count).astype(np.float32) * np.float32(1.0 / 32768.0)


def samples_to_pcm16(samples: np.ndarray) -> bytes:
    """Raw signed 16-bit little-endian bytes from float samples in [-1, 1]."""
    return _to_pcm16(samples)


def _to_pcm16(samples: np.ndarray) -> bytes:
    scaled = np.clip(samples, -1.0, 1.0) * np.float32(32767.0)
    return np.rint(scaled).astype("<i2").tobytes()


def _wav(pcm16: bytes, samplerate: int) -> bytes:
    """A canonical 44-byte-header PCM WAV, mono 16-bit."""
    header = struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF", 36 + len(pcm16), b"WAVE",
        b"fmt ", 16, 1, 1, samplerate, samplerate * 2, 2, 16,
        b"data", len(pcm16),
    )
    return header + pcm16


def encode_wav(samples, samplerate: int) -> bytes:
    """A mono 16-bit WAV of the samples at their own rate."""
    return _wav(_to_pcm16(_mono(samples)), int(samplerate))


def encode_mp3(samples, samplerate: int) -> bytes:
    """A mono MP3 (libsndfile's default VBR quality); rates MP3 cannot carry are resampled first."""
    import soundfile

    mono = _mono(samples)
    rate = int(samplerate)
    if rate not in _MP3_RATES:
        target = next((r for r in _MP3_RATES if r >= rate), _MP3_RATES[-1])
        mono, rate = resample(mono, rate, target), target
    out = io.BytesIO()
    soundfile.write(out, mono, rate, format="MP3")
    return out.getvalue()


def decode(data: bytes) -> tuple[np.ndarray, int]:
    """(float32 mono samples, rate) from WAV, MP3, FLAC, OGG... bytes; raises UndecodableAudio."""
    import soundfile

    try:
        samples, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError, TypeError, ValueError) as exc:
        raise UndecodableAudio(trans_late("Audio", "The audio could not be read ({0}).").format(exc)) from exc
    return _mono(samples), int(rate)


# ---- resampling --------------------------------------------------------------------------------


def _lowpass(taps: int, cutoff: float) -> np.ndarray:
    """A Hamming-windowed sinc low-pass; `cutoff` as a fraction of the input rate."""
    n = np.arange(taps) - (taps - 1) / 2
    h = np.sinc(2 * cutoff * n) * np.hamming(taps)
    return (h / h.sum()).astype(np.float32)


def _filter_decimate(samples: np.ndarray, factor: int, cutoff: float) -> np.ndarray:
    """Low-pass, then keep every `factor`-th sample; computes only the samples kept (polyphase)."""
    taps = max(16, 8 * factor)
    h = _lowpass(taps, cutoff)
    half = taps // 2
    padded = np.concatenate([np.zeros(half, np.float32), samples, np.zeros(taps - half, np.float32)])
    count = -(-len(samples) // factor)
    out = np.zeros(count, np.float32)
    span = factor * (count - 1) + 1
    # One multiply-add per tap over a strided view: ~2 ms for 10 s of 48 kHz (np.convolve: ~10 ms).
    for j in range(taps):
        out += h[j] * padded[j : j + span : factor]
    return out


def _interpolate(samples: np.ndarray, step: float, count: int) -> np.ndarray:
    """Linear interpolation at 0, step, 2*step... (count points)."""
    if len(samples) == 0 or count <= 0:
        return np.zeros(max(count, 0), np.float32)
    positions = np.arange(count, dtype=np.float64) * step
    index = np.minimum(positions.astype(np.intp), len(samples) - 1)
    frac = (positions - index).astype(np.float32)
    following = np.minimum(index + 1, len(samples) - 1)
    return samples[index] + frac * (samples[following] - samples[index])


def resample(samples, samplerate: int, new_rate: int) -> np.ndarray:
    """float32 mono at `new_rate`. Downsampling low-passes below the new Nyquist first (no aliasing
    of hiss into the speech band); upsampling interpolates linearly."""
    mono = _mono(samples)
    rate, new_rate = int(samplerate), int(new_rate)
    if rate == new_rate or len(mono) == 0:
        return mono
    count = int(round(len(mono) * new_rate / rate))
    if new_rate > rate:
        return _interpolate(mono, rate / new_rate, count)
    factor = max(1, rate // new_rate)
    filtered = _filter_decimate(mono, factor, 0.47 * new_rate / rate)
    step = (rate / factor) / new_rate
    if abs(step - 1.0) < 1e-9:
        return filtered[:count]
    return _interpolate(filtered, step, count)


# ---- checks ------------------------------------------------------------------------------------


def is_silent(samples, samplerate: int) -> bool:
    """True when nothing rises above the noise floor: fewer than MIN_SOUND_S of 20 ms frames have an
    RMS over NOISE_FLOOR_DBFS (so a click, a bump or a hiss alone is still "silent")."""
    mono = _mono(samples)
    rate = int(samplerate)
    frame = max(1, int(rate * _FRAME_S))
    frames = len(mono) // frame
    if frames == 0:
        return True
    body = mono[: frames * frame]
    body = body - body.mean(dtype=np.float64).astype(np.float32)  # a microphone's DC offset is not sound
    rms = np.sqrt(np.mean(np.square(body.reshape(frames, frame), dtype=np.float32), axis=1))
    floor = 10 ** (NOISE_FLOOR_DBFS / 20)
    loud_frames = int(np.count_nonzero(rms > floor))
    return loud_frames * frame / rate < MIN_SOUND_S


def api_wav_size(duration_s: float, samplerate: int) -> int:
    """Bytes of the WAV for_api makes from a recording this long at this rate."""
    rate = min(int(samplerate), API_SAMPLERATE)
    return _WAV_HEADER_BYTES + 2 * int(round(duration_s * rate))


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    minutes, rest = divmod(seconds, 60)
    if minutes and rest:
        return f"{minutes} min {rest} s"
    return f"{minutes} min" if minutes else f"{rest} s"


def too_long_problem(samples, samplerate: int, fmt: str = "wav", max_bytes: int = MAX_UPLOAD_BYTES) -> str | None:
    """None if the recording fits the upload limit once encoded as `fmt`; else a sentence stating the
    limit in minutes and seconds and in MB. "wav" is the WAV for_api sends (16 kHz 16-bit mono);
    "mp3" uses MP3_BYTES_PER_S_BOUND."""
    rate = int(samplerate)
    duration = len(samples) / rate if rate else 0.0
    if fmt == "mp3":
        size = int(duration * MP3_BYTES_PER_S_BOUND)
        limit_s = max_bytes / MP3_BYTES_PER_S_BOUND
    else:
        size = api_wav_size(duration, rate)
        limit_s = (max_bytes - _WAV_HEADER_BYTES) / (2 * min(rate, API_SAMPLERATE))
    if size <= max_bytes:
        return None
    megabytes = max_bytes / (1024 * 1024)
    mb_text = f"{megabytes:.0f} MB" if megabytes == int(megabytes) else f"{megabytes:.1f} MB"
    return trans_late(
        "Audio", "This recording is {length} long, too long to send: the limit is {limit} ({size} as {format})."
    ).format(length=_clock(math.ceil(duration)), limit=_clock(limit_s), size=mb_text, format=fmt.upper())


def for_api(recording) -> bytes:
    """The WAV sent to the API (input_audio or transcription): 16 kHz 16-bit mono, or the
    recording's own rate when that is lower. ~3 ms for 10 s of 48 kHz audio."""
    rate = int(recording.samplerate)
    target = min(rate, API_SAMPLERATE)
    return _wav(_to_pcm16(resample(recording.samples, rate, target)), target)
