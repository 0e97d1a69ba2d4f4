"""Markdown -> HTML for Qt's rich-text engine (QTextDocument / QTextBrowser).

Qt-free on purpose (core layer): this module only uses markdown-it-py and pygments.
The produced HTML targets the *limited* HTML4/CSS2 subset QTextDocument understands, so it
sticks to inline ``style`` attributes, table attributes (``border``, ``cellspacing``,
``cellpadding``, ``width``, ``bgcolor``, ``align``) and a handful of CSS properties Qt is known
to honour (``color``, ``background-color``, ``font-family``, ``font-size`` keywords,
``font-weight``, ``font-style``, ``margin``, ``padding`` on cells, ``border-collapse``).

Security
    Model output is untrusted. Raw HTML in the input is never interpreted (markdown-it's
    ``html`` option is off, so ``<script>``/``<img ...>`` come out escaped, as text). Links keep
    only ``http:``, ``https:`` and ``mailto:`` destinations; anything else (``javascript:``,
    ``file:``, ``data:``, relative paths...) is left as literal Markdown text. Images are never
    emitted as ``<img>`` (QTextBrowser would load local files for them): they become a plain
    link to the image URL.

Code blocks
    Fenced and indented code blocks are syntax-highlighted with pygments using inline styles
    and wrapped in a one-column table (Qt ignores ``padding``/``border`` on ``<pre>``, but a
    table cell gets both) with a header row holding the language name and, when ``copy_href``
    is given, a ``Copy`` link whose href is ``copy_href(i)``. The language is the first word
    of the fence info (an alias such as ``python``/``c++`` or an extension such as ``rs``);
    unknown or missing languages are shown as plain escaped text (``guess_lexer`` is far too
    slow, see ``_lexer_class``). Blocks over ``MAX_HIGHLIGHT_CHARS``, or past the per-document
    ``MAX_HIGHLIGHT_TOTAL_CHARS`` budget, are shown as plain text too. Nothing here raises on
    odd input: highlighting failures fall back to plain text.

    ``RenderedMarkdown.code_blocks[i]`` is the block's source exactly as written between the
    fences, *without the line terminator of its last line* (markdown-it always stores the
    content with a trailing ``"\\n"``; we drop exactly that one). Trailing blank lines inside
    the fence are kept. An empty fence yields ``""``. This is the text a "Copy" action should
    put on the clipboard, and it is also exactly what ``QTextDocument.toPlainText()`` shows
    for that block (see the ``<pre>`` newline note in ``_code_block_html``).
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.token import Token
from pygments import highlight as _pygments_highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import find_lexer_class, get_all_lexers
from pygments.styles import get_style_by_name
from pygments.token import Token as PygmentsToken
from pygments.util import ClassNotFound

__all__ = [
    "MAX_HIGHLIGHT_CHARS",
    "MAX_HIGHLIGHT_TOTAL_CHARS",
    "RenderedMarkdown",
    "plain_text_html",
    "render_markdown",
]

#: Code blocks longer than this (in characters) are shown as plain escaped text, unhighlighted.
MAX_HIGHLIGHT_CHARS = 200_000
#: Highlighting budget for one document: once this many code characters were highlighted,
#: the remaining blocks are shown as plain text (pygments runs at roughly 300 KB/s).
MAX_HIGHLIGHT_TOTAL_CHARS = 400_000
#: Highlighted blocks up to this size are memoised (re-rendering a conversation is cheap).
_CACHE_BLOCK_CHARS = 32_000

_ALLOWED_SCHEMES = ("http://", "https://", "mailto:")
_MONO_FONT = "'JetBrains Mono', 'Cascadia Mono', Consolas, 'DejaVu Sans Mono', monospace"


@dataclass(frozen=True)
class RenderedMarkdown:
    """Result of :func:`render_markdown`."""

    html: str
    #: Raw source of each fenced/indented code block, in document order (see module docs).
    code_blocks: tuple[str, ...]


@dataclass(frozen=True)
class _Palette:
    pygments_style: str
    code_bg: str
    code_fg: str
    border: str
    header_bg: str
    header_fg: str
    link: str
    inline_code_bg: str
    table_header_bg: str
    quote_fg: str


def _make_palette(*, dark: bool) -> _Palette:
    style_name = "github-dark" if dark else "default"
    try:
        style = get_style_by_name(style_name)
    except ClassNotFound:  # pragma: no cover - very old pygments
        style_name = "monokai" if dark else "default"
        style = get_style_by_name(style_name)
    fg = style.style_for_token(PygmentsToken.Text).get("color")
    if dark:
        return _Palette(
            pygments_style=style_name,
            code_bg=style.background_color or "#0d1117",
            code_fg=f"#{fg}" if fg else "#e6edf3",
            border="#3d444d",
            header_bg="#1f252d",
            header_fg="#9198a1",
            link="#58a6ff",
            inline_code_bg="#3a3f47",
            table_header_bg="#262c34",
            quote_fg="#9198a1",
        )
    return _Palette(
        pygments_style=style_name,
        code_bg=style.background_color or "#f6f8fa",
        code_fg=f"#{fg}" if fg else "#1f2328",
        border="#d0d7de",
        header_bg="#eaeef2",
        header_fg="#57606a",
        link="#0757c4",  # 4.5:1 or more on the code header and the message backgrounds
        inline_code_bg="#eceff1",
        table_header_bg="#f3f5f7",
        quote_fg="#57606a",
    )


_PALETTES = {False: _make_palette(dark=False), True: _make_palette(dark=True)}


@lru_cache(maxsize=2)
def _formatter(style_name: str) -> HtmlFormatter:
    # nowrap: no <div>/<pre> wrapper, we build our own; noclasses: inline style="color: ..."
    # spans, because QTextDocument does not reliably apply <style> class selectors.
    return HtmlFormatter(noclasses=True, nowrap=True, style=readable_style(style_name))


@lru_cache(maxsize=2)
def readable_style(style_name: str) -> type:
    """The pygments style, with whitespace in the text colour: the styles grey it below 4.5:1."""
    base = get_style_by_name(style_name)
    styles = dict(base.styles)
    styles[PygmentsToken.Text.Whitespace] = ""
    return type(f"Readable{base.__name__}", (base,), {"styles": styles})


@lru_cache(maxsize=1)
def _builtin_lexer_names() -> tuple[dict[str, str], dict[str, str]]:
    """(alias -> lexer name, file extension -> lexer name) for pygments' built-in lexers.

    Built from ``get_all_lexers(plugins=False)`` (a static table, ~1 ms). We avoid
    ``find_lexer_class_by_name``/``get_lexer_by_name`` for lookups because on a miss they scan
    installed packages' entry points for plugin lexers: measured ~0.5 s the first time in a
    process, i.e. a visible UI freeze on the first unknown fence language.
    """
    aliases: dict[str, str] = {}
    extensions: dict[str, str] = {}
    for name, alias_list, patterns, _mimetypes in get_all_lexers(plugins=False):
        for alias in alias_list:
            aliases.setdefault(alias.lower(), name)
        for pattern in patterns:
            if pattern.startswith("*.") and not any(c in pattern[2:] for c in "*?[]"):
                extensions.setdefault(pattern[2:].lower(), name)
    return aliases, extensions


@lru_cache(maxsize=256)
def _lexer_class(language: str) -> type[Lexer] | None:
    """Lexer class for a fence language (alias such as ``python``/``c++``, or a file extension
    such as ``rs``/``mjs``), or None. Cached.

    Deliberately never calls ``guess_lexer`` for unknown/missing languages: it imports every
    lexer module and runs each one's ``analyse_text`` (measured 0.25-0.7 s cold, ~0.1 s warm
    per block), far too slow for a chat view; such blocks are shown as plain text.
    """
    if not language:
        return None
    try:
        aliases, extensions = _builtin_lexer_names()
        name = aliases.get(language) or extensions.get(language)
        return find_lexer_class(name) if name else None
    except Exception:  # noqa: BLE001 - a broken pygments install must not break rendering
        return None


def _fence_language(info: str) -> str:
    """First word of a fence info string, lenient about ``{.python}`` / ``python:title``."""
    info = unescapeAll(info).strip()
    if not info:
        return ""
    word = info.split(maxsplit=1)[0]
    word = word.strip("{}").lstrip(".")
    word = word.split(":", 1)[0].split(",", 1)[0]
    return word[:64]


def _highlight_uncached(code: str, language: str, style_name: str) -> str | None:
    lexer_cls = _lexer_class(language.lower())
    if lexer_cls is None:
        return None
    try:
        # stripnl=False keeps leading/trailing blank lines (the default strips them).
        lexer = lexer_cls(stripnl=False, ensurenl=True)
        out = _pygments_highlight(code, lexer, _formatter(style_name))
    except Exception:  # noqa: BLE001 - highlighting is cosmetic, never fail the render
        return None
    # ensurenl=True appended one "\n" if missing; the formatter output ends with it.
    if not code.endswith("\n") and out.endswith("\n"):
        out = out[:-1]
    return out


_highlight_cached = lru_cache(maxsize=128)(_highlight_uncached)


def _highlight(code: str, language: str, palette: _Palette, env: dict[str, Any]) -> str:
    """Highlighted HTML (inline styles, no wrapper) for ``code``; plain escaped text on any
    failure, for unknown languages and for oversized blocks. Never raises."""
    out: str | None = None
    if code and language and len(code) <= MAX_HIGHLIGHT_CHARS:
        budget: int = env["highlight_budget"]
        if len(code) <= budget:
            env["highlight_budget"] = budget - len(code)
            if len(code) <= _CACHE_BLOCK_CHARS:
                out = _highlight_cached(code, language, palette.pygments_style)
            else:
                out = _highlight_uncached(code, language, palette.pygments_style)
    if out is None:
        out = _html.escape(code, quote=False)
    return out


def _esc_attr(value: str) -> str:
    return _html.escape(value, quote=True)


def _code_block_html(
    code: str, language: str, index: int, env: dict[str, Any]
) -> str:
    palette: _Palette = env["palette"]
    copy_href: Callable[[int], str] | None = env["copy_href"]
    body = _highlight(code, language, palette, env)
    label = _html.escape(language or "text", quote=False)
    if copy_href is not None:
        copy = (
            f'<a href="{_esc_attr(copy_href(index))}" '
            f'style="color:{palette.link}; text-decoration:none;">{env.get("copy_label", "Copy")}</a>'
        )
    else:
        copy = ""
    # QTextDocument quirks handled here:
    # * padding/border on <pre> are ignored -> the block lives in a table cell (padding).
    # * per-side cell borders are not honoured, so a two-cell header row would show a
    #   divider between the label and the Copy link: the header is one cell holding a
    #   borderless nested table (label left, Copy right-aligned).
    # * Qt's HTML parser drops ONE newline right after <pre> and ONE right before </pre>, so
    #   code starting with a blank line would lose it, and a trailing "\n" would vanish or
    #   not depending on the content. We always emit "\n" + code + "\n" inside <pre>, so
    #   toPlainText() gives back exactly `code` (blank first/last lines included).
    # * <pre> has default 12px top/bottom margins; margin:0 keeps the cell tight.
    return (
        f'<table width="100%" border="1" cellspacing="0" cellpadding="0" '
        f'style="border-collapse:collapse; border-style:solid; border-color:{palette.border}; '
        f'margin-top:6px; margin-bottom:6px;">'
        f'<tr><td bgcolor="{palette.header_bg}" '
        f'style="background-color:{palette.header_bg}; padding:3px 8px 3px 8px;">'
        f'<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr>'
        f'<td><span style="font-size:small; color:{palette.header_fg};">{label}</span></td>'
        f'<td align="right"><span style="font-size:small;">{copy}</span></td>'
        f'</tr></table></td></tr>'
        f'<tr><td bgcolor="{palette.code_bg}" '
        f'style="background-color:{palette.code_bg}; padding:8px;">'
        f'<pre style="margin:0; font-family:{_MONO_FONT}; color:{palette.code_fg};">\n'
        f"{body}\n</pre></td></tr></table>\n"
    )


def _strip_final_newline(content: str) -> str:
    return content[:-1] if content.endswith("\n") else content


# --------------------------------------------------------------------------- render rules
# Signature required by markdown-it-py: (self, tokens, idx, options, env) -> str


def _rule_fence(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    code = _strip_final_newline(token.content)
    blocks: list[str] = env["code_blocks"]
    blocks.append(code)
    return _code_block_html(code, _fence_language(token.info), len(blocks) - 1, env)


def _rule_code_block(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    code = _strip_final_newline(tokens[idx].content)
    blocks: list[str] = env["code_blocks"]
    blocks.append(code)
    return _code_block_html(code, "", len(blocks) - 1, env)


def _rule_code_inline(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    palette: _Palette = env["palette"]
    text = _html.escape(tokens[idx].content, quote=False)
    # Qt: background-color works on inline spans; padding does not (so none is attempted).
    return (
        f'<code style="background-color:{palette.inline_code_bg}; '
        f'font-family:{_MONO_FONT};">{text}</code>'
    )


def _rule_image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    # Never emit <img>: QTextBrowser resolves image sources itself (local files included).
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env) or src
    label = _html.escape(f"[image: {alt}]", quote=False)
    if not src:
        return label
    palette: _Palette = env["palette"]
    return f'<a href="{_esc_attr(src)}" style="color:{palette.link};">{label}</a>'


def _rule_link_open(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    title = token.attrGet("title")
    title_attr = f' title="{_esc_attr(str(title))}"' if title else ""
    palette: _Palette = env["palette"]
    return f'<a href="{_esc_attr(href)}"{title_attr} style="color:{palette.link};">'


def _rule_table_open(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    palette: _Palette = env["palette"]
    return (
        f'<table border="1" cellspacing="0" cellpadding="5" '
        f'style="border-collapse:collapse; border-style:solid; border-color:{palette.border}; '
        f'margin-top:6px; margin-bottom:6px;">\n'
    )


_ALIGN_RE = re.compile(r"text-align:\s*(left|right|center)")


def _cell_open(tag: str) -> Callable[..., str]:
    def rule(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        style = str(token.attrGet("style") or "")
        m = _ALIGN_RE.search(style)
        align = f' align="{m.group(1)}"' if m else ""
        if tag == "th":
            palette: _Palette = env["palette"]
            bg = palette.table_header_bg
            return f'<th{align} bgcolor="{bg}" style="background-color:{bg};">'
        return f"<td{align}>"

    return rule


def _rule_blockquote_open(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    palette: _Palette = env["palette"]
    # Qt has no border-left on blocks; an indented, muted quote reads fine.
    return (
        f'<blockquote style="color:{palette.quote_fg}; margin-left:16px; margin-right:0px;">\n'
    )


_HEADING_SIZES = {"h1": "x-large", "h2": "large", "h3": "medium", "h4": "medium"}


def _rule_heading_open(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    # Qt's defaults (h1 = xx-large ...) are huge next to chat text; tone them down.
    tag = tokens[idx].tag
    size = _HEADING_SIZES.get(tag, "small")
    return f'<{tag} style="font-size:{size}; margin-top:10px; margin-bottom:6px;">'


def _rule_hr(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    # Qt paints <hr> black unless it has a background-color.
    palette: _Palette = env["palette"]
    return f'<hr style="background-color:{palette.border};" />\n'


def _validate_link(url: str) -> bool:
    return url.strip().lower().startswith(_ALLOWED_SCHEMES)


def _build_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = _validate_link  # type: ignore[method-assign]
    md.add_render_rule("fence", _rule_fence)
    md.add_render_rule("code_block", _rule_code_block)
    md.add_render_rule("code_inline", _rule_code_inline)
    md.add_render_rule("image", _rule_image)
    md.add_render_rule("link_open", _rule_link_open)
    md.add_render_rule("table_open", _rule_table_open)
    md.add_render_rule("th_open", _cell_open("th"))
    md.add_render_rule("td_open", _cell_open("td"))
    md.add_render_rule("blockquote_open", _rule_blockquote_open)
    md.add_render_rule("heading_open", _rule_heading_open)
    md.add_render_rule("hr", _rule_hr)
    return md


_MD = _build_parser()


def render_markdown(
    text: str,
    *,
    copy_href: Callable[[int], str] | None = None,
    dark: bool = False,
    copy_label: str = "Copy",
) -> RenderedMarkdown:
    """Render a finished chat message to QTextDocument-friendly HTML.

    ``copy_href(i)`` builds the href of the "Copy" link of code block ``i`` (an index into
    ``RenderedMarkdown.code_blocks``); without it, code blocks get no Copy link.
    ``dark`` selects the dark palette (dark pygments style, dark code background).
    ``copy_label`` is that link's text in the UI's language (the UI translates it).
    """
    env: dict[str, Any] = {
        "code_blocks": [],
        "copy_href": copy_href,
        "copy_label": _html.escape(copy_label, quote=False),
        "palette": _PALETTES[bool(dark)],
        "highlight_budget": MAX_HIGHLIGHT_TOTAL_CHARS,
    }
    # Qt quirk: a trailing "\n" after the last block becomes a trailing space in that block.
    html = _MD.render(text or "", env).rstrip("\n")
    return RenderedMarkdown(html=html, code_blocks=tuple(env["code_blocks"]))


def plain_text_html(text: str) -> str:
    """Escape ``text`` for display as-is while a reply is still streaming.

    Newlines and runs of spaces are preserved with ``white-space:pre-wrap`` (honoured by Qt,
    in the normal proportional font, wrapping long lines). Like ``<pre>``, Qt drops one newline
    right after the opening tag and one right before the closing tag, so the text is framed by
    one extra newline on each side.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    escaped = _html.escape(text, quote=False)
    return f'<p style="white-space:pre-wrap; margin:0;">\n{escaped}\n</p>'
