"""Install test of the .deb on this machine (root, apt): what a user does, end to end.

    python3 packaging/linux/test_deb.py dist/desktop-app_<version>_amd64.deb

1. apt installs it (Depends resolved from the archive); the .desktop file validates;
2. /usr/bin/desktop-app --selftest passes (called by full path: a pip-installed `desktop-app` on PATH
   may shadow it);
3. the installed app starts under Xvfb against the loopback fake server with a temporary HOME; a
   message typed with xdotool reaches the server and the streamed reply lands in the history;
   a screenshot is kept in build/test-deb/;
4. installing the same .deb again keeps the history;
5. apt remove leaves no file of the package behind.

Not part of the pytest run (root, apt, minutes): .ci/run calls it after the tests. Needs xvfb,
xdotool, imagemagick and desktop-file-utils. Prints one line per step and a closing count.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app import identity  # noqa: E402
from desktop_app.services.history_store import DB_NAME  # noqa: E402
from tests.fakes.openai_server import FakeOpenAIServer, Stream  # noqa: E402

sys.path.insert(0, str(HERE))
from xvfb import Display, WaitTimeout, wait_for  # noqa: E402

LAUNCHER = Path("/usr/bin") / identity.EXECUTABLE
DESKTOP_FILE = Path("/usr/share/applications") / f"{identity.DESKTOP_FILE_ID}.desktop"
OUT = ROOT / "build" / "test-deb"
TYPED = "Hello from the package test"
REPLY = "The packaged app streams this reply back."


class StepFailed(Exception):
    """A step of the install test failed; the text says what was seen."""


def _run(*cmd: str, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        raise StepFailed(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def _apt_install(deb: Path, *extra: str) -> None:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    _run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *extra, str(deb.resolve()), env=env)


def _package_files() -> list[Path]:
    lines = _run("dpkg", "-L", identity.EXECUTABLE).stdout.splitlines()
    return [Path(line) for line in lines if line.startswith("/") and line != "/."]


class InstalledApp:
    """/usr/bin/desktop-app running on the display, with its own HOME and the fake server."""

    def __init__(self, display: Display, home: Path, base_url: str) -> None:
        env = display.env()
        for name in list(env):
            if name.startswith(("XDG_", "DESKTOP_APP_", "OPENAI_", "QT_", "PYTHON")) or name == "LD_LIBRARY_PATH":
                env.pop(name)
        env.update(HOME=str(home), OPENAI_BASE_URL=base_url, OPENAI_API_KEY="sk-package-test")
        self.log = open(OUT / "app.log", "w")
        self.process = subprocess.Popen([str(LAUNCHER)], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.env = env

    def windows(self) -> list[str]:
        """The ids of the app's visible top-level windows, found by their WM_CLASS (the .desktop's
        StartupWMClass): the main window, and any short-lived one such as a popup."""
        return subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--classname", identity.DESKTOP_FILE_ID],
            env=self.env, capture_output=True, text=True,
        ).stdout.split()

    def focus(self) -> None:
        """Give the app's window the keyboard; a window that went away meanwhile is skipped."""
        for attempt in range(5):
            for window in wait_for("the app's window", self.windows):
                try:
                    _run("xdotool", "windowfocus", "--sync", window, env=self.env)
                    return
                except StepFailed:
                    if attempt == 4:
                        raise

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def _history_text(home: Path) -> str:
    path = home / ".local" / "share" / identity.EXECUTABLE / DB_NAME
    if not path.exists():
        return ""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        records = db.execute("SELECT record FROM messages").fetchall()
    return "\n".join(json.dumps(json.loads(r), ensure_ascii=False) for (r,) in records)


def _screenshot(display: Display, path: Path) -> None:
    _run("import", "-window", "root", str(path), env=display.env())
    from PIL import Image

    colours = Image.open(path).convert("RGB").getcolors(maxcolors=1 << 16)
    if colours is not None and len(colours) < 8:
        raise StepFailed(f"the screenshot {path} is nearly blank ({len(colours)} colours)")


# -- the steps -------------------------------------------------------------------------------------


