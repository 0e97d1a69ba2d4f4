"""Put tiktoken's BPE files for o200k_base and cl100k_base into a folder, at build time.

The app counts tokens offline, so it ships the two encoding files instead of letting tiktoken
download them at run time. They are not in git (resources/tiktoken/ is ignored); this script
obtains them from a registry package and checks each file against its known sha256:

1. the litellm wheel (pinned), which carries the files under their tiktoken cache names in
   litellm/litellm_core_utils/tokenizers/; only those two members are read from the zip;
2. if pip cannot get it and npm is on PATH, the js-tiktoken npm package (pinned), whose
   dist/ranks/<name>.js holds the same ranks, from which the file is rebuilt byte for byte.

If dest already holds both files with the right sha256, nothing is fetched.

Usage: python3 packaging/fetch_encodings.py [dest]   (default: <repo>/resources/tiktoken)
Standard library only: setup.py imports it by file path during a build.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path
from typing import NamedTuple

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DEST = REPO_ROOT / "resources" / "tiktoken"

LITELLM_VERSION = "1.110.2"  # later releases may move the folder: keep pinned
LITELLM_TOKENIZERS = "litellm/litellm_core_utils/tokenizers/"
JS_TIKTOKEN_VERSION = "1.0.21"


class Encoding(NamedTuple):
    name: str
    cache_name: str  # sha1 of tiktoken's download URL: the name tiktoken's cache (and litellm) uses
    sha256: str  # tiktoken's expected_hash for the file's content

    @property
    def file_name(self) -> str:
        return f"{self.name}.tiktoken"


ENCODINGS = (
    Encoding(
        "o200k_base",
        "fb374d419588a4632f3f557e76b4b70aebbca790",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
    Encoding(
        "cl100k_base",
        "9b5ad71b2ce5302211f9c61530b329a4922fc6a4",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
)


class FetchError(RuntimeError):
    """The encoding files could not be obtained or did not verify."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _is_valid(path: Path, sha256: str) -> bool:
    try:
        return _sha256(path.read_bytes()) == sha256
    except OSError:
        return False


def _verified(enc: Encoding, data: bytes, source: str) -> bytes:
    """Return data if its sha256 is right. The Windows litellm wheels store the files with CRLF
    line endings; the LF form of such a file is the original, so accept it after normalising."""
    if _sha256(data) == enc.sha256:
        return data
    normalised = data.replace(b"\r\n", b"\n")
    if _sha256(normalised) == enc.sha256:
        return normalised
    raise FetchError(
        f"{enc.name} from {source} has sha256 {_sha256(data)}, expected {enc.sha256}; refusing it"
    )


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- source 1: the litellm wheel (PyPI, through pip) ---------------------------------------


def _download_litellm_wheel(workdir: Path) -> Path:
    """Download the pinned litellm wheel into workdir with pip and return its path."""
    args = [
        "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--disable-pip-version-check", f"litellm=={LITELLM_VERSION}", "-d", str(workdir),
    ]  # fmt: skip
    for python in _pythons_with_pip():
        proc = subprocess.run([python, *args], capture_output=True, text=True, env=_pip_env())
        output = proc.stderr or proc.stdout
        if proc.returncode == 0 or "No module named pip" not in output:
            break
    if proc.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-5:])
        raise FetchError(f"`{' '.join(args[1:])}` failed (exit {proc.returncode}):\n{tail}")
    wheels = sorted(workdir.glob(f"litellm-{LITELLM_VERSION}-*.whl"))
    if not wheels:
        raise FetchError(f"pip reported success but left no litellm wheel in {workdir}")
    return wheels[0]


def _pythons_with_pip() -> list[str]:
    """Interpreters to run pip with: this one, then the one its venv was made from (the build
    environments made by `python -m build` have no pip)."""
    base = getattr(sys, "_base_executable", None)
    return [sys.executable] + ([base] if base and base != sys.executable else [])


