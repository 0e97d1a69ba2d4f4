"""What a reply cost: its stored usage priced offline from genai-prices' bundled data, or the user's prices.

Costs are computed when they are shown, from the usage stored with each reply and the price that
was valid on the reply's date (genai-prices keeps dated prices), so old conversations get costs and a
dated price change does not rewrite them. Nothing is ever fetched: the library's own updater is
never started, only its bundled snapshot is read.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from urllib.parse import urlparse

from desktop_app.core.events import Usage

MILLION = Decimal(1_000_000)
PRICE_FIELDS = ("input", "cached_input", "output", "audio_input", "audio_output")
"""The per-million prices a user can set for one model (cached and audio fall back to input/output)."""

_lock = threading.Lock()
_library = None  # genai_prices, imported on first use (~0.2 s: warm it up off the GUI thread)


@dataclass(frozen=True)
class UserPrice:
    """A user's price for one model in USD per million tokens; None = like the text price."""

    input: Decimal
    output: Decimal
    cached_input: Decimal | None = None
    audio_input: Decimal | None = None
    audio_output: Decimal | None = None

    def to_dict(self) -> dict:
        """A JSON-friendly form (numbers as strings: prices are decimals)."""
        return {name: str(getattr(self, name)) for name in PRICE_FIELDS if getattr(self, name) is not None}

    @classmethod
    def from_dict(cls, data: object) -> "UserPrice | None":
        """Read back `to_dict`; None when input or output is missing or not a price."""
        if not isinstance(data, dict):
            return None
        values = {name: _decimal(data.get(name)) for name in PRICE_FIELDS}
        if values["input"] is None or values["output"] is None:
            return None
        return cls(**values)


@dataclass(frozen=True)
class CostLine:
    """One priced part of a reply: `tokens` of `kind` at `per_million` USD, costing `amount`."""

    kind: str  # "input", "cached_input", "audio_input", "output", "audio_output", or the library's unit name
    tokens: int
    per_million: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Cost:
    """What one reply cost, and how that was worked out."""

    status: str  # "priced", "free" (a local server nobody marked as priced) or "unknown" (no price for the model)
    total: Decimal = Decimal(0)
    lines: tuple[CostLine, ...] = ()
    source: str = ""  # "genai-prices 0.2.3" or "user"
    price_since: date | None = None  # the date the price used took effect, when the data says
    reasoning_tokens: int = 0  # billed as output; shown in the arithmetic
    image_tokens: int = 0  # billed as input

    @property
    def known(self) -> bool:
        """True when `total` is a real figure (priced or free)."""
        return self.status != "unknown"


@dataclass
class PriceBook:
    """Which endpoints are priced and the user's per-model prices on each (they win over the library)."""

    priced_endpoints: dict[str, dict[str, UserPrice]] = field(default_factory=dict)  # base URL -> model -> price

    def user_price(self, base_url: str, model: str) -> UserPrice | None:
        """The user's price for `model` on `base_url` (exact name, then the name without a date suffix)."""
        prices = self.priced_endpoints.get(_endpoint_key(base_url), {})
        return prices.get(model) or prices.get(model.strip().lower())

    def is_priced(self, base_url: str) -> bool:
        """OpenAI's API always is; another server only when the user marked it as priced."""
        return _is_openai(base_url) or _endpoint_key(base_url) in self.priced_endpoints

    def to_dict(self) -> dict:
        """A JSON-friendly form for the settings file."""
        return {url: {m: p.to_dict() for m, p in models.items()} for url, models in self.priced_endpoints.items()}

    @classmethod
    def from_dict(cls, data: object) -> "PriceBook":
        """Read back `to_dict`, dropping anything broken."""
        book = cls()
        if isinstance(data, dict):
            for url, models in data.items():
                if isinstance(url, str) and isinstance(models, dict):
                    prices = {m: p for m, raw in models.items() if isinstance(m, str) and (p := UserPrice.from_dict(raw))}
                    book.priced_endpoints[_endpoint_key(url)] = prices
        return book


def load_library() -> None:
    """Import genai-prices and its bundled data (call once off the GUI thread)."""
    global _library
    with _lock:
        if _library is None:
            import genai_prices

            genai_prices.calc_price(genai_prices.Usage(input_tokens=1), "gpt-4o", provider_id="openai")
            _library = genai_prices


def library_loaded() -> bool:
    """True once `load_library` has run: pricing is then a fraction of a millisecond."""
    return _library is not None


