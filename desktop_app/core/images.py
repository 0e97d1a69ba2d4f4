"""Images for vision requests: decode, check, orient, downscale and re-encode; estimate their tokens.

Qt-free: the caller runs `prepare_image` off the GUI thread (a 12-megapixel photo takes a few
hundred milliseconds) and turns `ImageRefused` into a message. Sizes and formulas follow
../shared/docs/openai-api.md, section 5.
"""

from __future__ import annotations

import base64
import functools
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Literal

from desktop_app.core.i18n import trans_late
from desktop_app.core.models.vision import HIGH_FIT, HIGH_SHORT_SIDE

if TYPE_CHECKING:
    from PIL import Image, ImageCms

Detail = Literal["auto", "low", "high"]

#: The API's limit per image (OpenAI's vision guide); checked on the prepared bytes, not the source.
MAX_IMAGE_BYTES = 20_000_000

#: What `high` (and `auto`) can use: fit within 2048x2048, then the short side at most 768.
#: What `low` can use.
LOW_FIT = 512

JPEG_QUALITY = 85
# A graphic (screenshot, diagram, logo) has few distinct colours; a photo has thousands even in a
# small sample. Sampled with NEAREST so that resampling does not invent in-between colours.
_GRAPHIC_MAX_COLOURS = 4096
_GRAPHIC_SAMPLE = 256
# Lossless source formats where a graphic is likely; a JPEG source is always re-encoded as JPEG.
_LOSSLESS_SOURCES = frozenset({"PNG", "GIF", "BMP", "DIB", "TIFF", "WEBP", "ICO", "TGA", "PPM", "PCX"})
# Several frames that are not an animation: MPO is a camera JPEG with extra (preview/depth) images.
_MULTI_FRAME_STILLS = frozenset({"MPO"})
# exif_transpose swaps width and height for these orientations.
_SWAPPING_ORIENTATIONS = frozenset({5, 6, 7, 8})
_EXIF_ORIENTATION = 0x0112


class ImageRefused(ValueError):
    """An image that cannot be sent; the message names the file and the reason in plain words."""


@dataclass(frozen=True)
class PreparedImage:
    """An image re-encoded for a request, with the size it will be sent at."""

    data: bytes
    mime: str  # "image/jpeg" or "image/png"
    width: int
    height: int
    source_name: str
    source_bytes: int
    thumbnail: bytes = b""  # a small PNG for the composer, THUMBNAIL_HEIGHT px high, made with the image
    source_format: str = ""  # Pillow's name for the source's format ("JPEG", "PNG", "WEBP", ...)

    @property
    def data_url(self) -> str:
        """The image as a base64 `data:` URL for an `image_url` content part."""
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"


def prepare_image(
    data: bytes, name: str, detail: Detail = "auto", *, max_bytes: int = MAX_IMAGE_BYTES
) -> PreparedImage:
    """Decode `data`, refuse what cannot be sent, and re-encode it at the size `detail` can use.

    Raises ImageRefused (not an image, damaged, animated, unreadable format, too large after
    preparation). `name` is only used in messages and kept as `source_name`.
    """
    _import_pillow()
    label = PurePath(name).name or name
    source = image = _open(data, label)
    try:
        _refuse_animation(image, label)
        target = _target_size(image.size, detail)
        if image.format == "JPEG" or image.format == "MPO":
            # Let libjpeg decode at 1/2, 1/4 or 1/8 scale (still at least the target): much faster.
            image.draft(None, target)
        _load(image, label)
        source_format = image.format
        icc_profile = image.info.get("icc_profile")
        swapped = _orientation(image) in _SWAPPING_ORIENTATIONS
        image = ImageOps.exif_transpose(image)
        if swapped:
            target = (target[1], target[0])
        image = _to_standard_mode(image)
        if image.size != target:
            image = image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
        image = _to_srgb(image, icc_profile)
        as_png = _has_alpha(image) or (source_format in _LOSSLESS_SOURCES and _looks_like_graphic(image))
        encoded, mime = _encode(image, as_png)
        width, height = image.size
        thumbnail = _thumbnail_png(image)
    except ImageRefused:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
        # Decoders raise these for malformed data that got past the header.
        raise ImageRefused(trans_late("Images", "{label} is damaged or incomplete ({reason})").format(label=label, reason=_reason(exc))) from exc
    finally:
        image.close()
        source.close()
    if len(encoded) > max_bytes:
        raise ImageRefused(
            trans_late("Images", "{label} is still {size} MB after resizing; the limit is {limit} MB").format(
                label=label, size=f"{len(encoded) / 1e6:.1f}", limit=f"{max_bytes / 1e6:g}"
            )
        )
    return PreparedImage(
        data=encoded,
        mime=mime,
        width=width,
        height=height,
        source_name=name,
        source_bytes=len(data),
        thumbnail=thumbnail,
        source_format=source_format or "",
    )


