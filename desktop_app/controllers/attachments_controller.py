"""Images waiting in the composer: read and prepared off the GUI thread, refused with a reason.

Each waiting image keeps the bytes it came from, so it can be prepared again for another detail
level, switched between its web address and its embedded bytes, or saved, without reading or
downloading anything again. A message sent with it keeps those bytes too, as the original the
history stores.
"""

from __future__ import annotations

import base64
import os
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal, Slot

from desktop_app.core.conversation import Attachment, new_id
from desktop_app.core.i18n import said, trans_late
from desktop_app.core.images import ImageRefused, PreparedImage, needs_new_preparation, prepare_image
from desktop_app.workers.task_runner import TaskRunner

if TYPE_CHECKING:
    from PySide6.QtGui import QImage


@dataclass
class _Waiting:
    """One image ready for the next message, with what it was made from."""

    attachment_id: str
    name: str
    source: bytes  # as read, downloaded or pasted: prepared again from these; a web image is saved as these
    source_base64: str  # the source as base64, made on the worker: the message keeps it as its original
    prepared: PreparedImage
    prepared_for: str  # the detail level `prepared` was made for
    detail: str  # the detail level the request names (the user's latest choice)
    web_address: str = ""  # where a web image was fetched from; "" for files and pasted images
    as_link: bool = False  # a web image goes by its address (the server fetches it), not embedded
    revision: int = 0  # bumped by every new choice, so that an older, slower preparation is dropped

    def attachment(self) -> Attachment:
        """What the next message carries for this image."""
        link = self.as_link and bool(self.web_address)
        # Sent before a re-preparation for a new level landed: name the level the bytes were made
        # for, or the request would ask for "high" detail on a 512 px image.
        detail = self.prepared_for if needs_new_preparation(self.prepared_for, self.detail) else self.detail
        return Attachment(
            name=self.name,
            mime=self.prepared.mime,
            data=b"" if link else self.prepared.data,
            width=self.prepared.width,
            height=self.prepared.height,
            detail=detail,
            url=self.web_address if link else "",
            id=self.attachment_id,
            original=self.source,
        ).adopt_original_base64(self.source_base64)


