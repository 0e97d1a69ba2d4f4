"""Settings survive a restart, broken settings never stop the app, and the API key stays in the keyring."""

from __future__ import annotations

import json
import math

import keyring
import keyring.backend
import keyring.core
import pytest

from desktop_app.core.capabilities import OPENAI_BASE_URL, InstructionRole, MaxTokensParam
from desktop_app.core.params import MAX_CHOICES, RequestParams
from desktop_app.core.personas import Persona
from desktop_app.core.settings import DEFAULT_MODEL, DEFAULT_READ_TIMEOUT_S, AppSettings
from desktop_app.services.secrets import KeyStore
from desktop_app.services.settings_store import SettingsStore, default_config_dir

OLLAMA = "http://localhost:11434/v1"


def custom_settings() -> AppSettings:
    """Settings where every field differs from its default."""
    return AppSettings(
        base_url=OLLAMA,
        instruction_role=InstructionRole.DEVELOPER,
        max_tokens_param=MaxTokensParam.MAX_TOKENS,
        model="llama3.2",
        system_prompt="한국어로 답하세요. \"Quotes\" and \\ backslashes.",
        params=RequestParams(temperature=0.3, max_completion_tokens=1000, n=3, seed=42),
        custom_personas=[Persona("Pirate", "Talk like a pirate.", builtin=False)],
        read_timeout_s=30.0,
        window_state={"geometry": "AdnQywADAAAAAA==", "splitter": [200, 800]},
        context_windows={"llama3.2": 131_072, "qwen2.5:7b": 32_768},
    )


# --- AppSettings / RequestParams ----------------------------------------------------------------------


def test_app_settings_round_trip_through_json():
    settings = custom_settings()
    restored = AppSettings.from_dict(json.loads(json.dumps(settings.to_dict())))
    assert restored == settings
    assert restored != AppSettings()  # the fixture really is different from the defaults
    assert restored.endpoint.base_url == OLLAMA
    assert restored.endpoint.instruction_role is InstructionRole.DEVELOPER
    assert restored.endpoint.max_tokens_param is MaxTokensParam.MAX_TOKENS


def test_defaults_round_trip():
    assert AppSettings.from_dict(AppSettings().to_dict()) == AppSettings()


def test_empty_dict_gives_defaults():
    settings = AppSettings.from_dict({})
    assert settings == AppSettings()
    assert settings.base_url == OPENAI_BASE_URL
    assert settings.model == DEFAULT_MODEL


@pytest.mark.parametrize(
    "data",
    [
        {"base_url": 42, "model": ["gpt-4o"], "system_prompt": None},
        {"base_url": "", "model": ""},
        {"instruction_role": "assistant", "max_tokens_param": "max_length"},
        {"instruction_role": None, "max_tokens_param": 7},
        {"instruction_role": ["developer"], "max_tokens_param": {"x": 1}},
        {"params": "fast", "window_state": [1, 2], "custom_personas": "none"},
        {"read_timeout_s": "30"},
        {"read_timeout_s": True},
        {"read_timeout_s": -1},
        {"read_timeout_s": 10**9},
        {"read_timeout_s": math.nan},
        {"custom_personas": [{"name": 1, "prompt": "x"}, {"name": "No prompt"}, "Pirate", None]},
    ],
)
def test_broken_values_fall_back_to_defaults(data):
    assert AppSettings.from_dict(data) == AppSettings()


def test_one_broken_value_does_not_lose_the_good_ones():
    data = custom_settings().to_dict()
    data["instruction_role"] = "garbage"
    data["read_timeout_s"] = "soon"
    restored = AppSettings.from_dict(data)
    assert restored.instruction_role is InstructionRole.AUTO
    assert restored.read_timeout_s == DEFAULT_READ_TIMEOUT_S
    assert restored.model == "llama3.2"
    assert restored.params.n == 3
    assert restored.custom_personas == [Persona("Pirate", "Talk like a pirate.", builtin=False)]


def test_context_window_overrides_survive_a_restart(tmp_path):
    store = SettingsStore(tmp_path)
    store.save(AppSettings(context_windows={"llama3.2": 8192, "gpt-4o-mini": 200}))
    assert store.load().context_windows == {"llama3.2": 8192, "gpt-4o-mini": 200}


@pytest.mark.parametrize(
    "stored",
    [
        "128k",
        [["llama3.2", 8192]],
        {"llama3.2": 0},
        {"llama3.2": -5},
        {"llama3.2": 10_000_001},
        {"llama3.2": 8192.5},
        {"llama3.2": "8192"},
        {"llama3.2": True},
        {"llama3.2": None},
        {"": 8192},
        {"  ": 8192},
    ],
)
def test_broken_context_window_overrides_are_dropped(stored):
    assert AppSettings.from_dict({"context_windows": stored}).context_windows == {}


