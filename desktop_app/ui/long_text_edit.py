"""A plain-text box that takes and gives back huge texts without holding the window.

A 5 MB paste goes in a few hundred kilobytes per event-loop turn; the text is read back a few
hundred lines per turn (or at once, when it is needed now) and kept until it changes; a very long
line is wrapped anywhere and laid out without cosmetic shaping.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QFont, QTextCursor, QTextOption

from desktop_app.ui.tab_text_edit import TabFriendlyEdit

# A line this long is wrapped anywhere: looking for word breaks in a 300,000-character line took
# Qt ~5 s at the paste and ~2 s per keystroke (anywhere: ~90 and ~45 ms).
LONG_LINE = 5_000

# A paste longer than this goes in piece by piece, one piece per event-loop turn: a 5 MB paste in
# one insert held the window ~40 ms idle and over 100 ms on a loaded machine.
PASTE_PIECE = 256_000

READ_LINES = 400  # lines read back per event-loop turn (~1 ms for 400 lines of 1,000 characters)


class LongTextEdit(TabFriendlyEdit):
    """TabFriendlyEdit for texts of any size: paste_text, plain_text, read_in_pieces, fit_wrap."""

    sig_paste_finished = Signal()
    """The last piece of a long paste went in (the text changed once more, as a whole)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._paste_pieces: list[str] = []  # what is left to insert of a long paste
        self._paste_block: QTextCursor | None = None  # set while a long paste goes in
        self._edits = 0  # changes of the text so far: a text read back is good while this stays
        self._read: tuple[int, str] | None = None  # (edits, text) last read back
        self._reading: tuple[int, int, list[str], object] | None = None  # (edits, next block, pieces, done)
        # Next turns of the event loop; owned, so they die with the box.
        self._paste_timer = QTimer(self, singleShot=True, interval=0)
        self._paste_timer.timeout.connect(self._insert_next_piece)
        self._read_timer = QTimer(self, singleShot=True, interval=0)
        self._read_timer.timeout.connect(self._read_next_lines)
        # Connected first: counted before any other slot of textChanged reads the text back.
        self.textChanged.connect(self._on_text_changed)

    def plain_text(self) -> str:
        """The text, as toPlainText(), without reading it back again when it was read since it changed."""
        if self._read is None or self._read[0] != self._edits:
            self._read = (self._edits, self.toPlainText())
        return self._read[1]

    def read_in_pieces(self, done) -> None:
        """Read the text back a few hundred lines per event-loop turn, then `done(text)`; started
        again when the text changes meanwhile (reading 5 MB at once held the window 10-100 ms)."""
        if self._read is not None and self._read[0] == self._edits:
            done(self._read[1])
            return
        self._reading = (self._edits, 0, [], done)
        self._read_timer.start()

    @Slot()
    def _read_next_lines(self) -> None:
        if self._reading is None:
            return
        edits, number, pieces, done = self._reading
        if edits != self._edits:  # changed meanwhile: from the start
            edits, number, pieces = self._edits, 0, []
        block = self.document().findBlockByNumber(number)
        turn = []
        for _ in range(READ_LINES):
            if not block.isValid():
                break
            turn.append(block.text())
            block = block.next()
        pieces.append(_as_plain_text("\n".join(turn)))
        if block.isValid():
            self._reading = (edits, number + READ_LINES, pieces, done)
            self._read_timer.start()
            return
        self._reading = None
        self._read = (edits, "\n".join(pieces))
        done(self._read[1])

    @Slot()
    def _on_text_changed(self) -> None:
        self._edits += 1

    def is_pasting(self) -> bool:
        """True while a long paste is still going in (the box is read-only until it is whole)."""
        return self._paste_block is not None

    def paste_text(self, text: str) -> None:
        """Insert a pasted text at the cursor (over the selection); a long one over several
        event-loop turns, read-only meanwhile, as one undo step."""
        if len(text) <= PASTE_PIECE:
            self.insertPlainText(text)
            return
        pieces = _pieces_at_line_ends(text, PASTE_PIECE)
        if len(pieces) == 1:  # one huge line: Qt lays the whole line out at each piece anyway
            self.insertPlainText(text)
            return
        self._paste_pieces = pieces[::-1]
        self._paste_block = block = self.textCursor()  # only groups the pieces into one undo step
        self.setReadOnly(True)
        block.beginEditBlock()
        self.insertPlainText(self._paste_pieces.pop())  # replaces the selection, as a paste does
        block.endEditBlock()
        self._paste_timer.start()

    def abandon_paste(self) -> None:
        """Stop a long paste where it is (the box is about to show another draft)."""
        if self._paste_block is not None:
            self._paste_block = None
            self._paste_pieces = []
            self.setReadOnly(False)

    @Slot()
    def _insert_next_piece(self) -> None:
        block = self._paste_block
        if block is None:
            return  # abandoned
        if self._paste_pieces:
            block.joinPreviousEditBlock()
            self.insertPlainText(self._paste_pieces.pop())
            block.endEditBlock()
        if self._paste_pieces:
            self._paste_timer.start()
            return
        self._paste_block = None
        self.setReadOnly(False)
        self.sig_paste_finished.emit()

    def fit_wrap(self, text: str, whole: bool = False) -> None:
        """Wrap anywhere when `text` has a very long line; with `whole` (the entire draft), wrap
        at words again when it has none."""
        long_line = len(text) > LONG_LINE and max(map(len, text.split("\n"))) > LONG_LINE
        if long_line:
            self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
            self._set_shaping(QFont.StyleStrategy.PreferNoShaping)
        elif whole:
            self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            self._set_shaping(QFont.StyleStrategy.PreferDefault)

    def _set_shaping(self, strategy: QFont.StyleStrategy) -> None:
        # Qt lays a block out whole at every change: without the cosmetic shaping (kerning,
        # ligatures; scripts that need shaping keep it) a 300,000-character line costs less.
        font = self.font()
        if font.styleStrategy() != strategy:
            font.setStyleStrategy(strategy)
            self.setFont(font)


# What toPlainText() turns into plain characters (Qt's QTextDocument::toPlainText).
_PLAIN_CHARACTERS = (("\u2028", "\n"), ("\u2029", "\n"), ("\ufdd0", "\n"), ("\ufdd1", "\n"), ("\u00a0", " "))


def _as_plain_text(blocks_text: str) -> str:
    """Blocks' text as toPlainText() gives it: line separators as line breaks, no-break spaces as spaces."""
    for special, plain in _PLAIN_CHARACTERS:
        if special in blocks_text:  # replace() copies even when there is nothing to replace
            blocks_text = blocks_text.replace(special, plain)
    return blocks_text


def _pieces_at_line_ends(text: str, size: int) -> list[str]:
    """`text` cut after line breaks into pieces of about `size` characters (longer when a line is)."""
    pieces, start = [], 0
    while start < len(text):
        end = text.rfind("\n", start, start + size) + 1
        if end <= start:  # no line break within `size`: the piece ends with its line
            end = text.find("\n", start + size) + 1 or len(text)
        pieces.append(text[start:end])
        start = end
    return pieces
