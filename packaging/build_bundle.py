"""Build the PyInstaller bundle (dist/desktop-app/, or dist/Desktop Assistant.app on macOS).

    python3 packaging/build_bundle.py

Renders the icons, writes the third-party notices, compiles translations (when there are any), runs
PyInstaller on packaging/desktop-app.spec and, on Linux, strips the debug information of libpython
only (stripping the wheels' libraries breaks numpy). The same script runs on every OS.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUILD = ROOT / "build"
GENERATED = BUILD / "generated"
DIST = ROOT / "dist"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import icons  # noqa: E402
import notices  # noqa: E402

from desktop_app import identity  # noqa: E402


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate() -> None:
    """Everything the spec takes from build/generated/."""
    if GENERATED.exists():
        shutil.rmtree(GENERATED)
    _load("fetch_encodings", HERE / "fetch_encodings.py").ensure_encodings(ROOT / "resources" / "tiktoken")
    icons.make_all(GENERATED / "icons")
    notices.write_notices(GENERATED / "notices" / "THIRD_PARTY_NOTICES.txt")
    sources = sorted((ROOT / "resources" / "i18n").glob("*.ts"))
    if sources:
        out = GENERATED / "i18n"
        out.mkdir(parents=True)
        lrelease = shutil.which("pyside6-lrelease") or "pyside6-lrelease"
        for ts in sources:
            subprocess.run([lrelease, str(ts), "-qm", str(out / ts.with_suffix(".qm").name)], check=True)


def bundle_dir() -> Path:
    """Where the built app is."""
    if sys.platform == "darwin":
        return DIST / f"{identity.DISPLAY_NAME}.app"
    return DIST / identity.EXECUTABLE


def run_pyinstaller() -> Path:
    env = dict(os.environ, DESKTOP_APP_GENERATED=str(GENERATED))
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level=WARN",
         "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"), str(HERE / "desktop-app.spec")],
        check=True, cwd=ROOT, env=env,
    )
    return bundle_dir()


def trim_linux(bundle: Path) -> None:
    """The Python runtime's debug information goes: libpython (17 MB of a pyenv build) and its
    extension modules (lib-dynload, 12 -> 5 MB). Only these, which come from the Python build:
    binutils strip corrupts libraries of the wheels (numpy's patched OpenBLAS stops loading).
    libpython's RUNPATH names the build machine's folder, so it goes too."""
    internal = bundle / "_internal"
    runtime = [lib for lib in internal.glob("libpython3*.so*") if not lib.is_symlink()]
    dynload = sorted(internal.glob("python3*/lib-dynload/*.so"))
    subprocess.run(["strip", "--strip-debug", *map(str, runtime + dynload)], check=True)
    if shutil.which("patchelf"):
        for lib in runtime:
            subprocess.run(["patchelf", "--remove-rpath", str(lib)], check=True)


def executable(bundle: Path) -> Path:
    """The app's program inside a bundle folder or .app."""
    if sys.platform == "darwin":
        return bundle / "Contents" / "MacOS" / identity.EXECUTABLE
    return bundle / (identity.EXECUTABLE + (".exe" if sys.platform == "win32" else ""))


def selftest(bundle: Path) -> None:
    """Run --selftest inside the frozen app and show its lines. A windowed build (Windows, macOS) has
    no stdout, so the lines go through a file."""
    report = BUILD / "selftest.txt"
    report.unlink(missing_ok=True)
    code = subprocess.run([str(executable(bundle)), "--selftest", "--selftest-output", str(report)],
                          timeout=300).returncode
    print(report.read_text(encoding="utf-8") if report.exists() else "(the self-test wrote nothing)")
    if code != 0:
        raise SystemExit(f"the frozen app's self-test failed (exit {code})")


def build() -> Path:
    """Generate, freeze and trim; returns the bundle folder."""
    generate()
    bundle = run_pyinstaller()
    if sys.platform.startswith("linux"):
        trim_linux(bundle)
    return bundle


if __name__ == "__main__":
    print(build())
