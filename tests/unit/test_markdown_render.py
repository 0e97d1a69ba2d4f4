"""Unit tests for desktop_app.core.markdown_render (no Qt)."""

from __future__ import annotations

import re
import time

import pytest

from desktop_app.core import markdown_render
from desktop_app.core.markdown_render import (
    MAX_HIGHLIGHT_CHARS,
    RenderedMarkdown,
    plain_text_html,
    render_markdown,
)

PY_SOURCE = 'def greet(name):\n    """Say hi."""\n    return f"Hello, {name}!"  # done\n'
INLINE_COLOR = re.compile(r'<span style="[^"]*color:\s*#[0-9a-fA-F]{3,6}')


def _fence(lang: str, body: str) -> str:
    return f"```{lang}\n{body}```\n"


def test_returns_rendered_markdown() -> None:
    result = render_markdown("hello")
    assert isinstance(result, RenderedMarkdown)
    assert result.code_blocks == ()
    assert "<p>hello</p>" in result.html


def test_headings_bold_italic_lists() -> None:
    html = render_markdown(
        "# Title\n\n## Sub\n\nSome **bold** and *italic* and ~~gone~~.\n\n"
        "- one\n- two\n\n1. first\n2. second\n"
    ).html
    assert re.search(r"<h1[^>]*>Title</h1>", html)
    assert re.search(r"<h2[^>]*>Sub</h2>", html)
    assert "<strong>bold</strong>" in html
    assert "<em>italic</em>" in html
    assert "<s>gone</s>" in html
    assert "<ul>" in html and "<li>one</li>" in html
    assert "<ol>" in html and "<li>first</li>" in html


def test_python_fence_is_highlighted_with_inline_colours() -> None:
    result = render_markdown(_fence("python", PY_SOURCE))
    html = result.html
    assert "<pre" in html
    assert len(INLINE_COLOR.findall(html)) >= 3
    assert 'class="' not in html  # inline styles only, no CSS classes
    # the keyword got its own coloured span
    assert re.search(r'<span style="[^"]*color[^"]*">def</span>', html)
    assert "python" in html  # language label in the header


def test_code_blocks_hold_exact_source_without_final_newline() -> None:
    # Documented behaviour: the content between the fences, minus the line terminator of
    # its last line. Leading/trailing blank lines and indentation are kept.
    body = "\n\tindented_with_tab()\n    four_spaces = 1\n\n"
    result = render_markdown(
        "text\n\n" + _fence("python", PY_SOURCE) + "\n" + _fence("", body) + "\n    indented\n"
    )
    assert result.code_blocks == (PY_SOURCE[:-1], body[:-1], "indented")


def test_empty_fence() -> None:
    result = render_markdown("```\n```\n")
    assert result.code_blocks == ("",)
    assert "<pre" in result.html


def test_pre_content_is_framed_by_newlines_for_qt() -> None:
    # Qt drops one newline after <pre> and one before </pre>; the renderer adds both.
    result = render_markdown(_fence("", "a\n  b\n"))
    assert re.search(r"<pre[^>]*>\na\n  b\n</pre>", result.html)


def test_copy_links_carry_the_index() -> None:
    text = _fence("python", "a = 1\n") + "\nmiddle\n\n" + _fence("js", "let b = 2;\n")
    result = render_markdown(text, copy_href=lambda i: f"copy-code:{i}")
    assert result.code_blocks == ("a = 1", "let b = 2;")
    hrefs = re.findall(r'<a href="(copy-code:\d+)"[^>]*>Copy</a>', result.html)
    assert hrefs == ["copy-code:0", "copy-code:1"]


def test_no_copy_links_without_copy_href() -> None:
    assert ">Copy</a>" not in render_markdown(_fence("python", "x = 1\n")).html


