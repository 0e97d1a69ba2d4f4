"""Which sources the sound server (PulseAudio, or PipeWire's pulse server) records this process from.

PortAudio does not report it when the server moves a recording stream to another source (what a
desktop does when the microphone is unplugged or another one is chosen); the server's own list of
recording streams ("source outputs") does. Asked with ``pactl``; where there is none (Windows,
macOS, plain ALSA) or it is too old for JSON, the answer is None: nothing to compare.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

PACTL_TIMEOUT_S = 3.0


def recording_sources(pid: int | None = None) -> frozenset[int] | None:
    """The indexes of the sources that the recording streams of process `pid` (this one) read
    from now, or None when no sound server answers. Blocks ~0.1 s: not on the GUI thread."""
    pactl = shutil.which("pactl")
    if pactl is None:
        return None
    try:
        result = subprocess.run(
            [pactl, "-f", "json", "list", "source-outputs"],
            capture_output=True,
            text=True,
            timeout=PACTL_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
        )
        outputs = json.loads(result.stdout) if result.returncode == 0 else None
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    if not isinstance(outputs, list):
        return None
    wanted = str(os.getpid() if pid is None else pid)
    return frozenset(
        output["source"]
        for output in outputs
        if isinstance(output, dict)
        and isinstance(output.get("properties"), dict)
        and output["properties"].get("application.process.id") == wanted
        and isinstance(output.get("source"), int)
    )
