"""Build dist/desktop-app_<version>_amd64.deb from a checkout, in one command:

    python3 packaging/linux/build_deb.py            # release: xz, smallest download
    python3 packaging/linux/build_deb.py --fast     # CI: zstd, a second instead of a minute

The bundle goes to /opt/desktop-app with a /usr/bin/desktop-app launcher, a .desktop file, AppStream
metadata and the icon in every size. Depends are what dpkg-shlibdeps finds over every ELF file of
the bundle (the system libraries PyInstaller was told to leave out), with the package names Debian 13
and Ubuntu 24.04 gave them for 64-bit time_t as alternatives, plus what is loaded at run time
without being linked (PortAudio, the CA certificates). Needs dpkg-dev (dpkg-shlibdeps) and binutils.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import subprocess
import sys
import tempfile
import time
from email.utils import formatdate
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGING = HERE.parent
ROOT = PACKAGING.parent
sys.path.insert(0, str(PACKAGING))
sys.path.insert(0, str(ROOT))

import build_bundle  # noqa: E402

from desktop_app import identity  # noqa: E402

INSTALL_DIR = Path("opt") / identity.EXECUTABLE
MAINTAINER = f"{identity.ORGANISATION} <maintainers@users.noreply.invalid>"
# Libraries renamed by the 64-bit time_t transition (Debian 13 "trixie", Ubuntu 24.04 "noble"):
# the Debian 12 / Ubuntu 22.04 name stays first, the new one is the alternative.
T64_RENAMES = {
    "libssl3": "libssl3t64",
    "libglib2.0-0": "libglib2.0-0t64",
    "libasound2": "libasound2t64",
    "libreadline8": "libreadline8t64",
    "libgdbm6": "libgdbm6t64",
    "libdb5.3": "libdb5.3t64",
    "libtirpc3": "libtirpc3t64",
    "libpng16-16": "libpng16-16t64",
    "libcurl4": "libcurl4t64",
    "libgnutls30": "libgnutls30t64",
    "libcups2": "libcups2t64",
}
# Loaded at run time without being linked, so dpkg-shlibdeps cannot see them.
RUNTIME_DEPENDS = ["libportaudio2", "ca-certificates"]
RECOMMENDS = ["fonts-noto-cjk", "fonts-noto-color-emoji", "xdg-utils"]
SUGGESTS = ["gnome-keyring"]


def _elf_files(tree: Path) -> list[Path]:
    found = []
    for path in tree.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as f:
                if f.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def shlib_depends(bundle: Path) -> list[str]:
    """dpkg-shlibdeps over the bundle: one entry per system package the ELF files link."""
    elves = _elf_files(bundle.resolve())
    private = sorted({str(p.parent) for p in elves})
    with tempfile.TemporaryDirectory() as work:
        (Path(work) / "debian").mkdir()
        (Path(work) / "debian" / "control").write_text(
            f"Source: {identity.EXECUTABLE}\n\nPackage: {identity.EXECUTABLE}\nArchitecture: any\n"
        )
        done = subprocess.run(
            ["dpkg-shlibdeps", "-O", "--ignore-missing-info", "--warnings=1",
             *[f"-l{d}" for d in private], *[f"-e{e}" for e in elves]],
            cwd=work, capture_output=True, text=True,
        )
    if done.returncode != 0:
        raise SystemExit(f"dpkg-shlibdeps failed:\n{done.stderr}")
    line = next(l for l in done.stdout.splitlines() if l.startswith("shlibs:Depends="))
    return [d.strip() for d in line.split("=", 1)[1].split(",") if d.strip()]


def _has_symbols_file(package: str) -> bool:
    return any(Path("/var/lib/dpkg/info").glob(f"{package}:*.symbols")) or Path(
        f"/var/lib/dpkg/info/{package}.symbols"
    ).exists()


def _unpin_shlibs_only(choice: str) -> str:
    """A package with only a shlibs file states the build machine's version, not what the bundle uses.

    libzstd1 (>= 1.5.2) and libx11-xcb1 (>= 2:1.8.4) come from Debian 12's shlibs files, yet Qt's
    wheel is built against much older releases of them (manylinux); keeping those minimums would
    refuse Ubuntu 22.04 (zstd 1.4.8, libx11 1.7.5). Versions from symbols files name the symbols used.
    """
    name = choice.split()[0]
    return choice if "(" not in choice or _has_symbols_file(name) else name


def with_alternatives(depends: list[str]) -> list[str]:
    """'libssl3 (>= 3.0.0)' -> 'libssl3 (>= 3.0.0) | libssl3t64'; runtime extras added; sorted, unique."""
    out = []
    for entry in depends + RUNTIME_DEPENDS:
        choices = [_unpin_shlibs_only(c.strip()) for c in entry.split("|")]
        names = [c.split()[0] for c in choices]
        for name in list(names):
            renamed = T64_RENAMES.get(name)
            if renamed and renamed != name and renamed not in names:
                choices.append(renamed)
                names.append(renamed)
        out.append(" | ".join(choices))
    return sorted(set(out))


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def _fields() -> dict[str, str]:
    return {
        "display_name": identity.DISPLAY_NAME,
        "executable": identity.EXECUTABLE,
        "desktop_file_id": identity.DESKTOP_FILE_ID,
        "summary": identity.SUMMARY,
        "app_id": identity.APP_ID,
        "license": identity.LICENSE,
        "organisation": identity.ORGANISATION,
        "version": identity.VERSION,
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
    }


def stage(bundle: Path, icons: Path, root: Path) -> None:
    """The package's file tree (without DEBIAN/) under root."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(bundle, root / INSTALL_DIR, symlinks=True)
    fields = _fields()
    name = identity.EXECUTABLE
    # A script rather than a symlink: the bundle then always sees its real folder as argv[0]'s.
    _write(root / "usr/bin" / name, f'#!/bin/sh\nexec /{INSTALL_DIR}/{name} "$@"\n', 0o755)
    _write(root / "usr/share/applications" / f"{identity.DESKTOP_FILE_ID}.desktop",
           (HERE / "desktop-app.desktop.in").read_text().format(**fields))
    _write(root / "usr/share/metainfo" / f"{identity.APP_ID}.metainfo.xml",
           (HERE / "metainfo.xml.in").read_text().format(**fields))
    for png in (icons / "hicolor").rglob("*.png"):
        target = root / "usr/share/icons" / png.relative_to(icons)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, target)
    svg = root / "usr/share/icons/hicolor/scalable/apps" / f"{identity.DESKTOP_FILE_ID}.svg"
    svg.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "resources/icons/app.svg", svg)
    doc = root / "usr/share/doc" / name
    notices = f"/{INSTALL_DIR}/_internal/desktop_app/resources/licenses/THIRD_PARTY_NOTICES.txt"
    _write(doc / "copyright", (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        f"Upstream-Name: {name}\n\n"
        f"Files: *\nCopyright: 2026 The {identity.DISPLAY_NAME} authors\nLicense: {identity.LICENSE}\n\n"
        f"Files: {INSTALL_DIR}/_internal/*\n"
        "Copyright: the authors of each bundled library\n"
        f"License: various\n See {notices}\n for every bundled library and its licence text. Qt and PySide6\n"
        " are LGPL-3.0 and kept as separate replaceable libraries; see\n /usr/share/common-licenses/LGPL-3.\n\n"
        f"License: {identity.LICENSE}\n"
        + "".join(f" {line}\n" if line.strip() else " .\n" for line in (ROOT / "LICENSE").read_text().splitlines()[2:])
    ))
    changelog = (
        f"{name} ({identity.VERSION}) unstable; urgency=medium\n\n"
        f"  * Release {identity.VERSION}.\n\n -- {MAINTAINER}  {formatdate(usegmt=False)}\n"
    )
    (doc / "changelog.Debian.gz").write_bytes(gzip.compress(changelog.encode(), mtime=0))
    (doc / "changelog.Debian.gz").chmod(0o644)
    _normalise_modes(root)


