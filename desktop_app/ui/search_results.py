"""Search results for the sidebar: a model of hits and a delegate that shows title and snippet.

A snippet is user text: it is escaped before it becomes the HTML that bolds the matched words, so
"<b>hi</b>" in a message is shown as those nine characters, never as bold "hi".
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QFont, QPalette, QTextOption
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop_app.services.history_store import SearchHit
from desktop_app.ui.safe_text import SafeTextDocument

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET_HTML_ROLE = Qt.ItemDataRole.UserRole + 2
SNIPPET_LEAD = 24  # characters kept before the first match, so the match shows on the first line
SNIPPET_LINES = 2
PADDING = 6


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
    """The snippet as HTML with every match of `words` in bold; everything else escaped."""
    words = sorted({w for w in words if w}, key=len, reverse=True)  # longest first: "서울에서" before "서울"
    if not words:
        return html.escape(snippet)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(snippet):
        parts.append(html.escape(snippet[last : match.start()]))
        parts.append("<b>" + html.escape(match.group()) + "</b>")
        last = match.end()
    parts.append(html.escape(snippet[last:]))
    return "".join(parts)


def shown_text(rich: str) -> str:
    """What a user reads in a snippet rendered from `rich` (the HTML given to the delegate)."""
    document = SafeTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


class SearchResultsModel(QAbstractListModel):
    """The hits of the latest search, in the order the history gave them (newest conversation first)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._snippets: list[str] = []  # HTML, built once per search rather than at every paint

    # -- public API ------------------------------------------------------------------------------

    def set_results(self, query: str, hits: list[SearchHit]) -> None:
        """Show these hits for `query` (its words are bolded in the snippets)."""
        words = query.split()
        self.beginResetModel()
        self._hits = list(hits)
        self._snippets = [self._snippet(h, words) for h in self._hits]
        self.endResetModel()

    def clear(self) -> None:
        """Show no results."""
        self.set_results("", [])

    def hit(self, row: int) -> SearchHit:
        """The hit shown at `row`."""
        return self._hits[row]

    def texts(self) -> list[str]:
        """Each result as the user reads it: "title\\nsnippet"."""
        return [f"{self._title(h)}\n{shown_text(s)}" for h, s in zip(self._hits, self._snippets)]

    # -- Qt overrides ----------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._title(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.snippet
        if role == SNIPPET_HTML_ROLE:
            return self._snippets[index.row()]
        if role == HIT_ROLE:
            return hit
        return None

    # -- private ---------------------------------------------------------------------------------

    def _title(self, hit: SearchHit) -> str:
        return hit.title or self.tr("New conversation")

    def _snippet(self, hit: SearchHit, words: list[str]) -> str:
        if hit.message_id is None:  # the title matched: repeating it under itself would say nothing
            return html.escape(self.tr("In the title"))
        return snippet_html(focused_snippet(hit.snippet, words), words)


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
    """Paints a hit as its conversation's title (bold, one line) over the snippet (dim, two lines)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        line = option.fontMetrics.lineSpacing()
        return QSize(100, PADDING * 2 + line * (1 + SNIPPET_LINES) + 2)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt, title = draw_row_background(self, painter, option, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = opt.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        line = opt.fontMetrics.lineSpacing()

        painter.save()
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(opt.palette.color(text_role))
        title_rect = rect.adjusted(0, 0, 0, -(rect.height() - line))
        elided = painter.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)

        document = SafeTextDocument()
        document.setDefaultFont(opt.font)
        document.setDocumentMargin(0)
        document.setDefaultTextOption(QTextOption(Qt.AlignmentFlag.AlignLeft))
        document.setTextWidth(rect.width())
        document.setHtml(index.data(SNIPPET_HTML_ROLE) or "")
        context = QAbstractTextDocumentLayout.PaintContext()
        dim = opt.palette.color(text_role if selected else QPalette.ColorRole.PlaceholderText)
        context.palette.setColor(QPalette.ColorRole.Text, dim)
        context.clip = QRectF(0, 0, rect.width(), line * SNIPPET_LINES)
        painter.translate(rect.left(), rect.top() + line)
        painter.setClipRect(context.clip)
        document.documentLayout().draw(painter, context)
        painter.restore()
