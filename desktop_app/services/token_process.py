"""Exact token counts from a helper process that holds the tokenizer, so the app's process does not.

Building tiktoken's o200k_base tokenizer holds the GIL for ~0.1 s (the GUI freezes) and keeps
~46 MB of tables; in a child process neither touches the app. The child (`python -m
desktop_app.services.token_process`, or the frozen app with --count-tokens) reads one JSON list of
strings per line on stdin and answers one JSON list of counts per line; it exits when stdin closes,
so it never outlives the app. If the child cannot start or dies, counting stays in this process
(first) or falls back to the estimate (later), as core.tokens does for a missing file.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from pathlib import Path

from desktop_app.core.models.tokenizer import encoding_name_for
from desktop_app.core.tokens import COUNT_PIECE_CHARS, TokenCounter
from desktop_app.services.helper_process import helper_command, helper_env

log = logging.getLogger(__name__)

CHILD_FLAG = "--count-tokens"

_children: dict[tuple[str, str], ProcessTokenCounter] = {}
_children_lock = threading.Lock()


class ProcessTokenCounter(TokenCounter):
    """A TokenCounter whose counting happens in the helper process (short roundtrips over a pipe)."""

    def __init__(self, encoding_name: str, process: subprocess.Popen) -> None:
        super().__init__(encoding_name, None)
        self.exact = True
        self._process = process
        self._lock = threading.Lock()  # one request at a time on the pipe (GUI and task threads)

    @classmethod
    def load(cls, model: str, encodings_dir: Path) -> TokenCounter:
        """The counter for `model`: a helper process per encoding, shared for the life of the app.
        Blocks until the child has built its tokenizer (~0.3 s): call it off the GUI thread."""
        name = encoding_name_for(model)
        key = (name, str(Path(encodings_dir).resolve()))
        with _children_lock:
            counter = _children.get(key)
            if counter is None or not counter.exact:
                counter = _start(name, Path(encodings_dir))
                if counter is None:
                    return TokenCounter.load(model, encodings_dir)
                _children[key] = counter
            return counter

    def _count_pieces(self, texts: list[str]) -> list[int]:
        """Tokens in each of `texts`, in as few roundtrips as keep each one short."""
        counts: list[int] = []
        for batch in _batches(texts):
            counts += self._count(batch)
        return counts

    def _count(self, texts: list[str]) -> list[int]:
        # One roundtrip holds the pipe: callers cut big texts into pieces first, so another
        # thread (the GUI's draft count) never waits behind a 5 MB count.
        if self.exact:
            line = (json.dumps(texts) + "\n").encode("utf-8")
            with self._lock:
                try:
                    self._process.stdin.write(line)
                    self._process.stdin.flush()
                    answer = self._process.stdout.readline()
                    counts = json.loads(answer) if answer else None
                except (OSError, ValueError) as e:
                    log.warning("the token counting process failed: %s", e)
                    counts = None
            if isinstance(counts, list) and len(counts) == len(texts):
                return counts
            self.exact = False  # gone: estimates from now on, and the next load starts a new one
            self._process.kill()
        return [-(-len(text) // 4) for text in texts]


def _batches(texts: list[str]) -> list[list[str]]:
    """The texts (pieces of at most COUNT_PIECE_CHARS) in roundtrips of about that many characters."""
    batches: list[list[str]] = [[]]
    size = 0
    for text in texts:
        if size + len(text) > COUNT_PIECE_CHARS and batches[-1]:
            batches.append([])
            size = 0
        batches[-1].append(text)
        size += len(text)
    return [batch for batch in batches if batch]


def _start(name: str, encodings_dir: Path) -> ProcessTokenCounter | None:
    try:
        process = subprocess.Popen(
            helper_command("desktop_app.services.token_process", CHILD_FLAG, str(encodings_dir), name),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=helper_env(),
            close_fds=True,
        )
    except OSError as e:
        log.warning("no token counting process (%s): counting in the app", e)
        return None
    ready = process.stdout.readline()
    try:
        exact = json.loads(ready).get("exact") is True
    except ValueError:
        exact = False
    if not exact:
        process.kill()
        log.warning("the token counting process could not load %s: counting in the app", name)
        return None
    return ProcessTokenCounter(name, process)


def serve(encodings_dir: str, name: str) -> int:
    """The child: build the encoding, then answer counts until stdin closes."""
    import gc

    from desktop_app.core import tokens

    try:
        encoding = tokens.cached_encoding(name, Path(encodings_dir))
    except Exception as e:  # noqa: BLE001  (reported to the parent as "not exact")
        sys.stdout.write(json.dumps({"exact": False, "error": str(e)}) + "\n")
        sys.stdout.flush()
        return 1
    # The Rust tokenizer keeps its own copy of the ranks; the Python dict of 200,000 bytes (~26 MB) can go.
    encoding._mergeable_ranks = {}
    gc.collect()
    _trim_heap()
    out = sys.stdout
    out.write(json.dumps({"exact": True}) + "\n")
    out.flush()
    for line in sys.stdin:
        texts = json.loads(line)
        out.write(json.dumps([len(encoding.encode_ordinary(text)) for text in texts]) + "\n")
        out.flush()
    return 0


def _trim_heap() -> None:
    """Hand the freed heap back to the system (glibc keeps it otherwise: ~5 MB here)."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # musl or another libc: nothing to trim
            pass


if __name__ == "__main__":
    raise SystemExit(serve(sys.argv[1], sys.argv[2]))
