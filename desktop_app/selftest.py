"""`desktop-app --selftest`: checks, inside the installed or frozen app, what fails silently when a
build leaves something out (tokenizer files, Qt plugins, PortAudio, libsndfile, certificates, ...).

Prints one line per check ("ok" or "FAIL", the check's name, what was found) and returns 1 when a
check failed. A Windows build without a console has no sys.stdout: the lines then go to the file
named by --selftest-output, or to desktop-app-selftest.txt in the temp folder. The words here are
for the person running a build, in English, like a log.
"""

from __future__ import annotations

import contextlib
import io
import os
import socket
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from desktop_app import identity
from desktop_app.resource_paths import resources_dir, tiktoken_dir

OUTPUT_OPTION = "--selftest-output"


class CheckFailed(Exception):
    """A check found something wrong; the text says what."""


# -- the checks: each returns what it found, or raises --------------------------------------------


@contextlib.contextmanager
def _network_blocked() -> Iterator[None]:
    """Any connection or name lookup raises, so a check that would download something fails."""

    def refuse(*_args, **_kwargs):
        raise OSError("networking is blocked during the self-test")

    saved = (socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo, socket.create_connection)
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.getaddrinfo = refuse
    socket.create_connection = refuse
    try:
        yield
    finally:
        socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo, socket.create_connection = saved


def check_tokenizer() -> str:
    """Both shipped encodings load from the bundle and count exactly in the app's counting process."""
    from desktop_app.services.token_process import ProcessTokenCounter

    found = []
    with _network_blocked():
        for model in ("gpt-4o", "gpt-4"):
            counter = ProcessTokenCounter.load(model, tiktoken_dir())
            if not counter.exact:
                raise CheckFailed(f"{model}: only estimates (encoding files missing in {tiktoken_dir()})")
            if not isinstance(counter, ProcessTokenCounter):
                raise CheckFailed(f"{model}: the token counting process did not start (counted in the app)")
            count = counter.count_text("hello world")
            if count != 2:
                raise CheckFailed(f"{counter.encoding_name} counts 'hello world' as {count}, expected 2")
            found.append(counter.encoding_name)
    return f"{', '.join(found)} count offline"


def check_portaudio() -> str:
    """PortAudio loads, here and in the device listing process; on Linux its absence is reported the
    way the app reports it."""
    from desktop_app.services.audio_devices import portaudio_problem
    from desktop_app.services.device_lister import list_in_helper

    listed = list_in_helper()  # first: the helper's own PortAudio, not this process's
    if listed is None:
        raise CheckFailed("the device listing process did not answer (the app lists devices itself)")
    problem = portaudio_problem()
    if (listed["problem"] is None) != (problem is None):
        raise CheckFailed(f"the device listing process and the app disagree about PortAudio: {listed['problem']}")
    if problem is None:
        import sounddevice

        return f"{sounddevice.get_portaudio_version()[1]}; the listing process answers"
    if sys.platform.startswith("linux"):
        # On Linux PortAudio is a system package (a dependency of the .deb); the app says this too.
        return f"not installed; the app shows: {problem}"
    raise CheckFailed(problem)  # the Windows and macOS wheels carry PortAudio: its absence is a bad build


