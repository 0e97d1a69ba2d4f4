"""Which tiktoken encoding counts a model's tokens (only the encodings the app ships)."""

from __future__ import annotations

from desktop_app.core.models.names import base_name

DEFAULT_ENCODING = "o200k_base"

# encoding -> sha256 of its .tiktoken file (the expected_hash in tiktoken_ext/openai_public.py)
SHIPPED_ENCODINGS = {
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
}

_SUBSTITUTES = {
    "o200k_harmony": "o200k_base",
    "r50k_base": "cl100k_base",
    "p50k_base": "cl100k_base",
    "p50k_edit": "cl100k_base",
    "gpt2": "cl100k_base",
}


def encoding_name_for(model: str) -> str:
    """The shipped encoding to count `model`'s tokens with (o200k_base if the model is unknown)."""
    from tiktoken.model import encoding_name_for_model

    model = model.strip()
    # "openai/gpt-4o" (router-style ids), "ft:gpt-4o:org::id" -> also try the base name
    candidates = list(dict.fromkeys([model, base_name(model)]))
    for candidate in candidates:
        try:
            name = encoding_name_for_model(candidate)
        except KeyError:
            continue
        name = _SUBSTITUTES.get(name, name)
        return name if name in SHIPPED_ENCODINGS else DEFAULT_ENCODING
    return DEFAULT_ENCODING
