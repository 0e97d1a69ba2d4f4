"""Links: which open at once, which ask first, which never open."""

from __future__ import annotations

import pytest

from desktop_app.core.links import LinkRisk, link_risk


@pytest.mark.parametrize(
    ("text", "href", "risk"),
    [
        ("the docs", "https://platform.openai.com/docs", LinkRisk.SAFE),
        ("https://example.com/a", "https://example.com/a", LinkRisk.SAFE),
        ("example.com", "https://www.example.com/page", LinkRisk.SAFE),
        ("https://bank.example.com/login", "https://evil.example.net/login", LinkRisk.MISLEADING),
        ("www.bank.com", "http://bank.com.evil.net/", LinkRisk.MISLEADING),
        ("me@example.com", "mailto:me@example.com", LinkRisk.SAFE),
        ("help@bank.com", "mailto:thief@evil.net", LinkRisk.MISLEADING),
        ("write to us", "mailto:thief@evil.net", LinkRisk.SAFE),
        ("bank.com", "mailto:thief@evil.net", LinkRisk.MISLEADING),
        ("click", "javascript:alert(1)", LinkRisk.NOT_WEB),
        ("file", "file:///etc/passwd", LinkRisk.NOT_WEB),
        ("https://example.com", "data:text/html,hi", LinkRisk.NOT_WEB),
    ],
)
def test_link_risk(text, href, risk):
    assert link_risk(text, href) is risk
