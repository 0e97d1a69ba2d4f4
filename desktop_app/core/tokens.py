"""Token counting with tiktoken, strictly offline.

The BPE files come with the app (resources/tiktoken/<name>.tiktoken, see
packaging/fetch_encodings.py); tiktoken's own loader is never asked for an encoding, so nothing
is ever downloaded. If a file is missing or fails its sha256 check, counting falls back to the
estimate ceil(len(text) / 4) and `TokenCounter.exact` is False.

Only o200k_base and cl100k_base are shipped:
- unknown models (local servers, gpt-audio, ...) use o200k_base: an estimate for them anyway;
- o200k_harmony (gpt-oss) uses o200k_base: same ranks and split pattern, it only adds special
  tokens, so ordinary text counts the same and a second ~80 MB table is not worth loading;
- the retired GPT-3 encodings (r50k_base, p50k_base, p50k_edit, gpt2) use cl100k_base.

Loading an encoding takes ~0.3 s and ~80 MB: call `TokenCounter.load` off the GUI thread.
Loaded encodings are cached for the life of the process.
"""

from __future__ import annotations

import base64
import logging
import threading
import types
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.core.models.tokenizer import SHIPPED_ENCODINGS, encoding_name_for

if TYPE_CHECKING:
    import tiktoken

log = logging.getLogger(__name__)

ESTIMATOR_NAME = "estimate"
PER_MESSAGE_TOKENS = 3  # the cookbook's framing of each message
REPLY_PRIMING_TOKENS = 3  # once per request: the assistant header the reply starts from

_cache: dict[tuple[str, str], tiktoken.Encoding] = {}
_cache_lock = threading.Lock()


class EncodingUnavailable(Exception):
    """An encoding file is missing, unreadable or has the wrong sha256."""


def _read_bpe(path: Path, sha256: str) -> dict[bytes, int]:
    """Read and verify a .tiktoken file (same format and parsing as tiktoken.load.load_tiktoken_bpe).

    Not load_tiktoken_bpe itself: for a local path it still goes through tiktoken's download
    cache, copying the 3.6 MB file into <temp>/data-gym-cache (or TIKTOKEN_CACHE_DIR, and
    raising if that is not writable), and a stale copy there would shadow this file.
    """
    try:
        data = path.read_bytes()
    except OSError as e:
        raise EncodingUnavailable(f"cannot read {path}: {e}") from e
    import hashlib  # only when an encoding loads, off the GUI thread

    actual = hashlib.sha256(data).hexdigest()
    if actual != sha256:
        raise EncodingUnavailable(f"{path} has sha256 {actual}, expected {sha256}")
    ranks = {}
    for line in data.splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


def _build_encoding(name: str, encodings_dir: Path) -> tiktoken.Encoding:
    """Build the tiktoken.Encoding from the local file, with the pattern and special tokens of
    the installed tiktoken.

    tiktoken_ext.openai_public.<name>() returns exactly the Encoding parameters, but loads the
    ranks from a URL through the module-global load_tiktoken_bpe. We call a copy of that
    function whose globals map load_tiktoken_bpe to a local reader: the module itself is not
    touched (thread-safe), and the reader refuses any file but ours.
    """
    import tiktoken
    from tiktoken_ext import openai_public

    path = encodings_dir / f"{name}.tiktoken"

    def load_local(url: str, expected_hash: str | None = None) -> dict[bytes, int]:
        if url.rsplit("/", 1)[-1] != path.name or expected_hash != SHIPPED_ENCODINGS[name]:
            raise EncodingUnavailable(f"{name} asked for {url} ({expected_hash}); not shipped")
        return _read_bpe(path, expected_hash)

    constructor = openai_public.ENCODING_CONSTRUCTORS[name]
    offline_globals = {**constructor.__globals__, "load_tiktoken_bpe": load_local}
    offline_constructor = types.FunctionType(
        constructor.__code__, offline_globals, name, constructor.__defaults__, constructor.__closure__
    )
    params: dict[str, Any] = offline_constructor()
    return tiktoken.Encoding(**params)


def cached_encoding(name: str, encodings_dir: Path) -> tiktoken.Encoding:
    key = (name, str(encodings_dir.resolve()))
    # One lock for all: two threads asking for the same encoding must not both build 80 MB.
    with _cache_lock:
        encoding = _cache.get(key)
        if encoding is None:
            encoding = _build_encoding(name, encodings_dir)
            _cache[key] = encoding
        return encoding


# A huge text is encoded in pieces of about this many characters: tiktoken holds the GIL while it
# encodes (a 64,000-character piece held it ~8 ms), and the GUI thread waits for the GIL.
COUNT_PIECE_CHARS = 16_000
# How many counts of huge texts' pieces are remembered: a 5 MB draft (~320 pieces) is counted again at
# every keystroke, and again with the conversation once sent; only changed pieces are new. A piece is
# remembered by its length and hash, not its text, so the memory stays small.
REMEMBERED_PIECES = 4096


