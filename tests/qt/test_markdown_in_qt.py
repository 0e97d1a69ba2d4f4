"""render_markdown() output loaded into a real QTextBrowser (offscreen)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextFormat  # noqa: E402
from PySide6.QtGui import QTextDocument, QTextFragment, QTextTable  # noqa: E402
from PySide6.QtWidgets import QTextBrowser  # noqa: E402

from desktop_app.core.markdown_render import plain_text_html, render_markdown  # noqa: E402

PY_CODE = (
    "\n"  # a leading blank line: Qt eats the first newline after <pre> unless guarded
    "class Greeter:\n"
    '    """Greets people."""\n'
    "\n"
    "    def greet(self, name: str) -> str:\n"
    "        if not name:\n"
    "\treturn 'tab-indented'\n"
    '        return f"Hello, {name}!"  # 안녕\n'
    "\n"  # and a trailing blank line
)

SAMPLE = f"""# Markdown sample 제목

Some **bold**, *italic* and ~~struck~~ text, `inline_code()` and a [link](https://example.com).
한국어 문장도 잘 보여야 합니다 — emoji 😀 too. Raw <b>html</b> stays text.

## A list

- first item
- second item with `code`
  1. nested one
  2. nested two

> A quote with **emphasis**.

| Name | Value | Note |
|:-----|------:|:----:|
| alpha | 1 | 가나다 |
| beta | 22 | ok |

```python
{PY_CODE}```

Text after the code, then a shell block:

```bash
echo "hi"   # two spaces kept
ls -la
```
"""


def _fragments(doc: QTextDocument) -> Iterator[QTextFragment]:
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                yield fragment
            it += 1
        block = block.next()


def _code_tables(doc: QTextDocument) -> list[QTextTable]:
    # Every code block is a top-level 2-row table (header row, code row); the Markdown table
    # is a top-level table too, but has 3 columns.
    return [
        f
        for f in doc.rootFrame().childFrames()
        if isinstance(f, QTextTable) and f.columns() == 1 and f.rows() == 2
    ]


def _cell_text(table: QTextTable, row: int) -> str:
    cell = table.cellAt(row, 0)
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selection().toPlainText()


def _cell_foregrounds(table: QTextTable, row: int) -> set[str]:
    cell = table.cellAt(row, 0)
    start, end = cell.firstPosition(), cell.lastPosition()
    colours: set[str] = set()
    for fragment in _fragments(table.document()):
        if start <= fragment.position() < end and fragment.text().strip():
            fmt: QTextCharFormat = fragment.charFormat()
            if fmt.hasProperty(QTextFormat.Property.ForegroundBrush):
                colours.add(fmt.foreground().color().name())
    return colours


@pytest.fixture
def browser(qtbot) -> QTextBrowser:  # type: ignore[no-untyped-def]
    widget = QTextBrowser()
    widget.setOpenLinks(False)
    widget.resize(720, 1100)
    qtbot.addWidget(widget)
    return widget


def _load(browser: QTextBrowser, *, dark: bool = False):  # type: ignore[no-untyped-def]
    rendered = render_markdown(SAMPLE, copy_href=lambda i: f"copy:{i}", dark=dark)
    browser.setHtml(rendered.html)
    return rendered


def test_code_block_text_is_exact_in_qt(browser: QTextBrowser) -> None:
    rendered = _load(browser)
    assert rendered.code_blocks == (PY_CODE[:-1], 'echo "hi"   # two spaces kept\nls -la')
    plain = browser.toPlainText()
    for code in rendered.code_blocks:
        assert code in plain
    tables = _code_tables(browser.document())
    assert len(tables) == 2
    # cell-exact: newlines, blank first/last lines, tabs and indentation all preserved
    assert [_cell_text(t, 1) for t in tables] == list(rendered.code_blocks)
    # header: a borderless nested table (label left, Copy right) -> frame newlines around it
    assert _cell_text(tables[0], 0).split() == ["python", "Copy"]
    assert _cell_text(tables[1], 0).split() == ["bash", "Copy"]


def test_anchor_hrefs_present(browser: QTextBrowser) -> None:
    _load(browser)
    hrefs = [
        (f.text(), f.charFormat().anchorHref())
        for f in _fragments(browser.document())
        if f.charFormat().isAnchor() and f.charFormat().anchorHref()
    ]
    assert ("link", "https://example.com") in hrefs
    assert ("Copy", "copy:0") in hrefs
    assert ("Copy", "copy:1") in hrefs
    assert len(hrefs) == 3


def test_highlighted_code_has_several_colours(browser: QTextBrowser) -> None:
    _load(browser)
    python_table = _code_tables(browser.document())[0]
    assert len(_cell_foregrounds(python_table, 1)) > 1


def test_dark_palette_in_qt(browser: QTextBrowser) -> None:
    _load(browser, dark=True)
    python_table = _code_tables(browser.document())[0]
    assert len(_cell_foregrounds(python_table, 1)) > 1
    background = python_table.cellAt(1, 0).format().background().color()
    assert background.lightness() < 60


def test_raw_html_is_text_in_qt(browser: QTextBrowser) -> None:
    html = render_markdown(
        'x <img src="http://evil.example/a.png"> <a href="javascript:alert(1)">y</a> '
        "[z](javascript:alert(1)) <script>alert(2)</script>"
    ).html
    browser.setHtml(html)
    plain = browser.toPlainText()
    assert '<img src="http://evil.example/a.png">' in plain
    assert "<script>alert(2)</script>" in plain
    assert "[z](javascript:alert(1))" in plain
    for fragment in _fragments(browser.document()):
        fmt = fragment.charFormat()
        assert not fmt.isImageFormat()
        assert not fmt.anchorHref()


def test_no_trailing_space_after_last_block(browser: QTextBrowser) -> None:
    browser.setHtml(render_markdown("a\n\n- b\n- Done.").html)
    assert browser.toPlainText() == "a\nb\nDone."


@pytest.mark.parametrize(
    "text", ["one line", "a\n  b\n\n\nc", "\nleading and trailing\n\n", "tabs\tand  spaces 한국어 😀"]
)
def test_plain_text_html_round_trips(browser: QTextBrowser, text: str) -> None:
    browser.setHtml(plain_text_html(text))
    assert browser.toPlainText() == text


@pytest.mark.parametrize("dark", [False, True])
def test_screenshot(browser: QTextBrowser, qtbot, dark: bool) -> None:  # type: ignore[no-untyped-def]
    if dark:
        palette = browser.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor("#22272e"))
        palette.setColor(QPalette.ColorRole.Text, QColor("#d1d7e0"))
        browser.setPalette(palette)
    _load(browser, dark=dark)
    browser.show()
    qtbot.waitExposed(browser)
    image = browser.grab()
    path = "/tmp/markdown_sample_dark.png" if dark else "/tmp/markdown_sample.png"
    assert image.save(path)
    assert os.path.getsize(path) > 10_000
