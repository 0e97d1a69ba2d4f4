"""Preparing a 12-megapixel photo for a vision request, against a plain base64 of the original.

The photo is made once per run with Pillow: 4000x3000, gradients plus Gaussian noise (a camera's
sensor noise is what makes real photos large), JPEG quality 90 with EXIF orientation 6, ~7 MB.
Each run calls `prepare_image` on its bytes (decode, EXIF rotation, downscale, JPEG re-encode)
and, alternating with it, the floor: `base64.b64encode` of the original bytes, i.e. what sending
the file as it is would cost. Every prepared result is checked (portrait, short side 768 for
high, within 512 for low, decodes to the reported size) before its time is kept.

drop: a fresh interpreter per run (``python3 -m bench.images drop <dir>``) starts the real ``App``
offscreen and, once its background loading has settled, hands five such photos to
``composer.add_files`` at once (what a drop of five files does) with a 1 ms heartbeat ``QTimer``
on the GUI thread, until the tray shows five thumbnails. Floor, in the same child before Qt
starts: reading and preparing the five photos one after the other.
"""

from __future__ import annotations

import base64
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from bench import BenchmarkError, Result, child_env, median
from bench._app_child import run_child

WIDTH, HEIGHT = 4000, 3000
EXIF_ORIENTATION = 0x0112
#: Preparation must never send more than the original would (bytes of the data URL's payload).
TARGET_BYTES_RATIO = 1.0
DROP_PHOTOS = 5
DROP_STALL_TARGET_MS = 33.0
DROP_TIMEOUT_S = 60.0
DROP_AFTER_S = 0.2  # the heartbeat keeps watching this long after the fifth thumbnail: layout and paint
CHILD_TIMEOUT_S = 180


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


# -- drop: five photos at once into the running app (a child per run) ----------------------------


def _prepare_floor(paths: list[Path], detail: str) -> float:
    """Reading and preparing the photos one after the other, as the task runner's jobs do, no Qt."""
    from desktop_app.core.images import prepare_image

    started = time.perf_counter()
    for path in paths:
        prepare_image(path.read_bytes(), path.name, detail)
    return time.perf_counter() - started


