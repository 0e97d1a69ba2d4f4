"""Announced shutdowns: reading the SDK's notes, replacements, and defaults that are never retired."""

from __future__ import annotations

from datetime import date

from desktop_app.core.models.retirement import (
    is_retired,
    parse_server_dates,
    parse_shutdown_notes,
    pick_current_model,
    replacement_for,
    retires_soon,
)
from desktop_app.core.settings import DEFAULT_MODEL
from desktop_app.core.voice import VoiceSettings
from desktop_app.services.sdk_retirements import sdk_shutdown_dates

TODAY = date(2026, 12, 3)
NOTES = '''
ChatModel: TypeAlias = Literal["gpt-5-mini", "gpt-5.4-mini"]
"""Deprecated values:

- "gpt-5.1-mini": Not a supported model ID. Retained for SDK compatibility.
- "gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-5-2025-08-07",
  "gpt-5-mini-2025-08-07", "o3", "o3-2025-04-16":
  Announced shutdown date: 2026-12-11. See
  https://developers.openai.com/api/docs/deprecations for details and
  recommended replacements.
- "gpt-4o-mini", "gpt-4o-mini-2024-07-18": Announced shutdown
  date: 2027-01-14. See https://developers.openai.com/api/docs/deprecations.
- "o4-mini": Announced shutdown date: 2026-10-23. See the page.
"""
'''


def test_the_sdk_notes_are_read_name_by_name():
    dates = parse_shutdown_notes(NOTES)
    assert dates["gpt-5-mini"] == dates["o3-2025-04-16"] == date(2026, 12, 11)
    assert dates["gpt-4o-mini-2024-07-18"] == date(2027, 1, 14)
    assert dates["o4-mini"] == date(2026, 10, 23)
    assert "gpt-5.1-mini" not in dates and "gpt-5.4-mini" not in dates


def test_the_installed_sdk_announces_dates():
    dates = sdk_shutdown_dates()
    assert dates, "the installed openai SDK's notes are found"
    assert all(isinstance(d, date) for d in dates.values())


def test_server_dates_take_iso_dates_and_unix_times():
    dates = parse_server_dates([{"id": "a", "shutdown_date": "2026-12-11"}, {"id": "b", "shutdown_date": 1796947200},
                                {"id": "c", "shutdown_date": "soon"}, {"id": "d"}])
    assert dates == {"a": date(2026, 12, 11), "b": date(2026, 12, 11)}


def test_states_around_a_shutdown():
    dates = parse_shutdown_notes(NOTES)
    assert retires_soon("gpt-5-mini", dates, TODAY) and not is_retired("gpt-5-mini", dates, TODAY)
    assert is_retired("o4-mini", dates, TODAY)
    assert not retires_soon("gpt-4o-mini", dates, TODAY)
    assert not retires_soon("gpt-5.4-mini", dates, TODAY)


def test_the_replacement_is_current_and_offered():
    dates = parse_shutdown_notes(NOTES)
    assert replacement_for("gpt-5-mini", ["gpt-5-mini", "gpt-5.4-mini"], dates, TODAY) == "gpt-5.4-mini"
    assert replacement_for("gpt-5-mini-2025-08-07", [], dates, TODAY) == "gpt-5.4-mini"
    # The recommendation is not offered: the newest current model of the same size is.
    assert replacement_for("gpt-5-mini", ["gpt-5-mini", "gpt-5.6-mini", "gpt-5.5"], dates, TODAY) == "gpt-5.6-mini"


def test_the_first_run_picks_a_current_model_the_server_offers():
    dates = parse_shutdown_notes(NOTES)
    assert pick_current_model(["gpt-5-mini", "gpt-4o-mini", "text-embedding-3-small"], dates, TODAY) == "gpt-4o-mini"
    assert pick_current_model(["gpt-5-mini", "gpt-5.5", "gpt-5.4-mini"], dates, TODAY) == "gpt-5.4-mini"
    assert pick_current_model(["llama3.1:8b", "qwen3"], dates, TODAY) == "llama3.1:8b"
    assert pick_current_model(["gpt-5-mini", "o3"], dates, TODAY) is None


def test_no_default_is_retired_or_about_to_be():
    dates = sdk_shutdown_dates()
    voice = VoiceSettings()
    for model in (DEFAULT_MODEL, voice.transcribe_model):
        assert not retires_soon(model, dates, TODAY), model
    for model in (DEFAULT_MODEL, voice.transcribe_model, voice.speech_model):
        assert not is_retired(model, dates, date.today()), model
