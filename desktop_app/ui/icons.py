"""The bundled SVG icons (resources/icons/), drawn locally in the theme's colour."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap

from desktop_app.resource_paths import resources_dir

ICON_SIZES = (16, 20, 24, 32, 48)


def themed_icon(name: str, color: QColor | str, device_pixel_ratio: float = 2.0) -> QIcon:
    """The icon resources/icons/<name>.svg with its `currentColor` strokes in `color` (empty if missing)."""
    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = themed_pixmap(name, color, size, device_pixel_ratio)
        if pixmap.isNull():
            break
        icon.addPixmap(pixmap)
    return icon


def themed_pixmap(name: str, color: QColor | str, size: int, device_pixel_ratio: float = 2.0) -> QPixmap:
    """One size of a bundled icon in `color`, drawn at the screen's density (null if the file is missing)."""
    return QPixmap.fromImage(themed_image(name, color, size, device_pixel_ratio))


def themed_image(name: str, color: QColor | str, size: int, device_pixel_ratio: float = 2.0) -> QImage:
    """As `themed_pixmap`, as an image (what a text document takes as a resource)."""
    from PySide6.QtSvg import QSvgRenderer  # loaded with the first icon, after the window has painted

    path = resources_dir() / "icons" / f"{name}.svg"
    try:
        source = path.read_text(encoding="utf-8")
    except OSError:
        return QImage()
    renderer = QSvgRenderer(QByteArray(source.replace("currentColor", QColor(color).name()).encode("utf-8")))
    if not renderer.isValid():
        return QImage()
    # Drawn at the screen's density so the lines stay sharp at 125 % and 200 % scaling.
    side = round(size * device_pixel_ratio)
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, side, side))
    painter.end()
    image.setDevicePixelRatio(device_pixel_ratio)
    return image
