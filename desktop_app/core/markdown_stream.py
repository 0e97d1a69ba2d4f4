"""Where a growing Markdown text can be cut so that the part before it renders the same for good.

While a reply streams, the chat view renders finished blocks once and keeps only the unfinished
tail as plain text. A cut is safe at a blank line outside a code fence that is followed by a line
starting in column 0: an indented line could still continue a list item or an indented code block.
"""

from __future__ import annotations

_FENCES = ("```", "~~~")


def stable_prefix_end(text: str, start: int = 0) -> int:
    """The largest safe cut in `text` at or after `start` (which must itself be a safe cut).

    Returns `start` when no further block is finished yet.
    """
    cut = start
    fence: str | None = None
    saw_blank = False
    position = start
    while True:
        newline = text.find("\n", position)
        if newline < 0:
            break  # the last line is still being written
        line = text[position:newline]
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence) and not stripped[len(fence):].strip("`~"):
                fence = None
        elif stripped.startswith(_FENCES):
            if saw_blank and not line[:1].isspace():
                cut = position
            fence = stripped[:3]
            saw_blank = False
        elif not stripped:
            saw_blank = True
        else:
            if saw_blank and not line[:1].isspace():
                cut = position
            saw_blank = False
        position = newline + 1
    # The line being written already shows it starts a new block if its first character is not a space.
    if fence is None and saw_blank and position < len(text) and not text[position].isspace():
        cut = position
    return cut