def _import_pillow() -> None:
    """Pillow loads with the first image a person adds, on the thread preparing it."""
    global Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError
    from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError


def needs_new_preparation(prepared_for: Detail, wanted: Detail) -> bool:
    """True when an image prepared for one detail level must be prepared again for another.

    Only `low` has its own size; `auto` and `high` share theirs, so switching between them changes
    nothing but the `detail` the request names.
    """
    return (prepared_for == "low") != (wanted == "low")


def save_file_name(prepared: PreparedImage, original: bool) -> str:
    """A file name to offer when saving: the source's name with the extension of the bytes saved.

    `original` is for the source's own bytes (a web image as downloaded); otherwise the prepared
    JPEG or PNG is saved. "photo.heic" prepared as JPEG becomes "photo.jpg"; a name without an
    image extension ("image" from a web address) gets one added.
    """
    name = PurePath(prepared.source_name).name or prepared.source_name or "image"
    if original:
        extension = _EXTENSIONS.get(prepared.source_format.upper(), "")
    else:
        extension = _MIME_EXTENSIONS.get(prepared.mime, "")
    if not extension:
        return name
    path = PurePath(name)
    suffix = path.suffix.lower()
    if _SAME_EXTENSION.get(suffix, suffix) == extension:
        return name
    if suffix in _IMAGE_SUFFIXES:
        return path.stem + extension
    return name + extension


# Pillow format -> the extension a file of it usually has.
_EXTENSIONS = {
    "JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp", "BMP": ".bmp",
    "DIB": ".bmp", "TIFF": ".tif", "ICO": ".ico", "TGA": ".tga", "PPM": ".ppm", "PCX": ".pcx",
}
_MIME_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png"}
_SAME_EXTENSION = {".jpeg": ".jpg", ".jpe": ".jpg", ".tiff": ".tif", ".pbm": ".ppm", ".pgm": ".ppm"}
# Suffixes that name an image format: replaced, not kept, when the saved bytes are in another one.
_IMAGE_SUFFIXES = frozenset(_EXTENSIONS.values()) | frozenset(_SAME_EXTENSION) | frozenset(
    {".heic", ".heif", ".avif", ".jxl", ".jfif", ".svg"}
)


THUMBNAIL_HEIGHT = 64


def _thumbnail_png(image: Image.Image) -> bytes:
    """A small picture made here, off the GUI thread: decoding and scaling a full image there stalls it."""
    small = image.copy()
    small.thumbnail((THUMBNAIL_HEIGHT * 4, THUMBNAIL_HEIGHT), Image.Resampling.BILINEAR)
    out = io.BytesIO()
    small.save(out, "PNG")
    return out.getvalue()


# --- decoding -----------------------------------------------------------------------------------


def _open(data: bytes, label: str) -> Image.Image:
    if not data:
        raise ImageRefused(trans_late("Images", "{label} is empty").format(label=label))
    try:
        with warnings.catch_warnings():
            # Above ~89 MP Pillow only warns; a real decompression bomb (~179 MP) raises below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise ImageRefused(trans_late("Images", "{label} is too large to open ({reason})").format(label=label, reason=_reason(exc))) from exc
    except UnidentifiedImageError as exc:
        raise ImageRefused(_unidentified_reason(data, label)) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageRefused(trans_late("Images", "{label} is damaged or incomplete ({reason})").format(label=label, reason=_reason(exc))) from exc


def _unidentified_reason(data: bytes, label: str) -> str:
    head = data[:4096]
    if head.startswith(b"%PDF"):
        return trans_late("Images", "{label} is a PDF document, not an image").format(label=label)
    if b"<svg" in head.lower():
        return trans_late("Images", "{label}: this format can't be read (SVG drawings are not supported)").format(label=label)
    if _looks_like_text(head):
        return trans_late("Images", "{label} is not an image (it looks like text)").format(label=label)
    return trans_late("Images", "{label}: this format can't be read").format(label=label)


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        return exc.start >= len(head) - 3
    return True