def test_copy_href_is_attribute_escaped() -> None:
    html = render_markdown(_fence("", "x\n"), copy_href=lambda i: f'a"b<{i}>').html
    assert 'href="a&quot;b&lt;0&gt;"' in html


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src="http://evil.example/x.png">',
        '<a href="javascript:alert(1)">x</a>',
        '<iframe src="http://evil.example"></iframe>',
    ],
)
def test_raw_html_is_escaped_as_text(payload: str) -> None:
    for text in (payload, f"before {payload} after", f"para\n\n{payload}\n"):
        html = render_markdown(text).html
        for tag in ("<script", "<img", "<iframe", '<a href="javascript'):
            assert tag not in html.lower()
        assert "&lt;" in html


def test_entity_encoded_html_stays_text() -> None:
    html = render_markdown("&lt;script&gt;x&#60;/script&#62;").html
    assert "<script" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "text",
    [
        "[click](javascript:alert(1))",
        "[click](JavaScript:alert(1))",
        "[click](jav&#x61;script:alert(1))",
        "<javascript:alert(1)>",
        "[click](data:text/html,hi)",
        "[click](file:///etc/passwd)",
        "[click](vbscript:alert)",
        "[click](relative/path)",
        "![img](javascript:alert(1))",
    ],
)
def test_unsafe_links_are_not_live(text: str) -> None:
    html = render_markdown(text).html
    assert "<a " not in html
    assert "<img" not in html
    assert "alert" in html or "click" in html  # still shown, as text


def test_safe_links_are_kept() -> None:
    html = render_markdown(
        "[site](https://example.com/a?b=1&c=2) <http://example.org> <me@example.com> "
        '[mail](mailto:x@example.com "Title")'
    ).html
    assert '<a href="https://example.com/a?b=1&amp;c=2"' in html
    assert '<a href="http://example.org"' in html
    assert '<a href="mailto:me@example.com"' in html
    assert '<a href="mailto:x@example.com" title="Title"' in html


def test_images_become_links_not_img_tags() -> None:
    html = render_markdown("![a cat](https://example.com/cat.png)").html
    assert "<img" not in html
    assert '<a href="https://example.com/cat.png"' in html
    assert "a cat" in html


def test_korean_and_emoji_pass_through() -> None:
    text = "# 안녕하세요 👋\n\n한국어 **굵게** 문장과 `코드` 😀🚀\n\n" + _fence("python", "s = '한글 ✨'\n")
    result = render_markdown(text)
    for fragment in ("안녕하세요 👋", "한국어", "<strong>굵게</strong>", "코드", "😀🚀", "한글 ✨"):
        assert fragment in result.html
    assert result.code_blocks == ("s = '한글 ✨'",)


@pytest.mark.parametrize("lang", ["no-such-language", "???", "{weird}", "<script>", "", "c++"])
def test_unknown_or_odd_languages_do_not_raise(lang: str) -> None:
    result = render_markdown(_fence(lang, "some <code> & stuff\n"), copy_href=str)
    assert result.code_blocks == ("some <code> & stuff",)
    assert "some &lt;code&gt; &amp; stuff" in result.html or "&lt;" in result.html
    assert "<script>" not in result.html


def test_unknown_language_is_plain_escaped_text() -> None:
    html = render_markdown(_fence("no-such-language", "x < y\n")).html
    assert "x &lt; y" in html
    assert "no-such-language" in html  # label shown as written


def test_language_from_fence_info_first_word_and_extension() -> None:
    html = render_markdown(_fence("py title=demo.py", "def f(): pass\n")).html
    assert re.search(r'<span style="[^"]*">def</span>', html)
    html_rs = render_markdown(_fence("rs", "fn main() {}\n")).html
    assert re.search(r'<span style="[^"]*">fn</span>', html_rs)


def test_inline_code_has_background_and_monospace() -> None:
    html = render_markdown("call `foo(<x>)` now").html
    m = re.search(r'<code style="([^"]*)">foo\(&lt;x&gt;\)</code>', html)
    assert m, html
    assert "background-color" in m.group(1)
    assert "monospace" in m.group(1)


