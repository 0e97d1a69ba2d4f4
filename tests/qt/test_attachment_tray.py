"""The composer's image strip: what drops and pastes yield, thumbnails, removal, preview and detail."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QColor, QImage

from desktop_app.core.images import PreparedImage, prepare_image
from desktop_app.ui.attachment_tray import PASTED_IMAGE_NAME, AttachmentTray, ImagePreviewDialog, sources_from_mime


def png_bytes(width: int, height: int, colour: str = "red") -> bytes:
    """A real PNG made by Pillow."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def prepared(name: str, width: int, height: int, colour: str = "red") -> PreparedImage:
    """An image prepared the way the app prepares it."""
    return prepare_image(png_bytes(width, height, colour), name)


@pytest.fixture
def tray(qtbot) -> AttachmentTray:
    widget = AttachmentTray()
    qtbot.addWidget(widget)
    widget.resize(700, 120)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# --- sources_from_mime ---------------------------------------------------------------------------


def test_dropped_files_with_korean_and_spaces_come_back_as_paths(qapp) -> None:
    mime = QMimeData()
    korean = Path("/tmp/x/내 사진 1.png")
    spaced = Path("/tmp/x/holiday photo (2).jpg")
    mime.setUrls([QUrl.fromLocalFile(str(korean)), QUrl.fromLocalFile(str(spaced))])

    paths, images, urls = sources_from_mime(mime)

    assert paths == [korean, spaced]
    assert images == [] and urls == []


def test_pasted_image_becomes_png_bytes_of_the_same_size(qapp) -> None:
    image = QImage(123, 45, QImage.Format.Format_RGB32)
    image.fill(QColor("blue"))
    mime = QMimeData()
    mime.setImageData(image)

    paths, images, urls = sources_from_mime(mime)

    assert paths == [] and urls == []
    [(name, data)] = images
    assert name == PASTED_IMAGE_NAME
    with Image.open(io.BytesIO(data)) as decoded:
        assert decoded.format == "PNG"
        assert decoded.size == (123, 45)
        assert decoded.convert("RGB").getpixel((60, 20)) == (0, 0, 255)


def test_a_pasted_https_url_text_is_a_web_url(qapp) -> None:
    mime = QMimeData()
    mime.setText("  https://example.com/pictures/cat.png?size=large \n")

    paths, images, urls = sources_from_mime(mime)

    assert urls == ["https://example.com/pictures/cat.png?size=large"]
    assert paths == [] and images == []


@pytest.mark.parametrize("text", ["look at https://example.com/a.png", "ftp://example.com/a.png", "cat.png", ""])
def test_text_that_is_not_a_single_web_url_yields_nothing(qapp, text: str) -> None:
    mime = QMimeData()
    mime.setText(text)

    assert sources_from_mime(mime) == ([], [], [])


def test_dropped_web_link_is_a_web_url_and_local_file_a_path(qapp) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl("http://example.com/dog.jpg"), QUrl.fromLocalFile("/tmp/x/a.png")])

    paths, images, urls = sources_from_mime(mime)

    assert paths == [Path("/tmp/x/a.png")]
    assert urls == ["http://example.com/dog.jpg"]
    assert images == []


# --- the tray --------------------------------------------------------------------------------------


def test_strip_shows_thumbnails_only_while_images_are_attached(tray: AttachmentTray) -> None:
    assert tray.attach_button.isVisible()
    assert not tray.thumbnails.isVisible()

    tray.add_image("a", prepared("a.png", 200, 100))
    tray.add_image("b", prepared("b.png", 100, 100, "green"))
    assert tray.ids() == ["a", "b"]
    assert tray.thumbnails.isVisible()

    tray.remove_image("a")
    assert tray.ids() == ["b"]
    assert tray.thumbnails.isVisible()

    tray.clear()
    assert tray.ids() == []
    assert not tray.thumbnails.isVisible()
    assert tray.attach_button.isVisible()


def test_thumbnail_is_64_px_high_with_name_size_and_bytes_in_tooltip(tray: AttachmentTray) -> None:
    image = prepared("/home/me/내 사진 1.png", 1024, 768)
    tray.add_image("a", image)

    thumbnail = tray._thumbnails["a"]
    assert thumbnail.picture.iconSize().height() == 64
    assert thumbnail.picture.iconSize().width() == round(64 * image.width / image.height)
    tooltip = thumbnail.picture.toolTip()
    assert tooltip.startswith(f"내 사진 1.png · {image.width}×{image.height} · ")
    assert tooltip.endswith(" KB")


def test_remove_button_asks_to_remove_that_image(qtbot, tray: AttachmentTray) -> None:
    tray.add_image("first", prepared("a.png", 50, 50))
    tray.add_image("second", prepared("b.png", 50, 50))

    with qtbot.waitSignal(tray.sig_remove_requested) as blocker:
        qtbot.mouseClick(tray._thumbnails["second"].remove_button, Qt.MouseButton.LeftButton)

    assert blocker.args == ["second"]
    assert tray.ids() == ["first", "second"]  # the owner removes it, not the tray


def test_attach_button_asks_to_pick_files(qtbot, tray: AttachmentTray) -> None:
    with qtbot.waitSignal(tray.sig_pick_requested):
        qtbot.mouseClick(tray.attach_button, Qt.MouseButton.LeftButton)


def test_preview_fits_a_wide_image_into_900_by_700_keeping_its_shape(qtbot, tray: AttachmentTray) -> None:
    image = prepared("wide.png", 1800, 600)  # prepared to 2048-fit with short side 768 rules
    tray.add_image("wide", image)

    dialog = tray.preview("wide")
    qtbot.addWidget(dialog)

    assert dialog.isVisible()
    pixmap = dialog.label.pixmap()
    assert pixmap.width() == 900
    assert abs(pixmap.width() / pixmap.height() - image.width / image.height) < 0.01


def test_clicking_a_thumbnail_opens_the_preview_at_its_own_size(qtbot, tray: AttachmentTray) -> None:
    tray.add_image("small", prepared("small.png", 120, 80))

    qtbot.mouseClick(tray._thumbnails["small"].picture, Qt.MouseButton.LeftButton)

    [dialog] = tray.findChildren(ImagePreviewDialog)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.label.pixmap().size().toTuple() == (120, 80)  # small images are not blown up


def test_detail_follows_the_combo(tray: AttachmentTray) -> None:
    assert tray.detail() == "auto"
    for index, expected in enumerate(["auto", "low", "high"]):
        tray.detail_combo.setCurrentIndex(index)
        assert tray.detail() == expected
    assert tray.detail_combo.currentText() == "Detail: high"