def check_mp3() -> str:
    """libsndfile encodes half a second of tone to MP3 and decodes it again."""
    import numpy as np
    import soundfile

    from desktop_app.services.audio_codec import decode, encode_mp3

    rate = 24000
    t = np.arange(rate // 2) / rate
    tone = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    data = encode_mp3(tone, rate)
    samples, decoded_rate = decode(data)
    if decoded_rate != rate or len(samples) < len(tone) // 2:
        raise CheckFailed(f"decoded {len(samples)} samples at {decoded_rate} Hz from {len(tone)} at {rate} Hz")
    return f"{len(data)} bytes encoded and decoded (libsndfile {soundfile.__libsndfile_version__})"


def check_keyring() -> str:
    """The platform's keyring backend is bundled; names the backend in use."""
    import keyring
    from keyring.backends import fail

    native = {
        "linux": "keyring.backends.SecretService",
        "win32": "keyring.backends.Windows",
        "darwin": "keyring.backends.macOS",
    }
    module = next((m for p, m in native.items() if sys.platform.startswith(p)), None)
    if module:
        __import__(module)  # a build without it could only ever use the fail backend
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if isinstance(backend, fail.Keyring):
        return f"no credential store running here ({name}): the key comes from OPENAI_API_KEY or is asked for"
    return name


def check_tls() -> str:
    """CA certificates are found, in the system's store or certifi's file."""
    import ssl

    context = ssl.create_default_context()
    system = context.cert_store_stats().get("x509_ca", 0)
    if system:
        return f"{system} system CA certificates ({ssl.OPENSSL_VERSION})"
    try:
        import certifi
    except ImportError:
        certifi = None
    if certifi is not None and Path(certifi.where()).is_file():
        context.load_verify_locations(certifi.where())
        return f"{context.cert_store_stats().get('x509_ca', 0)} CA certificates from certifi"
    paths = ssl.get_default_verify_paths()
    raise CheckFailed(f"no CA certificates (looked in {paths.cafile} and {paths.capath})")


def check_sqlite() -> str:
    """SQLite has FTS5, which the history's search needs."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(":memory:")) as db:
        db.execute("CREATE VIRTUAL TABLE t USING fts5(body)")  # the history's search
        db.execute("INSERT INTO t VALUES ('hello world')")
        if db.execute("SELECT count(*) FROM t WHERE t MATCH 'hello'").fetchone()[0] != 1:
            raise CheckFailed("full-text search found nothing")
    return f"SQLite {sqlite3.sqlite_version} with FTS5"


def check_openai_sdk() -> str:
    """The SDK and the app's reply path import."""
    import openai

    import desktop_app.services.llm  # noqa: F401  (everything the reply path imports)

    return f"openai {openai.__version__}"


def check_markdown() -> str:
    """Markdown renders, with pygments highlighting a code block."""
    from desktop_app.core.markdown_render import render_markdown

    html = render_markdown("**bold**\n\n```python\ndef f():\n    return 1\n```\n").html
    if "<b>" not in html and "<strong>" not in html:
        raise CheckFailed("Markdown rendered without emphasis")
    if "color" not in html or "def" not in html:
        raise CheckFailed("code block rendered without highlighting")
    return "Markdown and Python highlighting"


def check_json_schema() -> str:
    """jsonschema accepts a good schema and refuses a bad one."""
    from desktop_app.core.json_answer import SchemaProblem, check_schema

    good = {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"], "additionalProperties": False}
    check_schema(good, True)
    try:
        check_schema({"type": 5}, False)
    except SchemaProblem:
        return "a good schema passes, a bad one is refused"
    raise CheckFailed("an invalid schema was accepted")


def check_qt_platform() -> str:
    """The desktop's Qt platform plugin is there and its libraries load."""
    from PySide6.QtCore import QLibraryInfo, QPluginLoader

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    wanted = {"linux": "xcb", "win32": "qwindows", "darwin": "qcocoa"}
    name = next((n for p, n in wanted.items() if sys.platform.startswith(p)), None)
    plugins = sorted(p.name for p in folder.glob("*") if p.is_file())
    if name is None:
        return ", ".join(plugins)
    files = [p for p in folder.glob(f"*{name}*") if p.is_file()]
    if not files:
        raise CheckFailed(f"no {name} platform plugin in {folder} (found: {', '.join(plugins) or 'none'})")
    loader = QPluginLoader(str(files[0]))
    if not loader.load():  # names the missing system library, e.g. libxcb-cursor.so.0
        raise CheckFailed(loader.errorString())
    return f"{files[0].name} loads ({len(plugins)} platform plugins)"


def check_images() -> str:
    """Qt reads PNG, JPEG (as Pillow writes them) and the SVG app icon."""
    from PIL import Image
    from PySide6.QtGui import QIcon, QImage, QImageReader

    formats = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    missing = {"png", "jpeg", "svg"} - formats
    if missing:
        raise CheckFailed(f"Qt cannot read {', '.join(sorted(missing))}")
    for fmt in ("JPEG", "PNG"):  # what prepared images and their thumbnails are
        out = io.BytesIO()
        Image.new("RGB", (8, 8), (200, 30, 30)).save(out, fmt)
        image = QImage()
        if not image.loadFromData(out.getvalue()) or image.width() != 8:
            raise CheckFailed(f"Qt could not decode a {fmt} made by Pillow")
    icon_path = resources_dir() / "icons" / "app.svg"
    pixmap = QIcon(str(icon_path)).pixmap(64, 64)
    if pixmap.isNull():
        raise CheckFailed(f"the app icon does not render ({icon_path})")
    return "PNG, JPEG (Pillow and Qt), SVG app icon"


def check_translations() -> str:
    """Every compiled translation loads; a bundle missing them fails."""
    from PySide6.QtCore import QTranslator

    folder = resources_dir() / "i18n"
    compiled = sorted(folder.glob("*.qm"))
    sources = sorted(folder.glob("*.ts"))
    for path in compiled:
        if not QTranslator().load(str(path)):
            raise CheckFailed(f"{path.name} does not load")
    if sources and not compiled and getattr(sys, "frozen", False):
        raise CheckFailed(f"{len(sources)} translations in the source, none built into this bundle")
    if not compiled:
        return "none built (English only)"
    from PySide6.QtCore import QLibraryInfo

    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for path in compiled:
        language = path.stem.rsplit("_", 1)[-1]
        if not QTranslator().load(f"qtbase_{language}", qt_folder):
            raise CheckFailed(f"Qt's own qtbase_{language}.qm is missing from {qt_folder}")
    return f"{len(compiled)} load, with Qt's own: {', '.join(p.stem for p in compiled)}"


def check_child_environment() -> str:
    """A frozen app passes none of the bundle's paths on to the programs it opens."""
    bundle = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or not bundle:
        return "not frozen: nothing to restore"
    leaking = [name for name in _CHILD_VARIABLES if bundle in os.environ.get(name, "")]
    if leaking:  # a browser opened from the app would load the bundle's libraries
        raise CheckFailed(f"the bundle's paths are passed on in {', '.join(leaking)}")
    return "programs the app opens get the user's library and plugin paths"


def check_prices() -> str:
    """genai-prices and its bundled data price a known reply offline (a frozen build needs its metadata)."""
    import time

    from desktop_app.core.events import Usage
    from desktop_app.core.models.pricing import PriceBook, load_library, reply_cost

    with _network_blocked():
        load_library()
        cost = reply_cost(Usage(prompt_tokens=1000, completion_tokens=1000, total_tokens=2000), "gpt-4o",
                          "https://api.openai.com/v1", time.time(), PriceBook())
    if cost.status != "priced" or cost.total <= 0:
        raise CheckFailed(f"gpt-4o is not priced ({cost.status})")
    return f"gpt-4o, 1,000 tokens in and out: ${cost.total} ({cost.source})"


def check_shutdown_dates() -> str:
    """The openai SDK's announced shutdown dates are readable (its note files ship as data)."""
    from desktop_app.services.sdk_retirements import sdk_shutdown_dates

    dates = sdk_shutdown_dates()
    if not dates:
        raise CheckFailed("no shutdown dates found in the openai SDK's notes")
    return f"{len(dates)} models with an announced shutdown date"


_CHILD_VARIABLES = ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "QT_PLUGIN_PATH", "QML2_IMPORT_PATH")

CHECKS: list[tuple[str, Callable[[], str]]] = [
    ("tokenizer", check_tokenizer),
    ("portaudio", check_portaudio),
    ("mp3", check_mp3),
    ("keyring", check_keyring),
    ("tls", check_tls),
    ("sqlite", check_sqlite),
    ("openai", check_openai_sdk),
    ("markdown", check_markdown),
    ("jsonschema", check_json_schema),
    ("qt-platform", check_qt_platform),
    ("images", check_images),
    ("translations", check_translations),
    ("prices", check_prices),
    ("shutdown-dates", check_shutdown_dates),
    ("child-environment", check_child_environment),
]
_NEEDS_QT_APP = {"images", "translations"}


# -- running them ---------------------------------------------------------------------------------


def _output_path(argv: list[str]) -> Path | None:
    for i, arg in enumerate(argv):
        if arg == OUTPUT_OPTION and i + 1 < len(argv):
            return Path(argv[i + 1])
        if arg.startswith(OUTPUT_OPTION + "="):
            return Path(arg.split("=", 1)[1])
    if sys.stdout is None:  # a windowed Windows build
        return Path(tempfile.gettempdir()) / f"{identity.EXECUTABLE}-selftest.txt"
    return None


def _qt_app():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        no_display = sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        )
        if no_display and not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the xcb plugin itself is checked by loading it
        app = QApplication([identity.EXECUTABLE])
    return app


