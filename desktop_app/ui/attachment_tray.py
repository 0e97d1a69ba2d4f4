"""The composer's image strip: attach button, detail choice, thumbnails with remove, preview and save.

The tray only shows what it is given: the caller reads files, prepares images off the GUI thread
and calls `add_image`; the tray asks for removal, picking, saving, a new detail level and how a web
image is sent through signals.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import NamedTuple

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMimeData,
    QPoint,
    QSize,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QActionGroup, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.images import PreparedImage, save_file_name
from desktop_app.ui import theme
from desktop_app.ui.icons import themed_icon
from desktop_app.ui.safe_text import plain_tooltip

PASTED_IMAGE_NAME = "pasted image.png"
THUMBNAIL_HEIGHT = 64
PREVIEW_FIT = QSize(900, 700)
_WEB_SCHEMES = frozenset({"http", "https"})


class MimeImages(NamedTuple):
    """What a drop or the clipboard carries: local files, pasted pixels (name, QImage) and http(s) URLs."""

    paths: list[Path]
    pixels: list[tuple[str, QImage]]
    web_urls: list[str]


def images_from_mime(mime: QMimeData) -> MimeImages:
    """Split a drop or the clipboard into local files, pasted pixels and http(s) URLs, cheaply.

    Pasted pixels stay a QImage (a shared copy, nothing encoded): encoding a big screenshot takes
    ~150 ms, so the caller hands it to a worker (AttachmentsController.add_qimage).
    """
    paths: list[Path] = []
    web_urls: list[str] = []
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile():
            paths.append(Path(url.toLocalFile()))
        elif url.scheme().lower() in _WEB_SCHEMES and url.host():
            _append_new(web_urls, _encoded(url))
    if not mime.hasUrls() and mime.hasText():
        text_url = _single_web_url(mime.text())
        if text_url:
            web_urls.append(text_url)
    pixels: list[tuple[str, QImage]] = []
    # A file manager may add the pixels of a dropped file; the file itself is the better source.
    if mime.hasImage() and not paths:
        image = _qimage_of(mime.imageData())
        if image is not None:
            pixels.append((PASTED_IMAGE_NAME, image))
            # A browser's image drag carries the pixels and the page URL; the pixels need no download.
            web_urls = []
    return MimeImages(paths, pixels, web_urls)


def sources_from_mime(mime: QMimeData) -> tuple[list[Path], list[tuple[str, bytes]], list[str]]:
    """Like `images_from_mime`, with pasted pixels encoded as PNG at once, on the calling thread
    (the GUI thread should use `images_from_mime` and let a worker encode)."""
    paths, pixels, web_urls = images_from_mime(mime)
    images = [(name, data) for name, image in pixels if (data := _png_bytes(image))]
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
        return _encoded(url)
    return None


def _encoded(url: QUrl) -> str:
    # Percent-encoded ("my%20cat.png"): QUrl.toString() would decode spaces and non-ASCII letters, which
    # a download refuses and which are not a valid address to send.
    return bytes(url.toEncoded().data()).decode("ascii")


def _qimage_of(image: object) -> QImage | None:
    # Clipboards hand over a QImage or a QPixmap depending on platform and source.
    if isinstance(image, QPixmap):
        image = image.toImage()
    if not isinstance(image, QImage) or image.isNull():
        return None
    return image


def _png_bytes(image: QImage) -> bytes:
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
    """One attached image: a clickable picture, a link toggle for a web image, and a remove button.

    Its context menu offers the same, plus saving the image.
    """

    sig_preview_requested = Signal(str)
    """The picture was clicked; payload is the attachment id."""

    sig_remove_requested = Signal(str)
    """The ✕ was clicked; payload is the attachment id."""

    sig_send_as_link_requested = Signal(str, bool)
    """The user chose how this web image goes: (attachment id, True for its address, False embedded)."""

    sig_save_requested = Signal(str)
    """The user wants to save this image somewhere; payload is the attachment id."""

    def __init__(self, attachment_id: str, prepared: PreparedImage, parent=None) -> None:
        super().__init__(parent)
        self.attachment_id = attachment_id
        self.prepared = prepared
        self.web_address = ""
        self.as_link = False
        self.pixmap = QPixmap()
        self.picture = QToolButton()
        self.picture.setAutoRaise(True)
        self.picture.setCursor(Qt.CursorShape.PointingHandCursor)
        self.picture.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.link_button = QToolButton()
        self.link_button.setCheckable(True)
        self.link_button.setAutoRaise(True)
        self.link_button.hide()
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(self.tr("Remove this image"))
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(0)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.link_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.picture)
        layout.addLayout(buttons)
        self.picture.clicked.connect(self._on_picture_clicked)
        self.picture.customContextMenuRequested.connect(self._on_picture_context_menu_requested)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.link_button.clicked.connect(self._on_link_button_clicked)

    # --- public API ------------------------------------------------------------------------------

    def show_image(self, prepared: PreparedImage, web_address: str = "", as_link: bool = False) -> None:
        """Show this image (again, after it was prepared anew or its sending choice changed)."""
        if prepared is not self.prepared or self.pixmap.isNull():
            self.prepared = prepared
            # The small picture made with the image: decoding the whole image here would stall the GUI.
            self.pixmap = QPixmap()
            self.pixmap.loadFromData(prepared.thumbnail or prepared.data)
        self.web_address = web_address
        self.as_link = as_link and bool(web_address)
        self._update_picture()
        self._update_link_button()

    def context_menu(self) -> QMenu:
        """A new menu of what can be done with this image (its owner shows and deletes it)."""
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        if self.web_address:
            group = QActionGroup(menu)
            as_link = menu.addAction(self.tr("Send as link"))
            as_link.setToolTip(self.tr("The server downloads the image from its web address"))
            embedded = menu.addAction(self.tr("Embed the image"))
            embedded.setToolTip(self.tr("The image itself is sent (for servers that cannot download)"))
            for action, checked in ((as_link, self.as_link), (embedded, not self.as_link)):
                action.setCheckable(True)
                action.setChecked(checked)
                group.addAction(action)
            as_link.triggered.connect(self._on_as_link_action_triggered)
            embedded.triggered.connect(self._on_embedded_action_triggered)
            menu.addSeparator()
        menu.addAction(self.tr("Save image as…")).triggered.connect(self._on_save_action_triggered)
        menu.addAction(self.tr("Preview")).triggered.connect(self._on_picture_clicked)
        menu.addSeparator()
        menu.addAction(self.tr("Remove")).triggered.connect(self._on_remove_button_clicked)
        return menu

    # --- view refreshes --------------------------------------------------------------------------

    def _update_picture(self) -> None:
        name = PurePath(self.prepared.source_name).name or self.prepared.source_name
        size = _size_text(len(self.prepared.data))
        tooltip = self.tr("{name} · {width}×{height} · {size}").format(
            name=name, width=self.prepared.width, height=self.prepared.height, size=size
        )
        if self.as_link:
            tooltip += "\n" + self.tr("Sent as a link: the server downloads {0}").format(self.web_address)
        elif self.web_address:
            tooltip += "\n" + self.tr("Embedded: the image itself is sent")
        self.picture.setToolTip(plain_tooltip(tooltip))
        if self.pixmap.isNull():
            self.picture.setIcon(QIcon())
            self.picture.setText(self.tr("(no preview)"))
            return
        thumbnail = self.pixmap
        if thumbnail.height() != THUMBNAIL_HEIGHT:
            thumbnail = thumbnail.scaledToHeight(THUMBNAIL_HEIGHT, Qt.TransformationMode.SmoothTransformation)
        self.picture.setText("")
        self.picture.setIcon(QIcon(thumbnail))
        self.picture.setIconSize(thumbnail.size())

    def _update_link_button(self) -> None:
        if self.web_address and self.link_button.icon().isNull():  # drawn when needed: ~10 ms of SVG per image
            self.link_button.setIcon(themed_icon("link", theme.current().window_text, self.devicePixelRatioF()))
        self.link_button.setVisible(bool(self.web_address))
        self.link_button.setChecked(self.as_link)
        if self.as_link:
            tip = self.tr("Sent as a link: the server downloads the image.\nClick to embed the image instead.")
        else:
            tip = self.tr("Embedded: the image itself is sent.\nClick to send its web address instead.")
        self.link_button.setToolTip(tip)

    # --- slots -----------------------------------------------------------------------------------

    @Slot()
    def _on_picture_clicked(self) -> None:
        self.sig_preview_requested.emit(self.attachment_id)

    @Slot(QPoint)
    def _on_picture_context_menu_requested(self, position: QPoint) -> None:
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.picture.mapToGlobal(position))

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        self.sig_remove_requested.emit(self.attachment_id)

    @Slot(bool)
    def _on_link_button_clicked(self, checked: bool) -> None:
        # Shown as it was until the owner confirms the change through `show_image`.
        self.link_button.setChecked(self.as_link)
        self.sig_send_as_link_requested.emit(self.attachment_id, checked)

    @Slot()
    def _on_as_link_action_triggered(self) -> None:
        self.sig_send_as_link_requested.emit(self.attachment_id, True)

    @Slot()
    def _on_embedded_action_triggered(self) -> None:
        self.sig_send_as_link_requested.emit(self.attachment_id, False)

    @Slot()
    def _on_save_action_triggered(self) -> None:
        self.sig_save_requested.emit(self.attachment_id)


class ImagePreviewDialog(QDialog):
    """The attached image at a readable size (fit within 900×700, never enlarged)."""

    def __init__(self, source_name: str, pixmap: QPixmap, parent=None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWindowTitle(PurePath(source_name).name or source_name)
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


class SaveImageDialog(QFileDialog):
    """Asks where to save one attached image; it does not write anything itself."""

    sig_path_chosen = Signal(str, str)
    """The user chose a file: (attachment id, path)."""

    def __init__(self, attachment_id: str, suggested_path: str, parent=None) -> None:
        super().__init__(parent, "", suggested_path)
        self.attachment_id = attachment_id
        self.setWindowTitle(self.tr("Save image"))
        self.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.setFileMode(QFileDialog.FileMode.AnyFile)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        suffix = PurePath(suggested_path).suffix
        if suffix:
            self.setDefaultSuffix(suffix[1:])
            self.setNameFilters(
                [self.tr("{0} image (*{1})").format(suffix[1:].upper(), suffix), self.tr("All files (*)")]
            )
        self.fileSelected.connect(self._on_file_selected)

    @Slot(str)
    def _on_file_selected(self, path: str) -> None:
        if path:
            self.sig_path_chosen.emit(self.attachment_id, path)


class AttachmentTray(QWidget):
    """A strip under the composer: 📎, the detail level and the attached images (shown when any)."""

    # --- signals ---------------------------------------------------------------------------------

    sig_remove_requested = Signal(str)
    """The user clicked ✕ on an image; payload is its attachment id (the tray does not remove it)."""

    sig_pick_requested = Signal()
    """The user clicked 📎 and wants to choose image files."""

    sig_send_as_link_requested = Signal(str, bool)
    """The user chose how a web image goes: (attachment id, True for its web address, False embedded).
    The tray shows the choice once `add_image` is called again with it."""

    sig_save_requested = Signal(str, str)
    """The user chose where to save an image: (attachment id, file path); the tray writes nothing."""

    sig_detail_changed = Signal(str)
    """The user chose another detail level: "auto", "low" or "high"."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._thumbnails: dict[str, _Thumbnail] = {}
        self._save_directory = ""  # where the last image was saved: the next save starts there
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
        self.detail_combo.currentIndexChanged.connect(self._on_detail_combo_index_changed)

    # --- public API ------------------------------------------------------------------------------

    def add_image(
        self, attachment_id: str, prepared: PreparedImage, web_address: str = "", as_link: bool = False
    ) -> None:
        """Show an image's thumbnail; an id already shown is updated in its place.

        `web_address` marks a web image (it gets the link toggle); `as_link` says it goes by that address.
        """
        thumbnail = self._thumbnails.get(attachment_id)
        if thumbnail is None:
            thumbnail = _Thumbnail(attachment_id, prepared)
            thumbnail.sig_preview_requested.connect(self._on_thumbnail_preview_requested)
            thumbnail.sig_remove_requested.connect(self.sig_remove_requested)
            thumbnail.sig_send_as_link_requested.connect(self.sig_send_as_link_requested)
            thumbnail.sig_save_requested.connect(self._on_thumbnail_save_requested)
            # Before the stretch, so images line up from the left in the order they were added.
            self._strip_layout.insertWidget(self._strip_layout.count() - 1, thumbnail)
            self._thumbnails[attachment_id] = thumbnail
        thumbnail.show_image(prepared, web_address, as_link)
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
        dialog = ImagePreviewDialog(thumbnail.prepared.source_name, full if not full.isNull() else thumbnail.pixmap, self)
        dialog.show()
        return dialog

    def save_dialog(self, attachment_id: str) -> SaveImageDialog:
        """Open (window-modal, without blocking) and return the dialog asking where to save an image.

        A web image is offered under its own name and format (its original bytes are saved); any
        other under its name with the extension of the prepared JPEG or PNG.
        """
        thumbnail = self._thumbnails[attachment_id]
        name = save_file_name(thumbnail.prepared, original=bool(thumbnail.web_address))
        directory = self._save_directory or _pictures_directory()
        dialog = SaveImageDialog(attachment_id, str(Path(directory) / name), self)
        dialog.sig_path_chosen.connect(self._on_save_dialog_path_chosen)
        dialog.open()
        return dialog

    # --- private ---------------------------------------------------------------------------------

    def _update_visibility(self) -> None:
        self.thumbnails.setVisible(bool(self._thumbnails))

    @Slot(str)
    def _on_thumbnail_preview_requested(self, attachment_id: str) -> None:
        self.preview(attachment_id)

    @Slot(str)
    def _on_thumbnail_save_requested(self, attachment_id: str) -> None:
        if attachment_id in self._thumbnails:
            self.save_dialog(attachment_id)

    @Slot(str, str)
    def _on_save_dialog_path_chosen(self, attachment_id: str, path: str) -> None:
        self._save_directory = str(Path(path).parent)
        self.sig_save_requested.emit(attachment_id, path)

    @Slot(int)
    def _on_detail_combo_index_changed(self, _index: int) -> None:
        self.sig_detail_changed.emit(self.detail())


def _pictures_directory() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation) or str(Path.home())
