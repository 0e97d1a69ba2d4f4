"""Where the app's data files (resources/) are, whether installed, run from a checkout or frozen.

- PyInstaller bundle: <sys._MEIPASS>/desktop_app/resources
- installed wheel: <site-packages>/desktop_app/resources (copied there by setup.py's build_py)
- checkout or editable install: <repo>/resources

No Qt here: the core layer uses it too.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The folder holding the app's resources (it may be incomplete: callers check files)."""
    meipass = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and meipass:
        return Path(meipass) / "desktop_app" / "resources"
    installed = _PACKAGE_DIR / "resources"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "resources"


def tiktoken_dir() -> Path:
    """The folder with o200k_base.tiktoken and cl100k_base.tiktoken."""
    return resources_dir() / "tiktoken"


def translations_dir() -> Path:
    """The folder with the compiled translations (desktop_app_<lang>.qm)."""
    return resources_dir() / "i18n"