def _normalise_modes(root: Path) -> None:
    """Directories 0755; the executables 0755; every other file, shared libraries included, 0644."""
    executables = {root / INSTALL_DIR / identity.EXECUTABLE, root / "usr/bin" / identity.EXECUTABLE}
    for path in root.rglob("*"):
        if path.is_symlink():
            continue
        path.chmod(0o755 if path.is_dir() or path in executables else 0o644)


def write_control(root: Path, depends: list[str]) -> None:
    size_kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    control = (
        f"Package: {identity.EXECUTABLE}\n"
        f"Version: {identity.VERSION}\n"
        "Architecture: amd64\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {size_kb}\n"
        f"Depends: {', '.join(depends)}\n"
        f"Recommends: {', '.join(RECOMMENDS)}\n"
        f"Suggests: {', '.join(SUGGESTS)}\n"
        "Section: utils\n"
        "Priority: optional\n"
        f"Description: {identity.DISPLAY_NAME}: chat with OpenAI and compatible servers\n"
        " A light, fast desktop assistant for the OpenAI API and for servers that speak\n"
        " the same protocol (Ollama, llama.cpp, vLLM, LM Studio): streaming replies,\n"
        " a local history, images, push-to-talk and spoken replies.\n"
    )
    _write(root / "DEBIAN" / "control", control)


def build_deb(bundle: Path, fast: bool) -> Path:
    """Stage, compute Depends and pack; returns the .deb."""
    root = build_bundle.BUILD / "deb" / "root"
    stage(bundle, build_bundle.GENERATED / "icons", root)
    write_control(root, with_alternatives(shlib_depends(root / INSTALL_DIR)))
    out = build_bundle.DIST / f"{identity.EXECUTABLE}_{identity.VERSION}_amd64.deb"
    compression = ["-Zzstd", "-z3"] if fast else ["-Zxz", "-z9", "-Sextreme"]
    subprocess.run(["dpkg-deb", "--root-owner-group", *compression, "--build", str(root), str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fast", action="store_true", help="zstd instead of xz (CI)")
    parser.add_argument("--reuse-bundle", action="store_true",
                        help="package dist/desktop-app as it is, without running PyInstaller again")
    args = parser.parse_args(argv)
    bundle = build_bundle.bundle_dir()
    if not (args.reuse_bundle and bundle.is_dir() and (build_bundle.GENERATED / "icons").is_dir()):
        bundle = build_bundle.build()
    build_bundle.selftest(bundle)
    deb = build_deb(bundle, fast=args.fast)
    print(deb)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
