"""Settings on disk: a small JSON file in the platform config directory."""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

from desktop_app import identity
from desktop_app.core.settings import AppSettings

log = logging.getLogger(__name__)

CONFIG_DIR_ENV = "DESKTOP_APP_CONFIG_DIR"


def default_config_dir() -> Path:
    """The platform's config directory for the app, or DESKTOP_APP_CONFIG_DIR when set."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir(identity.EXECUTABLE, appauthor=False))


class SettingsStore:
    """Loads and saves `AppSettings`; a broken file is moved aside, never silently overwritten."""

    def __init__(self, config_dir: Path) -> None:
        self.path = config_dir / "settings.json"

    def load(self) -> AppSettings:
        """The saved settings, or defaults when there are none or the file is unreadable."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("settings file does not hold an object")
            return AppSettings.from_dict(data)
        except FileNotFoundError:
            return AppSettings()
        except (OSError, ValueError, TypeError, AttributeError, OverflowError) as exc:
            self._move_aside(exc)
            return AppSettings()

    def save(self, settings: AppSettings) -> None:
        """Write atomically, so a crash mid-write leaves the previous file intact."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(settings.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.path)

    def _move_aside(self, exc: Exception) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"settings.broken-{stamp}.json")
        number = 1
        while aside.exists():  # never overwrite an earlier broken file
            number += 1
            aside = self.path.with_name(f"settings.broken-{stamp}-{number}.json")
        log.warning("settings file %s is unreadable (%s); moved to %s", self.path, exc, aside)
        try:
            os.replace(self.path, aside)
        except OSError:
            pass
