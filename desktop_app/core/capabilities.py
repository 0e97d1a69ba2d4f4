"""What a model and an endpoint accept: instruction role, max-tokens name, sampling parameters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from urllib.parse import urlparse

from desktop_app.core.endpoint_profile import EndpointProfile
from desktop_app.core.errors import AppError, ErrorKind

OPENAI_BASE_URL = "https://api.openai.com/v1"

# o1, o3, o4-mini, gpt-5, gpt-5.1 ... are reasoning models; "gpt-5-chat-latest" style names are not.
_REASONING = re.compile(r"^(o\d+(\b|[-.])|gpt-5(?!.*-chat))", re.IGNORECASE)

# Non-chat models listed by /v1/models that a chat window cannot use: shown after the chat models.
_NON_CHAT = re.compile(
    r"(embedding|whisper|tts|transcribe|dall-e|davinci|babbage|moderation|image|realtime|search|sora|"
    r"computer-use|codex-mini|embed|rerank|kokoro|piper|bark|parler|speech|voice|(^|[-_/])(stt|bge)([-_:]|$))",
    re.IGNORECASE,
)


class InstructionRole(str, Enum):
    """Which role carries the system prompt."""

    AUTO = "auto"
    SYSTEM = "system"
    DEVELOPER = "developer"


class MaxTokensParam(str, Enum):
    """Which name the reply-length cap is sent under."""

    AUTO = "auto"
    MAX_COMPLETION_TOKENS = "max_completion_tokens"
    MAX_TOKENS = "max_tokens"


@dataclass(frozen=True)
class Endpoint:
    """An OpenAI-compatible server and how it wants requests shaped."""

    base_url: str = OPENAI_BASE_URL
    instruction_role: InstructionRole = InstructionRole.AUTO
    max_tokens_param: MaxTokensParam = MaxTokensParam.AUTO
    profile: EndpointProfile = field(default_factory=EndpointProfile)  # what was learned about it

    @property
    def is_openai(self) -> bool:
        """True for OpenAI's own API, where model names mean what OpenAI says they mean."""
        host = urlparse(self.base_url).hostname or ""
        return host == "api.openai.com" or host.endswith(".openai.azure.com")


@dataclass(frozen=True)
class Capabilities:
    """How to shape a request for one model on one endpoint."""

    instruction_role: str
    max_tokens_param: str
    supports_temperature: bool
    reasoning: bool


def is_reasoning_model(model: str) -> bool:
    """True for OpenAI reasoning models (o-series, gpt-5 family), which reject sampling parameters."""
    name = model.strip().split("/")[-1]
    return bool(_REASONING.match(name))


def capabilities_for(model: str, endpoint: Endpoint) -> Capabilities:
    """Decide role, max-tokens name and sampling support from the model name and endpoint settings."""
    reasoning = is_reasoning_model(model)
    profile = endpoint.profile
    if profile.system_role_only:  # the server rejected developer and the user chose "send as system"
        role = "system"
    elif endpoint.instruction_role is InstructionRole.AUTO:
        role = "developer" if reasoning else "system"
    else:
        role = endpoint.instruction_role.value
    if endpoint.max_tokens_param is MaxTokensParam.AUTO and profile.length_cap:
        max_name = profile.length_cap
    elif endpoint.max_tokens_param is MaxTokensParam.AUTO:
        # OpenAI takes max_completion_tokens everywhere; local servers document max_tokens.
        use_new = reasoning or endpoint.is_openai
        max_name = "max_completion_tokens" if use_new else "max_tokens"
    else:
        max_name = endpoint.max_tokens_param.value
    return Capabilities(
        instruction_role=role,
        max_tokens_param=max_name,
        supports_temperature=not reasoning,
        reasoning=reasoning,
    )


def check_endpoint_input(base_url: str, api_key: str) -> AppError | None:
    """A plain explanation when a typed base URL or key cannot work at all, before any request."""
    if urlparse(base_url).scheme not in ("http", "https") or not urlparse(base_url).hostname:
        return AppError(
            ErrorKind.NOT_OPENAI_API,
            f"'{base_url}' is not a web address.",
            "The base URL starts with http:// or https://, e.g. http://localhost:11434/v1.",
            retryable=False,
        )
    if api_key and not (api_key.isascii() and api_key.isprintable()):
        return AppError(
            ErrorKind.INVALID_KEY,
            "The API key contains characters a key cannot have (spaces, line breaks or letters such as '…').",
            "Copy the key again from your provider's page.",
            retryable=False,
        )
    return None


def is_chat_model(model: str) -> bool:
    """False for embeddings, speech, image and moderation models that cannot chat."""
    return not _NON_CHAT.search(model)


def sort_models(model_ids: list[str]) -> list[str]:
    """Chat models first (alphabetical), then everything else."""
    unique = sorted(set(model_ids), key=str.lower)
    return [m for m in unique if is_chat_model(m)] + [m for m in unique if not is_chat_model(m)]
