"""Build the macOS disk image: the .app, its self-test, optional signing and notarisation, hdiutil.

    python3 packaging/macos/build.py

Writes dist/desktop-app-<version>-macos-<arch>.dmg. Signing runs when MACOS_SIGN_IDENTITY names a
Developer ID certificate in the keychain; notarisation (notarytool, then stapler) runs when
APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD are set as well. Without them the image is unsigned
and Gatekeeper asks the user to confirm the first start (README: Install).
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGING = HERE.parent
ROOT = PACKAGING.parent
sys.path.insert(0, str(PACKAGING))
sys.path.insert(0, str(ROOT))

import build_bundle  # noqa: E402

from desktop_app import identity  # noqa: E402


def sign(app: Path, identity_name: str) -> None:
    subprocess.run(
        ["codesign", "--force", "--deep", "--timestamp", "--options", "runtime",
         "--entitlements", str(HERE / "entitlements.plist"), "--sign", identity_name, str(app)],
        check=True,
    )
    subprocess.run(["codesign", "--verify", "--deep", "--strict", "--verbose=2", str(app)], check=True)


def make_dmg(app: Path, out: Path) -> None:
    """A compressed image holding the app and a link to /Applications to drag it onto."""
    with tempfile.TemporaryDirectory() as staging:
        shutil.copytree(app, Path(staging) / app.name, symlinks=True)
        os.symlink("/Applications", Path(staging) / "Applications")
        out.unlink(missing_ok=True)
        subprocess.run(
            ["hdiutil", "create", "-volname", identity.DISPLAY_NAME, "-srcfolder", staging,
             "-fs", "HFS+", "-format", "UDZO", "-ov", str(out)],
            check=True,
        )


def notarise(dmg: Path) -> None:
    subprocess.run(
        ["xcrun", "notarytool", "submit", str(dmg), "--wait",
         "--apple-id", os.environ["APPLE_ID"], "--team-id", os.environ["APPLE_TEAM_ID"],
         "--password", os.environ["APPLE_APP_PASSWORD"]],
        check=True,
    )
    subprocess.run(["xcrun", "stapler", "staple", str(dmg)], check=True)


def main() -> int:
    app = build_bundle.build()
    build_bundle.selftest(app)
    signer = os.environ.get("MACOS_SIGN_IDENTITY", "")
    if signer:
        sign(app, signer)
    dmg = build_bundle.DIST / f"{identity.EXECUTABLE}-{identity.VERSION}-macos-{platform.machine()}.dmg"
    make_dmg(app, dmg)
    if signer:
        subprocess.run(["codesign", "--force", "--timestamp", "--sign", signer, str(dmg)], check=True)
        if all(os.environ.get(k) for k in ("APPLE_ID", "APPLE_TEAM_ID", "APPLE_APP_PASSWORD")):
            notarise(dmg)
    print(dmg)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