class AttachmentsController(QObject):
    """The images the next message will carry, in the order they were added."""

    sig_attachment_added = Signal(str)
    """An image is prepared and waits in the composer (its attachment id)."""

    sig_attachment_updated = Signal(str)
    """A waiting image changed (its attachment id): prepared again for another detail level, or
    switched between its web address and its embedded bytes."""

    sig_attachment_refused = Signal(object)
    """An image could not be used: the message names the file and the reason (a LazyText for
    ui.text.translated)."""

    sig_attachments_changed = Signal()
    """Images were added, removed, changed or taken by a send (for the token count)."""

    sig_image_saved = Signal(str)
    """A waiting image was written to disk (the file's path)."""

    sig_image_save_failed = Signal(object)
    """A waiting image could not be written: the message names the file and the reason (a LazyText)."""

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._waiting: dict[str, _Waiting] = {}
        # Images still being prepared the first time -> the detail level they are now wanted at.
        self._preparing: dict[str, str] = {}

    # -- public API ------------------------------------------------------------------------------

    def add_file(self, path: Path, detail: str) -> None:
        """Read and prepare an image file in the background."""
        path = Path(path)
        self._prepare(path.name, lambda: path.read_bytes(), detail)

    def add_data(self, name: str, data: bytes, detail: str) -> None:
        """Prepare image bytes in the background."""
        self._prepare(name, lambda: data, detail)

    def add_qimage(self, name: str, image: QImage, detail: str) -> None:
        """Prepare pasted pixels in the background; the caller hands `image` over and does not change it.

        Encoding them (PNG) happens on the worker too: a big screenshot takes ~150 ms, far too long
        for the GUI thread. QImage is reentrant and implicitly shared, so the worker may read it.
        """
        self._prepare(name, lambda: _png_of(image, name), detail)

    def add_url(self, url: str, detail: str, as_link: bool) -> None:
        """Fetch a web image in the background (to check it and show it), then send it by its address
        (`as_link`, the server fetches it) or embedded like a file (servers that cannot fetch).

        The downloaded bytes are kept: `set_as_link` switches later without downloading again.
        """
        name = _name_of_address(url)
        self._prepare(name, lambda: _download(url, name), detail, web_address=url, as_link=as_link)

    def remove(self, attachment_id: str) -> None:
        """Take an image out of the next message."""
        if self._waiting.pop(attachment_id, None) is not None:
            self.sig_attachments_changed.emit()

    def prepared(self, attachment_id: str) -> PreparedImage | None:
        """The prepared image behind a waiting attachment (None for an unknown id)."""
        waiting = self._waiting.get(attachment_id)
        return waiting.prepared if waiting is not None else None

    def web_address(self, attachment_id: str) -> str:
        """The address a waiting web image was fetched from; "" for files, pasted images and unknown ids."""
        waiting = self._waiting.get(attachment_id)
        return waiting.web_address if waiting is not None else ""

    def sends_as_link(self, attachment_id: str) -> bool:
        """True when a waiting web image goes by its address rather than embedded."""
        waiting = self._waiting.get(attachment_id)
        return waiting is not None and waiting.as_link and bool(waiting.web_address)

    def attachments(self) -> list[Attachment]:
        """The images waiting for the next message."""
        return [waiting.attachment() for waiting in self._waiting.values()]

    def take(self) -> list[Attachment]:
        """Hand the waiting images to a message being sent; the composer is empty of them after.

        Each carries the bytes it came from as `original` (stored, never sent), base64 already made.
        """
        taken = self.attachments()
        self._waiting.clear()
        if taken:
            self.sig_attachments_changed.emit()
        return taken

    @Slot(str, bool)
    def set_as_link(self, attachment_id: str, as_link: bool) -> None:
        """Send a waiting web image by its address, or embed the bytes already downloaded (no new download)."""
        waiting = self._waiting.get(attachment_id)
        if waiting is None or not waiting.web_address or waiting.as_link == as_link:
            return
        waiting.as_link = as_link
        self.sig_attachment_updated.emit(attachment_id)
        self.sig_attachments_changed.emit()

    @Slot(str)
    def set_detail(self, detail: str) -> None:
        """Use `detail` for every waiting image; those whose size depends on it are prepared again
        in the background from the bytes they came from.

        The request names the new level at once; the new bytes replace the old ones when ready.
        """
        for attachment_id in self._preparing:
            self._preparing[attachment_id] = detail
        changed = [waiting for waiting in self._waiting.values() if waiting.detail != detail]
        for waiting in changed:
            waiting.detail = detail
            waiting.revision += 1  # a preparation already running is for a level no longer wanted
            if needs_new_preparation(waiting.prepared_for, detail):
                self._prepare_again(waiting)
        for waiting in changed:
            self.sig_attachment_updated.emit(waiting.attachment_id)
        if changed:
            self.sig_attachments_changed.emit()

    @Slot(str, str)
    def save_image(self, attachment_id: str, path: str) -> None:
        """Write a waiting image to `path` in the background: a web image as it was downloaded,
        any other as prepared. Ends with sig_image_saved or sig_image_save_failed."""
        target = Path(path)
        waiting = self._waiting.get(attachment_id)
        if waiting is None:
            self.sig_image_save_failed.emit(
                trans_late("AttachmentsController", "{0} could not be saved: the image is no longer attached").format(
                    target.name
                )
            )
            return
        data = waiting.source if waiting.web_address else waiting.prepared.data

        def job() -> str:
            _write_atomically(target, data)
            return str(target)

        def failed(exc: BaseException) -> None:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.sig_image_save_failed.emit(
                trans_late("AttachmentsController", "{0} could not be saved to {1}: {2}").format(
                    target.name, str(target.parent), reason
                )
            )

        self._tasks.run(job, self.sig_image_saved.emit, failed)

    # -- private ---------------------------------------------------------------------------------

    def _prepare(
        self, name: str, read: Callable[[], bytes], detail: str, web_address: str = "", as_link: bool = False
    ) -> None:
        attachment_id = new_id()
        self._preparing[attachment_id] = detail

        def job() -> tuple[bytes, str, PreparedImage]:
            try:
                data = read()
            except OSError as exc:
                unreadable = trans_late("AttachmentsController", "{0} can't be read ({1})")
                raise ImageRefused(unreadable.format(name, exc.strerror or str(exc))) from None
            prepared = prepare_image(data, name, detail)
            # Encoded here, not when the message is saved: megabytes take milliseconds on the GUI thread.
            return data, base64.b64encode(data).decode("ascii"), prepared

        def done(result: tuple[bytes, str, PreparedImage]) -> None:
            source, source_base64, prepared = result
            wanted = self._preparing.pop(attachment_id, detail)
            waiting = _Waiting(
                attachment_id=attachment_id,
                name=name,
                source=source,
                source_base64=source_base64,
                prepared=prepared,
                prepared_for=detail,
                detail=wanted,
                web_address=web_address,
                as_link=as_link and bool(web_address),
            )
            self._waiting[attachment_id] = waiting
            self.sig_attachment_added.emit(attachment_id)
            self.sig_attachments_changed.emit()
            # The level changed while this image was being prepared.
            if needs_new_preparation(detail, wanted):
                self._prepare_again(waiting)

        def failed(exc: BaseException) -> None:
            self._preparing.pop(attachment_id, None)
            self.sig_attachment_refused.emit(_refusal(name, exc))

        self._tasks.run(job, done, failed)

    def _prepare_again(self, waiting: _Waiting) -> None:
        """Prepare a waiting image for its current detail level, from its source bytes, in the background."""
        attachment_id, revision, detail = waiting.attachment_id, waiting.revision, waiting.detail
        source, name = waiting.source, waiting.name

        def current() -> _Waiting | None:
            found = self._waiting.get(attachment_id)
            return found if found is not None and found.revision == revision else None

        def done(prepared: PreparedImage) -> None:
            found = current()
            if found is None:
                return  # removed, sent, or another level was chosen since
            found.prepared, found.prepared_for = prepared, detail
            self.sig_attachment_updated.emit(attachment_id)
            self.sig_attachments_changed.emit()

        def failed(exc: BaseException) -> None:
            if current() is not None:
                self.sig_attachment_refused.emit(_refusal(name, exc))

        self._tasks.run(lambda: prepare_image(source, name, detail), done, failed)