def child_drop(photo_dir: Path) -> dict:
    """One drop of the photos in `photo_dir` into a freshly started app, watched by a 1 ms heartbeat."""
    from desktop_app.core.images import prepare_image

    paths = sorted(photo_dir.glob("photo-*.jpg"))
    prepare_image(paths[0].read_bytes(), paths[0].name, "auto")  # warm-up: imports, sRGB profile
    # The app's default detail is the tray's; "auto" until the app says otherwise (checked below).
    floor_s = _prepare_floor(paths, "auto")

    from bench._app_child import Heartbeat, child_qt, start_app

    _qt_app, spin = child_qt()
    app = start_app(photo_dir / "data", spin)
    composer = app.window.composer
    tray = composer.tray
    if tray.detail() != "auto":
        floor_s = _prepare_floor(paths, tray.detail())
    marks: dict[str, float] = {}
    refused: list[str] = []
    thumbnail_s: list[float] = []

    def on_added(_attachment_id: str) -> None:
        # Connected after the composer's slot: the tray already holds the new thumbnail.
        marks.setdefault("first", time.perf_counter())
        if len(tray.ids()) >= len(paths):
            marks.setdefault("shown", time.perf_counter())

    original_add_image = tray.add_image

    def timed_add_image(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original_add_image(*args, **kwargs)
        finally:
            thumbnail_s.append(time.perf_counter() - started)

    # A wrapper on the tray instance, looked up at call time by the composer; the app is not edited.
    tray.add_image = timed_add_image
    app.attachments.sig_attachment_added.connect(on_added)
    app.attachments.sig_attachment_refused.connect(refused.append)
    heartbeat = Heartbeat()
    heartbeat.start()
    spin(0.05)
    marks["drop"] = time.perf_counter()
    composer.add_files(paths)
    marks["returned"] = time.perf_counter()
    done = spin(DROP_TIMEOUT_S, lambda: "shown" in marks or bool(refused))
    spin(DROP_AFTER_S)
    heartbeat.stop()
    del tray.add_image
    if refused:
        raise BenchmarkError(f"images: the app refused a photo: {refused[0]}")
    if not done or len(tray.ids()) != len(paths):
        raise BenchmarkError(f"images: the tray shows {len(tray.ids())} of {len(paths)} thumbnails")
    for attachment_id in tray.ids():
        prepared = app.attachments.prepared(attachment_id)
        if prepared is None or (prepared.width, prepared.height) != (768, 1024):
            raise BenchmarkError(f"images: an attachment was prepared as {prepared and prepared.width}x"
                                 f"{prepared and prepared.height}, expected 768x1024")
    return {
        "floor_s": floor_s,
        "shown_s": marks["shown"] - marks["drop"],
        "call_s": marks["returned"] - marks["drop"],
        "stall_ms": heartbeat.max_stall_ms(marks["drop"], marks["shown"] + DROP_AFTER_S),
        "stall_before_first_ms": heartbeat.max_stall_ms(marks["drop"], marks["first"] - thumbnail_s[0]),
        "thumbnail_first_s": thumbnail_s[0],
        "thumbnail_rest_max_s": max(thumbnail_s[1:], default=0.0),
        "thumbnail_total_s": sum(thumbnail_s),
        "detail": tray.detail(),
    }


def _run_drop_child(photo_dir: Path, env: dict[str, str]) -> dict:
    return run_child("bench.images", ["drop", str(photo_dir)], env, CHILD_TIMEOUT_S)


def _drop_results(original: bytes, repeats: int) -> list[Result]:
    from tests.fakes.openai_server import FakeOpenAIServer

    runs: list[dict] = []
    with FakeOpenAIServer() as server, tempfile.TemporaryDirectory(prefix="bench-images-") as tmp:
        workdir = Path(tmp)
        env = child_env(workdir, server.base_url, pycache_dir=workdir / "pycache")
        for i in range(repeats):
            photo_dir = workdir / f"drop-{i}"
            photo_dir.mkdir()
            for n in range(1, DROP_PHOTOS + 1):
                (photo_dir / f"photo-{n}.jpg").write_bytes(original)
            runs.append(_run_drop_child(photo_dir, env))
            r = runs[-1]
            print(
                f"  images drop {i + 1}/{repeats}: stall {r['stall_ms']:.1f} ms, five thumbnails after "
                f"{r['shown_s'] * 1000:.0f} ms (floor {r['floor_s'] * 1000:.0f} ms)",
                file=sys.stderr,
                flush=True,
            )

    def col(key: str, scale: float = 1.0) -> list[float]:
        return [r[key] * scale for r in runs]

    stall, shown, floor = col("stall_ms"), col("shown_s", 1000), col("floor_s", 1000)
    photos = f"{DROP_PHOTOS} x 12 MP photos"
    return [
        Result(
            f"images: max GUI stall, {photos} dropped at once",
            median(stall),
            "ms",
            kind="max",
            target=DROP_STALL_TARGET_MS,
            samples=stall,
            note="largest 1 ms-heartbeat gap minus 1 ms, add_files() until 0.2 s after the fifth thumbnail",
        ),
        Result(
            "images:   dropped to five thumbnails shown",
            median(shown),
            "ms",
            floor=median(floor),
            samples=shown,
            floor_samples=floor,
            note=f"heartbeat running, detail {runs[0]['detail']}; floor = read + prepare_image of the "
            "five, one after the other, in the same child without Qt",
        ),
        Result(
            "images:   stall before the first thumbnail",
            median(col("stall_before_first_ms")),
            "ms",
            samples=col("stall_before_first_ms"),
            note="the same heartbeat while the task runner's threads only read and prepare (GIL contention)",
        ),
        Result("images:   add_files() call", median(col("call_s", 1000)), "ms", samples=col("call_s", 1000)),
        Result(
            "images:   first thumbnail (AttachmentTray.add_image)",
            median(col("thumbnail_first_s", 1000)),
            "ms",
            samples=col("thumbnail_first_s", 1000),
            note=f"GUI time, the app's first JPEG QPixmap; all five: {median(col('thumbnail_total_s', 1000)):.1f} ms",
        ),
        Result(
            "images:   slowest of the other four thumbnails",
            median(col("thumbnail_rest_max_s", 1000)),
            "ms",
            samples=col("thumbnail_rest_max_s", 1000),
            note="GUI time of add_image: QPixmap.loadFromData of the prepared JPEG + smooth scale",
        ),
    ]


# -- the benchmark ---------------------------------------------------------------------------------


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
    results.extend(_drop_results(original, 2 if quick else 5))
    return results


def _child_main(argv: list[str]) -> None:
    mode, photo_dir = argv[0], Path(argv[1])
    try:
        if mode != "drop":
            raise SystemExit(f"unknown mode {mode}")
        result = child_drop(photo_dir)
    except BenchmarkError as exc:
        result = {"error": str(exc)}
    sys.stdout.write("BENCH-RESULT " + json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)  # no teardown: the measurement is over (PySide teardown can crash with a running pool)


if __name__ == "__main__":
    _child_main(sys.argv[1:])