def test_one_broken_context_window_override_does_not_lose_the_others():
    stored = {"llama3.2": 8192, "phi3": "big", "mistral": 10_000_000, "qwen": 0}
    assert AppSettings.from_dict({"context_windows": stored}).context_windows == {
        "llama3.2": 8192,
        "mistral": 10_000_000,
    }


def test_request_params_round_trip():
    params = RequestParams(temperature=0.0, max_completion_tokens=1, n=MAX_CHOICES, seed=-5)
    assert RequestParams.from_dict(params.to_dict()) == params


def test_request_params_keeps_server_default_temperature():
    # None means "leave it out and let the server decide": it must survive a restart.
    params = RequestParams(temperature=None)
    assert RequestParams.from_dict(json.loads(json.dumps(params.to_dict()))).temperature is None


def test_request_params_from_dict_accepts_numbers_as_strings():
    params = RequestParams.from_dict({"temperature": "0.5", "n": "2", "max_completion_tokens": "64", "seed": "9"})
    assert params == RequestParams(temperature=0.5, n=2, max_completion_tokens=64, seed=9)


@pytest.mark.parametrize(
    ("data", "field", "expected"),
    [
        ({"n": 99}, "n", 1),
        ({"n": 0}, "n", 1),
        ({"n": "many"}, "n", 1),
        ({"n": True}, "n", 1),
        ({"max_completion_tokens": 0}, "max_completion_tokens", None),
        ({"max_completion_tokens": -10}, "max_completion_tokens", None),
        ({"max_completion_tokens": [512]}, "max_completion_tokens", None),
        ({"seed": "abc"}, "seed", None),
        ({"seed": 2**70}, "seed", None),
    ],
)
def test_request_params_out_of_range_values_are_dropped(data, field, expected):
    assert getattr(RequestParams.from_dict(data), field) == expected


@pytest.mark.parametrize("temperature", [5.0, -0.1, 2.01, "hot", True, [1], math.nan])
def test_out_of_range_temperature_is_never_sent(temperature):
    # The server answers 400 for temperature > 2; a hand-edited file must not cause that.
    settings = AppSettings.from_dict({"params": {"temperature": temperature, "n": 99}})
    assert settings.params.temperature in (None, RequestParams().temperature)
    assert settings.params.n == 1


def test_broken_temperature_falls_back_to_the_default_temperature():
    assert AppSettings.from_dict({"params": {"temperature": 5.0}}).params.temperature == RequestParams().temperature
    assert AppSettings.from_dict({"params": {}}).params.temperature == RequestParams().temperature


def test_non_list_custom_personas_fall_back_to_none():
    assert AppSettings.from_dict({"custom_personas": 5}).custom_personas == []


@pytest.mark.parametrize("content", ['{"custom_personas": 5}', '{"params": {"n": Infinity}}'])
def test_store_load_never_raises_for_valid_json_with_bad_values(tmp_path, content):
    store = SettingsStore(tmp_path)
    store.path.write_text(content, encoding="utf-8")
    assert store.load() == AppSettings()


@pytest.mark.parametrize("field", ["n", "seed", "max_completion_tokens"])
def test_infinite_numbers_fall_back_to_defaults(field):
    data = json.loads('{"%s": 1e999}' % field)
    assert getattr(RequestParams.from_dict(data), field) == getattr(RequestParams(), field)


# --- SettingsStore ------------------------------------------------------------------------------------


def test_default_config_dir_honours_the_environment(tmp_path):
    # tests/conftest.py points DESKTOP_APP_CONFIG_DIR at the test's own directory.
    assert default_config_dir() == tmp_path / "config"


def test_store_save_and_load_round_trip(tmp_path):
    store = SettingsStore(tmp_path / "config")
    settings = custom_settings()
    store.save(settings)
    assert store.path == tmp_path / "config" / "settings.json"
    assert store.path.is_file()

    assert SettingsStore(tmp_path / "config").load() == settings
    # Readable for a person who opens the file: Korean is not \u-escaped.
    assert "한국어로" in store.path.read_text(encoding="utf-8")
    # The atomic write leaves no temporary file behind.
    assert [p.name for p in store.path.parent.iterdir()] == ["settings.json"]


def test_store_overwrites_previous_settings(tmp_path):
    store = SettingsStore(tmp_path)
    store.save(custom_settings())
    store.save(AppSettings(model="gpt-4.1-mini"))
    assert store.load().model == "gpt-4.1-mini"


def test_missing_file_gives_defaults_and_moves_nothing(tmp_path):
    store = SettingsStore(tmp_path / "never-created")
    assert store.load() == AppSettings()
    assert not (tmp_path / "never-created").exists()


