"""Packaging logic that runs without building anything: Depends, the .desktop file, the child environment."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import identity

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _load(name: str, path: Path):
    sys.path.insert(0, str(PACKAGING))
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(PACKAGING))


@pytest.fixture(scope="module")
def build_deb():
    return _load("build_deb", PACKAGING / "linux" / "build_deb.py")


def test_renamed_libraries_of_newer_releases_are_alternatives(build_deb):
    # Debian 13 and Ubuntu 24.04 call them libssl3t64 and libglib2.0-0t64.
    depends = build_deb.with_alternatives(["libssl3 (>= 3.0.0)", "libglib2.0-0 (>= 2.26.0)", "libc6 (>= 2.35)"])
    assert "libssl3 (>= 3.0.0) | libssl3t64" in depends
    assert "libglib2.0-0 (>= 2.26.0) | libglib2.0-0t64" in depends
    assert "libc6 (>= 2.35)" in depends
    # What is loaded without being linked is there too.
    assert {"libportaudio2", "ca-certificates"} <= set(depends)


def test_a_version_only_a_shlibs_file_states_is_dropped(build_deb, monkeypatch):
    # libzstd1 (>= 1.5.2) from Debian 12's shlibs file would refuse Ubuntu 22.04's zstd 1.4.8.
    monkeypatch.setattr(build_deb, "_has_symbols_file", lambda package: package == "libc6")
    depends = build_deb.with_alternatives(["libzstd1 (>= 1.5.2)", "libc6 (>= 2.35)"])
    assert "libzstd1" in depends and "libc6 (>= 2.35)" in depends


def test_desktop_file_matches_the_window_class(build_deb):
    text = (PACKAGING / "linux" / "desktop-app.desktop.in").read_text().format(**build_deb._fields())
    entries = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    assert entries["Name"] == identity.DISPLAY_NAME
    assert entries["Exec"] == identity.EXECUTABLE
    assert entries["Icon"] == entries["StartupWMClass"] == identity.DESKTOP_FILE_ID


def test_children_of_the_frozen_app_get_the_users_environment(tmp_path):
    # As in a bundle: the bootloader set LD_LIBRARY_PATH (keeping the user's in *_ORIG), the runtime
    # hook runs, then PyInstaller's PySide6 hook sets QT_PLUGIN_PATH, then the launcher starts.
    bundle = str(tmp_path / "_internal")
    script = f"""
import json, os, runpy, sys
sys._MEIPASS = {bundle!r}
runpy.run_path({str(PACKAGING / "rthook_child_env.py")!r})
os.environ["QT_PLUGIN_PATH"] = sys._MEIPASS + "/PySide6/Qt/plugins"
launcher = runpy.run_path({str(PACKAGING / "launcher.py")!r}, run_name="not_main")
launcher["_restore_child_environment"]()
print(json.dumps({{k: os.environ.get(k) for k in ("LD_LIBRARY_PATH", "LD_LIBRARY_PATH_ORIG", "QT_PLUGIN_PATH", "LANG")}}))
"""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "LD_LIBRARY_PATH"))}
    env.update(LD_LIBRARY_PATH=bundle, LD_LIBRARY_PATH_ORIG="/home/me/lib", LANG="ko_KR.UTF-8")
    seen = json.loads(subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                                     check=True).stdout)
    assert seen == {"LD_LIBRARY_PATH": "/home/me/lib", "LD_LIBRARY_PATH_ORIG": None, "QT_PLUGIN_PATH": None,
                    "LANG": "ko_KR.UTF-8"}
