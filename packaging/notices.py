"""Write THIRD_PARTY_NOTICES.txt for a bundle: the app's licence, then every distribution the app
needs at run time with its licence text (pip-licenses, from the installed metadata), then the texts
the PySide6 wheels do not carry (LGPL-3.0, GPL-2.0, GPL-3.0) and the Python runtime's licence.

    python3 packaging/notices.py OUT_FILE
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROJECT = "desktop-app"
# Qt and PySide6 are LGPL-3.0 (or GPL); their wheels ship no licence text.
EXTRA_TEXTS = ("LGPL-3.0.txt", "GPL-3.0.txt", "GPL-2.0.txt")
RULE = "=" * 78


def runtime_distributions(project: str = PROJECT) -> list[str]:
    """Names of the installed distributions the project needs at run time (no extras), sorted."""
    seen: dict[str, str] = {}
    todo = [project]
    while todo:
        name = todo.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement whose marker fits another platform was filtered below
        key = dist.metadata["Name"].lower().replace("_", "-")
        if key in seen:
            continue
        seen[key] = dist.metadata["Name"]
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    seen.pop(PROJECT, None)
    return sorted(seen.values(), key=str.lower)


def _python_licence() -> str:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for candidate in (stdlib / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt"):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8", errors="replace")
    return "Python Software Foundation License Version 2 (PSF-2.0); see the Python distribution."


def write_notices(out: Path) -> list[str]:
    """Write the notices file; returns the distributions it lists."""
    names = runtime_distributions()
    listing = subprocess.run(
        [sys.executable, "-m", "piplicenses", "--from=mixed", "--with-urls", "--with-license-file",
         "--no-license-path", "--with-notice-file", "--format=plain-vertical", "--packages", *names],
        check=True, capture_output=True, text=True,
    ).stdout
    parts = [
        f"{PROJECT}: its own licence",
        RULE,
        (ROOT / "LICENSE").read_text(encoding="utf-8"),
        "",
        "Libraries bundled with it, with their licences (generated from their package metadata)",
        RULE,
        listing,
        "Python runtime",
        RULE,
        _python_licence(),
        "",
        "PySide6, shiboken6 and Qt are used under the GNU LGPL version 3. They are kept as separate",
        "shared libraries in the application folder; you may replace them with compatible builds.",
        "Their source is at https://code.qt.io. libsndfile (LGPL-2.1+, in the soundfile package) is",
        "also a separate library. The texts of the GNU licences follow.",
    ]
    for name in EXTRA_TEXTS:
        parts += ["", name.removesuffix(".txt"), RULE, (HERE / "licenses" / name).read_text(encoding="utf-8")]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(parts), encoding="utf-8")
    return names


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "build" / "notices" / "THIRD_PARTY_NOTICES.txt")
    listed = write_notices(target)
    print(f"{target}: {len(listed)} distributions")
