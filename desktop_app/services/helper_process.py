"""How the app starts one of its own modules as a helper process, from a checkout or frozen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE_PARENT = Path(__file__).resolve().parents[2]


def helper_command(module: str, frozen_flag: str, *args: str) -> list[str]:
    """The command line running `module`'s main (`python -m module`); the frozen app runs itself with
    `frozen_flag` instead (packaging/launcher.py hands that flag to the module)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, frozen_flag, *args]
    return [sys.executable, "-m", module, *args]


def helper_env() -> dict[str, str]:
    """The environment for a helper: this one, with this checkout's package first on the path."""
    env = dict(os.environ)
    if not getattr(sys, "frozen", False):  # this checkout's package, not another install's
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_PACKAGE_PARENT), env.get("PYTHONPATH")]))
    return env