def _pip_env() -> dict[str, str]:
    """Environment for the pip subprocess. Inside pip's isolated build environment PYTHONPATH
    points at a site dir that hides the interpreter's own site-packages (and with it pip);
    the child pip must see the normal interpreter."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONNOUSERSITE", None)
    return env


def _from_litellm(encodings: list[Encoding]) -> dict[Encoding, bytes]:
    with tempfile.TemporaryDirectory(prefix="fetch-encodings-") as tmp:
        wheel = _download_litellm_wheel(Path(tmp))
        try:
            with zipfile.ZipFile(wheel) as zf:
                found = {}
                for enc in encodings:
                    member = LITELLM_TOKENIZERS + enc.cache_name
                    try:
                        data = zf.read(member)
                    except KeyError:
                        raise FetchError(f"{wheel.name} has no {member}") from None
                    found[enc] = _verified(enc, data, wheel.name)
                return found
        except zipfile.BadZipFile as e:
            raise FetchError(f"{wheel.name} is not a valid wheel: {e}") from e


# --- source 2: the js-tiktoken npm package -----------------------------------------------


def _rebuild_from_js(js_source: str) -> bytes:
    """Rebuild a .tiktoken file from js-tiktoken's dist/ranks/<name>.js.

    The module is `export default {...};` with a JSON object whose "bpe_ranks" is one string of
    lines "<display field> <first rank> <base64 token> <base64 token> ...", ranks counting up.
    """
    text = js_source.strip()
    prefix = "export default"
    if not text.startswith(prefix):
        raise FetchError("unexpected js-tiktoken ranks module format")
    ranks = json.loads(text[len(prefix) :].strip().rstrip(";"))["bpe_ranks"]
    tokens: dict[int, str] = {}
    for line in ranks.split("\n"):
        fields = line.split(" ")
        if len(fields) < 3:
            continue
        start = int(fields[1])
        for offset, token in enumerate(fields[2:]):
            base64.b64decode(token, validate=True)  # reject anything that is not base64
            tokens[start + offset] = token
    return b"".join(f"{tokens[r]} {r}\n".encode("ascii") for r in sorted(tokens))


def _from_js_tiktoken(encodings: list[Encoding]) -> dict[Encoding, bytes]:
    npm = shutil.which("npm")
    if npm is None:
        raise FetchError("npm is not on PATH")
    with tempfile.TemporaryDirectory(prefix="fetch-encodings-npm-") as tmp:
        cmd = [npm, "pack", f"js-tiktoken@{JS_TIKTOKEN_VERSION}", "--silent"]
        proc = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True)
        tarballs = list(Path(tmp).glob("js-tiktoken-*.tgz"))
        if proc.returncode != 0 or not tarballs:
            tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-5:])
            raise FetchError(f"`npm pack js-tiktoken@{JS_TIKTOKEN_VERSION}` failed:\n{tail}")
        found = {}
        with tarfile.open(tarballs[0], "r:gz") as tf:
            for enc in encodings:
                member = f"package/dist/ranks/{enc.name}.js"
                try:
                    fobj = tf.extractfile(member)
                except KeyError:
                    fobj = None
                if fobj is None:
                    raise FetchError(f"{tarballs[0].name} has no {member}")
                data = _rebuild_from_js(fobj.read().decode("utf-8"))
                found[enc] = _verified(enc, data, f"js-tiktoken {member}")
        return found


# --- entry points -------------------------------------------------------------------------


def ensure_encodings(dest: Path) -> None:
    """Make sure dest holds o200k_base.tiktoken and cl100k_base.tiktoken with the right sha256.

    Files already present and correct are left alone (no network at all when both are). A file
    with the wrong content is replaced. Raises FetchError if neither source works.
    """
    dest = Path(dest)
    missing = [enc for enc in ENCODINGS if not _is_valid(dest / enc.file_name, enc.sha256)]
    if not missing:
        return

    errors = []
    found: dict[Encoding, bytes] | None = None
    for label, source in (
        (f"pip: litellm=={LITELLM_VERSION} wheel", _from_litellm),
        (f"npm: js-tiktoken@{JS_TIKTOKEN_VERSION}", _from_js_tiktoken),
    ):
        try:
            found = source(missing)
            print(f"fetch_encodings: got {len(found)} file(s) from {label}", file=sys.stderr)
            break
        except (FetchError, OSError, ValueError, tarfile.TarError, zipfile.BadZipFile) as e:
            errors.append(f"- {label}: {e}")

    if found is None:
        names = ", ".join(enc.file_name for enc in missing)
        raise FetchError(
            f"Could not obtain {names} for {dest}.\n"
            + "\n".join(errors)
            + "\nThe build needs access to the Python package index (pip) or to the npm registry "
            "(npm on PATH). Alternatively copy verified files there by hand: "
            + "; ".join(f"{e.file_name} with sha256 {e.sha256}" for e in missing)
            + f". Then run `python3 packaging/fetch_encodings.py {dest}` to check them."
        )
    for enc, data in found.items():
        _atomic_write(dest / enc.file_name, data)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print(__doc__.strip())
        return 0 if args and args[0] in ("-h", "--help") else 2
    dest = Path(args[0]) if args else DEFAULT_DEST
    try:
        ensure_encodings(dest)
    except FetchError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    for enc in ENCODINGS:
        print(f"{dest / enc.file_name}: ok ({enc.sha256[:12]}...)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
