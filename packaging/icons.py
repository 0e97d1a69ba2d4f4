"""Render resources/icons/app.svg to the PNG sizes, .ico and .icns the installers need (Qt's SVG
renderer: ImageMagick on these machines cannot read SVG).

    python3 packaging/icons.py OUT_DIR
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "app.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_pngs(out_dir: Path) -> dict[int, Path]:
    """hicolor/<n>x<n>/apps/<name>.png for every size; returns size -> file."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    sys.path.insert(0, str(ROOT))
    from desktop_app import identity

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841  (fonts, image writers)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    made = {}
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        path = out_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{identity.DESKTOP_FILE_ID}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"cannot write {path}")
        made[size] = path
    return made


def make_all(out_dir: Path) -> None:
    """PNGs, app.ico (Windows) and app.icns (macOS) in out_dir."""
    from PIL import Image

    pngs = render_pngs(out_dir)
    largest = Image.open(pngs[max(PNG_SIZES)])
    largest.save(out_dir / "app.ico", sizes=[(s, s) for s in ICO_SIZES])
    largest.save(out_dir / "app.icns")


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "build" / "icons")
    make_all(target)
    print(f"icons in {target}")
