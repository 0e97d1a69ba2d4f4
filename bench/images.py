"""Preparing a 12-megapixel photo for a vision request, against a plain base64 of the original.

The photo is made once per run with Pillow: 4000x3000, gradients plus Gaussian noise (a camera's
sensor noise is what makes real photos large), JPEG quality 90 with EXIF orientation 6, ~7 MB.
Each run calls `prepare_image` on its bytes (decode, EXIF rotation, downscale, JPEG re-encode)
and, alternating with it, the floor: `base64.b64encode` of the original bytes, i.e. what sending
the file as it is would cost. Every prepared result is checked (portrait, short side 768 for
high, within 512 for low, decodes to the reported size) before its time is kept.
"""

from __future__ import annotations

import base64
import io
import sys
import time

from bench import BenchmarkError, Result, median

WIDTH, HEIGHT = 4000, 3000
EXIF_ORIENTATION = 0x0112
#: Preparation must never send more than the original would (bytes of the data URL's payload).
TARGET_BYTES_RATIO = 1.0


def _photo_bytes() -> bytes:
    from PIL import Image

    gradient = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    noise = Image.effect_noise((WIDTH, HEIGHT), 40)
    photo = Image.merge("RGB", (gradient, noise, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = 6
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=90, exif=exif)
    return out.getvalue()


def _check(prepared, detail: str) -> None:
    from PIL import Image

    expected = (384, 512) if detail == "low" else (768, 1024)
    sent = Image.open(io.BytesIO(prepared.data))
    sent.load()
    if (prepared.width, prepared.height) != expected or sent.size != expected or prepared.mime != "image/jpeg":
        raise BenchmarkError(
            f"images: {detail} gave {prepared.mime} {prepared.width}x{prepared.height} "
            f"(decodes to {sent.size}), expected image/jpeg {expected[0]}x{expected[1]}"
        )


def _time_runs(original: bytes, detail: str, repeats: int) -> tuple[list[float], list[float], object]:
    from desktop_app.core.images import prepare_image

    prepare_image(original, "photo.jpg", detail)  # warm-up: imports, sRGB profile, caches
    base64.b64encode(original)
    app: list[float] = []
    floor: list[float] = []
    prepared = None
    for i in range(repeats):
        order = ("floor", "app") if i % 2 == 0 else ("app", "floor")
        for which in order:
            start = time.perf_counter()
            if which == "app":
                prepared = prepare_image(original, "photo.jpg", detail)
                app.append(time.perf_counter() - start)
                _check(prepared, detail)
            else:
                base64.b64encode(original)
                floor.append(time.perf_counter() - start)
        print(f"  images {detail} run {i + 1}/{repeats}", file=sys.stderr, flush=True)
    return app, floor, prepared


def run(quick: bool = False) -> list[Result]:
    repeats = 3 if quick else 9
    original = _photo_bytes()
    original_b64 = len(base64.b64encode(original))
    results: list[Result] = []
    for detail in ("high", "low"):
        app, floor, prepared = _time_runs(original, detail, repeats)
        sent_b64 = len(prepared.data_url.split(",", 1)[1])
        results.append(
            Result(
                name=f"images: prepare 12 MP photo ({detail})",
                value=median(app),
                unit="s",
                floor=median(floor),
                samples=app,
                floor_samples=floor,
                note=(
                    f"{WIDTH}x{HEIGHT} JPEG, {len(original) / 1e6:.1f} MB, EXIF rotation -> "
                    f"{prepared.width}x{prepared.height} JPEG; floor = base64.b64encode of the original"
                ),
            )
        )
        results.append(
            Result(
                name=f"images: bytes sent ({detail})",
                value=sent_b64 / 1e6,
                unit="MB sent",
                kind="ratio",
                floor=original_b64 / 1e6,
                target=TARGET_BYTES_RATIO,
                note=(
                    f"base64 payload of the data URL, {sent_b64:,} chars; "
                    f"floor = base64 of the original file, {original_b64:,} chars"
                ),
            )
        )
    return results