def step_install(deb: Path, state: dict) -> str:
    started = time.monotonic()
    _apt_install(deb)
    state["files"] = _package_files()
    _run("desktop-file-validate", str(DESKTOP_FILE))
    return f"installed in {time.monotonic() - started:.1f} s, {len(state['files'])} paths, .desktop valid"


def step_selftest(deb: Path, state: dict) -> str:
    done = subprocess.run([str(LAUNCHER), "--selftest"], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, HOME=str(state["home"])))
    for line in done.stdout.splitlines():
        print(f"      {line}")
    if done.returncode != 0:
        raise StepFailed(f"--selftest exited {done.returncode}\n{done.stderr}")
    return "every check passed inside the installed bundle"


def step_chat(deb: Path, state: dict) -> str:
    home, display, server = state["home"], state["display"], state["server"]
    app = InstalledApp(display, home, server.base_url)
    try:
        wait_for("the app's window", app.windows)
        wait_for("the model list request", lambda: any(r.path.endswith("/models") for r in server.requests))
        app.focus()
        _run("xdotool", "type", "--delay", "15", TYPED, env=app.env)
        _run("xdotool", "key", "Return", env=app.env)
        wait_for("the typed message at the server", lambda: any(
            TYPED in json.dumps(r.body) for r in server.chat_requests()))
        wait_for("the streamed reply in the history", lambda: REPLY in _history_text(home))
        _screenshot(display, OUT / "installed-app.png")
    finally:
        app.stop()
    return f"typed message sent, reply streamed and stored; screenshot {OUT / 'installed-app.png'}"


def step_reinstall(deb: Path, state: dict) -> str:
    _apt_install(deb, "--reinstall")
    text = _history_text(state["home"])
    if REPLY not in text or TYPED not in text:
        raise StepFailed("the history lost the conversation after installing over the package")
    step_selftest(deb, state)
    return "installed over itself; the history kept the conversation; self-test passes"


def step_remove(deb: Path, state: dict) -> str:
    _run("apt-get", "remove", "-y", "-qq", identity.EXECUTABLE, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    status = subprocess.run(["dpkg-query", "-W", "-f=${db:Status-Status}", identity.EXECUTABLE],
                            capture_output=True, text=True).stdout
    if status not in ("", "not-installed", "config-files"):
        raise StepFailed(f"dpkg still lists the package as {status!r}")
    left = [p for p in state["files"] if p.exists() and not (p.is_dir() and _owned_by_others(p))]
    if left:
        raise StepFailed("left behind: " + ", ".join(map(str, left[:10])))
    if not (state["home"] / ".local" / "share" / identity.EXECUTABLE / DB_NAME).exists():
        raise StepFailed("the user's history went with the package")
    return f"removed; none of its {len(state['files'])} paths is left (the user's history stays)"


def _owned_by_others(path: Path) -> bool:
    return subprocess.run(["dpkg-query", "-S", str(path)], capture_output=True).returncode == 0 or str(path) in (
        "/opt", "/usr", "/usr/bin", "/usr/share")


STEPS = [step_install, step_selftest, step_chat, step_reinstall, step_remove]


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not Path(argv[1]).is_file():
        print(__doc__)
        return 2
    deb = Path(argv[1])
    OUT.mkdir(parents=True, exist_ok=True)
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="deb-test-home-") as home, FakeOpenAIServer(
        default_reply=Stream(text=REPLY, delay=0.005)
    ) as server:
        display = Display()
        state = {"home": Path(home), "display": display, "server": server}
        try:
            for step in STEPS:
                name = step.__name__.removeprefix("step_")
                started = time.monotonic()
                try:
                    detail = step(deb, state)
                except (StepFailed, WaitTimeout, subprocess.SubprocessError, OSError) as exc:
                    failed += 1
                    print(f"FAIL  {name}: {exc}", flush=True)
                    if name == "install":
                        break  # nothing after it can be meaningful
                else:
                    passed += 1
                    print(f"ok    {name} ({time.monotonic() - started:.1f} s): {detail}", flush=True)
        finally:
            display.stop()
            if failed:
                subprocess.run(["apt-get", "remove", "-y", "-qq", identity.EXECUTABLE], capture_output=True)
    print(f"deb: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
