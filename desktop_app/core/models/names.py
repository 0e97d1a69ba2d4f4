"""Model names: the base name behind a router id or fine-tune, the family, and whether it reasons."""

from __future__ import annotations

import re

# gpt-5, gpt-5.4-mini, gpt-6-astra ...: the major and minor version of a GPT name.
_GPT_VERSION = re.compile(r"^gpt-(\d+)(?:\.(\d+))?(?=$|[-.])")
# o1, o3-mini, o4-mini-2025-04-16: the o-series (a digit right after the "o").
_O_SERIES = re.compile(r"^o(\d+)(?=$|[-.])")

# Non-chat models listed by /v1/models that a chat window cannot use: shown after the chat models.
_NON_CHAT = re.compile(
    r"(embedding|whisper|tts|transcribe|dall-e|davinci|babbage|moderation|image|realtime|search|sora|"
    r"computer-use|codex-mini|embed|rerank|kokoro|piper|bark|parler|speech|voice|(^|[-_/])(stt|bge)([-_:]|$))",
    re.IGNORECASE,
)


def base_name(model: str) -> str:
    """The lower-case base name of a router id ("openai/gpt-4o") or a fine-tune ("ft:gpt-4o-mini:org::id")."""
    name = model.strip().lower().rsplit("/", 1)[-1]
    if name.startswith("ft:"):
        name = name[3:].split(":", 1)[0]
    return name


def gpt_version(model: str) -> tuple[int, int] | None:
    """(major, minor) of a GPT name ("gpt-5.4-mini" -> (5, 4), "gpt-6-luna" -> (6, 0)); None otherwise."""
    match = _GPT_VERSION.match(base_name(model))
    if not match:
        return None
    return int(match.group(1)), int(match.group(2) or 0)


def family(model: str) -> str:
    """The family a model belongs to: "o-series", "gpt-5.4", "gpt-6", "gpt-4o", ... or "" when unknown."""
    name = base_name(model)
    if _O_SERIES.match(name):
        return "o-series"
    if name.startswith(("gpt-4o", "chatgpt-4o")):
        return "gpt-4o"
    version = gpt_version(name)
    if version is not None:
        major, minor = version
        return f"gpt-{major}" if minor == 0 else f"gpt-{major}.{minor}"
    return ""


def is_chat_variant(model: str) -> bool:
    """True for the "-chat" variants of reasoning families (gpt-5-chat-latest), which do not reason."""
    return "-chat" in base_name(model)


def is_reasoning(model: str) -> bool:
    """True for reasoning models: the o-series and gpt-5 and later, except their -chat variants."""
    name = base_name(model)
    if is_chat_variant(name):
        return False
    if _O_SERIES.match(name):
        return True
    version = gpt_version(name)
    return version is not None and version[0] >= 5


def is_chat_model(model: str) -> bool:
    """False for embeddings, speech, image and moderation models that cannot chat."""
    return not _NON_CHAT.search(model)
