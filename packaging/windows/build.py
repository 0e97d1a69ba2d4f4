"""Build the Windows installer: the bundle, its self-test, then Inno Setup.

    python packaging/windows/build.py

Writes dist/desktop-app-<version>-windows-setup.exe. Needs Inno Setup 6 (ISCC.exe on PATH or in its
default folder). Run on Windows (the CI workflow .github/workflows/build-windows.yml does).
When WINDOWS_SIGN_PFX names a code-signing certificate file (WINDOWS_SIGN_PASSWORD its password),
the app and the installer are signed with signtool; otherwise SmartScreen warns on first start.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGING = HERE.parent
ROOT = PACKAGING.parent
sys.path.insert(0, str(PACKAGING))
sys.path.insert(0, str(ROOT))

import build_bundle  # noqa: E402

from desktop_app import identity  # noqa: E402


def iscc() -> str:
    found = shutil.which("ISCC") or shutil.which("iscc")
    for candidate in (found, r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe", r"C:\Program Files\Inno Setup 6\ISCC.exe"):
        if candidate and Path(candidate).exists():
            return candidate
    raise SystemExit("Inno Setup 6 is not installed (choco install innosetup)")


def sign(path: Path) -> None:
    """Sign with the certificate named by WINDOWS_SIGN_PFX, when there is one."""
    pfx = os.environ.get("WINDOWS_SIGN_PFX", "")
    if not pfx:
        return
    kits = Path(r"C:\Program Files (x86)\Windows Kits\10\bin")
    signtool = shutil.which("signtool") or str(max(kits.glob("*/x64/signtool.exe")))
    subprocess.run(
        [signtool, "sign", "/f", pfx, "/p", os.environ.get("WINDOWS_SIGN_PASSWORD", ""), "/fd", "sha256",
         "/tr", os.environ.get("WINDOWS_TIMESTAMP_URL", "http://timestamp.digicert.com"), "/td", "sha256", str(path)],
        check=True,
    )


def main() -> int:
    bundle = build_bundle.build()
    build_bundle.selftest(bundle)
    sign(build_bundle.executable(bundle))
    subprocess.run(
        [iscc(), f"/DAppName={identity.DISPLAY_NAME}", f"/DAppVersion={identity.VERSION}",
         f"/DAppExe={identity.EXECUTABLE}", f"/DAppPublisher={identity.ORGANISATION}", f"/DRepoRoot={ROOT}",
         str(HERE / "desktop-app.iss")],
        check=True, env=dict(os.environ),
    )
    setup = build_bundle.DIST / f"{identity.EXECUTABLE}-{identity.VERSION}-windows-setup.exe"
    sign(setup)
    print(setup)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
