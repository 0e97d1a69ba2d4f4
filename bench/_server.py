"""The loopback fake OpenAI server in a process of its own, for the streaming benchmark.

    python3 bench/_server.py        (PYTHONPATH must hold the repo root)

Prints ``BASE-URL <url>`` once serving. Then, for each line ``<n>`` read on stdin, scripts the next
chat completion as ``Stream(choices=[long_tokens(n)], delay=0)`` and answers ``ok``; end of input
stops the server. Being another process, the server's own Python work (json, socket writes) does
not compete for the measured process's GIL, as with a real server.
"""

from __future__ import annotations

import sys

from tests.fakes.openai_server import FakeOpenAIServer, Stream, long_tokens


def main() -> None:
    cache: dict[int, list[str]] = {}
    with FakeOpenAIServer() as server:
        print(f"BASE-URL {server.base_url}", flush=True)
        for line in sys.stdin:
            line = line.strip()
            if not line:
                continue
            n = int(line)
            tokens = cache.setdefault(n, long_tokens(n))
            server.script(Stream(choices=[tokens], delay=0))
            print("ok", flush=True)


if __name__ == "__main__":
    main()
