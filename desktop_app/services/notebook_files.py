"""Write an exported notebook or script and the images and recordings it loads."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.notebook_export import MediaFile
from desktop_app.services.files import write_atomically


def write_export(path: Path, text: str, media: list[MediaFile]) -> None:
    """The media files first (their folder beside `path` is made), then the notebook or script itself."""
    for item in media:
        target = path.parent / item.name
        target.parent.mkdir(exist_ok=True)
        write_atomically(target, item.data)
    write_atomically(path, text)