def _refusal(name: str, exc: BaseException) -> str:
    if isinstance(exc, ImageRefused):
        return said(exc)
    return trans_late("AttachmentsController", "{0} can't be used ({1})").format(name, said(exc))


def _name_of_address(url: str) -> str:
    """The file name a web address ends with, readable ("my%20cat.png" -> "my cat.png")."""
    parts = urllib.parse.urlsplit(url)
    name = urllib.parse.unquote(parts.path.rstrip("/").rsplit("/", 1)[-1]).replace("/", "_").replace("\\", "_")
    return name.strip() or parts.netloc or url


def _png_of(image: QImage, name: str) -> bytes:
    """Pasted pixels as PNG bytes (on a worker thread)."""
    if image.isNull():
        raise ImageRefused(trans_late("AttachmentsController", "{0} is empty").format(name))
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    written = image.save(buffer, "PNG")
    buffer.close()
    if not written:
        unread = trans_late("AttachmentsController", "{0} could not be read from the clipboard")
        raise ImageRefused(unread.format(name))
    return bytes(array.data())


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that a failure never leaves half of it in place of the file it replaces."""
    temporary = path.with_name(f".{path.name}.partial")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


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
        answered = trans_late("AttachmentsController", "{0} could not be downloaded (the server answered {1})")
        raise ImageRefused(answered.format(name, exc.code)) from None
    except (urllib.error.URLError, TimeoutError) as exc:
        reason = str(getattr(exc, "reason", exc))
        failed = trans_late("AttachmentsController", "{0} could not be downloaded ({1})")
        raise ImageRefused(failed.format(name, reason)) from None
    if len(data) > DOWNLOAD_LIMIT:
        too_large = trans_late("AttachmentsController", "{0} is larger than {1} MB")
        raise ImageRefused(too_large.format(name, DOWNLOAD_LIMIT // 1_000_000))
    return data
