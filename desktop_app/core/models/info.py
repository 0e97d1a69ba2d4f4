"""Everything the app knows about one model on one endpoint, in one object."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.core.capabilities import Endpoint
from desktop_app.core.models.limits import known_context_window
from desktop_app.core.models.names import base_name, family
from desktop_app.core.models.retirement import shutdown_of
from desktop_app.core.models.rules import Capabilities, capabilities_for
from desktop_app.core.models.tokenizer import encoding_name_for


@dataclass(frozen=True)
class ModelInfo:
    """A model's base name, family, request rules, context window, tokenizer and announced shutdown.

    Prices are per reply (core.models.pricing.reply_cost) and image tokens per image
    (core.models.vision.image_tokens): both need more than the name.
    """

    name: str
    base: str
    family: str
    capabilities: Capabilities
    context_window: int | None
    encoding: str
    shutdown: date | None


def describe(model: str, endpoint: Endpoint, shutdowns: dict[str, date] | None = None) -> ModelInfo:
    """What is known about `model` on `endpoint`; `shutdowns` are the dates the server or SDK announced."""
    return ModelInfo(
        name=model,
        base=base_name(model),
        family=family(model),
        capabilities=capabilities_for(model, endpoint),
        context_window=known_context_window(model),
        encoding=encoding_name_for(model),
        shutdown=shutdown_of(model, shutdowns or {}),
    )
