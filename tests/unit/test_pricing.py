"""What replies cost: library prices against hand-computed figures, user prices, local servers, offline."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.core.events import Usage
from desktop_app.core.models.pricing import PriceBook, UserPrice, reply_cost
from desktop_app.core.usage_report import UsageRow, build_report

OPENAI = "https://api.openai.com/v1"
LOCAL = "http://localhost:11434/v1"
NOW = datetime(2026, 12, 3, 12, 0).timestamp()


def usage(prompt, completion, **details) -> Usage:
    return Usage(prompt_tokens=prompt, completion_tokens=completion, total_tokens=prompt + completion, **details)


@pytest.mark.parametrize(
    "model, used, expected",
    [
        # gpt-5-mini: $0.25 input, $0.025 cached input, $2 output per million; reasoning is billed as output.
        ("gpt-5-mini", usage(1000, 500, cached_tokens=200, reasoning_tokens=300),
         Decimal("800") * Decimal("0.25") / 10**6 + 200 * Decimal("0.025") / 10**6 + 500 * Decimal(2) / 10**6),
        # gpt-audio: $2.5 / $10 text, $32 / $64 audio per million; audio tokens are part of the totals.
        ("gpt-audio", usage(1000, 500, audio_prompt_tokens=400, audio_completion_tokens=300),
         (600 * Decimal("2.5") + 400 * 32 + 200 * 10 + 300 * 64) / Decimal(10**6)),
        # gpt-4o: image tokens are counted in the prompt and billed as input ($2.5), output $10.
        ("gpt-4o", usage(1000, 10, image_tokens=765), (1000 * Decimal("2.5") + 10 * 10) / Decimal(10**6)),
        # o3: $2 input, $8 output; 900 of the 1000 output tokens were reasoning.
        ("o3", usage(100, 1000, reasoning_tokens=900), (100 * 2 + 1000 * 8) / Decimal(10**6)),
    ],
)
def test_known_usages_cost_what_the_price_list_says(model, used, expected):
    cost = reply_cost(used, model, OPENAI, NOW, PriceBook())
    assert cost.status == "priced"
    assert cost.total == expected
    assert sum(line.amount for line in cost.lines) == cost.total, "the arithmetic shown adds up"
    assert cost.source.startswith("genai-prices ")


def test_reasoning_and_image_tokens_are_named_in_the_arithmetic():
    cost = reply_cost(usage(1000, 500, reasoning_tokens=300, image_tokens=85), "gpt-5-mini", OPENAI, NOW, PriceBook())
    assert cost.reasoning_tokens == 300 and cost.image_tokens == 85


def test_an_unknown_model_has_no_made_up_price():
    cost = reply_cost(usage(1000, 500), "my-finetune-42", OPENAI, NOW, PriceBook())
    assert cost.status == "unknown" and not cost.known and cost.total == 0


def test_a_local_server_costs_nothing_unless_marked_as_priced():
    assert reply_cost(usage(1000, 500), "llama3.1:8b", LOCAL, NOW, PriceBook()).status == "free"
    book = PriceBook({LOCAL: {}})
    assert reply_cost(usage(1000, 500), "llama3.1:8b", LOCAL, NOW, book).status == "unknown"
    book = PriceBook({LOCAL + "/": {"llama3.1:8b": UserPrice(Decimal("1"), Decimal("2"))}})
    book = PriceBook.from_dict(book.to_dict())
    cost = reply_cost(usage(1000, 500, cached_tokens=400), "llama3.1:8b", LOCAL, NOW, book)
    assert cost.status == "priced" and cost.source == "user"
    assert cost.total == (1000 * 1 + 500 * 2) / Decimal(10**6), "cached input falls back to the input price"


def test_a_user_price_wins_over_the_library_on_openai():
    book = PriceBook({OPENAI: {"gpt-4o": UserPrice(Decimal("1"), Decimal("1"), cached_input=Decimal("0.5"))}})
    cost = reply_cost(usage(1000, 1000, cached_tokens=1000), "gpt-4o", OPENAI, NOW, book)
    assert cost.total == (1000 * Decimal("0.5") + 1000) / Decimal(10**6)


def test_a_dated_price_is_the_one_valid_on_the_reply_date():
    cost = reply_cost(usage(1000, 0), "gpt-5.6-sol", OPENAI, NOW, PriceBook())
    assert cost.price_since is not None and cost.price_since <= datetime.fromtimestamp(NOW).date()


def test_computing_a_price_opens_no_socket():
    root = Path(__file__).resolve().parents[2]
    code = textwrap.dedent(
        """
        import socket
        def refuse(*args, **kwargs):
            raise AssertionError("a socket was opened")
        socket.socket.__init__ = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from desktop_app.core.events import Usage
        from desktop_app.core.models.pricing import PriceBook, load_library, reply_cost
        load_library()
        cost = reply_cost(Usage(1000, 500, 1500, cached_tokens=200), "gpt-5-mini", "https://api.openai.com/v1",
                          1764763200.0, PriceBook())
        print(cost.status, cost.total)
        """
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60,
                            env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["priced", "0.001205"]


def test_the_report_adds_up_days_months_and_conversations():
    day = 24 * 3600
    rows = [
        UsageRow("a", NOW, "gpt-5-mini", usage(1000, 500, cached_tokens=200), OPENAI),
        UsageRow("a", NOW - 60, "o3", usage(100, 1000), OPENAI),
        UsageRow("b", NOW - 2 * day, "gpt-5-mini", usage(1000, 500, cached_tokens=200), OPENAI),
        UsageRow("c", NOW - 400 * day, "gpt-4o", usage(1000, 10), OPENAI),
        UsageRow("d", NOW, "mystery", usage(10, 10), OPENAI),
        UsageRow("e", NOW, "llama3", usage(10, 10), ""),
    ]
    report = build_report(rows, PriceBook(), LOCAL, now=NOW)
    assert report.today == Decimal("0.001205") + Decimal("0.0082")
    assert report.month == report.today + Decimal("0.001205")
    assert report.all_time == report.month + Decimal("0.0026")
    assert report.unpriced == 1
    assert report.by_conversation["a"] == report.today
    today = report.days[-1]
    assert report.by_day[today]["mystery"].unpriced == 1
    assert report.by_day[today]["llama3"].cost == 0
    lines = report.to_csv().splitlines()
    assert lines[0].startswith("date,model,replies")
    assert sum(Decimal(line.split(",")[6]) for line in lines[1:]) == report.month
