"""packaging/translations.py for the tests, loaded by path (a package named "packaging" would clash)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def load():
    """The translations build script as a module."""
    spec = importlib.util.spec_from_file_location("translations", REPO / "packaging" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
