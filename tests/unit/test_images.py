"""Image preparation for vision requests: real files made with Pillow, and the token formulas."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image, ImageDraw, ImageFile

from desktop_app.core.images import ImageRefused, PreparedImage, prepare_image
from desktop_app.core.models.vision import image_tokens

EXIF_ORIENTATION = 0x0112


def _photo(width: int, height: int) -> Image.Image:
    """A photo-like RGB image: gradients plus noise, thousands of distinct colours."""
    gradient = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 40)
    return Image.merge("RGB", (gradient, noise, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))


def _save(image: Image.Image, fmt: str, **params) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **params)
    return out.getvalue()


def _screenshot(width: int = 1600, height: int = 1000) -> Image.Image:
    """A flat-colour UI-like picture: title bar, panels, a few lines of 'text'."""
    image = Image.new("RGB", (width, height), (245, 245, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 40), fill=(40, 44, 52))
    draw.rectangle((0, 40, 300, height), fill=(230, 232, 236))
    for row in range(20):
        draw.text((320, 60 + row * 30), f"Line {row}: the departure board at gate {row}", fill=(20, 20, 20))
    return image


def _decoded(prepared: PreparedImage) -> Image.Image:
    header, encoded = prepared.data_url.split(",", 1)
    assert header == f"data:{prepared.mime};base64"
    image = Image.open(io.BytesIO(base64.b64decode(encoded)))
    image.load()
    return image


def test_large_photo_with_exif_rotation_is_turned_upright_and_downscaled_as_jpeg():
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = 6  # camera held upright: stored landscape, shown portrait
    data = _save(_photo(4000, 3000), "JPEG", quality=90, exif=exif)

    prepared = prepare_image(data, "holiday photo.jpg", "high")

    assert prepared.mime == "image/jpeg"
    assert (prepared.width, prepared.height) == (768, 1024)  # portrait, short side 768
    assert prepared.source_name == "holiday photo.jpg"
    assert prepared.source_bytes == len(data)
    assert len(prepared.data) < len(data) / 10
    sent = _decoded(prepared)
    assert sent.format == "JPEG"
    assert sent.size == (768, 1024)
    assert EXIF_ORIENTATION not in sent.getexif()  # no second rotation by the server


def test_auto_detail_uses_the_high_detail_size():
    data = _save(_photo(3000, 1000), "JPEG", quality=85)

    prepared = prepare_image(data, "wide.jpg")

    # Fit within 2048 (2048x683), whose short side is already under 768.
    assert (prepared.width, prepared.height) == (2048, 683)


def test_low_detail_fits_within_512():
    data = _save(_photo(2400, 1600), "JPEG", quality=85)

    prepared = prepare_image(data, "low.jpg", "low")

    assert (prepared.width, prepared.height) == (512, 341)
    assert _decoded(prepared).size == (512, 341)


def test_small_image_is_never_upscaled():
    data = _save(_photo(300, 200), "JPEG", quality=85)

    prepared = prepare_image(data, "small.jpg", "high")

    assert (prepared.width, prepared.height) == (300, 200)


def test_png_with_transparency_stays_png_and_keeps_its_alpha():
    image = _photo(1200, 900).convert("RGBA")
    ImageDraw.Draw(image).ellipse((100, 100, 500, 500), fill=(0, 0, 0, 0))
    data = _save(image, "PNG")

    prepared = prepare_image(data, "cutout.png", "high")

    assert prepared.mime == "image/png"
    sent = _decoded(prepared)
    assert sent.format == "PNG"
    assert sent.mode == "RGBA"
    assert sent.size == (prepared.width, prepared.height) == (1024, 768)
    assert sent.getchannel("A").getextrema()[0] == 0  # the hole is still see-through


def test_screenshot_like_png_stays_png():
    data = _save(_screenshot(), "PNG")

    prepared = prepare_image(data, "Screenshot 2025-01-01.png", "high")

    assert prepared.mime == "image/png"
    assert _decoded(prepared).format == "PNG"
    assert (prepared.width, prepared.height) == (1229, 768)


def test_photo_saved_as_png_is_sent_as_jpeg():
    data = _save(_photo(1600, 1200), "PNG")

    prepared = prepare_image(data, "photo.png", "high")

    assert prepared.mime == "image/jpeg"


def test_opaque_rgba_png_photo_is_sent_as_jpeg():
    data = _save(_photo(1600, 1200).convert("RGBA"), "PNG")

    prepared = prepare_image(data, "opaque.png", "high")

    assert prepared.mime == "image/jpeg"  # an alpha channel that hides nothing is not transparency


def test_animated_gif_is_refused():
    frames = [Image.new("RGB", (64, 64), colour) for colour in ("red", "green", "blue")]
    data = _save(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    assert Image.open(io.BytesIO(data)).n_frames == 3

    with pytest.raises(ImageRefused, match=r"^loop\.gif is animated; only still images can be sent$"):
        prepare_image(data, "loop.gif")


def test_animated_png_is_refused():
    frames = [_photo(120, 80), _photo(120, 80).transpose(Image.Transpose.FLIP_TOP_BOTTOM)]
    data = _save(frames[0], "PNG", save_all=True, append_images=frames[1:])

    with pytest.raises(ImageRefused, match=r"^spinner\.png is animated"):
        prepare_image(data, "spinner.png")


def test_multi_page_tiff_is_refused():
    pages = [_photo(120, 80), _photo(120, 80)]
    data = _save(pages[0], "TIFF", save_all=True, append_images=pages[1:])

    with pytest.raises(ImageRefused, match=r"^fax\.tiff has 2 pages; only single images can be sent$"):
        prepare_image(data, "fax.tiff")


def test_still_gif_is_accepted_as_png():
    data = _save(_screenshot(400, 300).convert("P"), "GIF")

    prepared = prepare_image(data, "still.gif")

    assert prepared.mime == "image/png"
    assert (prepared.width, prepared.height) == (400, 300)


def test_truncated_jpeg_is_refused_as_damaged():
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    # Big enough that libjpeg decodes it at reduced scale: the shortcut must not hide the cut.
    data = _save(_photo(2400, 1800), "JPEG", quality=90)

    with pytest.raises(ImageRefused, match=r"^scan\.jpg is damaged or incomplete \(.*truncated.*\)$"):
        prepare_image(data[: len(data) * 2 // 3], "scan.jpg")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_truncated_png_is_refused_as_damaged():
    data = _save(_photo(800, 600), "PNG")

    with pytest.raises(ImageRefused, match=r"^cut\.png is damaged or incomplete"):
        prepare_image(data[: len(data) // 2], "cut.png")


def test_text_file_named_png_is_refused_as_not_an_image():
    data = "Departures\n08:15 Seoul\n09:40 Busan 부산\n".encode() * 20

    with pytest.raises(ImageRefused, match=r"^notes\.png is not an image \(it looks like text\)$"):
        prepare_image(data, "/home/user/notes.png")


def test_unreadable_format_is_refused_with_its_name():
    # The start of a HEIF file: a brand Pillow has no plugin for.
    data = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(range(256)) * 4

    with pytest.raises(ImageRefused, match=r"^x\.heic: this format can't be read$"):
        prepare_image(data, "x.heic")


def test_empty_file_is_refused():
    with pytest.raises(ImageRefused, match=r"^blank\.jpg is empty$"):
        prepare_image(b"", "blank.jpg")


def test_25_mb_bmp_is_converted_and_sent_small():
    data = _save(_photo(3000, 2900), "BMP")  # uncompressed 24-bit: ~26 MB
    assert len(data) > 25_000_000

    prepared = prepare_image(data, "huge.bmp", "high")

    assert prepared.mime == "image/jpeg"
    assert (prepared.width, prepared.height) == (794, 768)
    assert len(prepared.data) < 20_000_000
    assert _decoded(prepared).size == (794, 768)


def test_tiff_is_converted():
    data = _save(_photo(1000, 800), "TIFF")

    prepared = prepare_image(data, "scan.tiff", "high")

    assert prepared.mime == "image/jpeg"
    assert _decoded(prepared).format == "JPEG"
    assert (prepared.width, prepared.height) == (960, 768)


def test_screenshot_bmp_is_converted_to_png():
    data = _save(_screenshot(800, 600), "BMP")

    prepared = prepare_image(data, "capture.bmp")

    assert prepared.mime == "image/png"
    assert _decoded(prepared).size == (800, 600)


def test_cmyk_jpeg_is_sent_as_rgb_jpeg_with_the_same_colours():
    image = Image.new("CMYK", (400, 300), (0, 255, 255, 0))  # pure red in CMYK
    data = _save(image, "JPEG", quality=95)

    prepared = prepare_image(data, "print.jpg")

    sent = _decoded(prepared)
    assert sent.mode == "RGB"
    red, green, blue = sent.getpixel((200, 150))
    assert red > 200 and green < 60 and blue < 60


def test_metadata_is_stripped():
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x9003] = "2024:05:01 10:00:00"  # DateTimeOriginal
    data = _save(_photo(600, 400), "JPEG", quality=90, exif=exif)

    prepared = prepare_image(data, "meta.jpg")

    assert b"SecretCam" not in prepared.data
    assert len(_decoded(prepared).getexif()) == 0


def test_result_over_the_limit_is_refused_naming_size_and_limit():
    data = _save(_photo(1600, 1200), "JPEG", quality=90)

    with pytest.raises(ImageRefused, match=r"^big\.jpg is still 0\.\d MB after resizing; the limit is 0\.01 MB$"):
        prepare_image(data, "big.jpg", max_bytes=10_000)


# --- token estimates (worked examples of ../shared/docs/openai-api.md, section 5) ---


@pytest.mark.parametrize(
    ("size", "model", "tokens"),
    [
        ((1024, 1024), "gpt-4o", 765),
        ((2048, 4096), "gpt-4o", 1105),
        ((2048, 4096), "gpt-4.1", 1105),
        ((1024, 1024), "gpt-4.1-mini", 1659),
        ((1800, 2400), "gpt-4.1-mini", 2352),
        ((1024, 1024), "gpt-5-mini", 1659),
    ],
)
def test_token_estimates_match_the_worked_examples(size, model, tokens):
    assert image_tokens(*size, "high", model) == tokens


def test_low_detail_costs_the_flat_base_on_tile_models():
    assert image_tokens(4000, 3000, "low", "gpt-4o") == 85
    assert image_tokens(512, 512, "low", "gpt-4o-2024-08-06") == 85


def test_auto_detail_is_estimated_like_high():
    assert image_tokens(1024, 1024, "auto", "gpt-4o") == 765


def test_other_model_families_use_their_constants():
    assert image_tokens(1024, 1024, "high", "gpt-4.1-nano") == round(1024 * 2.46)
    assert image_tokens(1024, 1024, "high", "o4-mini") == round(1024 * 1.72)
    assert image_tokens(1024, 1024, "high", "gpt-5") == 70 + 4 * 140
    assert image_tokens(1024, 1024, "high", "o3") == 75 + 4 * 150
    assert image_tokens(1024, 1024, "high", "gpt-4o-mini") == 2833 + 4 * 5667


def test_unknown_and_prefixed_models_use_the_gpt_4o_tile_formula():
    assert image_tokens(1024, 1024, "high", "llava:13b") == 765
    assert image_tokens(1024, 1024, "high", "openai/gpt-4.1-mini") == 1659


def test_patch_count_is_capped_at_1536():
    # A prepared high-detail image is at most 2048x768: exactly 1536 patches.
    assert image_tokens(2048, 768, "high", "gpt-4.1-mini") == round(1536 * 1.62)
    assert image_tokens(8000, 8000, "high", "gpt-4.1-mini") <= round(1536 * 1.62)


def test_estimate_of_a_prepared_photo():
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = 6
    prepared = prepare_image(_save(_photo(4000, 3000), "JPEG", quality=85, exif=exif), "p.jpg", "high")

    # 768x1024 -> 2x2 tiles.
    assert image_tokens(prepared.width, prepared.height, "high", "gpt-4o") == 765
