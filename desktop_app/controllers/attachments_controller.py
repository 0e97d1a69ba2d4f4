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

    def add_url(self, url: str, detail: str, as_link: bool) -> None:
        """Fetch a web image in the background (to check it and show it), then send it by its address
        (`as_link`, the server fetches it) or embedded like a file (servers that cannot fetch)."""
        name = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1] or url
        self._prepare(name, lambda: _download(url, name), detail, url if as_link else "")

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

    def _prepare(self, name: str, read, detail: str, link: str = "") -> None:
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
                data=b"" if link else prepared.data,
                width=prepared.width,
                height=prepared.height,
                detail=detail,
                url=link,
                id=attachment_id,
            )
            self._waiting[attachment_id] = (attachment, prepared)
            self.sig_attachment_added.emit(attachment_id)
            self.sig_attachments_changed.emit()

        def failed(exc: BaseException) -> None:
            reason = str(exc) if isinstance(exc, ImageRefused) else f"{name} can't be used ({exc})"
            self.sig_attachment_refused.emit(reason)

        self._tasks.run(job, done, failed)


DOWNLOAD_LIMIT = 50_000_000
DOWNLOAD_TIMEOUT_S = 20


def _download(url: str, name: str) -> bytes:
    """The bytes at a web address (on a worker thread); OSError with a plain reason on failure."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as response:  # noqa: S310 (http(s) only)
            data = response.read(DOWNLOAD_LIMIT + 1)
    except urllib.error.HTTPError as exc:
        raise ImageRefused(f"{name} could not be downloaded (the server answered {exc.code})") from None
    except (urllib.error.URLError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ImageRefused(f"{name} could not be downloaded ({reason})") from None
    if len(data) > DOWNLOAD_LIMIT:
        raise ImageRefused(f"{name} is larger than {DOWNLOAD_LIMIT // 1_000_000} MB")
    return data