def _refuse_animation(image: Image.Image, label: str) -> None:
    frames = getattr(image, "n_frames", 1)
    if frames <= 1 or image.format in _MULTI_FRAME_STILLS:
        return
    if image.format in ("GIF", "PNG", "WEBP"):
        raise ImageRefused(trans_late("Images", "{label} is animated; only still images can be sent").format(label=label))
    raise ImageRefused(trans_late("Images", "{label} has {frames} pages; only single images can be sent").format(label=label, frames=frames))


def _load(image: Image.Image, label: str) -> None:
    # LOAD_TRUNCATED_IMAGES would silently fill a cut-off file with grey; a half image must be refused.
    if ImageFile.LOAD_TRUNCATED_IMAGES:
        raise RuntimeError("PIL.ImageFile.LOAD_TRUNCATED_IMAGES must stay False")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image.load()
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageRefused(trans_late("Images", "{label} is damaged or incomplete ({reason})").format(label=label, reason=_reason(exc))) from exc


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    # Pillow's "image file is truncated (12 bytes not processed)" reads better without the count.
    return re.sub(r"\s*\(\d+ bytes not processed\)", "", text)


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(_EXIF_ORIENTATION, 1))
    except (TypeError, ValueError, OSError, SyntaxError):
        return 1


# --- size ---------------------------------------------------------------------------------------


def _target_size(size: tuple[int, int], detail: Detail) -> tuple[int, int]:
    """The size `detail` can use, never larger than `size`; symmetric in width and height."""
    width, height = size
    if detail == "low":
        scale = min(1.0, LOW_FIT / width, LOW_FIT / height)
    else:
        scale = min(1.0, HIGH_FIT / width, HIGH_FIT / height)
        scale *= min(1.0, HIGH_SHORT_SIDE / (min(width, height) * scale))
    return max(1, round(width * scale)), max(1, round(height * scale))


# --- colour -------------------------------------------------------------------------------------


def _to_standard_mode(image: Image.Image) -> Image.Image:
    """Bring any decoded mode to L, LA, RGB, RGBA or CMYK (CMYK is converted with its profile later)."""
    mode = image.mode
    if mode in ("L", "LA", "RGB", "RGBA", "CMYK"):
        if mode in ("L", "RGB") and "transparency" in image.info:
            return image.convert(mode + "A")
        return image
    if mode in ("P", "PA"):
        return image.convert("RGBA" if ("transparency" in image.info or mode == "PA") else "RGB")
    if mode == "1":
        return image.convert("L")
    if mode.startswith("I;16") or mode == "I":
        # 16-bit grey: map 0..65535 to 0..255 instead of clipping everything above 255 to white.
        return image.convert("I").point(lambda value: value / 256).convert("L")
    if mode == "F":
        return image.convert("L")
    if mode in ("La", "RGBa"):  # premultiplied alpha
        return image.convert("LA" if mode == "La" else "RGBA")
    has_alpha = "A" in image.getbands()
    return image.convert("RGBA" if has_alpha else "RGB")


def _to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Convert to sRGB using the source's ICC profile (which is stripped), or plainly without one."""
    if icc_profile and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
            converted = ImageCms.profileToProfile(image, source, _srgb(), outputMode=output_mode)
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken profile: fall back to the plain conversion below
    if image.mode == "CMYK":
        return image.convert("RGB")
    return image


@functools.cache
def _srgb() -> ImageCms.ImageCmsProfile:
    """Built on first use, not at import."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _has_alpha(image: Image.Image) -> bool:
    """True when the image has an alpha channel that is not fully opaque everywhere."""
    if image.mode not in ("RGBA", "LA"):
        return False
    low, _high = image.getchannel("A").getextrema()
    return low < 255


def _looks_like_graphic(image: Image.Image) -> bool:
    sample = image.copy()
    sample.thumbnail((_GRAPHIC_SAMPLE, _GRAPHIC_SAMPLE), Image.Resampling.NEAREST)
    return sample.getcolors(maxcolors=_GRAPHIC_MAX_COLOURS) is not None


# --- encoding -----------------------------------------------------------------------------------


def _encode(image: Image.Image, as_png: bool) -> tuple[bytes, str]:
    out = io.BytesIO()
    if as_png:
        if not _has_alpha(image) and image.mode in ("RGBA", "LA"):
            image = image.convert(image.mode[:-1])
        image.info = {}  # PNG would otherwise carry text chunks, the ICC profile and EXIF over
        image.save(out, format="PNG", optimize=False)
        return out.getvalue(), "image/png"
    if image.mode != "L":
        image = image.convert("RGB")
    image.info = {}
    image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue(), "image/jpeg"
