"""Announced shutdown dates from the installed openai SDK's notes, read from its files (never imported)."""

from __future__ import annotations

import functools
import importlib.util
import logging
from datetime import date
from pathlib import Path

from desktop_app.core.models.retirement import parse_shutdown_notes

log = logging.getLogger(__name__)

# The SDK files whose docstrings list "Deprecated values: ... Announced shutdown date: ...".
NOTE_FILES = ("types/shared/chat_model.py", "types/audio/speech_model.py", "types/audio_model.py")


@functools.cache
def sdk_shutdown_dates() -> dict[str, date]:
    """Model -> shutdown date as the installed SDK announces it; {} when its sources are not at hand
    (a frozen build keeps only compiled files): the server's own dates still apply."""
    spec = importlib.util.find_spec("openai")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    dates: dict[str, date] = {}
    for folder in folders:
        for name in NOTE_FILES:
            try:
                text = (Path(folder) / name).read_text(encoding="utf-8")
            except OSError:
                continue
            for model, when in parse_shutdown_notes(text).items():
                dates.setdefault(model, when)
    if not dates:
        log.info("no shutdown notes found in the openai SDK at %s", folders)
    return dates
