"""Costs in words: "$0.0031", "price unknown", and the arithmetic behind a figure."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QCoreApplication

from desktop_app.core.models.pricing import Cost


def money(amount: Decimal) -> str:
    """"$0.0031" for a reply, "$12.40" for a month: four significant places below a cent, cents above."""
    if amount == 0:
        return "$0"
    if amount >= Decimal("0.995"):
        return "$" + str(amount.quantize(Decimal("0.01"), ROUND_HALF_UP))
    if amount >= Decimal("0.0001"):
        return "$" + str(amount.quantize(Decimal("0.0001"), ROUND_HALF_UP))
    return "<$0.0001"


def cost_label(cost: Cost) -> str:
    """The short figure under a reply."""
    if cost.status == "free":
        return QCoreApplication.translate("CostText", "free (local server)")
    if cost.status == "unknown":
        return QCoreApplication.translate("CostText", "price unknown")
    return money(cost.total)


def _kind(kind: str) -> str:
    names = {
        "input": QCoreApplication.translate("CostText", "input"),
        "cached_input": QCoreApplication.translate("CostText", "cached input"),
        "audio_input": QCoreApplication.translate("CostText", "audio input"),
        "output": QCoreApplication.translate("CostText", "output"),
        "audio_output": QCoreApplication.translate("CostText", "audio output"),
    }
    return names.get(kind, kind)


def cost_tooltip(cost: Cost) -> str:
    """The arithmetic: one line per priced part, the total, and where the prices come from."""
    if cost.status == "free":
        return QCoreApplication.translate("CostText", "This server is not marked as priced, so its replies cost nothing here.\n"
                  "Mark it as priced in View > Usage > Prices.")
    if cost.status == "unknown":
        return QCoreApplication.translate("CostText", "No price is known for this model on this server, so no cost is shown.\n"
                  "You can set one in View > Usage > Prices.")
    lines = [
        QCoreApplication.translate("CostText", "{0} {1} tokens × ${2}/M = ${3}").format(
            f"{line.tokens:,}", _kind(line.kind), _plain(line.per_million), _plain(line.amount)
        )
        for line in cost.lines
    ]
    if cost.reasoning_tokens:
        lines.append(QCoreApplication.translate("CostText", "(output includes {0} reasoning tokens)").format(f"{cost.reasoning_tokens:,}"))
    if cost.image_tokens:
        lines.append(QCoreApplication.translate("CostText", "(input includes {0} image tokens)").format(f"{cost.image_tokens:,}"))
    lines.append(QCoreApplication.translate("CostText", "Total: ${0}").format(_plain(cost.total)))
    if cost.source == "user":
        lines.append(QCoreApplication.translate("CostText", "Your prices for this server."))
    elif cost.price_since is not None:
        lines.append(QCoreApplication.translate("CostText", "Prices from {0}, valid since {1}; computed when shown.").format(
            cost.source, cost.price_since.isoformat()))
    else:
        lines.append(QCoreApplication.translate("CostText", "Prices from {0}; computed when shown.").format(cost.source))
    return "\n".join(lines)


def cost_span(cost: Cost) -> str:
    """The figure as HTML whose hover shows the arithmetic (nothing from a server is in it)."""
    tip = cost_tooltip(cost).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return f'<span title="{tip}">{cost_label(cost).replace("<", "&lt;")}</span>'


def _plain(amount: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 0.000205, 2.5."""
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