def reply_cost(usage: Usage, model: str, base_url: str, at: float, book: PriceBook) -> Cost:
    """The cost of one reply with `usage` from `model` on `base_url`, made at unix time `at`."""
    user = book.user_price(base_url, model)
    if user is not None:
        return _user_cost(usage, user)
    if not book.is_priced(base_url):
        return Cost("free")
    if not _is_openai(base_url):
        return Cost("unknown")  # a priced local server without a price for this model
    return _library_cost(usage, model, at)


def _user_cost(usage: Usage, price: UserPrice) -> Cost:
    cached = usage.cached_tokens or 0
    audio_in = usage.audio_prompt_tokens or 0
    audio_out = usage.audio_completion_tokens or 0
    parts = (
        ("input", usage.prompt_tokens - cached - audio_in, price.input),
        ("cached_input", cached, price.cached_input if price.cached_input is not None else price.input),
        ("audio_input", audio_in, price.audio_input if price.audio_input is not None else price.input),
        ("output", usage.completion_tokens - audio_out, price.output),
        ("audio_output", audio_out, price.audio_output if price.audio_output is not None else price.output),
    )
    lines = tuple(CostLine(kind, n, per, per * n / MILLION) for kind, n, per in parts if n > 0)
    return Cost("priced", sum((line.amount for line in lines), Decimal(0)), lines, "user",
                reasoning_tokens=usage.reasoning_tokens or 0, image_tokens=usage.image_tokens or 0)


def _library_cost(usage: Usage, model: str, at: float) -> Cost:
    if _library is None:
        load_library()
    lib = _library
    when = datetime.fromtimestamp(at, UTC)
    values = {
        "input_tokens": usage.prompt_tokens,
        "cache_read_tokens": usage.cached_tokens or None,
        "input_audio_tokens": usage.audio_prompt_tokens or None,
        "output_tokens": usage.completion_tokens,
        "output_audio_tokens": usage.audio_completion_tokens or None,
    }
    try:
        result = lib.calc_price(
            lib.Usage(**{k: v for k, v in values.items() if v is not None}),
            model.strip(),
            provider_id="openai",
            genai_request_timestamp=when,
        )
    except (LookupError, ValueError):
        return Cost("unknown")
    return Cost(
        "priced",
        result.total_price,
        _library_lines(result.model_price, lib.Usage(**{k: v for k, v in values.items() if v is not None})),
        f"genai-prices {lib.__version__}",
        _price_since(result.model, when),
        reasoning_tokens=usage.reasoning_tokens or 0,
        image_tokens=usage.image_tokens or 0,
    )


# The library's names of the token kinds the Chat Completions API reports, as this app names them.
_KINDS = {
    "input_tokens": "input",
    "input_text_tokens": "input",
    "cache_read_tokens": "cached_input",
    "cache_text_read_tokens": "cached_input",
    "input_audio_tokens": "audio_input",
    "output_tokens": "output",
    "output_text_tokens": "output",
    "output_audio_tokens": "audio_output",
}


def _library_lines(model_price, usage) -> tuple[CostLine, ...]:
    """The per-unit parts of a library price, as the library itself adds them up (version pinned)."""
    try:
        from genai_prices import types
        from genai_prices.units import _get_registry

        prices = types._collect_resolved_model_prices(model_price, _get_registry())
        counts = types._compute_registry_priced_counts(prices, usage)
        total_input = usage.input_tokens
    except Exception:  # the private helpers moved in another version: show the total alone
        return ()
    lines = []
    for unit, price in prices:
        count = counts.get(unit.usage_key)
        if not count or unit.usage_key == "requests":
            continue
        per_million = price.base if isinstance(price, types.TieredPrices) else price
        if isinstance(price, types.TieredPrices):
            for tier in reversed(price.tiers):
                if total_input > tier.start:
                    per_million = tier.price
                    break
        amount = types.calc_unit_price(price, count, total_input, unit.per)
        per_million = per_million * MILLION / unit.per
        lines.append(CostLine(_KINDS.get(unit.usage_key, unit.usage_key), int(count), per_million, amount))
    return tuple(lines)


def _price_since(model_info, when: datetime) -> date | None:
    """The start date of the dated price in effect at `when`, if the data has dated prices."""
    prices = model_info.prices
    if not isinstance(prices, list):
        return None
    for conditional in reversed(prices):
        constraint = conditional.constraint
        if constraint is None:
            return None
        if constraint.active(when):
            return getattr(constraint, "start_date", None)
    return None


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return None
    return number if number.is_finite() and number >= 0 else None


def _endpoint_key(base_url: str) -> str:
    return base_url.strip().rstrip("/")


def _is_openai(base_url: str) -> bool:
    return (urlparse(base_url).hostname or "") == "api.openai.com"
