"""A conversation's branch on show as notebook cells that reproduce it with the openai SDK.

Each reply's code cell is written by `core.request`'s Python rendering from the request the app sent
(the one "View request" shows), so the notebook and the request view never disagree. Images and
recordings become variables, loaded from files beside the notebook with the tutorial's `encode()`
or embedded as base64. Nothing here reads or writes files; the caller writes the text and media.
"""

from __future__ import annotations

import base64
import binascii
import re
import time
from dataclasses import dataclass, field

from desktop_app.core.conversation import Conversation, Message, MessageStatus, Role
from desktop_app.core.export import format_duration, verbatim
from desktop_app.core.request import (
    PythonExpr,
    expand_request,
    printed_reply,
    python_call_lines,
    python_client_lines,
)

_DATA_URL = re.compile(r"data:([\w.+-]+/[\w.+-]+);base64,(.*)", re.DOTALL)
_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}
_ENCODE_LINES = [
    "",
    "",
    "def encode(path):",
    '    with open(path, "rb") as input_file:',
    '        return base64.b64encode(input_file.read()).decode("utf-8")',
]
# What Python ends a line on: a comment must not let text after one of these run as code.
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Cell:
    """One notebook cell: Markdown, or code with what it printed when the app ran it."""

    kind: str  # "markdown" | "code"
    source: str
    output: str = ""  # stdout of the app's run (the reply it received)
    note: str = ""  # stderr: how the reply ended when it did not finish


@dataclass(frozen=True)
class MediaFile:
    """An image or recording the notebook loads, at a path relative to the notebook."""

    name: str
    data: bytes


@dataclass
class NotebookExport:
    """The cells in order and the files they load."""

    cells: list[Cell] = field(default_factory=list)
    media: list[MediaFile] = field(default_factory=list)


def build_notebook(
    conversation: Conversation, *, base_url: str, media_dir: str | None, exported_at: float | None = None
) -> NotebookExport:
    """The cells for the branch on show; `media_dir` (relative, e.g. "chat_files") holds the images
    and recordings as files, or with None they are embedded in the cells as base64."""
    variables = _Variables(media_dir)
    export = NotebookExport()
    export.cells.append(Cell("markdown", _title_markdown(conversation, base_url, exported_at)))
    setup_at = len(export.cells)
    pending: list[Message] = []
    turn = 0
    for message in conversation.messages:
        if message.role is Role.USER:
            pending.append(message)
            continue
        request = expand_request(conversation, message)
        if request is None:
            continue
        turn += 1
        export.cells.append(Cell("markdown", _turn_markdown(turn, pending)))
        pending = []
        body = variables.substitute(request)
        if variables.embedded:  # long base64 lines get a cell of their own
            export.cells.append(Cell("code", "\n".join(variables.embedded)))
        code = variables.defined + python_call_lines(body, audio_name=f"reply-{turn}")
        variables.defined, variables.embedded = [], []
        texts = [choice.text for choice in message.choices]
        usage = (message.usage.prompt_tokens, message.usage.completion_tokens) if message.usage else None
        output = printed_reply(request, texts, usage)
        export.cells.append(Cell("code", "\n".join(code), output, _ending_note(message)))
    if pending:
        export.cells.append(Cell("markdown", _turn_markdown(turn + 1, pending) + "\n\n_Not sent yet._"))
    spoken = any("audio" in (m.request or {}) for m in conversation.messages)
    export.cells.insert(setup_at, Cell("code", _setup_source(base_url, variables.files, media_dir, spoken)))
    export.media = variables.files
    return export


def notebook_json(export: NotebookExport) -> str:
    """The notebook as .ipynb text, written and validated with nbformat."""
    import nbformat  # only on the export thread

    v4 = nbformat.v4
    cells = []
    count = 0
    for cell in export.cells:
        if cell.kind == "markdown":
            cells.append(v4.new_markdown_cell(cell.source))
            continue
        count += 1
        outputs = [v4.new_output("stream", name="stdout", text=cell.output)] if cell.output else []
        if cell.note:
            outputs.append(v4.new_output("stream", name="stderr", text=cell.note + "\n"))
        cells.append(v4.new_code_cell(cell.source, execution_count=count, outputs=outputs))
    notebook = v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
    )
    nbformat.validate(notebook)  # raises before anything is written
    return nbformat.writes(notebook)


def notebook_script(export: NotebookExport) -> str:
    """The same cells as one Python script: `# %%` cell marks, Markdown and replies as comments."""
    blocks = []
    for cell in export.cells:
        if cell.kind == "markdown":
            blocks.append("# %% [markdown]\n" + _commented(cell.source))
            continue
        lines = ["# %%"]
        lines += ["# " + line[1:] if line.startswith("%pip ") else line for line in cell.source.split("\n")]
        if cell.output or cell.note:
            lines.append("# The app received:")
            lines.append(_commented((cell.output + cell.note).rstrip("\n")))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def media_dir_name(stem: str) -> str:
    """The folder beside a notebook that holds its images and recordings."""
    return f"{stem}_files"


# -- private ---------------------------------------------------------------------------------------


