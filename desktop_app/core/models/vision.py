"""How many prompt tokens an image costs on a model (OpenAI's published tile and patch formulas)."""

from __future__ import annotations

import math
import re

from desktop_app.core.models.names import base_name

HIGH_FIT = 2048  # "high" detail: the image is first fitted within 2048x2048 ...
HIGH_SHORT_SIDE = 768  # ... then its short side brought down to 768 px


def image_tokens(width: int, height: int, detail: str, model: str) -> int:
    """Estimate the prompt tokens an image of this size costs on `model` (published formulas)."""
    name = base_name(model)
    multiplier = _patch_multiplier(name)
    if multiplier is not None:
        return round(_patches(width, height) * multiplier)
    base, per_tile = _tile_constants(name)
    if detail == "low":
        return base
    return base + per_tile * _tiles(width, height)


# (name pattern, multiplier): patch-based models, checked in order.
_PATCH_MODELS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"^gpt-4\.1-mini"), 1.62),
    (re.compile(r"^gpt-4\.1-nano"), 2.46),
    (re.compile(r"^gpt-5-mini"), 1.62),
    (re.compile(r"^gpt-5-nano"), 2.46),
    (re.compile(r"^o4-mini"), 1.72),
    # gpt-5.2 and later, gpt-6 and later (reported): patch-based with a x1.2 factor.
    (re.compile(r"^gpt-(5\.([2-9]|\d{2,})|[6-9]|\d{2,})"), 1.2),
)
# (name pattern, base, per tile): tile-based models; anything else uses gpt-4o's constants.
_TILE_MODELS: tuple[tuple[re.Pattern[str], int, int], ...] = (
    (re.compile(r"^gpt-4o-mini"), 2833, 5667),
    (re.compile(r"^gpt-5"), 70, 140),
    (re.compile(r"^o[13](\b|-|$)"), 75, 150),
)
_GPT_4O_TILES = (85, 170)
_PATCH = 32
_MAX_PATCHES = 1536
_TILE = 512


def _patch_multiplier(name: str) -> float | None:
    for pattern, multiplier in _PATCH_MODELS:
        if pattern.match(name):
            return multiplier
    return None


def _tile_constants(name: str) -> tuple[int, int]:
    for pattern, base, per_tile in _TILE_MODELS:
        if pattern.match(name):
            return base, per_tile
    return _GPT_4O_TILES


def _ceil_div(length: float, step: int) -> int:
    # The tolerance keeps 1056.0000000001 px at 33 patches, not 34.
    return max(1, math.ceil(length / step - 1e-9))


def _tiles(width: int, height: int) -> int:
    """512-px tiles after fitting within 2048x2048 and bringing the short side down to 768."""
    w, h = float(width), float(height)
    fit = min(1.0, HIGH_FIT / w, HIGH_FIT / h)
    w, h = w * fit, h * fit
    short = min(1.0, HIGH_SHORT_SIDE / min(w, h))
    w, h = w * short, h * short
    return _ceil_div(w, _TILE) * _ceil_div(h, _TILE)


def _patches(width: int, height: int) -> int:
    """32-px patches, scaled down to fit 1536 patches when over (OpenAI's published procedure)."""
    patches = _ceil_div(width, _PATCH) * _ceil_div(height, _PATCH)
    if patches <= _MAX_PATCHES:
        return patches
    shrink = math.sqrt(_PATCH * _PATCH * _MAX_PATCHES / (width * height))
    across, down = width * shrink / _PATCH, height * shrink / _PATCH
    shrink *= min(math.floor(across) / across, math.floor(down) / down)
    return min(_MAX_PATCHES, _ceil_div(width * shrink, _PATCH) * _ceil_div(height * shrink, _PATCH))
