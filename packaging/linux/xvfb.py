"""A private Xvfb display for the install test and the package benchmark."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


class WaitTimeout(Exception):
    """What was waited for did not happen in time."""


def wait_for(what: str, condition: Callable[[], object], timeout: float = 60.0):
    """Poll until condition() is truthy and return it (waiting for a state, not timing anything)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise WaitTimeout(f"gave up waiting for {what} after {timeout:.0f} s")


class Display:
    """Xvfb on a free display number, with -noreset: the readiness probe is its first client and
    must not make it reset when it disconnects."""

    def __init__(self) -> None:
        self.number = next(n for n in range(91, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
        self.name = f":{self.number}"
        self.process = subprocess.Popen(
            ["Xvfb", self.name, "-noreset", "-nolisten", "tcp", "-screen", "0", "1280x860x24"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for("Xvfb", lambda: subprocess.run(
            ["xdotool", "getdisplaygeometry"], env=self.env(), capture_output=True).returncode == 0)

    def env(self) -> dict[str, str]:
        """This process's environment with DISPLAY pointing here."""
        return dict(os.environ, DISPLAY=self.name)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
