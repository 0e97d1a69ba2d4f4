"""Search results for the sidebar: hits grouped under their conversation's title, matches highlighted.

A snippet is user text: it is escaped before it becomes the HTML that highlights the matched words, so
"<b>hi</b>" in a message is shown as those nine characters, never as bold "hi".
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from math import ceil

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QFont, QPalette, QTextDocument, QTextOption
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop_app.services.history_store import SearchHit
from desktop_app.ui.safe_text import SafeTextDocument

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET_HTML_ROLE = Qt.ItemDataRole.UserRole + 2
HEADER_ROLE = Qt.ItemDataRole.UserRole + 3
SNIPPET_LEAD = 24  # characters kept before the first match, so the match shows on the first line
PADDING = 6
# A marker-pen highlight: dark text on yellow reads on light and dark themes alike (contrast ~14:1).
MATCH_BACKGROUND, MATCH_TEXT = "#ffe066", "#1a1a1a"
MATCH_OPEN = f'<span style="background-color:{MATCH_BACKGROUND}; color:{MATCH_TEXT}; font-weight:600;">'
MATCH_CLOSE = "</span>"


def focused_snippet(snippet: str, words: list[str], lead: int = SNIPPET_LEAD) -> str:
    """The snippet cut to start shortly before its first match (at a word break when there is one)."""
    lowered = snippet.lower()
    positions = [p for p in (lowered.find(w.lower()) for w in words) if p >= 0]
    if not positions or min(positions) <= lead + 1:
        return snippet
    at = min(positions)
    start = at - lead
    space = snippet.find(" ", start, at)
    if space >= 0:
        start = space + 1
    return "…" + snippet[start:].lstrip("…")


def snippet_html(snippet: str, words: list[str]) -> str:
    """The snippet as HTML with every match of `words` highlighted; everything else escaped."""
    words = sorted({w for w in words if w}, key=len, reverse=True)  # longest first: "서울에서" before "서울"
    if not words:
        return html.escape(snippet)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(snippet):
        parts.append(html.escape(snippet[last : match.start()]))
        parts.append(MATCH_OPEN + html.escape(match.group()) + MATCH_CLOSE)
        last = match.end()
    parts.append(html.escape(snippet[last:]))
    return "".join(parts)


def shown_text(rich: str) -> str:
    """What a user reads in a snippet rendered from `rich` (the HTML given to the delegate)."""
    document = SafeTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


class SearchResultsModel(QAbstractListModel):
    """The hits of the latest search grouped by conversation (newest first): a title row, then its matches."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []  # HTML built once per search rather than at every paint

    # -- public API ------------------------------------------------------------------------------

    def set_results(self, query: str, hits: list[SearchHit]) -> None:
        """Show these hits for `query` (its words are highlighted in titles and snippets)."""
        words = query.split()
        groups: dict[str, list[SearchHit]] = {}
        for hit in hits:
            groups.setdefault(hit.conversation_id, []).append(hit)
        rows = []
        for group in groups.values():
            in_messages = [h for h in group if h.message_id is not None]
            # The title row opens the conversation at its first match, if a message matched.
            rows.append(_Row.of(in_messages[0] if in_messages else group[0], True,
                                snippet_html(self._title(group[0]), words)))
            rows += [_Row.of(h, False, snippet_html(focused_snippet(h.snippet, words), words)) for h in in_messages]
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def clear(self) -> None:
        """Show no results."""
        self.set_results("", [])

    def hit(self, row: int) -> SearchHit:
        """The hit shown at `row` (for a title row: the conversation's first match)."""
        return self._rows[row].hit

    def texts(self) -> list[str]:
        """Each conversation found as the user reads it: its title, then one line per matching message."""
        groups: list[list[str]] = []
        for row in self._rows:
            if row.header:
                groups.append([])
            groups[-1].append(row.text)
        return ["\n".join(lines) for lines in groups]

    # -- Qt overrides ----------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return None if row.header else row.hit.snippet
        if role == SNIPPET_HTML_ROLE:
            return row.html
        if role == HEADER_ROLE:
            return row.header
        if role == HIT_ROLE:
            return row.hit
        return None

    # -- private ---------------------------------------------------------------------------------

    def _title(self, hit: SearchHit) -> str:
        return hit.title or self.tr("New conversation")


@dataclass(frozen=True)
class _Row:
    hit: SearchHit
    header: bool  # the conversation's title, above its matching messages
    html: str
    text: str  # what the HTML reads as

    @classmethod
    def of(cls, hit: SearchHit, header: bool, rich: str) -> _Row:
        return cls(hit, header, rich, shown_text(rich))


def draw_row_background(
    delegate: QStyledItemDelegate, painter, option: QStyleOptionViewItem, index: QModelIndex
) -> tuple[QStyleOptionViewItem, str]:
    """Paint a row's background and selection in the platform style, without its text.

    Returns the initialised style option and the row's text, for the delegate to lay out itself.
    """
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    text = opt.text
    opt.text = ""
    style = opt.widget.style() if opt.widget is not None else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
    return opt, text


class SearchResultDelegate(QStyledItemDelegate):
    """Paints a title row (bold) or a matching message (indented, dim), wrapped: no match is ever cut off."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        view = self.parent()
        width = view.viewport().width() if view is not None else option.rect.width()
        document = self._document(option, index, max(40, width - self._indent(index) - PADDING * 2))
        return QSize(width, ceil(document.size().height()) + PADDING * 2)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt, _text = draw_row_background(self, painter, option, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        indent = self._indent(index)
        rect = opt.rect.adjusted(PADDING + indent, PADDING, -PADDING, -PADDING)
        document = self._document(opt, index, rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        header = bool(index.data(HEADER_ROLE))
        colour = opt.palette.color(text_role if selected or header else QPalette.ColorRole.PlaceholderText)
        context.palette.setColor(QPalette.ColorRole.Text, colour)
        painter.save()
        painter.translate(rect.left(), rect.top())
        document.documentLayout().draw(painter, context)
        painter.restore()

    def _indent(self, index: QModelIndex) -> int:
        return 0 if index.data(HEADER_ROLE) else PADDING * 2

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex, width: int) -> QTextDocument:
        document = SafeTextDocument()  # a snippet is the server's or the user's text: it loads nothing
        font = QFont(option.font)
        font.setBold(bool(index.data(HEADER_ROLE)))
        document.setDefaultFont(font)
        document.setDocumentMargin(0)
        text_option = QTextOption(Qt.AlignmentFlag.AlignLeft)
        text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # long CJK runs too
        document.setDefaultTextOption(text_option)
        document.setTextWidth(width)
        document.setHtml(index.data(SNIPPET_HTML_ROLE) or "")
        return document
