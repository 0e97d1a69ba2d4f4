"""The audio device lists, taken by a short-lived helper process while PortAudio is not loaded here.

Loading PortAudio (sounddevice and the sound server's client libraries) adds ~18 MB to a process
and ~0.1 s of start-up work. The device lists are wanted as soon as the window shows; recording and
playback are not. So until a person records or listens, a helper process (`python -m
desktop_app.services.device_lister`, or the frozen app with --list-audio-devices) lists them and
exits. Once PortAudio is loaded in the app, the app's own PortAudio answers, as before.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
import time
from dataclasses import asdict

from desktop_app.services import audio_devices
from desktop_app.services.audio_devices import PORTAUDIO_HINT, AudioDevice
from desktop_app.services.helper_process import helper_command, helper_env

log = logging.getLogger(__name__)

CHILD_FLAG = "--list-audio-devices"
HELPER_TIMEOUT_S = 20.0
# The microphone and the speakers are listed together at start: one helper run answers both.
FRESH_S = 2.0

_lock = threading.Lock()
_last: tuple[float, dict] | None = None  # (when, the helper's answer)


def devices(kind: str, refresh: bool = False) -> tuple[str | None, list[AudioDevice]]:
    """(the PortAudio problem or None, the `kind` ("input" or "output") devices).

    `refresh`: look again (a device plugged in since). Blocks for the helper (~0.2 s): call it off
    the GUI thread. Raises AudioUnavailable only as audio_devices does.
    """
    if "sounddevice" not in sys.modules:  # PortAudio is not loaded here: do not load it for a list
        answer = _helper_answer(fresh_enough=not refresh)
        if answer is not None:
            return answer["problem"], answer[kind]
    problem = audio_devices.portaudio_problem()  # the first call loads PortAudio here (~0.1 s)
    if problem is not None:
        return problem, []
    if refresh:
        audio_devices.refresh_devices()
    return None, audio_devices.list_devices(kind)


def _helper_answer(fresh_enough: bool) -> dict | None:
    global _last
    with _lock:
        if fresh_enough and _last is not None and time.monotonic() - _last[0] < FRESH_S:
            return _last[1]
        answer = list_in_helper()
        _last = (time.monotonic(), answer) if answer is not None else None
        return answer


def list_in_helper() -> dict | None:
    """The helper's answer, {"problem": None or the PortAudio hint, "input": [...], "output": [...]},
    or None when it could not run."""
    try:
        done = subprocess.run(
            helper_command("desktop_app.services.device_lister", CHILD_FLAG),
            capture_output=True,
            text=True,
            env=helper_env(),
            timeout=HELPER_TIMEOUT_S,
        )
        raw = json.loads(done.stdout.strip().splitlines()[-1])
        answer = {kind: [AudioDevice(**device) for device in raw[kind]] for kind in ("input", "output")}
    except (OSError, subprocess.SubprocessError, ValueError, IndexError, KeyError, TypeError) as e:
        log.warning("the device listing process failed (%s): listing in the app", e)
        return None
    # The only problem the helper reports is PortAudio's absence: its translatable words, not English.
    answer["problem"] = PORTAUDIO_HINT if raw.get("problem") else None
    return answer


def serve() -> int:
    """The helper: print the device lists (or the PortAudio problem) as one JSON line."""
    problem = audio_devices.portaudio_problem()
    lists = {"input": [], "output": []}
    if problem is None:
        lists = {kind: [asdict(d) for d in audio_devices.list_devices(kind)] for kind in lists}
    sys.stdout.write(json.dumps({"problem": problem, **lists}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(serve())
