"""packaging/fetch_encodings.py: the fast path, and replacing or refusing files with a wrong hash.

Only the download step is faked (a locally built zip laid out like the litellm wheel); the zip
reading, the sha256 checks and the writes are the real ones.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "packaging" / "fetch_encodings.py"


def _load_module():
    # By path: "packaging" is also the name of a PyPI library.
    spec = importlib.util.spec_from_file_location("fetch_encodings_under_test", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fe = _load_module()


@pytest.fixture(scope="module")
def real_files() -> dict[str, bytes]:
    """The verified files from the checkout's resources/tiktoken (fetched once if missing)."""
    fe.ensure_encodings(fe.DEFAULT_DEST)
    return {enc.name: (fe.DEFAULT_DEST / enc.file_name).read_bytes() for enc in fe.ENCODINGS}


@pytest.fixture
def dest(tmp_path, real_files) -> Path:
    folder = tmp_path / "tiktoken"
    folder.mkdir()
    for enc in fe.ENCODINGS:
        (folder / enc.file_name).write_bytes(real_files[enc.name])
    return folder


@pytest.fixture
def no_subprocess(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"subprocess.run called: {args}")

    monkeypatch.setattr(subprocess, "run", refuse)


def fake_wheel(path: Path, contents: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("litellm/__init__.py", "")
        for enc in fe.ENCODINGS:
            zf.writestr(fe.LITELLM_TOKENIZERS + enc.cache_name, contents[enc.name])
    return path


@pytest.fixture
def serve_wheel(monkeypatch, tmp_path):
    """Replace only the pip download with a copy of a local zip; npm is made unavailable."""
    calls = []

    def install(contents: dict[str, bytes]):
        source = fake_wheel(tmp_path / "source.whl", contents)

        def download(workdir: Path) -> Path:
            calls.append(workdir)
            target = workdir / f"litellm-{fe.LITELLM_VERSION}-cp310-abi3-fake.whl"
            shutil.copyfile(source, target)
            return target

        monkeypatch.setattr(fe, "_download_litellm_wheel", download)

    monkeypatch.setattr(fe.shutil, "which", lambda name: None)
    install.calls = calls
    return install


def test_fast_path_does_not_run_pip(dest, no_subprocess):
    before = {p.name: p.stat().st_mtime_ns for p in dest.iterdir()}
    fe.ensure_encodings(dest)
    assert {p.name: p.stat().st_mtime_ns for p in dest.iterdir()} == before


def test_cli_fast_path(dest):
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), str(dest)], capture_output=True, text=True, timeout=30
    )
    assert proc.returncode == 0, proc.stderr
    assert "o200k_base.tiktoken: ok" in proc.stdout
    assert "fetch_encodings: got" not in proc.stderr  # nothing fetched


def test_wrong_hash_in_dest_is_replaced(dest, real_files, serve_wheel):
    serve_wheel(real_files)
    broken = dest / "cl100k_base.tiktoken"
    broken.write_bytes(real_files["cl100k_base"][:-10] + b"corrupted\n")
    o200k_mtime = (dest / "o200k_base.tiktoken").stat().st_mtime_ns

    fe.ensure_encodings(dest)

    assert len(serve_wheel.calls) == 1
    assert broken.read_bytes() == real_files["cl100k_base"]
    assert (dest / "o200k_base.tiktoken").stat().st_mtime_ns == o200k_mtime  # untouched
    assert sorted(p.name for p in dest.iterdir()) == ["cl100k_base.tiktoken", "o200k_base.tiktoken"]


def test_missing_dest_is_created(tmp_path, real_files, serve_wheel):
    dest = tmp_path / "new" / "tiktoken"
    serve_wheel(real_files)
    fe.ensure_encodings(dest)
    for enc in fe.ENCODINGS:
        assert (dest / enc.file_name).read_bytes() == real_files[enc.name]


def test_source_with_wrong_hash_is_refused(dest, real_files, serve_wheel):
    serve_wheel({**real_files, "o200k_base": b"IQ== 0\nIg== 1\n"})
    (dest / "o200k_base.tiktoken").unlink()

    with pytest.raises(fe.FetchError) as excinfo:
        fe.ensure_encodings(dest)

    message = str(excinfo.value)
    assert "refusing" in message and "npm is not on PATH" in message
    assert fe.ENCODINGS[0].sha256 in message  # tells what to put there by hand
    assert sorted(p.name for p in dest.iterdir()) == ["cl100k_base.tiktoken"]  # nothing written


def test_crlf_files_from_windows_wheels_are_normalised(tmp_path, real_files, serve_wheel):
    # The win_amd64 litellm wheels store the files with CRLF line endings.
    serve_wheel({name: data.replace(b"\n", b"\r\n") for name, data in real_files.items()})
    dest = tmp_path / "tiktoken"
    fe.ensure_encodings(dest)
    for enc in fe.ENCODINGS:
        assert (dest / enc.file_name).read_bytes() == real_files[enc.name]


def test_pip_failure_without_npm_is_a_clear_error(tmp_path, monkeypatch):
    def failing_run(cmd, **kwargs):
        return subprocess.CompletedProcess(cmd, 1, "", "ERROR: No matching distribution found")

    monkeypatch.setattr(fe.subprocess, "run", failing_run)
    monkeypatch.setattr(fe.shutil, "which", lambda name: None)

    with pytest.raises(fe.FetchError) as excinfo:
        fe.ensure_encodings(tmp_path / "tiktoken")

    message = str(excinfo.value)
    assert "No matching distribution found" in message
    assert "npm" in message and "pip" in message


def test_rebuild_from_js_tiktoken_ranks():
    # two lines: "<display> <first rank> <base64 tokens...>", ranks counting up from the start
    module = 'export default {"pat_str":"x","special_tokens":{},"bpe_ranks":"! 0 IQ== Ig==\\nxy 2 Iw=="};\n'
    assert fe._rebuild_from_js(module) == b"IQ== 0\nIg== 1\nIw== 2\n"
