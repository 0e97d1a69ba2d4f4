"""Images waiting in the composer: read and prepared off the GUI thread, refused with a reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop_app.core.conversation import Attachment, new_id
from desktop_app.core.images import ImageRefused, PreparedImage, prepare_image
from desktop_app.workers.task_runner import TaskRunner


class AttachmentsController(QObject):
    """The images the next message will carry, in the order they were added."""

    sig_attachment_added = Signal(str)
    """An image is prepared and waits in the composer (its attachment id)."""

    sig_attachment_refused = Signal(str)
    """An image could not be used: the message names the file and the reason."""

    sig_attachments_changed = Signal()
    """Images were added, removed or taken by a send (for the token count)."""

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._waiting: dict[str, tuple[Attachment, PreparedImage | None]] = {}

    # -- public API ------------------------------------------------------------------------------

    def add_file(self, path: Path, detail: str) -> None:
        """Read and prepare an image file in the background."""
        path = Path(path)
        self._prepare(path.name, lambda: path.read_bytes(), detail)

    def add_data(self, name: str, data: bytes, detail: str) -> None:
        """Prepare image bytes (a pasted screenshot) in the background."""
        self._prepare(name, lambda: data, detail)

    def add_url(self, url: str, detail: str) -> None:
        """Send an image by its web address; the server fetches it."""
        attachment = Attachment(name=url.rsplit("/", 1)[-1] or url, url=url, detail=detail)
        self._waiting[attachment.id] = (attachment, None)
        self.sig_attachment_added.emit(attachment.id)
        self.sig_attachments_changed.emit()

    def remove(self, attachment_id: str) -> None:
        """Take an image out of the next message."""
        if self._waiting.pop(attachment_id, None) is not None:
            self.sig_attachments_changed.emit()

    def prepared(self, attachment_id: str) -> PreparedImage | None:
        """The prepared image behind a waiting attachment (None for a web address)."""
        return self._waiting[attachment_id][1]

    def attachments(self) -> list[Attachment]:
        """The images waiting for the next message."""
        return [attachment for attachment, _ in self._waiting.values()]

    def take(self) -> list[Attachment]:
        """Hand the waiting images to a message being sent; the composer is empty of them after."""
        taken = self.attachments()
        self._waiting.clear()
        if taken:
            self.sig_attachments_changed.emit()
        return taken

    # -- private ---------------------------------------------------------------------------------

    def _prepare(self, name: str, read, detail: str) -> None:
        attachment_id = new_id()

        def job() -> PreparedImage:
            try:
                data = read()
            except OSError as exc:
                raise ImageRefused(f"{name} can't be read ({exc.strerror or exc})") from None
            return prepare_image(data, name, detail)

        def done(prepared: PreparedImage) -> None:
            attachment = Attachment(
                name=name,
                mime=prepared.mime,
                data=prepared.data,
                width=prepared.width,
                height=prepared.height,
                detail=detail,
                id=attachment_id,
            )
            self._waiting[attachment_id] = (attachment, prepared)
            self.sig_attachment_added.emit(attachment_id)
            self.sig_attachments_changed.emit()

        def failed(exc: BaseException) -> None:
            reason = str(exc) if isinstance(exc, ImageRefused) else f"{name} can't be used ({exc})"
            self.sig_attachment_refused.emit(reason)

        self._tasks.run(job, done, failed)
