"""WAV files from raw 16-bit samples, with the standard library only."""

from __future__ import annotations

import io
import wave


def pcm16_wav(pcm: bytes, samplerate: int, channels: int = 1) -> bytes:
    """A WAV file holding signed 16-bit little-endian samples as they are (no re-encoding)."""
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(2)
        wav.setframerate(samplerate)
        wav.writeframes(pcm)
    return out.getvalue()
