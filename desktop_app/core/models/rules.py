"""Which parameters a model takes on an endpoint: role, length-cap name, temperature, effort, verbosity."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.capabilities import Endpoint, InstructionRole, MaxTokensParam
from desktop_app.core.models.names import base_name, gpt_version, is_reasoning
from desktop_app.core.params import VERBOSITIES


@dataclass(frozen=True)
class Capabilities:
    """How to shape a request for one model on one endpoint."""

    instruction_role: str
    max_tokens_param: str
    supports_temperature: bool
    reasoning: bool
    reasoning_efforts: tuple[str, ...] = ()  # the values this model accepts; () = do not send
    verbosities: tuple[str, ...] = ()


def is_reasoning_model(model: str) -> bool:
    """True for reasoning models (o-series, gpt-5 and later, not -chat), which reject sampling parameters."""
    return is_reasoning(model)


def reasoning_efforts(model: str) -> tuple[str, ...]:
    """The `reasoning_effort` values `model` accepts (OpenAI's reasoning guide per family)."""
    if not is_reasoning(model):
        return ()
    name = base_name(model)
    version = gpt_version(name)
    if version is None:  # o-series
        return ("low", "medium", "high")
    pro = "-pro" in name
    if version == (5, 0):
        return ("high",) if pro else ("minimal", "low", "medium", "high")
    if version == (5, 1):
        return ("none", "low", "medium", "high")
    if version < (5, 6):
        return ("medium", "high", "xhigh") if pro else ("none", "low", "medium", "high", "xhigh")
    return ("none", "low", "medium", "high", "xhigh", "max")


def verbosities(model: str) -> tuple[str, ...]:
    """The `verbosity` values `model` accepts: gpt-5 and later reasoning models take all three."""
    version = gpt_version(model)
    return VERBOSITIES if is_reasoning(model) and version is not None and version[0] >= 5 else ()


def capabilities_for(model: str, endpoint: Endpoint) -> Capabilities:
    """Decide role, max-tokens name and which tuning parameters go, from the model name and endpoint."""
    reasoning = is_reasoning(model)
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
        reasoning_efforts=reasoning_efforts(model),
        verbosities=verbosities(model),
    )
