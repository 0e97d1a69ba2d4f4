"""Links in a reply: the target shows on hover, a misleading link asks first, only web links ever open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolTip

from desktop_app.ui import link_guard
from tests.fakes.openai_server import Stream

REPLY = (
    "See [the docs](https://example.com/docs), log in at "
    "[https://bank.example.com/login](https://evil.example.net/login) or write to <me@example.com>."
)
SCHEMES = ("http", "https", "mailto", "file", "javascript", "data")


class _Opened(QObject):
    """Stands in for the browser: records every URL the desktop was asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def opened():
    recorder = _Opened()
    for scheme in SCHEMES:
        QDesktopServices.setUrlHandler(scheme, recorder, "open")
    yield recorder
    for scheme in SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)


@pytest.fixture
def questions(monkeypatch):
    """The questions the app asked (misleading links) and the refusals it showed; answers 'no'."""
    asked: dict[str, list] = {"ask": [], "refuse": [], "answer": [False]}

    def ask(_parent, text, target):
        asked["ask"].append((text, target))
        return asked["answer"][0]

    monkeypatch.setattr(link_guard, "ask_before_opening", ask)
    monkeypatch.setattr(link_guard, "refuse", lambda _parent, target: asked["refuse"].append(target))
    return asked


def test_a_plain_web_link_opens_at_once(driver, opened, questions):
    driver.server.script(Stream(text=REPLY))
    driver.send("links?")
    reply = driver.wait_reply_done()
    driver.view.follow_link("https://example.com/docs")
    assert opened.urls == ["https://example.com/docs"]
    driver.view.follow_link("mailto:me@example.com")
    assert opened.urls[-1] == "mailto:me@example.com"
    assert questions["ask"] == [] and reply is not None


def test_a_link_whose_text_names_another_address_asks_first(driver, opened, questions):
    driver.server.script(Stream(text=REPLY))
    driver.send("links?")
    driver.wait_reply_done()
    driver.view.follow_link("https://evil.example.net/login")
    assert questions["ask"] == [("https://bank.example.com/login", "https://evil.example.net/login")]
    assert opened.urls == []  # the user said no
    questions["answer"][0] = True
    driver.view.follow_link("https://evil.example.net/login")
    assert opened.urls == ["https://evil.example.net/login"]


def test_links_that_are_not_web_addresses_never_open(driver, opened, questions):
    for href in ("file:///etc/passwd", "javascript:alert(1)", "data:text/html,<b>hi</b>"):
        driver.view.follow_link(href)
    assert opened.urls == []
    assert [t.split(":")[0] for t in questions["refuse"]] == ["file", "javascript", "data"]


def test_hovering_a_link_shows_where_it_leads(driver):
    driver.server.script(Stream(text=REPLY))
    driver.send("links?")
    reply = driver.wait_reply_done()
    document = driver.view.document()
    position = document.find("https://bank.example.com/login").selectionStart() + 3
    cursor = QTextCursor(document)
    cursor.setPosition(position)
    point = driver.view.cursorRect(cursor).center()
    QTest.mouseMove(driver.view.viewport(), point)
    driver.qtbot.waitUntil(lambda: "evil.example.net" in QToolTip.text())
    assert "https://evil.example.net/login" in QToolTip.text()
    assert reply.text == REPLY
