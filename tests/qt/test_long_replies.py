"""Long answers: everything arrives, renders as Markdown, and copy buttons give the exact code."""

from __future__ import annotations

import re

from PySide6.QtGui import QGuiApplication, QTextDocument

from desktop_app.core.conversation import MessageStatus
from desktop_app.core.markdown_render import render_markdown
from desktop_app.ui.chat_view import FULL_RENDER_LIMIT
from tests.fakes.openai_server import Stream, long_tokens, split_tokens


def _long_markdown(sections: int) -> tuple[str, list[str]]:
    parts, codes = [], []
    for i in range(sections):
        code = f"def section_{i}(x):\n    # step {i}\n\n    return x * {i}"
        codes.append(code)
        parts.append(
            f"## Section {i}\n\nSome **bold** prose for section {i}, with `inline code` and more words "
            f"to make the paragraph long enough to wrap across the chat view.\n\n"
            f"- point one of {i}\n- point two of {i}\n\n```python\n{code}\n```\n\n"
        )
    return "".join(parts) + "The end.", codes


def _plain(html: str) -> str:
    doc = QTextDocument()
    doc.setHtml(html)
    return re.sub(r"\s+", " ", doc.toPlainText()).strip()


def test_a_long_markdown_reply_renders_like_a_whole_render(driver):
    text, codes = _long_markdown(80)
    assert len(text) > FULL_RENDER_LIMIT, "the reply must take the incremental path"
    driver.server.script(Stream(choices=[split_tokens(text)]))
    driver.send("write a long document")
    reply = driver.wait_reply_done()
    assert reply.status is MessageStatus.DONE
    assert reply.text == text
    shown = re.sub(r"\s+", " ", driver.shown_text(reply)).strip()
    assert shown == _plain(render_markdown(text, copy_href=str).html)
    code_links = [h for h in driver.view.links(reply.id) if h.startswith("app:code/")]
    assert len(code_links) == len(codes)
    for href, code in zip(code_links, codes):
        driver.view.follow_link(href)
        assert QGuiApplication.clipboard().text() == code


def test_a_20000_token_reply_arrives_whole_in_the_window(driver):
    tokens = long_tokens(20000)
    driver.server.script(Stream(choices=[tokens]))
    driver.send("tell me everything")
    reply = driver.wait_reply_done(timeout=60000)
    expected = "".join(tokens)
    assert reply.status is MessageStatus.DONE
    assert reply.text == expected
    shown = re.sub(r"\s+", " ", driver.shown_text(reply)).strip()
    assert shown == _plain(render_markdown(expected, copy_href=str).html)
    assert reply.usage is not None and reply.usage.completion_tokens == 20000
