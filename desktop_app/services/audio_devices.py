"""PortAudio and the device lists, without numpy: listing devices at start loads only sounddevice.

`import sounddevice` happens on first use: it costs ~0.1 s, initialises PortAudio (which lists the
devices once) and raises OSError on Linux when libportaudio2 is missing. Recording and playback
(services/audio_io.py, which needs numpy) load only when a person records or listens.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from desktop_app.core.i18n import trans_late

# The user's words are English templates translated where they are shown (core/i18n.py).
PORTAUDIO_HINT = trans_late(
    "Audio", "PortAudio is not installed. Install it with: sudo apt-get install libportaudio2 — then restart the app."
)

NO_INPUT = trans_late("Audio", "No microphone was found. Connect one (or check the system's sound settings), then try again.")
NO_OUTPUT = trans_late(
    "Audio", "No speakers or headphones were found. Connect some (or check the system's sound settings), then try again."
)

_portaudio_error: str | None = None  # PortAudio cannot appear while the app runs: remember its absence
_open_streams = 0  # PortAudio can only re-enumerate devices while no stream is open
open_streams_lock = threading.RLock()  # also held while a stream opens: no re-enumeration under it


class AudioUnavailable(Exception):
    """Sound cannot be recorded or played; str(e) is the message for the user."""


@dataclass(frozen=True)
class AudioDevice:
    """One microphone or output as PortAudio lists it."""

    name: str
    index: int
    samplerate: float
    channels: int
    is_default: bool


# ---- PortAudio and devices ---------------------------------------------------------------------


_import_lock = threading.Lock()


def load_sounddevice():
    """The sounddevice module, imported on first use; AudioUnavailable(PORTAUDIO_HINT) without PortAudio."""
    global _portaudio_error
    # One thread imports at a time: the microphone and the speakers load PortAudio together at
    # start, and a second importer could otherwise see the first one's half-loaded module.
    with _import_lock:
        if _portaudio_error is not None:
            raise AudioUnavailable(_portaudio_error)
        try:
            import sounddevice
        except OSError:  # "PortAudio library not found" (or a broken libportaudio)
            _portaudio_error = PORTAUDIO_HINT
            raise AudioUnavailable(PORTAUDIO_HINT) from None
        return sounddevice


def portaudio_problem() -> str | None:
    """None when PortAudio loads; else the install hint for the user. The first call takes ~0.1 s."""
    try:
        load_sounddevice()
    except AudioUnavailable as exc:
        return str(exc)
    return None


def refresh_devices() -> None:
    """List the devices anew (PortAudio enumerates them only when it starts).

    PortAudio can only restart while no stream is open, so this does nothing during a recording or
    playback; the list is then refreshed by the next call.
    """
    sd = load_sounddevice()
    with open_streams_lock:
        if _open_streams:
            return
        # sounddevice's documented way to re-enumerate (its FAQ): terminate and initialise PortAudio.
        sd._terminate()
        sd._initialize()


def list_devices(kind: str) -> list[AudioDevice]:
    sd = load_sounddevice()
    channels_key = f"max_{kind}_channels"
    try:
        with open_streams_lock:  # not while another thread re-enumerates
            devices = sd.query_devices()
            default_in, default_out = sd.default.device
    except sd.PortAudioError:
        return []
    default = default_in if kind == "input" else default_out
    try:
        # Windows lists each device once per host API (MME, DirectSound, WASAPI...): keep the default's.
        host_api = sd.default.hostapi
    except sd.PortAudioError:
        host_api = None
    found = []
    for info in devices:
        if info[channels_key] <= 0 or (host_api is not None and info["hostapi"] != host_api):
            continue
        found.append(
            AudioDevice(
                name=info["name"],
                index=info["index"],
                samplerate=float(info["default_samplerate"]),
                channels=int(info[channels_key]),
                is_default=info["index"] == default,
            )
        )
    return found


def input_devices() -> list[AudioDevice]:
    """The microphones (the system default flagged); [] when there are none. Raises AudioUnavailable
    only without PortAudio."""
    return list_devices("input")


def output_devices() -> list[AudioDevice]:
    """The outputs (the system default flagged); [] when there are none."""
    return list_devices("output")


def choose(kind: str, name: str) -> AudioDevice:
    """The device called `name`, or the default for "" (AudioUnavailable when there is none)."""
    devices = list_devices(kind)
    if not devices:
        raise AudioUnavailable(NO_INPUT if kind == "input" else NO_OUTPUT)
    if not name:
        return next((d for d in devices if d.is_default), devices[0])
    for device in devices:
        if device.name == name:
            return device
    if kind == "input":
        text = trans_late("Audio", "The microphone “{name}” is not connected. Connect it, or choose another microphone in the voice settings.")
    else:
        text = trans_late("Audio", "The output “{name}” is not connected. Connect it, or choose another output in the voice settings.")
    raise AudioUnavailable(text.format(name=name))


def count_stream(delta: int) -> None:
    """Note a stream opened (+1) or closed (-1): devices are re-listed only while none is open."""
    global _open_streams
    with open_streams_lock:
        _open_streams += delta
