"""`desktop-app --selftest` from the source tree: one line per check, the exit code tells."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop_app import selftest

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--selftest", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=110,
    )


def test_every_check_passes_from_the_source_tree():
    done = _run()
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    checked = {line.split(":")[0].split()[-1] for line in lines if line.startswith("ok")}
    assert checked == {name for name, _check in selftest.CHECKS}
    assert lines[-1] == f"self-test: all {len(selftest.CHECKS)} checks passed"


def test_lines_go_to_the_named_file_when_asked(tmp_path):
    # What a windowed Windows build (no stdout) is run with.
    report = tmp_path / "selftest.txt"
    done = _run("--selftest-output", str(report))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert report.read_text(encoding="utf-8").splitlines()[-1].startswith("self-test: all")


def test_a_build_without_the_tokenizer_files_fails_and_says_so(tmp_path, monkeypatch, qapp):
    # The silent fallback to estimates is what the check exists for; networking stays blocked, so
    # tiktoken cannot quietly download the file either.
    monkeypatch.setattr(selftest, "tiktoken_dir", lambda: tmp_path)
    lines: list[str] = []
    assert selftest.run(lines.append) == 1
    tokenizer = next(line for line in lines if "tokenizer:" in line)
    assert tokenizer.startswith("FAIL") and "only estimates" in tokenizer
    assert lines[-1] == f"self-test: 1 of {len(selftest.CHECKS)} checks failed"

