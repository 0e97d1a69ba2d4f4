"""Guard against PySide6 6.12.0 on Python 3.11, where every Signal.emit leaks a reference to True.

With Qt and openai imported the refcount of True starts near 16,000; when it reaches zero the interpreter
aborts with "Fatal Python error: bool_dealloc" (exit 134). See docs/environment.md. The project pins
PySide6-Essentials <6.12 on Python 3.11 in pyproject.toml; these tests keep that pin honest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TOTAL_EMITS = 50_000
CROSS_THREAD_EMITS = 10_000

CHILD = textwrap.dedent(
    f"""
    import sys
    import threading

    import openai  # noqa: F401  (the crash was seen with the SDK loaded, as in the app)
    from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

    TOTAL = {TOTAL_EMITS}
    CROSS = {CROSS_THREAD_EMITS}

    app = QCoreApplication(sys.argv)


    class Emitter(QObject):
        sig_delta = Signal(int, str)
        sig_done = Signal()


    class Receiver(QObject):
        def __init__(self):
            super().__init__()
            self.count = 0

        @Slot(int, str)
        def on_delta(self, index, text):
            self.count += 1
            if self.count == TOTAL:
                app.quit()


    class Worker(QObject):
        \"\"\"Like the reply worker: lives on a QThread and emits into the GUI thread (queued).\"\"\"

        sig_delta = Signal(int, str)

        @Slot()
        def run(self):
            for i in range(CROSS // 2):
                self.sig_delta.emit(i, "tok")


    receiver = Receiver()
    same_thread = Emitter()
    same_thread.sig_delta.connect(receiver.on_delta)

    thread = QThread()
    worker = Worker()
    worker.moveToThread(thread)
    worker.sig_delta.connect(receiver.on_delta)
    thread.started.connect(worker.run)

    plain_thread_emitter = Emitter()
    plain_thread_emitter.sig_delta.connect(receiver.on_delta)


    def plain_thread():
        for i in range(CROSS - CROSS // 2):
            plain_thread_emitter.sig_delta.emit(i, "tok")


    true_refs_before = sys.getrefcount(True)
    for i in range(TOTAL - CROSS):
        same_thread.sig_delta.emit(i, "tok")  # direct connection: the slot runs now

    thread.start()
    python_thread = threading.Thread(target=plain_thread)
    python_thread.start()

    QTimer.singleShot(60_000, lambda: app.exit(3))  # never hang the test run
    code = app.exec() if receiver.count < TOTAL else 0
    python_thread.join()
    thread.quit()
    thread.wait()
    app.processEvents()
    true_refs_after = sys.getrefcount(True)

    print(f"count={{receiver.count}}")
    print(f"true_refs_lost={{true_refs_before - true_refs_after}}")
    sys.stdout.flush()
    sys.exit(code)
    """
)


def test_fifty_thousand_signal_emits_do_not_crash_the_interpreter():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=110,
    )
    report = f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr[-3000:]}"
    assert result.returncode == 0, (
        "The interpreter died while emitting signals. PySide6 6.12.0 on Python 3.11 does this "
        "(docs/environment.md); keep PySide6-Essentials <6.12 on Python 3.11 in pyproject.toml.\n" + report
    )
    assert f"count={TOTAL_EMITS}" in result.stdout.splitlines(), report
    if sys.version_info < (3, 12):  # from 3.12 on True is immortal and its refcount is meaningless
        lost = int(result.stdout.split("true_refs_lost=")[1].split()[0])
        assert lost < TOTAL_EMITS // 10, f"Signal.emit leaks references to True ({lost} lost)\n{report}"


def _pyside_requirements() -> list:
    from packaging.requirements import Requirement

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(text) for text in project["dependencies"]]
    return [r for r in requirements if r.name.lower() in ("pyside6-essentials", "pyside6")]


@pytest.mark.parametrize(("python", "allowed"), [("3.11", False), ("3.12", True), ("3.13", True)])
def test_pyproject_pins_pyside6_away_from_6_12_0_on_python_3_11(python, allowed):
    requirements = [r for r in _pyside_requirements() if r.marker is None or r.marker.evaluate({"python_version": python})]
    assert requirements, f"no PySide6 requirement applies to Python {python} in pyproject.toml"
    accepted = all(r.specifier.contains("6.12.0") for r in requirements)
    assert accepted is allowed, (
        f"PySide6 6.12.0 {'must not' if not allowed else 'should'} be allowed on Python {python}: "
        f"{[str(r) for r in requirements]} (docs/environment.md, Signal.emit crash)"
    )


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the Signal.emit crash is specific to Python 3.11")
def test_installed_pyside6_is_not_6_12_0_on_python_3_11():
    import PySide6

    assert PySide6.__version__ != "6.12.0", (
        "PySide6 6.12.0 is installed on Python 3.11: Signal.emit crashes the interpreter "
        "(docs/environment.md). pyproject.toml pins 'PySide6-Essentials>=6.9,<6.12; python_version < \"3.12\"': "
        "reinstall with `python3 -m pip install -e .[test]`."
    )
