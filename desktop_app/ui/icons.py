"""The bundled SVG icons (resources/icons/), drawn locally in the theme's colour."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from desktop_app.resource_paths import resources_dir

ICON_SIZES = (16, 20, 24, 32, 48)


def themed_icon(name: str, color: QColor | str, device_pixel_ratio: float = 2.0) -> QIcon:
    """The icon resources/icons/<name>.svg with its `currentColor` strokes in `color` (empty if missing)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    try:
        source = path.read_text(encoding="utf-8")
    except OSError:
        return QIcon()
    renderer = QSvgRenderer(QByteArray(source.replace("currentColor", QColor(color).name()).encode("utf-8")))
    icon = QIcon()
    if not renderer.isValid():
        return icon
    for size in ICON_SIZES:
        # Drawn at the screen's density so the lines stay sharp at 125 % and 200 % scaling.
        pixmap = QPixmap(QSize(size, size) * device_pixel_ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, pixmap.width(), pixmap.height()))
        painter.end()
        pixmap.setDevicePixelRatio(device_pixel_ratio)
        icon.addPixmap(pixmap)
    return icon
