"""An endpoint and how it wants requests shaped; what a model takes lives in core.models."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from urllib.parse import urlparse

from desktop_app.core.endpoint_profile import EndpointProfile
from desktop_app.core.i18n import trans_late
from desktop_app.core.errors import AppError, ErrorKind
from desktop_app.core.models.names import is_chat_model

OPENAI_BASE_URL = "https://api.openai.com/v1"


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


def check_endpoint_input(base_url: str, api_key: str) -> AppError | None:
    """A plain explanation when a typed base URL or key cannot work at all, before any request."""
    if urlparse(base_url).scheme not in ("http", "https") or not urlparse(base_url).hostname:
        return AppError(
            ErrorKind.NOT_OPENAI_API,
            trans_late("AppError", "'{base_url}' is not a web address."),
            trans_late("AppError", "The base URL starts with http:// or https://, e.g. http://localhost:11434/v1."),
            retryable=False,
            args={"base_url": base_url},
        )
    if api_key and not (api_key.isascii() and api_key.isprintable()):
        return AppError(
            ErrorKind.INVALID_KEY,
            trans_late(
                "AppError",
                "The API key contains characters a key cannot have (spaces, line breaks or letters such as '…').",
            ),
            trans_late("AppError", "Copy the key again from your provider's page."),
            retryable=False,
        )
    return None


def sort_models(model_ids: list[str]) -> list[str]:
    """Chat models first (alphabetical), then everything else."""
    unique = sorted(set(model_ids), key=str.lower)
    return [m for m in unique if is_chat_model(m)] + [m for m in unique if not is_chat_model(m)]