class TokenCounter:
    """Counts tokens of text and of chat messages for one encoding (or estimates them)."""

    def __init__(self, encoding_name: str, encoding: tiktoken.Encoding | None) -> None:
        self.encoding_name = encoding_name
        self.exact = encoding is not None
        self._encoding = encoding
        self._pieces: OrderedDict[tuple[int, int], int] = OrderedDict()  # (length, hash) -> tokens
        self._pieces_lock = threading.Lock()  # counts run on several pool threads at once

    @classmethod
    def load(cls, model: str, encodings_dir: Path) -> TokenCounter:
        """The counter for `model` from the files in encodings_dir; never raises, never goes
        online. Slow the first time per encoding (~0.3 s): run it off the GUI thread."""
        name = encoding_name_for(model)
        try:
            return cls(name, cached_encoding(name, Path(encodings_dir)))
        except Exception as e:  # missing/corrupt file, tiktoken missing or changed: estimate
            log.warning("token counts for %r are estimates: %s", model, e)
            return cls.estimator()

    @classmethod
    def estimator(cls) -> TokenCounter:
        """The fallback: ceil(len(text) / 4) tokens per text."""
        return cls(ESTIMATOR_NAME, None)

    def __repr__(self) -> str:
        return f"TokenCounter({self.encoding_name!r}, exact={self.exact})"

    def count_text(self, text: str) -> int:
        """Tokens in text; special-token strings such as "<|endoftext|>" count as plain text."""
        return self.count_texts([text])

    def count_texts(self, texts: list[str]) -> int:
        """Tokens in all of `texts` together; a huge text in pieces, those seen before not again."""
        if not self.exact:
            return sum(-(-len(text) // 4) for text in texts)
        total, keys, unknown = 0, [], []
        for text in texts:
            huge = len(text) > COUNT_PIECE_CHARS
            for piece in pieces(text):
                key = (len(piece), hash(piece)) if huge else None
                known = self._remembered(key)
                if known is None:
                    keys.append(key)
                    unknown.append(piece)
                else:
                    total += known
        counts = self._count_pieces(unknown) if unknown else []
        for key, count in zip(keys, counts):
            self._remember(key, count)
        return total + sum(counts)

    def _count_pieces(self, texts: list[str]) -> list[int]:
        """Tokens in each of `texts` (each at most COUNT_PIECE_CHARS long)."""
        return [len(self._encoding.encode_ordinary(text)) for text in texts]

    def _remembered(self, key: tuple[int, int] | None) -> int | None:
        if key is None:
            return None
        with self._pieces_lock:
            tokens = self._pieces.get(key)
            if tokens is not None:
                self._pieces.move_to_end(key)
            return tokens

    def _remember(self, key: tuple[int, int] | None, tokens: int) -> None:
        if key is None or not self.exact:  # an estimate (the helper process went) is not kept
            return
        with self._pieces_lock:
            self._pieces[key] = tokens
            while len(self._pieces) > REMEMBERED_PIECES:
                self._pieces.popitem(last=False)

    def count_chat(self, messages: list[dict]) -> int:
        """Prompt tokens of a chat request, by the OpenAI cookbook rule (gpt-4o, gpt-4, ...):
        3 per message, plus the tokens of every string field (role, content, name, ...), plus 1
        per message with a name, plus 3 for the primed assistant reply. In a list `content`,
        only the text parts count (images and audio are not counted)."""
        return self.count_messages(messages) + REPLY_PRIMING_TOKENS

    def count_messages(self, messages: list[dict]) -> int:
        """The tokens `messages` add to a request (count_chat without the reply priming)."""
        framing, texts = message_texts(messages)
        return framing + self.count_texts(texts)


def message_texts(messages: list[dict]) -> tuple[int, list[str]]:
    """The framing tokens of `messages` and the texts whose tokens they add."""
    framing, texts = 0, []
    for message in messages:
        framing += PER_MESSAGE_TOKENS
        for key, value in message.items():
            if isinstance(value, str):
                texts.append(value)
            elif key == "content" and isinstance(value, list):
                texts.extend(text_parts(value))
            if key == "name" and value:
                framing += 1
    return framing, texts


def pieces(text: str) -> list[str]:
    """`text` cut into pieces of at most COUNT_PIECE_CHARS at line or word ends (where tokens end
    anyway): each piece's token list stays small, and other threads get the GIL between pieces."""
    if len(text) <= COUNT_PIECE_CHARS:
        return [text]
    parts, start = [], 0
    while start < len(text):
        end = start + COUNT_PIECE_CHARS
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(" ", start, end))
            end = cut + 1 if cut > start else end
        parts.append(text[start:end])
        start = end
    return parts


def text_parts(parts: list) -> list[str]:
    """The text parts of a list `content` (images and audio are not counted)."""
    texts = []
    for part in parts:
        if isinstance(part, str):
            texts.append(part)
        elif isinstance(part, dict) and part.get("type") == "text" and isinstance(part.get("text"), str):
            texts.append(part["text"])
    return texts
