"""The composer's image strip: attach button, detail choice, thumbnails with remove and preview.

The tray only shows what it is given: the caller reads files, prepares images off the GUI thread
and calls `add_image`; the tray asks for removal and picking through signals.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QSize, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.images import PreparedImage

PASTED_IMAGE_NAME = "pasted image.png"
THUMBNAIL_HEIGHT = 64
PREVIEW_FIT = QSize(900, 700)
_WEB_SCHEMES = frozenset({"http", "https"})


def sources_from_mime(mime: QMimeData) -> tuple[list[Path], list[tuple[str, bytes]], list[str]]:
    """Split a drop or the clipboard into local files, pasted image data (PNG) and http(s) URLs."""
    paths: list[Path] = []
    web_urls: list[str] = []
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile():
            paths.append(Path(url.toLocalFile()))
        elif url.scheme().lower() in _WEB_SCHEMES and url.host():
            _append_new(web_urls, url.toString())
    if not mime.hasUrls() and mime.hasText():
        text_url = _single_web_url(mime.text())
        if text_url:
            web_urls.append(text_url)
    images: list[tuple[str, bytes]] = []
    # A file manager may add the pixels of a dropped file; the file itself is the better source.
    if mime.hasImage() and not paths:
        data = _png_bytes(mime.imageData())
        if data:
            images.append((PASTED_IMAGE_NAME, data))
            # A browser's image drag carries the pixels and the page URL; the pixels need no download.
            web_urls = []
    return paths, images, web_urls


def _append_new(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def _single_web_url(text: str) -> str | None:
    stripped = text.strip()
    if not stripped or any(ch.isspace() for ch in stripped):
        return None
    url = QUrl(stripped, QUrl.ParsingMode.StrictMode)
    if url.isValid() and url.scheme().lower() in _WEB_SCHEMES and url.host():
        return url.toString()
    return None


def _png_bytes(image: object) -> bytes:
    # Clipboards hand over a QImage or a QPixmap depending on platform and source.
    if isinstance(image, QPixmap):
        image = image.toImage()
    if not isinstance(image, QImage) or image.isNull():
        return b""
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(array.data())


def _size_text(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


class _Thumbnail(QWidget):
    """One attached image: a clickable picture and a small remove button."""

    sig_preview_requested = Signal(str)
    """The picture was clicked; payload is the attachment id."""

    sig_remove_requested = Signal(str)
    """The ✕ was clicked; payload is the attachment id."""

    def __init__(self, attachment_id: str, prepared: PreparedImage, parent=None) -> None:
        super().__init__(parent)
        self.attachment_id = attachment_id
        self.prepared = prepared
        self.pixmap = QPixmap()
        # The small picture made with the image: decoding the whole image here would stall the GUI.
        self.pixmap.loadFromData(prepared.thumbnail or prepared.data)
        self.picture = QToolButton()
        self.picture.setAutoRaise(True)
        self.picture.setCursor(Qt.CursorShape.PointingHandCursor)
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(self.tr("Remove this image"))
        self._update_picture()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.picture)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        self.picture.clicked.connect(self._on_picture_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)

    def _update_picture(self) -> None:
        name = PurePath(self.prepared.source_name).name or self.prepared.source_name
        size = _size_text(len(self.prepared.data))
        self.picture.setToolTip(
            self.tr("{name} · {width}×{height} · {size}").format(
                name=name, width=self.prepared.width, height=self.prepared.height, size=size
            )
        )
        if self.pixmap.isNull():
            self.picture.setText(self.tr("(no preview)"))
            return
        thumbnail = self.pixmap
        if thumbnail.height() != THUMBNAIL_HEIGHT:
            thumbnail = thumbnail.scaledToHeight(THUMBNAIL_HEIGHT, Qt.TransformationMode.SmoothTransformation)
        self.picture.setIcon(QIcon(thumbnail))
        self.picture.setIconSize(thumbnail.size())

    @Slot()
    def _on_picture_clicked(self) -> None:
        self.sig_preview_requested.emit(self.attachment_id)

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        self.sig_remove_requested.emit(self.attachment_id)


class ImagePreviewDialog(QDialog):
    """The attached image at a readable size (fit within 900×700, never enlarged)."""

    def __init__(self, prepared: PreparedImage, pixmap: QPixmap, parent=None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWindowTitle(PurePath(prepared.source_name).name or prepared.source_name)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if not pixmap.isNull():
            if pixmap.width() > PREVIEW_FIT.width() or pixmap.height() > PREVIEW_FIT.height():
                pixmap = pixmap.scaled(
                    PREVIEW_FIT, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            self.label.setPixmap(pixmap)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.label)


class AttachmentTray(QWidget):
    """A strip under the composer: 📎, the detail level and the attached images (shown when any)."""

    # --- signals ---------------------------------------------------------------------------------

    sig_remove_requested = Signal(str)
    """The user clicked ✕ on an image; payload is its attachment id (the tray does not remove it)."""

    sig_pick_requested = Signal()
    """The user clicked 📎 and wants to choose image files."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._thumbnails: dict[str, _Thumbnail] = {}
        self.attach_button = QToolButton()
        self.attach_button.setText("📎")
        self.attach_button.setToolTip(self.tr("Attach images… (or drop or paste them)"))
        self.detail_combo = QComboBox()
        self.detail_combo.addItem(self.tr("Detail: auto"), "auto")
        self.detail_combo.addItem(self.tr("Detail: low"), "low")
        self.detail_combo.addItem(self.tr("Detail: high"), "high")
        self.detail_combo.setToolTip(
            self.tr(
                "How closely the model looks at images.\n"
                "Low: at most 512 px, fewer tokens, cheaper.\n"
                "High: more detail, sharper reading of small text, more tokens.\n"
                "Auto: the model decides."
            )
        )
        self.thumbnails = QScrollArea()
        self.thumbnails.setWidgetResizable(True)
        self.thumbnails.setFrameShape(QScrollArea.Shape.NoFrame)
        self.thumbnails.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.thumbnails.setFixedHeight(THUMBNAIL_HEIGHT + 28)  # room for the icon margin and a scroll bar
        strip = QWidget()
        self._strip_layout = QHBoxLayout(strip)
        self._strip_layout.setContentsMargins(0, 0, 0, 0)
        self._strip_layout.addStretch(1)
        self.thumbnails.setWidget(strip)
        self.thumbnails.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.attach_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.detail_combo, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.thumbnails, 1)
        self.attach_button.clicked.connect(self.sig_pick_requested)

    # --- public API ------------------------------------------------------------------------------

    def add_image(self, attachment_id: str, prepared: PreparedImage) -> None:
        """Show an image's thumbnail; an id already shown is replaced."""
        self.remove_image(attachment_id)
        thumbnail = _Thumbnail(attachment_id, prepared)
        thumbnail.sig_preview_requested.connect(self._on_thumbnail_preview_requested)
        thumbnail.sig_remove_requested.connect(self.sig_remove_requested)
        # Before the stretch, so images line up from the left in the order they were added.
        self._strip_layout.insertWidget(self._strip_layout.count() - 1, thumbnail)
        self._thumbnails[attachment_id] = thumbnail
        self._update_visibility()

    def remove_image(self, attachment_id: str) -> None:
        """Drop an image's thumbnail; an unknown id is ignored."""
        thumbnail = self._thumbnails.pop(attachment_id, None)
        if thumbnail is None:
            return
        self._strip_layout.removeWidget(thumbnail)
        thumbnail.hide()
        thumbnail.deleteLater()
        self._update_visibility()

    def clear(self) -> None:
        """Drop every thumbnail (after sending, or when switching conversations)."""
        for attachment_id in list(self._thumbnails):
            self.remove_image(attachment_id)

    def ids(self) -> list[str]:
        """The attachment ids shown, in the order they were added."""
        return list(self._thumbnails)

    def detail(self) -> str:
        """The chosen detail level: "auto", "low" or "high"."""
        return str(self.detail_combo.currentData())

    def preview(self, attachment_id: str) -> QDialog:
        """Open (non-modal) and return a dialog showing the image fitted within 900×700."""
        thumbnail = self._thumbnails[attachment_id]
        full = QPixmap()
        full.loadFromData(thumbnail.prepared.data)  # decoded only when the user asks to see it
        dialog = ImagePreviewDialog(thumbnail.prepared, full if not full.isNull() else thumbnail.pixmap, self)
        dialog.show()
        return dialog

    # --- private ---------------------------------------------------------------------------------

    def _update_visibility(self) -> None:
        self.thumbnails.setVisible(bool(self._thumbnails))

    @Slot(str)
    def _on_thumbnail_preview_requested(self, attachment_id: str) -> None:
        self.preview(attachment_id)
