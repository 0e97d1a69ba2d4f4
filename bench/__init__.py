"""Benchmarks of the desktop app, each measured against a floor taken in the same run.

Run them all with ``python3 -m bench`` (see bench/README.md). Each benchmark module exposes
``run(quick: bool) -> list[Result]``; this package holds what they share. Nothing here imports
Qt or openai: the startup benchmark's children must start from a clean interpreter.
"""

from __future__ import annotations

import os
import statistics
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"

#: The benchmark modules, in the order `python3 -m bench` runs them.
BENCHMARKS = ("startup", "streaming", "history", "images", "voice", "sizes", "package")


@dataclass
class Result:
    """One row of the table.

    ``kind``: ``"ratio"`` (``value / floor`` is checked against ``target``), ``"max"`` (``value``
    itself is checked against ``target``, in ``unit``) or ``"info"`` (shown, never checked).
    """

    name: str
    value: float
    unit: str
    kind: str = "info"
    floor: float | None = None
    target: float | None = None
    samples: list[float] = field(default_factory=list)
    floor_samples: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.floor is None or not self.floor:
            return None
        return self.value / self.floor

    @property
    def ok(self) -> bool | None:
        if self.target is None:
            return None
        if self.kind == "ratio":
            return self.ratio is not None and self.ratio <= self.target
        if self.kind == "max":
            return self.value <= self.target
        return None

    def to_json(self) -> dict:
        data = asdict(self)
        data["ratio"] = self.ratio
        data["ok"] = self.ok
        return data


class BenchmarkError(RuntimeError):
    """A benchmark run was broken (wrong text, timeout...): its numbers must not be reported."""


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def proc_status_kb(field_name: str) -> int:
    """A ``kB`` field of /proc/self/status (VmRSS, VmHWM...), 0 where /proc is missing."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def reset_peak_rss() -> bool:
    """Reset VmHWM to the current RSS (Linux: write 5 to clear_refs); False when not allowed."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def child_env(config_dir: str | Path, base_url: str, pycache_dir: str | Path | None = None) -> dict[str, str]:
    """The environment an app process gets in a benchmark: offscreen, isolated, loopback server.

    With `pycache_dir`, bytecode is cached there (PYTHONPYCACHEPREFIX) even when the calling
    environment sets PYTHONDONTWRITEBYTECODE: an installed app starts from compiled .pyc files,
    and without them every run would compile the app's own modules again.
    """
    env = dict(os.environ)
    if pycache_dir is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache_dir)
    for name in ("OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        env.pop(name, None)
    config_dir = Path(config_dir)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        DESKTOP_APP_CONFIG_DIR=str(config_dir / "config"),
        XDG_DATA_HOME=str(config_dir / "data"),
        XDG_CACHE_HOME=str(config_dir / "cache"),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        OPENAI_BASE_URL=base_url,
        OPENAI_API_KEY="sk-bench",
        PYTHONPATH=str(REPO_ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""),
    )
    return env


def fmt_value(value: float | None, unit: str) -> str:
    if value is None or value != value:  # None or NaN
        return "—"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "MB":  # a growth
        return f"{value:+.1f} MB"
    if unit == "MB abs":
        return f"{value:.1f} MB"
    if unit == "count":
        return f"{value:.0f}"
    if unit == "tok/s":
        return f"{value:,.0f} tok/s"
    return f"{value:.3g} {unit}".strip()


def python_info() -> dict:
    return {"python": sys.version.split()[0], "platform": sys.platform, "cpus": os.cpu_count()}
