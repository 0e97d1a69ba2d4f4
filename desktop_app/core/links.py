"""Which links in a reply may open at once, which need a question first, and which never open."""

from __future__ import annotations

import re
from enum import Enum
from urllib.parse import urlsplit

OPENABLE_SCHEMES = ("http", "https", "mailto")
# Text a reader takes for an address: a scheme, or "www.", or a dotted host name, then a path.
_LOOKS_LIKE_ADDRESS = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://|www\.)?(?:[\w-]+\.)+[a-z\w-]{2,}(?::\d+)?(?:[/?#]\S*)?$", re.IGNORECASE
)
_LOOKS_LIKE_EMAIL = re.compile(r"^(?:mailto:)?[^\s@]+@[^\s@]+\.[^\s@]+$", re.IGNORECASE)


class LinkRisk(str, Enum):
    """How a link may be followed."""

    SAFE = "safe"  # opens at once
    MISLEADING = "misleading"  # its text names another address than its target: ask first
    NOT_WEB = "not_web"  # not http(s)/mailto: never opened


def link_risk(text: str, href: str) -> LinkRisk:
    """Judge a link by its target and by what its text makes the reader expect."""
    target = urlsplit(href.strip())
    if target.scheme.lower() not in OPENABLE_SCHEMES:
        return LinkRisk.NOT_WEB
    shown = text.strip()
    if not shown or shown == href.strip():
        return LinkRisk.SAFE
    if target.scheme.lower() == "mailto":
        if not (_LOOKS_LIKE_EMAIL.match(shown) or _LOOKS_LIKE_ADDRESS.match(shown)):
            return LinkRisk.SAFE
        return LinkRisk.SAFE if shown.lower() in (target.path.lower(), href.strip().lower()) else LinkRisk.MISLEADING
    if not _LOOKS_LIKE_ADDRESS.match(shown):
        return LinkRisk.SAFE
    expected = urlsplit(shown if "://" in shown else "http://" + shown)
    return LinkRisk.SAFE if _host(expected.hostname) == _host(target.hostname) else LinkRisk.MISLEADING


def _host(name: str | None) -> str:
    name = (name or "").lower().rstrip(".")
    return name[4:] if name.startswith("www.") else name