class _Variables:
    """The system prompt and each image or recording of the requests become variables, defined where
    they first appear (as the tutorial's `system_prompt` and `base64_image`)."""

    def __init__(self, media_dir: str | None) -> None:
        self._dir = media_dir
        self._names: dict[str, str] = {}  # base64 -> variable
        self.files: list[MediaFile] = []
        self.defined: list[str] = []  # definitions for the top of the next turn's cell
        self.embedded: list[str] = []  # base64 definitions for a cell before it
        self._prompts: dict[str, str] = {}  # instructions text -> variable

    def substitute(self, request: dict) -> dict:
        """The request with each embedded base64 replaced by its variable."""
        return {k: (self._messages(v) if k == "messages" else v) for k, v in request.items()}

    def _messages(self, messages: list) -> list:
        first = messages[0] if messages else None
        instructions = isinstance(first, dict) and first.get("role") in ("system", "developer")
        if instructions and isinstance(first.get("content"), str):
            messages = [{**first, "content": PythonExpr(self._prompt(first["content"]))}, *messages[1:]]
        return self._walk(messages)

    def _prompt(self, text: str) -> str:
        import pprint

        if text not in self._prompts:
            name = "system_prompt" if not self._prompts else f"system_prompt_{len(self._prompts) + 1}"
            self._prompts[text] = name
            self.defined.append(f"{name} = {pprint.pformat(text, width=88 - len(name) - 3)}")
        return self._prompts[text]

    def _walk(self, value, key: str = ""):
        if isinstance(value, list):
            return [self._walk(item) for item in value]
        if isinstance(value, dict):
            if key == "input_audio" and isinstance(value.get("data"), str):
                name = self._variable(value["data"], "recording", str(value.get("format") or "wav"))
                return {**value, "data": PythonExpr(name)}
            return {k: self._walk(v, k) for k, v in value.items()}
        match = _DATA_URL.fullmatch(value) if key == "url" and isinstance(value, str) else None
        if match is None:
            return value
        mime, data = match.groups()
        name = self._variable(data, "image", _EXTENSIONS.get(mime, mime.partition("/")[2] or "bin"))
        return PythonExpr(f'f"data:{mime};base64,{{{name}}}"')

    def _variable(self, data: str, kind: str, extension: str) -> str:
        if data in self._names:
            return self._names[data]
        name = f"{kind}_{sum(v.startswith(kind) for v in self._names.values()) + 1}"
        self._names[data] = name
        if self._dir is None:
            self.embedded.append(f"{name} = {data!r}  # {kind} as base64")
            return name
        path = f"{self._dir}/{name.replace('_', '-')}.{extension}"
        try:
            self.files.append(MediaFile(path, base64.b64decode(data, validate=True)))
        except (binascii.Error, ValueError):
            self.embedded.append(f"{name} = {data!r}  # {kind} as base64 (not decodable to a file)")
            return name
        self.defined.append(f"{name} = encode({path!r})")
        return name


def _title_markdown(conversation: Conversation, base_url: str, exported_at: float | None) -> str:
    setup = conversation.setup
    model = setup.model if setup is not None else next((m.model for m in conversation.messages if m.model), "")
    lines = [f"# {' '.join(conversation.title.split()) or 'Untitled conversation'}", ""]
    if model:
        lines.append(f"- Model: `{model}`")
    lines.append(f"- Date: {_local_time(conversation.created_at)}")
    lines.append(f"- Server: {base_url}")
    if exported_at is not None:
        lines.append(f"- Exported: {_local_time(exported_at)}")
    system_prompt = setup.system_prompt if setup is not None and setup.system_prompt else conversation.system_prompt
    if system_prompt.strip():
        lines += ["- System prompt:", ""]
        lines += [f"> {line}" if line.strip() else ">" for line in system_prompt.splitlines()]
    lines += ["", "Set `OPENAI_API_KEY` in the environment, then run the cells in order."]
    return "\n".join(lines)


def _turn_markdown(turn: int, messages: list[Message]) -> str:
    blocks = [f"## Turn {turn}"]
    for message in messages:
        if message.attachments:
            names = ", ".join(f"`{a.name}`" if a.name else "an image" for a in message.attachments)
            blocks.append(f"_With {len(message.attachments)} image(s): {names}_")
        if message.audio is not None:
            blocks.append(f"_(recording, {format_duration(message.audio.duration_s)})_")
        if message.text:
            blocks.append(verbatim(message.text))
    return "\n\n".join(blocks)


def _setup_source(base_url: str, files: list[MediaFile], media_dir: str | None, spoken: bool) -> str:
    needs_base64 = spoken or (media_dir is not None and files)
    lines = ["%pip install openai"]
    lines += ["import base64", ""] if needs_base64 else []
    lines += python_client_lines(base_url)
    if media_dir is not None and files:
        lines += _ENCODE_LINES  # the tutorial's helper: a file as base64 text
    return "\n".join(lines)


def _ending_note(message: Message) -> str:
    if message.status is MessageStatus.STOPPED:
        return "(stopped by the user; the reply is incomplete)"
    if message.status is MessageStatus.INTERRUPTED:
        return "(interrupted; the reply is incomplete)"
    if message.status is MessageStatus.FAILED:
        reason = " ".join(message.error.message.split()) if message.error is not None else ""
        return f"(the request failed) {reason}".rstrip()
    if message.status is MessageStatus.STREAMING:
        return "(still being written when exported)"
    return ""


def _commented(text: str) -> str:
    return "\n".join(f"# {line}".rstrip() for line in _LINE_BREAKS.split(text.replace("\x00", "\ufffd")))


def _local_time(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))
