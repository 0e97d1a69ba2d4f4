"""Light, dark or the system's: every colour of the chat view from the theme, all of it readable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QPalette, QTextCursor
from PySide6.QtTest import QTest
from pygments.token import Token

from desktop_app.core import markdown_render
from desktop_app.ui.search_results import MATCH_BACKGROUND, MATCH_TEXT
from desktop_app.ui.theme import DARK_THEME, LIGHT_THEME, Theme, contrast_ratio
from tests.fakes.openai_server import Stream, server_error

AA = 4.5
RICH_REPLY = (
    "Here is **bold**, `inline code`, a [link](https://example.com) and a quote:\n\n"
    "> Baseball is ninety percent mental.\n\n"
    "| Player | HR |\n|:--|--:|\n| Bonds | 73 |\n\n"
    "```python\n# a comment\ndef average(hits: int, at_bats: int) -> float:\n"
    '    """Docstring."""\n    return round(hits / at_bats, 3)  # 0.300\n```\n'
)


def theme_pairs(theme: Theme) -> list[tuple[str, str, str]]:
    """Every (what, text colour, background) the chat view and its neighbours draw with."""
    code = markdown_render._PALETTES[theme.dark]
    pairs = []
    for bg_name in ("user_bg", "assistant_bg"):
        bg = getattr(theme, bg_name)
        for fg_name in ("text", "muted", "error", "link"):
            pairs.append((f"{fg_name} on {bg_name}", getattr(theme, fg_name), bg))
        pairs += [(f"reply link on {bg_name}", code.link, bg), (f"quote on {bg_name}", code.quote_fg, bg)]
    pairs += [
        ("placeholder on the view", theme.placeholder, theme.background),
        ("notice", theme.notice_text, theme.notice_bg),
        ("token meter over the limit", theme.meter_over, theme.window),
        ("window text", theme.window_text, theme.window),
        ("button text", theme.window_text, theme.button),
        ("problem text", theme.error, theme.window),
        ("schema valid", theme.success, theme.window),
        ("muted on window", theme.muted, theme.window),
        ("placeholder on window", theme.placeholder, theme.window),
        ("new messages button", theme.highlighted_text, theme.highlight),
        ("search match", MATCH_TEXT, MATCH_BACKGROUND),
        ("code", code.code_fg, code.code_bg),
        ("code language", code.header_fg, code.header_bg),
        ("code Copy link", code.link, code.header_bg),
        ("inline code", theme.text, code.inline_code_bg),
        ("table header", theme.text, code.table_header_bg),
    ]
    for token, style in markdown_render.readable_style(code.pygments_style):
        if style["color"]:
            bg = f"#{style['bgcolor']}" if style["bgcolor"] else code.code_bg
            pairs.append((f"pygments {token}", f"#{style['color']}", bg))
    return pairs


@pytest.mark.parametrize("theme", [LIGHT_THEME, DARK_THEME], ids=["light", "dark"])
def test_every_colour_pair_of_the_theme_reads_at_4_5_to_1(qapp, theme):
    weak = [(what, fg, bg, round(contrast_ratio(fg, bg), 2)) for what, fg, bg in theme_pairs(theme)
            if contrast_ratio(fg, bg) < AA]
    assert not weak
    assert any(what.startswith("pygments Token.Comment") for what, _, _ in theme_pairs(theme))


def shown_pairs(view) -> list[tuple[str, str, str]]:
    """(text, foreground, background) of every piece of text in the chat view's document, as drawn."""
    doc = view.document()
    default_fg = view.palette().color(QPalette.ColorRole.Text).name()
    pairs = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            text = fragment.text().strip()
            fmt = fragment.charFormat()
            hidden = fmt.foreground().style() != Qt.BrushStyle.NoBrush and fmt.foreground().color().alpha() == 0
            if text and not fmt.isImageFormat() and not hidden:  # icons: drawn in the muted colour, checked above
                fg = fmt.foreground().color().name() if fmt.foreground().style() != Qt.BrushStyle.NoBrush else default_fg
                pairs.append((text[:40], fg, _background_at(doc, fragment.position(), fmt)))
            it += 1
        block = block.next()
    return pairs


def _background_at(doc, position: int, fmt) -> str:
    if fmt.background().style() != Qt.BrushStyle.NoBrush:
        return fmt.background().color().name()
    cursor = QTextCursor(doc)
    cursor.setPosition(position)
    table = cursor.currentTable()
    if table is not None:  # a cell without a colour of its own shows the card's
        background = table.cellAt(cursor).format().background()
        if background.style() != Qt.BrushStyle.NoBrush:
            return background.color().name()
    frame = cursor.currentFrame()
    while frame is not None:
        background = frame.frameFormat().background()
        if background.style() != Qt.BrushStyle.NoBrush:
            return background.color().name()
        frame = frame.parentFrame()
    return doc.rootFrame().frameFormat().background().color().name()


