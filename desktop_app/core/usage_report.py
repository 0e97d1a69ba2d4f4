"""Spending and tokens over time, from the usage stored with every reply, priced on read."""

from __future__ import annotations

import csv
import io
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from desktop_app.core.events import Usage
from desktop_app.core.models.pricing import PriceBook, reply_cost

REPORT_DAYS = 30
CSV_COLUMNS = ("date", "model", "replies", "input_tokens", "output_tokens", "reasoning_tokens", "cost_usd",
               "unpriced_replies")


@dataclass(frozen=True)
class UsageRow:
    """One stored reply's usage: when, in which conversation, which model on which server."""

    conversation_id: str
    at: float  # unix seconds
    model: str
    usage: Usage
    base_url: str


@dataclass
class DayModel:
    """What one model did on one day."""

    replies: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    reasoning_tokens: int = 0
    cost: Decimal = Decimal(0)
    unpriced: int = 0  # replies whose model has no known price (their cost is not in `cost`)


@dataclass
class UsageReport:
    """Spending per day and model for the last days, and totals for today, this month and all time."""

    days: list[date]
    by_day: dict[date, dict[str, DayModel]] = field(default_factory=dict)
    today: Decimal = Decimal(0)
    month: Decimal = Decimal(0)
    all_time: Decimal = Decimal(0)
    unpriced: int = 0  # replies, over all time, that could not be priced
    by_conversation: dict[str, Decimal] = field(default_factory=dict)

    def models(self) -> list[str]:
        """Every model seen in the window, most spent on first."""
        spent: dict[str, Decimal] = defaultdict(Decimal)
        for models in self.by_day.values():
            for model, cell in models.items():
                spent[model] += cell.cost
        return sorted(spent, key=lambda m: (-spent[m], m))

    def day_total(self, day: date) -> Decimal:
        """What everything cost on `day`."""
        return sum((cell.cost for cell in self.by_day.get(day, {}).values()), Decimal(0))

    def to_csv(self) -> str:
        """One line per day and model with replies (dates in local time, costs in USD)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for day in self.days:
            for model, cell in sorted(self.by_day.get(day, {}).items()):
                writer.writerow((day.isoformat(), model, cell.replies, cell.input_tokens, cell.output_tokens,
                                 cell.reasoning_tokens, f"{cell.cost:f}", cell.unpriced))
        return out.getvalue()


def build_report(rows: list[UsageRow], book: PriceBook, default_base_url: str, now: float | None = None,
                 days: int = REPORT_DAYS) -> UsageReport:
    """Price every row (on a worker: the first price loads the library) and add them up by local day."""
    now = time.time() if now is None else now
    today = datetime.fromtimestamp(now).date()
    window = [today - timedelta(days=i) for i in range(days - 1, -1, -1)]
    report = UsageReport(window, {day: {} for day in window})
    for row in rows:
        cost = reply_cost(row.usage, row.model, row.base_url or default_base_url, row.at, book)
        day = datetime.fromtimestamp(row.at).date()
        amount = cost.total if cost.known else Decimal(0)
        report.all_time += amount
        report.by_conversation[row.conversation_id] = report.by_conversation.get(row.conversation_id, Decimal(0)) + amount
        report.unpriced += not cost.known
        if (day.year, day.month) == (today.year, today.month):
            report.month += amount
        if day == today:
            report.today += amount
        if day in report.by_day:
            cell = report.by_day[day].setdefault(row.model or "?", DayModel())
            cell.replies += 1
            cell.input_tokens += row.usage.prompt_tokens
            cell.output_tokens += row.usage.completion_tokens
            cell.reasoning_tokens += row.usage.reasoning_tokens or 0
            cell.cost += amount
            cell.unpriced += not cost.known
    return report
