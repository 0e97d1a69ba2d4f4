"""The app's translations: refresh the .ts sources from the code, compile them to .qm, list what is left.

    python3 packaging/translations.py update   # pyside6-lupdate over desktop_app/ -> resources/i18n/*.ts
    python3 packaging/translations.py build    # lrelease: resources/i18n/*.ts -> *.qm (setup.py does this too)
    python3 packaging/translations.py check    # every unfinished or missing translation, file:line; exit 1 if any

The .ts files are committed (English is the source language; desktop_app_<lang>.ts holds one language);
the .qm files are build output: setup.py's build_py compiles them into the wheel, and into
<repo>/resources/i18n for an editable install; a PyInstaller spec bundles resources/i18n/*.qm as
desktop_app/resources/i18n after `build` (Qt's own qtbase_<lang>.qm come with PyInstaller's PySide6
hooks). A new language is one more .ts file: copy the Korean one,
name it desktop_app_<lang>.ts, run `update`, translate with Qt Linguist (pyside6-linguist) or any editor.

Standard library only: setup.py loads this file by path during a build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = REPO_ROOT / "desktop_app"
I18N_DIR = REPO_ROOT / "resources" / "i18n"
TS_PREFIX = "desktop_app_"
# core and services mark deferred strings with trans_late(context, text) (desktop_app/core/i18n.py):
# lupdate reads it as QT_TRANSLATE_NOOP.
LUPDATE_OPTIONS = ("-tr-function-alias", "QT_TRANSLATE_NOOP+=trans_late", "-locations", "absolute")
UPDATE_COMMAND = "python3 packaging/translations.py update"


class ToolMissing(RuntimeError):
    """Neither the PySide6 package nor PATH has the Qt tool."""


def ts_files(i18n_dir: Path = I18N_DIR) -> list[Path]:
    """The committed translation sources, one per language."""
    return sorted(i18n_dir.glob(f"{TS_PREFIX}*.ts"))


def source_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Every Python file of the package (what lupdate reads)."""
    return sorted(p for p in package_dir.rglob("*.py") if "__pycache__" not in p.parts)


def find_tool(name: str) -> str:
    """The path of a Qt tool (`lupdate`, `lrelease`) from the PySide6 wheel, else pyside6-<name> on PATH."""
    for folder in _pyside_dirs():
        for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "libexec" / name):
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
    for command in (f"pyside6-{name}", name):
        found = shutil.which(command)
        if found:
            return found
    raise ToolMissing(
        f"Qt's {name} was not found: install PySide6-Essentials (it ships {name}) in this Python, "
        f"or put pyside6-{name} on PATH."
    )


def _pyside_dirs() -> list[Path]:
    """Folders of the PySide6 package: this interpreter's, then the base interpreter's (an isolated
    build environment's own site-packages may have none)."""
    dirs = []
    try:
        import importlib.util

        spec = importlib.util.find_spec("PySide6")
        if spec is not None and spec.origin:
            dirs.append(Path(spec.origin).parent)
    except (ImportError, ValueError):
        pass
    base = getattr(sys, "_base_executable", None)
    if base and base != sys.executable:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONNOUSERSITE")}
        code = "import importlib.util as u; s = u.find_spec('PySide6'); print(s.origin if s else '')"
        try:
            out = subprocess.run([base, "-c", code], capture_output=True, text=True, env=env, timeout=60)
            if out.stdout.strip():
                dirs.append(Path(out.stdout.strip()).parent)
        except (OSError, subprocess.SubprocessError):
            pass
    return dirs


def run_lupdate(ts_paths: list[Path], package_dir: Path = PACKAGE_DIR) -> None:
    """Refresh ts_paths from the package's source (new strings added, vanished ones marked obsolete)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False, encoding="utf-8") as listing:
        listing.write("\n".join(str(p) for p in source_files(package_dir)))
    try:
        cmd = [find_tool("lupdate"), *LUPDATE_OPTIONS, f"@{listing.name}", "-ts", *map(str, ts_paths)]
        proc = subprocess.run(cmd, capture_output=True, text=True)
    finally:
        os.unlink(listing.name)
    if proc.returncode != 0:
        raise RuntimeError(f"lupdate failed (exit {proc.returncode}):\n{proc.stderr or proc.stdout}")


def compile_translations(dest: Path, i18n_dir: Path = I18N_DIR) -> list[Path]:
    """Compile every .ts in i18n_dir to dest/<name>.qm; returns the .qm paths. Skips up-to-date files."""
    dest.mkdir(parents=True, exist_ok=True)
    built = []
    tool = None
    for ts in ts_files(i18n_dir):
        qm = dest / (ts.stem + ".qm")
        if not (qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime):
            tool = tool or find_tool("lrelease")
            proc = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True)
            if proc.returncode != 0 or not qm.exists():
                raise RuntimeError(f"lrelease failed on {ts.name}:\n{proc.stderr or proc.stdout}")
        built.append(qm)
    return built


def unfinished(ts_path: Path) -> list[str]:
    """'context: source (file:line)' for every entry of ts_path without a finished translation."""
    problems = []
    for context in ET.parse(ts_path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "missing"
            if kind in ("obsolete", "vanished"):
                continue
            forms = [translation.text or ""] if translation is not None else [""]
            if translation is not None and message.get("numerus") == "yes":
                forms = [f.text or "" for f in translation.iter("numerusform")] or [""]
            if kind == "unfinished" or not all(f.strip() for f in forms):
                location = message.find("location")
                where = f" ({location.get('filename')}:{location.get('line')})" if location is not None else ""
                problems.append(f"{name}: {message.findtext('source')!r}{where}")
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else ""
    if command == "update":
        run_lupdate(ts_files())
        for ts in ts_files():
            print(f"{ts.relative_to(REPO_ROOT)}: {len(unfinished(ts))} unfinished")
        return 0
    if command == "build":
        for qm in compile_translations(I18N_DIR):
            print(qm.relative_to(REPO_ROOT))
        return 0
    if command == "check":
        status = 0
        for ts in ts_files():
            left = unfinished(ts)
            print(f"{ts.relative_to(REPO_ROOT)}: {len(left)} unfinished")
            for line in left:
                print(f"  {line}")
            status |= bool(left)
        return status
    print(__doc__.strip())
    return 0 if command in ("-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main())
