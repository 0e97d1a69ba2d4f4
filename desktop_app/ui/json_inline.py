"""A JSON answer's table or tree inside its message: links that open in place, bounded in size."""

from __future__ import annotations

from desktop_app.core.conversation import Message
from desktop_app.core.json_answer import cell_text, outline, parse_answer, table_of
from desktop_app.ui import message_html
from desktop_app.ui.safe_text import escape

TABLE, TREE = "table", "tree"
ROWS = 20  # rows shown in the message; the data view (a dialog) shows them all
COLUMNS = 8
CELL_CHARS = 80
TREE_LINES = 40
OPEN_MARK, CLOSED_MARK = "▼", "▶"

translate = message_html.translate


def has_data(message: Message) -> bool:
    """True for a finished reply to a request that asked for JSON (it may offer a table or tree)."""
    request = message.request or {}
    return "response_format" in request and bool(message.text) and not message.is_streaming


def data_html(message: Message, open_kind: str = "") -> str:
    """The Table and Tree links of a JSON answer, with the one named by `open_kind` opened below them."""
    parsed = parse_answer(message.text)
    if parsed.error is not None:  # the data view shows the text and where the JSON breaks
        return ""
    table = table_of(parsed.value)
    kinds = [(TABLE, translate("ChatView", "Table"))] if table is not None else []
    kinds.append((TREE, translate("ChatView", "Tree")))
    links = []
    for kind, label in kinds:
        mark = OPEN_MARK if kind == open_kind else CLOSED_MARK
        tip = translate("ChatView", "Hide") if kind == open_kind else translate("ChatView", "Show here")
        href = message_html.action_href("inline", message.id, kind)
        style = "text-decoration:none;"
        links.append(f'<a href="{href}" title="{escape(tip)}" style="{style}">{mark}&nbsp;{escape(label)}</a>')
    html = f'<p style="margin:0;">{" &nbsp;&nbsp; ".join(links)}</p>'
    if open_kind == TABLE and table is not None:
        html += _table_html(message, table)
    elif open_kind == TREE:
        html += _tree_html(message, parsed.value)
    return html


def size_text(kind: str, size: int) -> str:
    """How much an object or array holds, in the data view's words ("3 keys", "1 item")."""
    if kind == "object":
        one, many = translate("JsonAnswerView", "1 key"), translate("JsonAnswerView", "{count} keys")
    else:
        one, many = translate("JsonAnswerView", "1 item"), translate("JsonAnswerView", "{count} items")
    return one if size == 1 else many.format(count=size)


def _cell(value: object) -> str:
    text = cell_text(value)
    return escape(text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1] + "…")


def _table_html(message: Message, table) -> str:
    columns = table.columns[:COLUMNS]
    head = "".join(f"<th>{_cell(c)}</th>" for c in columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row[:COLUMNS]) + "</tr>" for row in table.rows[:ROWS]
    )
    html = (
        f'<table border="1" cellspacing="0" cellpadding="3" style="border-color:{message_html.MUTED};'
        f' border-style:solid; margin-top:4px;"><tr>{head}</tr>{rows}</table>'
    )
    more_rows, more_columns = max(0, len(table.rows) - ROWS), max(0, len(table.columns) - COLUMNS)
    notes = [translate("ChatView", "{0} of {1} rows shown").format(ROWS, len(table.rows))] if more_rows else []
    if more_columns:
        notes.append(translate("ChatView", "{0} of {1} columns shown").format(COLUMNS, len(table.columns)))
    if notes:
        html += _more(message, ", ".join(notes))
    return html


def _tree_html(message: Message, value: object) -> str:
    lines, left_out = outline(value, TREE_LINES)
    total = len(lines) + left_out
    shown = []
    for line in lines:
        key = escape(line.key) + ": " if line.key else ""
        if line.text is None:
            size = size_text(line.kind, line.size)
            shown.append(f'{"&nbsp;" * 4 * line.depth}{key}<span style="color:{message_html.MUTED};">{size}</span>')
        else:
            shown.append(f'{"&nbsp;" * 4 * line.depth}{key}<b>{_cell(line.text)}</b>')
    html = f'<p style="margin-top:4px; margin-bottom:0;">{"<br>".join(shown)}</p>'
    if left_out:
        html += _more(message, translate("ChatView", "{0} of {1} lines shown").format(len(lines), total))
    return html


def _more(message: Message, note: str) -> str:
    more = translate("ChatView", "Open the data view")
    href = message_html.action_href("data", message.id)
    note_html = f'<span style="color:{message_html.MUTED};">{escape(note)} · </span>'
    return f'<p style="margin:0;">{note_html}<a href="{href}">{more}</a></p>'
