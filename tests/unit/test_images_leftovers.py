"""Image preparation leftovers: which detail changes need new bytes, and the name offered when saving."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from desktop_app.core.images import needs_new_preparation, prepare_image, save_file_name


def encoded(image: Image.Image, format_name: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format_name, **options)
    return out.getvalue()


def photo(size=(1600, 1200)) -> Image.Image:
    """Colour noise: thousands of colours, a photo to the graphic test, so it is sent as JPEG."""
    return Image.merge("RGB", [Image.effect_noise(size, sigma) for sigma in (60, 70, 80)])


def screenshot(size=(800, 600)) -> Image.Image:
    """Flat colours: a graphic, so it is sent as PNG."""
    image = Image.new("RGB", size, "white")
    image.paste((30, 90, 200), (0, 0, size[0] // 2, size[1] // 3))
    return image


@pytest.mark.parametrize(
    ("prepared_for", "wanted", "again"),
    [
        ("auto", "low", True),
        ("high", "low", True),
        ("low", "high", True),
        ("low", "auto", True),
        ("auto", "high", False),
        ("high", "auto", False),
        ("low", "low", False),
    ],
)
def test_only_a_change_to_or_from_low_needs_new_bytes(prepared_for, wanted, again):
    assert needs_new_preparation(prepared_for, wanted) is again


def test_the_shared_size_of_auto_and_high_is_real():
    """What `needs_new_preparation` relies on: auto and high give the same bytes, low smaller ones."""
    data = encoded(photo((3000, 2000)), "JPEG", quality=90)
    auto, high, low = (prepare_image(data, "p.jpg", detail) for detail in ("auto", "high", "low"))
    assert (auto.width, auto.height) == (high.width, high.height) == (1152, 768)
    assert (low.width, low.height) == (512, 341)


def test_the_source_format_is_kept_with_the_prepared_image():
    prepared = prepare_image(encoded(screenshot(), "BMP"), "scan.bmp")
    assert prepared.source_format == "BMP" and prepared.mime == "image/png"


def test_a_converted_image_is_offered_under_its_name_with_the_extension_of_what_is_saved():
    prepared = prepare_image(encoded(screenshot(), "BMP"), "/home/me/scan.bmp")
    assert save_file_name(prepared, original=False) == "scan.png"  # the prepared PNG
    assert save_file_name(prepared, original=True) == "scan.bmp"  # the source as it was


def test_a_jpeg_keeps_its_own_spelling_of_the_extension():
    prepared = prepare_image(encoded(photo(), "JPEG"), "IMG_0042.JPEG")
    assert prepared.mime == "image/jpeg"
    assert save_file_name(prepared, original=False) == "IMG_0042.JPEG"
    assert save_file_name(prepared, original=True) == "IMG_0042.JPEG"


def test_a_web_image_without_an_extension_gets_the_one_of_its_format():
    prepared = prepare_image(encoded(photo(), "WEBP"), "image")  # from https://host/image?id=3
    assert save_file_name(prepared, original=True) == "image.webp"
    assert save_file_name(prepared, original=False) == "image.jpg"


def test_a_web_image_named_for_another_format_is_renamed_and_other_dots_are_kept():
    png_served_as_jpg = prepare_image(encoded(screenshot(), "PNG"), "chart.jpg")
    assert save_file_name(png_served_as_jpg, original=True) == "chart.png"
    versioned = prepare_image(encoded(screenshot(), "PNG"), "board.v2")
    assert save_file_name(versioned, original=True) == "board.v2.png"


def test_a_pasted_screenshot_is_offered_as_the_png_it_is():
    prepared = prepare_image(encoded(screenshot(), "PNG"), "pasted image.png")
    assert save_file_name(prepared, original=False) == "pasted image.png"
