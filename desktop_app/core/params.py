"""The request parameters a user tunes in the parameters panel."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

MAX_CHOICES = 8
RESPONSE_KINDS = ("text", "json_object", "json_schema")
REASONING_EFFORTS = ("none", "minimal", "low", "medium", "high", "xhigh", "max")
"""Every value of `reasoning_effort` the API knows, lowest first."""
VERBOSITIES = ("low", "medium", "high")
"""Every value of `verbosity`."""
DEFAULT_TEMPERATURE = 1.0  # the API's own default


@dataclass(frozen=True)
class RequestParams:
    """Sampling and length settings for one request.

    `None` means "leave it out and let the server decide". `omitted` lists parameters the user chose to
    drop after the server rejected them ("resend without temperature").
    """

    temperature: float | None = DEFAULT_TEMPERATURE
    max_completion_tokens: int | None = None
    n: int = 1
    seed: int | None = None
    omitted: frozenset[str] = field(default_factory=frozenset)
    response_kind: str = "text"  # "text", "json_object" or "json_schema" (core.json_answer)
    json_schema: str = ""  # the schema as the user typed it, for "json_schema"
    reasoning_effort: str | None = None  # reasoning models: "low", "high", ...; None = the model's default
    verbosity: str | None = None  # gpt-5 and later: "low", "medium" or "high"; None = the model's default

    def without(self, param: str) -> "RequestParams":
        """The same parameters with one more left out of the request."""
        return replace(self, omitted=self.omitted | {param})

    def to_dict(self) -> dict:
        """A JSON-friendly form for the settings file."""
        return {
            "temperature": self.temperature,
            "max_completion_tokens": self.max_completion_tokens,
            "n": self.n,
            "seed": self.seed,
            "response_kind": self.response_kind,
            "json_schema": self.json_schema,
            "reasoning_effort": self.reasoning_effort,
            "verbosity": self.verbosity,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "RequestParams":
        """Read back what `to_dict` wrote, ignoring anything out of range."""

        def number(key, kind, lo, hi):
            value = data.get(key)
            if value is None or isinstance(value, bool):
                return None
            try:
                value = kind(value)
            except (TypeError, ValueError, OverflowError):  # JSON allows Infinity and 1e999
                return None
            return value if lo <= value <= hi else None

        n = number("n", int, 1, MAX_CHOICES) or 1
        temperature = number("temperature", float, 0.0, 2.0)
        if temperature is None and not ("temperature" in data and data["temperature"] is None):
            temperature = DEFAULT_TEMPERATURE  # missing or broken; an explicit null means "server decides"
        return cls(
            temperature=temperature,
            max_completion_tokens=number("max_completion_tokens", int, 1, 10_000_000),
            n=n,
            seed=number("seed", int, -(2**63), 2**63 - 1),
            response_kind=kind if (kind := data.get("response_kind")) in RESPONSE_KINDS else "text",
            json_schema=data.get("json_schema") if isinstance(data.get("json_schema"), str) else "",
            reasoning_effort=effort if (effort := data.get("reasoning_effort")) in REASONING_EFFORTS else None,
            verbosity=verbosity if (verbosity := data.get("verbosity")) in VERBOSITIES else None,
        )