@pytest.mark.parametrize("choice", ["light", "dark"])
def test_every_piece_of_text_in_a_rich_conversation_reads_at_4_5_to_1(driver, choice):
    driver.window.themes.set_choice(choice)
    driver.server.script(Stream(text=RICH_REPLY), server_error(500))
    driver.send("Show me everything")
    driver.wait_reply_done()
    driver.send("And fail once")
    driver.wait_reply_done()
    pairs = shown_pairs(driver.view)
    texts = " ".join(text for text, _, _ in pairs)
    assert "average" in texts and "Bonds" in texts and "ninety" in texts and "Retry" in texts
    weak = [(text, fg, bg, round(contrast_ratio(fg, bg), 2)) for text, fg, bg in pairs if contrast_ratio(fg, bg) < AA]
    assert not weak
    first_reply = driver.replies()[0]
    driver.view.verticalScrollBar().setValue(driver.view.message_top(first_reply.id))
    QTest.mouseMove(driver.view.viewport(), QPoint(1, 1))  # (the pointer may be where the last test left it)
    QTest.mouseMove(driver.view.viewport(), QPoint(driver.view.viewport().width() // 2, 20))  # over its header
    driver.qtbot.waitUntil(lambda: driver.view.actions_shown(first_reply.id))  # its actions drawn, in the theme's link colour
    pairs = shown_pairs(driver.view)
    assert "Copy as Python" in " ".join(text for text, _, _ in pairs)
    assert not [(text, fg, bg) for text, fg, bg in pairs if contrast_ratio(fg, bg) < AA]


def test_switching_the_theme_while_a_reply_streams_changes_no_text(driver):
    words = " ".join(f"word{i}" for i in range(300))
    text = f"{words}\n\n```python\nprint('still here')\n```\n\nThe end."
    driver.server.script(Stream(text=text, delay=0.004))
    driver.send("Stream something long")
    driver.qtbot.waitUntil(lambda: len(driver.replies()) == 1 and len(driver.last_reply().text) > 200)
    reply = driver.last_reply()
    assert reply.is_streaming
    for choice in ("dark", "light", "dark"):
        driver.window.themes.set_choice(choice)
        shown = driver.shown_text(reply).replace("\n", " ").split()
        assert shown == reply.text.replace("\n", " ").split()[: len(shown)]
    driver.wait_reply_done()
    assert driver.last_reply().text == text
    assert "print('still here')" in driver.shown_text(reply)
    assert driver.shown_text(reply).split()[:300] == words.split()
    assert driver.view.palette().color(QPalette.ColorRole.Base).name() == DARK_THEME.background


def test_system_theme_is_followed_live_and_an_explicit_choice_is_kept(driver):
    window = driver.window
    view = driver.view
    hints = QGuiApplication.styleHints()
    window.view_menu.theme_actions["system"].trigger()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert view.palette().color(QPalette.ColorRole.Base).name() == DARK_THEME.background
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert view.palette().color(QPalette.ColorRole.Base).name() == LIGHT_THEME.background
    window.view_menu.theme_actions["dark"].trigger()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert view.palette().color(QPalette.ColorRole.Base).name() == DARK_THEME.background
    assert QGuiApplication.palette().color(QPalette.ColorRole.Window).name() == DARK_THEME.window


def test_the_theme_and_the_zoom_are_remembered(start_app):
    window = start_app().window
    base = window.chat_view.font().pointSizeF()
    window.view_menu.theme_actions["dark"].trigger()
    window.view_menu.zoom_in_action.trigger()
    window.view_menu.zoom_in_action.trigger()
    window.view_menu.zoom_in_action.trigger()
    window.view_menu.zoom_out_action.trigger()
    assert window.chat_view.font().pointSizeF() == base + 2
    assert window.composer.edit.font().pointSizeF() == base  # only the chat text grows
    window.close()

    again = start_app().window
    assert again.view_menu.theme_actions["dark"].isChecked()
    assert again.chat_view.palette().color(QPalette.ColorRole.Base).name() == DARK_THEME.background
    assert again.chat_view.font().pointSizeF() == base + 2
    again.view_menu.zoom_reset_action.trigger()
    assert again.chat_view.font().pointSizeF() == base
    assert [k.toString() for k in again.view_menu.zoom_in_action.shortcuts()][0] == "Ctrl+="
    assert again.view_menu.zoom_out_action.shortcut().toString() == "Ctrl+-"
    assert again.view_menu.zoom_reset_action.shortcut().toString() == "Ctrl+0"
    again.view_menu.theme_actions["system"].trigger()
