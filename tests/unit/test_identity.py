"""The app's names live in desktop_app.identity and nowhere else."""

from __future__ import annotations

import re
from pathlib import Path

import desktop_app
from desktop_app import identity
from desktop_app.controllers.history_controller import DATA_DIR_ENV, default_data_dir
from desktop_app.services.secrets import SERVICE_NAME
from desktop_app.services.settings_store import CONFIG_DIR_ENV, default_config_dir

PACKAGE = Path(desktop_app.__file__).resolve().parent


def test_settings_data_and_keyring_use_the_executable_name(monkeypatch):
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.delenv(CONFIG_DIR_ENV, raising=False)
    assert default_data_dir().name == identity.EXECUTABLE
    assert default_config_dir().name == identity.EXECUTABLE
    assert SERVICE_NAME == identity.EXECUTABLE


def test_version_is_the_package_version():
    assert identity.VERSION == desktop_app.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+([.-]?\w+)?", identity.VERSION)


def test_no_module_but_identity_spells_the_names():
    spelled = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "identity.py":
            continue
        text = path.read_text(encoding="utf-8")
        for name in (identity.DISPLAY_NAME, f'"{identity.EXECUTABLE}"'):
            if name in text:
                spelled.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert spelled == []
