"""Announced shutdowns: when a model goes away, what replaces it, and which current model to start on.

Dates come from the server's `/v1/models` entries (`shutdown_date`) and, for names the server does
not date, from the installed openai SDK's notes ("Announced shutdown date: ..."), read by
services.sdk_retirements. Replacements are this app's recommendation (the SDK only points to
OpenAI's deprecations page): the same size of model from a current family.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from desktop_app.core.models.names import base_name, gpt_version, is_chat_model

WARN_DAYS = 30  # a banner appears this many days before a model shuts down

# The app's recommended replacement per retiring model (base names), checked before the generic rule.
REPLACEMENTS = {
    "gpt-5-mini": "gpt-5.4-mini",
    "gpt-5-nano": "gpt-5.4-mini",
    "gpt-5": "gpt-5.5",
    "o3": "gpt-5.5",
    "o3-mini": "gpt-5.4-mini",
    "o4-mini": "gpt-5.4-mini",
    "o1": "gpt-5.5",
    "gpt-4.1": "gpt-5.5",
    "gpt-4.1-mini": "gpt-5.4-mini",
    "gpt-4.1-nano": "gpt-5.4-mini",
    "gpt-4o": "gpt-5.5",
    "gpt-4o-mini": "gpt-5.4-mini",
    "gpt-5-chat-latest": "gpt-5.5",
    "gpt-5.1-chat-latest": "gpt-5.5",
    "gpt-5.2-chat-latest": "gpt-5.5",
    "gpt-5.3-chat-latest": "gpt-5.5",
    "gpt-audio-mini": "gpt-audio",
    "gpt-4o-transcribe": "gpt-transcribe",
    "gpt-4o-mini-transcribe": "gpt-transcribe",
    "whisper-1": "gpt-transcribe",
}

_ITEM = re.compile(r"^\s*-\s+(.*?)(?=^\s*-\s|\Z)", re.MULTILINE | re.DOTALL)
_DATE = re.compile(r"Announced\s+shutdown\s+date:\s*(\d{4}-\d{2}-\d{2})")
_NAME = re.compile(r'"([^"]+)"')


def parse_shutdown_notes(text: str) -> dict[str, date]:
    """Model -> shutdown date from the SDK's "Deprecated values:" notes in a source file's text."""
    dates: dict[str, date] = {}
    for section in text.split("Deprecated values:")[1:]:
        section = section.split('"""', 1)[0]
        for item in _ITEM.findall(section):
            found = _DATE.search(item)
            if found is None:
                continue
            when = date.fromisoformat(found.group(1))
            for name in _NAME.findall(item[: found.start()]):
                dates.setdefault(name, when)
    return dates


def parse_server_dates(entries: list[dict]) -> dict[str, date]:
    """Model -> shutdown date from `/v1/models` entries that carry a `shutdown_date` (ISO date or unix time)."""
    dates: dict[str, date] = {}
    for entry in entries:
        value = entry.get("shutdown_date") if isinstance(entry, dict) else None
        model = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(model, str) or value is None or isinstance(value, bool):
            continue
        try:
            if isinstance(value, (int, float)):
                from datetime import UTC, datetime

                dates[model] = datetime.fromtimestamp(value, UTC).date()
            elif isinstance(value, str):
                dates[model] = date.fromisoformat(value[:10])
        except (ValueError, OverflowError, OSError):
            continue
    return dates


def shutdown_of(model: str, dates: dict[str, date]) -> date | None:
    """The announced shutdown of `model` (exact id first, then its base name), or None."""
    return dates.get(model.strip()) or dates.get(base_name(model))


def is_retired(model: str, dates: dict[str, date], today: date) -> bool:
    """True once the shutdown date has come."""
    when = shutdown_of(model, dates)
    return when is not None and when <= today


def retires_soon(model: str, dates: dict[str, date], today: date) -> bool:
    """True when the model shuts down within WARN_DAYS days (or already has)."""
    when = shutdown_of(model, dates)
    return when is not None and when <= today + timedelta(days=WARN_DAYS)


def pick_current_model(offered: list[str], dates: dict[str, date], today: date) -> str | None:
    """The chat model to start on: one the server offers that is not going away soon, undated first,
    then the latest shutdown, small models ("mini") before large ones, then the server's order."""
    candidates = [m for m in offered if is_chat_model(m) and not retires_soon(m, dates, today)]
    if not candidates:
        return None

    def rank(item: tuple[int, str]):
        index, model = item
        when = shutdown_of(model, dates)
        return (when is not None, -(when.toordinal() if when else 0), "mini" not in base_name(model), index)

    return min(enumerate(candidates), key=rank)[1]


def replacement_for(model: str, offered: list[str], dates: dict[str, date], today: date) -> str | None:
    """The model to move to from a retiring one: the recommended one when current (and offered, if the
    server listed anything), else the newest current model of the same size the server offers."""
    name = base_name(model)
    recommended = REPLACEMENTS.get(name) or REPLACEMENTS.get(re.sub(r"-\d{4}-\d{2}-\d{2}$", "", name))
    if recommended and (not offered or recommended in offered) and not retires_soon(recommended, dates, today):
        return recommended
    size = next((s for s in ("nano", "mini") if s in name), "")
    same_size = [m for m in offered if m != model and size in base_name(m) and gpt_version(m) is not None]
    newest = sorted(
        (m for m in same_size if is_chat_model(m) and not retires_soon(m, dates, today)),
        key=lambda m: gpt_version(m) or (0, 0),
        reverse=True,
    )
    return newest[0] if newest else pick_current_model([m for m in offered if m != model], dates, today)