def test_table_renders_qt_table_attributes() -> None:
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 가 |\n").html
    m = re.search(r"<table[^>]*>", html)
    assert m
    for attr in ('border="1"', 'cellspacing="0"', 'cellpadding="'):
        assert attr in m.group(0)
    assert re.search(r'<th align="left"[^>]*>a</th>', html)
    assert re.search(r'<td align="right">가</td>', html)


def test_dark_palette_changes_code_colours() -> None:
    light = render_markdown(_fence("python", PY_SOURCE)).html
    dark = render_markdown(_fence("python", PY_SOURCE), dark=True).html
    assert light != dark
    light_bg = re.search(r'<td bgcolor="(#[0-9a-fA-F]+)"[^>]*padding:8px', light)
    dark_bg = re.search(r'<td bgcolor="(#[0-9a-fA-F]+)"[^>]*padding:8px', dark)
    assert light_bg and dark_bg

    def luminance(hex_colour: str) -> int:
        h = hex_colour.lstrip("#")
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        return sum(int(h[i : i + 2], 16) for i in (0, 2, 4))

    assert luminance(dark_bg.group(1)) < 200 < luminance(light_bg.group(1))


def test_huge_block_is_not_highlighted() -> None:
    code = "x = 1\n" * (MAX_HIGHLIGHT_CHARS // 6 + 10)
    result = render_markdown(_fence("python", code))
    assert result.code_blocks == (code[:-1],)
    assert "<span" not in result.html.split("<pre", 1)[1]


def test_highlight_failure_falls_back_to_plain(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> str:
        raise RuntimeError("pygments exploded")

    monkeypatch.setattr(markdown_render, "_pygments_highlight", boom)
    markdown_render._highlight_cached.cache_clear()
    result = render_markdown(_fence("python", "a < b\n"))
    markdown_render._highlight_cached.cache_clear()
    assert "a &lt; b" in result.html


def test_none_and_empty_input() -> None:
    assert render_markdown("").html == ""
    assert render_markdown("").code_blocks == ()


def test_plain_text_html_escapes_and_keeps_newlines() -> None:
    out = plain_text_html("a <b> & c\r\n  indented\n\n한국어 😀")
    assert "white-space:pre-wrap" in out
    assert "<b>" not in out
    assert "a &lt;b&gt; &amp; c\n  indented\n\n한국어 😀" in out
    assert "\r" not in out


def _sample_100kb() -> str:
    para = (
        "Lorem ipsum **dolor** sit amet, `consectetur` adipiscing elit, 한국어 문장 😀 sed do "
        "eiusmod tempor [incididunt](https://example.com) ut labore et dolore magna aliqua. "
    ) * 3
    code_lines = [
        f"def function_{n}(value: int) -> int:\n"
        f'    """Docstring {n}."""\n'
        f"    total = value * {n} + len('text {n}')  # comment\n"
        f"    return total\n\n"
        for n in range(400)
    ]
    parts = []
    for i in range(20):
        parts.append(f"## Section {i}\n\n" + "\n\n".join([para] * 4) + "\n\n- one\n- two\n\n")
        parts.append("```python\n" + "".join(code_lines[i * 20 : i * 20 + 20]) + "```\n\n")
    parts.append(
        "| a | b | c |\n|---|---|---|\n"
        + "".join(f"| {i} | value {i} | 가나다 |\n" for i in range(50))
    )
    doc = "".join(parts)
    while len(doc.encode()) < 100_000:
        doc += "\n\n" + para
    return doc


def test_render_100kb_is_fast() -> None:
    doc = _sample_100kb()
    assert len(doc.encode()) >= 100_000
    render_markdown("```python\nx = 1\n```\n")  # warm up imports
    markdown_render._highlight_cached.cache_clear()
    start = time.perf_counter()
    result = render_markdown(doc, copy_href=lambda i: f"copy:{i}")
    elapsed = time.perf_counter() - start
    print(f"\nrender_markdown(100 KB, 20 python blocks + table): {elapsed * 1000:.0f} ms")
    assert len(result.code_blocks) == 20
    assert "<table" in result.html
    assert elapsed < 3.0  # ~0.25 s on a dev machine; generous bound for slow CI
