"""The user's settings: endpoint, model, prompt, parameters and voice. Never the API key."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.core.capabilities import OPENAI_BASE_URL, Endpoint, InstructionRole, MaxTokensParam
from desktop_app.core.context_window import MAX_CONTEXT_WINDOW
from desktop_app.core.models.pricing import PriceBook
from desktop_app.core.endpoint_profile import EndpointProfile, profile_key
from desktop_app.core.params import RequestParams
from desktop_app.core.personas import Persona
from desktop_app.core.voice import VoiceSettings

DEFAULT_MODEL = "gpt-5.4-mini"  # current: no announced shutdown (gpt-4o-mini goes 2027-01-14)
DEFAULT_READ_TIMEOUT_S = 180.0  # long enough for a reasoning model's silence before its first token


@dataclass
class AppSettings:
    """Everything remembered between runs, stored as JSON in the config directory."""

    base_url: str = OPENAI_BASE_URL
    instruction_role: InstructionRole = InstructionRole.AUTO
    max_tokens_param: MaxTokensParam = MaxTokensParam.AUTO
    model: str = DEFAULT_MODEL
    system_prompt: str = ""
    params: RequestParams = field(default_factory=RequestParams)
    custom_personas: list[Persona] = field(default_factory=list)
    read_timeout_s: float = DEFAULT_READ_TIMEOUT_S
    window_state: dict = field(default_factory=dict)
    context_windows: dict[str, int] = field(default_factory=dict)  # exact model name -> tokens, user overrides
    voice: VoiceSettings = field(default_factory=VoiceSettings)
    language: str = ""  # the UI language ("en", "ko"); "" follows the system
    prices: PriceBook = field(default_factory=PriceBook)  # servers marked as priced, and the user's prices
    profiles: dict[str, EndpointProfile] = field(default_factory=dict)  # base URL -> what was learned

    @property
    def endpoint(self) -> Endpoint:
        """The server and how it wants requests shaped."""
        return self.endpoint_for(self.base_url)

    def endpoint_for(self, base_url: str) -> Endpoint:
        """The server at `base_url` and how it wants requests shaped (its learned profile included)."""
        return Endpoint(base_url, self.instruction_role, self.max_tokens_param, self.profile(base_url))

    def profile(self, base_url: str) -> EndpointProfile:
        """What is known about the server at `base_url` (an empty profile for a new one)."""
        return self.profiles.get(profile_key(base_url)) or EndpointProfile()

    def set_profile(self, base_url: str, profile: EndpointProfile) -> None:
        """Remember `profile` for the server at `base_url`."""
        self.profiles[profile_key(base_url)] = profile

    def to_dict(self) -> dict:
        """A JSON-friendly form."""
        return {
            "base_url": self.base_url,
            "instruction_role": self.instruction_role.value,
            "max_tokens_param": self.max_tokens_param.value,
            "model": self.model,
            "system_prompt": self.system_prompt,
            "params": self.params.to_dict(),
            "custom_personas": [{"name": p.name, "prompt": p.prompt} for p in self.custom_personas],
            "read_timeout_s": self.read_timeout_s,
            "window_state": self.window_state,
            "context_windows": dict(self.context_windows),
            "voice": self.voice.to_dict(),
            "language": self.language,
            "prices": self.prices.to_dict(),
            "profiles": {url: profile.to_dict() for url, profile in self.profiles.items()},
        }

    @classmethod
    def from_dict(cls, data: dict) -> "AppSettings":
        """Read back `to_dict` output; unknown or broken values fall back to defaults."""
        defaults = cls()

        def text(key: str, default: str) -> str:
            value = data.get(key)
            return value if isinstance(value, str) else default

        def enum(kind, key, default):
            try:
                return kind(data.get(key, default.value))
            except ValueError:
                return default

        personas = [
            Persona(p["name"], p["prompt"], builtin=False)
            for p in _as_list(data.get("custom_personas"))
            if isinstance(p, dict) and isinstance(p.get("name"), str) and isinstance(p.get("prompt"), str)
        ]
        params = data.get("params")
        window_state = data.get("window_state")
        timeout = data.get("read_timeout_s")
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0.05 <= timeout <= 3600:
            timeout = DEFAULT_READ_TIMEOUT_S
        return cls(
            base_url=text("base_url", defaults.base_url) or defaults.base_url,
            instruction_role=enum(InstructionRole, "instruction_role", defaults.instruction_role),
            max_tokens_param=enum(MaxTokensParam, "max_tokens_param", defaults.max_tokens_param),
            model=text("model", defaults.model) or defaults.model,
            system_prompt=text("system_prompt", ""),
            params=RequestParams.from_dict(params) if isinstance(params, dict) else RequestParams(),
            custom_personas=personas,
            read_timeout_s=float(timeout),
            window_state=window_state if isinstance(window_state, dict) else {},
            context_windows=_context_windows(data.get("context_windows")),
            voice=VoiceSettings.from_dict(data.get("voice")),
            language=text("language", "").strip().lower(),
            prices=PriceBook.from_dict(data.get("prices")),
            profiles={
                profile_key(url): EndpointProfile.from_dict(profile)
                for url, profile in (data.get("profiles") if isinstance(data.get("profiles"), dict) else {}).items()
                if isinstance(url, str) and url.strip()
            },
        )


def _context_windows(value) -> dict[str, int]:
    """The valid entries of a stored override table: model name -> 1 to MAX_CONTEXT_WINDOW tokens."""
    if not isinstance(value, dict):
        return {}
    return {
        model: tokens
        for model, tokens in value.items()
        if isinstance(model, str)
        and model.strip()
        and isinstance(tokens, int)
        and not isinstance(tokens, bool)
        and 0 < tokens <= MAX_CONTEXT_WINDOW
    }


def _as_list(value) -> list:
    return value if isinstance(value, list) else []
