"""The Linux package: download size, installed size, and the frozen app's time to its first window
against the same app run from its venv, in the same run.

Uses dist/desktop-app (the PyInstaller bundle) and build/deb/root (the staged package tree) as
`python3 packaging/linux/build_deb.py` leaves them, and builds them first when they are missing
(about 1-2 minutes). Needs Xvfb, xdotool, xev (x11-utils) and dpkg-deb.

- .deb size: the staged tree packed as a release is (xz -9 extreme; ~2 minutes on 2 cores; with
  --quick xz -6, which is what the row then says).
- installed size: every file the package installs (the Installed-Size apt shows).
- first window: spawn to the main window being mapped on a private Xvfb, seen from outside through
  the X server's MapNotify event (xev), for the frozen bundle and for `python3 -m desktop_app` from
  this checkout, alternating, each with an empty config and data dir and the loopback fake server.
  The same criterion for both: the ratio is the frozen app's cost.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import REPO_ROOT, BenchmarkError, Result, median

sys.path.insert(0, str(REPO_ROOT / "packaging" / "linux"))
sys.path.insert(0, str(REPO_ROOT / "packaging"))

DEB_TARGET_MB = 60
INSTALLED_TARGET_MB = 220
STARTUP_TARGET_RATIO = 1.1
TIMEOUT_S = 60
MB = 1024 * 1024


def _ensure_built() -> tuple[Path, Path]:
    import build_bundle
    import build_deb

    bundle, staged = build_bundle.bundle_dir(), build_bundle.BUILD / "deb" / "root"
    if not (bundle.is_dir() and (staged / "DEBIAN" / "control").is_file()):
        print("  package: building the bundle and the .deb first…", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, str(Path(build_deb.__file__)), "--fast"], check=True,
                       stdout=subprocess.DEVNULL)
    return bundle, staged


def _tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()
               and "DEBIAN" not in p.relative_to(root).parts)


def _xz_size(staged: Path, quick: bool) -> tuple[float, str]:
    level = ["-z6"] if quick else ["-z9", "-Sextreme"]
    with tempfile.TemporaryDirectory(prefix="bench-deb-") as tmp:
        out = Path(tmp) / "package.deb"
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", *level, "--build", str(staged), str(out)],
                       check=True, stdout=subprocess.DEVNULL)
        return out.stat().st_size / MB, "xz -6" if quick else "xz -9e"


class MapWatcher:
    """xev on the root window: the time each top-level window is mapped, as the X server reports it."""

    def __init__(self, env: dict[str, str]) -> None:
        # stdbuf: xev writes through stdio, which a pipe would otherwise buffer for seconds.
        self.process = subprocess.Popen(["stdbuf", "-oL", "xev", "-root", "-event", "substructure"],
                                        env=env, stdout=subprocess.PIPE, text=True)
        self.maps: queue.Queue[float] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            if line.startswith("MapNotify"):
                self.maps.put(time.perf_counter())

    def drain(self) -> None:
        while not self.maps.empty():
            self.maps.get_nowait()

    def next_map(self, timeout: float) -> float:
        try:
            return self.maps.get(timeout=timeout)
        except queue.Empty:
            raise BenchmarkError("the app's window was never mapped") from None

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _first_window(command: list[str], env: dict[str, str], watcher: MapWatcher) -> float:
    watcher.drain()
    with tempfile.TemporaryDirectory(prefix="bench-package-") as tmp:
        run_env = dict(env, HOME=tmp, DESKTOP_APP_CONFIG_DIR=f"{tmp}/config", DESKTOP_APP_DATA_DIR=f"{tmp}/data")
        spawned = time.perf_counter()
        proc = subprocess.Popen(command, env=run_env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            mapped = watcher.next_map(TIMEOUT_S)
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return mapped - spawned


def _startup(bundle: Path, quick: bool) -> tuple[list[float], list[float]]:
    from tests.fakes.openai_server import FakeOpenAIServer
    from xvfb import Display

    import build_bundle

    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "DESKTOP_APP_", "OPENAI_"))}
    repeats = 3 if quick else 9
    frozen, venv = [], []
    display = Display()
    try:
        with FakeOpenAIServer() as server:
            env.update(display.env(), OPENAI_BASE_URL=server.base_url, OPENAI_API_KEY="sk-bench",
                       PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
            env["DISPLAY"] = display.name
            watcher = MapWatcher(env)
            commands = {
                "frozen": ([str(build_bundle.executable(bundle))], env),
                "venv": ([sys.executable, "-m", "desktop_app"], dict(env, PYTHONPATH=str(REPO_ROOT))),
            }
            try:
                for name in ("frozen", "venv"):  # warm-up: file cache and bytecode, not recorded
                    _first_window(*commands[name], watcher)
                for i in range(repeats):
                    for name in (("frozen", "venv") if i % 2 == 0 else ("venv", "frozen")):
                        (frozen if name == "frozen" else venv).append(_first_window(*commands[name], watcher))
                    print(f"  package first window run {i + 1}/{repeats}", file=sys.stderr, flush=True)
            finally:
                watcher.stop()
    finally:
        display.stop()
    return frozen, venv


def run(quick: bool = False) -> list[Result]:
    bundle, staged = _ensure_built()
    installed_mb = _tree_bytes(staged) / MB
    deb_mb, how = _xz_size(staged, quick)
    frozen, venv = _startup(bundle, quick)
    return [
        Result(f".deb download ({how})", deb_mb, "MB abs", kind="max", target=DEB_TARGET_MB),
        Result("installed size (/opt bundle, launcher, icons, docs)", installed_mb, "MB abs", kind="max",
               target=INSTALLED_TARGET_MB),
        Result("first window, frozen vs venv (from spawn, window mapped)", median(frozen), "s", kind="ratio",
               floor=median(venv), target=STARTUP_TARGET_RATIO, samples=frozen, floor_samples=venv),
    ]