@pytest.mark.parametrize(
    "content",
    [
        b'{"model": "gpt-4o", "base_url": ',  # cut off mid-write
        b"not json at all",
        b"[1, 2, 3]",  # valid JSON, but not an object
        b'"just a string"',
        b"\xff\xfe\x00garbage",  # not UTF-8
        b"",
    ],
)
def test_corrupt_file_is_moved_aside_with_its_bytes_and_defaults_are_used(tmp_path, content):
    store = SettingsStore(tmp_path)
    store.path.write_bytes(content)

    assert store.load() == AppSettings()

    broken = list(tmp_path.glob("settings.broken-*.json"))
    assert len(broken) == 1, list(tmp_path.iterdir())
    assert broken[0].read_bytes() == content
    assert not store.path.exists()
    # The app can save new settings afterwards, and the broken copy stays.
    store.save(custom_settings())
    assert store.load() == custom_settings()
    assert broken[0].read_bytes() == content


def _all_keys(value) -> list[str]:
    if isinstance(value, dict):
        return [str(k) for k in value] + [k for v in value.values() for k in _all_keys(v)]
    if isinstance(value, list):
        return [k for v in value for k in _all_keys(v)]
    return []


def test_saved_settings_have_no_api_key_field(tmp_path, monkeypatch):
    secret = "sk-test-never-in-settings-0123456789"
    monkeypatch.setenv("OPENAI_API_KEY", secret)
    assert KeyStore().set(OLLAMA, secret) is None
    store = SettingsStore(tmp_path)
    store.save(custom_settings())

    text = store.path.read_text(encoding="utf-8")
    names = [k.lower() for k in _all_keys(json.loads(text))]
    assert names, "the walk found no field names"
    assert not [n for n in names if "api_key" in n or "apikey" in n or "secret" in n or "password" in n]
    assert secret not in text


# --- KeyStore (a real file-backed keyring, see tests/conftest.py) ----------------------------------------


@pytest.fixture
def file_keyring(tmp_path):
    backend = keyring.core.load_env()
    keyring.core.set_keyring(backend)
    assert type(backend).__name__ == "PlaintextKeyring"
    return tmp_path / "data" / "python_keyring" / "keyring_pass.cfg"


def test_key_is_stored_per_base_url_in_the_credential_store(file_keyring):
    keys = KeyStore()
    assert keys.get(OPENAI_BASE_URL) is None
    assert keys.set(OPENAI_BASE_URL, "sk-openai-key") is None
    assert keys.set(OLLAMA, "ollama-key") is None

    assert keys.get(OPENAI_BASE_URL) == "sk-openai-key"
    assert keys.get(OLLAMA) == "ollama-key"
    assert keys.get("http://127.0.0.1:8080/v1") is None
    assert KeyStore.from_environment() is False

    # Really persisted in the file-backed store, not only in memory.
    assert file_keyring.is_file()
    keyring.core.set_keyring(keyring.core.load_env())
    assert KeyStore().get(OLLAMA) == "ollama-key"


def test_openai_api_key_environment_variable_wins(file_keyring, monkeypatch):
    keys = KeyStore()
    keys.set(OPENAI_BASE_URL, "sk-stored")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    assert keys.get(OPENAI_BASE_URL) == "sk-from-env"
    assert keys.get(OLLAMA) == "sk-from-env"
    assert KeyStore.from_environment() is True
    monkeypatch.setenv("OPENAI_API_KEY", "")
    assert keys.get(OPENAI_BASE_URL) == "sk-stored"  # an empty variable does not count


def test_empty_key_deletes_the_stored_key(file_keyring):
    keys = KeyStore()
    keys.set(OLLAMA, "ollama-key")
    keys.set(OPENAI_BASE_URL, "sk-keep")
    assert keys.set(OLLAMA, "") is None
    assert keys.get(OLLAMA) is None
    assert keys.get(OPENAI_BASE_URL) == "sk-keep"
    # Deleting a key that is not there is not an error either.
    assert keys.set(OLLAMA, "") is None


def test_separate_services_do_not_share_keys(file_keyring):
    KeyStore("desktop-app-a").set(OLLAMA, "a")
    assert KeyStore("desktop-app-b").get(OLLAMA) is None


class BrokenKeyring(keyring.backend.KeyringBackend):
    """A credential store that fails the way a locked or absent D-Bus secret service does."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service, username):
        raise RuntimeError("secret service is locked")

    def set_password(self, service, username, password):
        raise RuntimeError("secret service is locked")

    def delete_password(self, service, username):
        raise RuntimeError("secret service is locked")


@pytest.fixture
def broken_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    yield
    keyring.set_keyring(previous)


def test_broken_credential_store_gives_a_reason_instead_of_raising(broken_keyring):
    keys = KeyStore()
    reason = keys.set(OPENAI_BASE_URL, "sk-secret-value")
    assert isinstance(reason, str) and reason
    assert "sk-secret-value" not in reason
    assert isinstance(keys.set(OPENAI_BASE_URL, ""), str)  # delete fails the same way
    assert keys.get(OPENAI_BASE_URL) is None


def test_broken_credential_store_still_lets_the_environment_key_through(broken_keyring, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    assert KeyStore().get(OPENAI_BASE_URL) == "sk-from-env"