def run(write: Callable[[str], None]) -> int:
    """Run every check, write one line each; 0 when all passed, else 1."""
    how = "frozen" if getattr(sys, "frozen", False) else "source"
    write(f"{identity.DISPLAY_NAME} {identity.VERSION} self-test ({how})")
    failures = 0
    app = None
    for name, check in CHECKS:
        try:
            if name in _NEEDS_QT_APP and app is None:
                app = _qt_app()
            detail, ok = check(), True
        except Exception as exc:  # noqa: BLE001  (every failure is a line, never a traceback)
            detail, ok = (str(exc) if isinstance(exc, CheckFailed) else f"{type(exc).__name__}: {exc}"), False
        failures += not ok
        write(f"{'ok  ' if ok else 'FAIL'}  {name}: {detail}")
    if failures:
        write(f"self-test: {failures} of {len(CHECKS)} checks failed")
    else:
        write(f"self-test: all {len(CHECKS)} checks passed")
    return 1 if failures else 0


def main(argv: list[str]) -> int:
    """The --selftest entry point: the exit code of the process."""
    path = _output_path(argv)
    if path is None:
        return run(lambda line: print(line, flush=True))
    with open(path, "w", encoding="utf-8") as out:
        return run(lambda line: (out.write(line + "\n"), out.flush()))
