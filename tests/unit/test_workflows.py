"""The Windows and macOS workflows are valid GitHub Actions files and name files that exist."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_the_installer_workflows_exist():
    assert {w.name for w in WORKFLOWS} >= {"build-windows.yml", "build-macos.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_the_github_actions_schema(workflow):
    # check-jsonschema carries the schema of workflow files (SchemaStore's), so this runs offline.
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_files_a_workflow_runs_exist(workflow):
    text = workflow.read_text(encoding="utf-8")
    named = set(re.findall(r"packaging/[\w./-]+\.(?:py|spec|iss|plist|in)\b", text))
    assert named, "the workflow runs no packaging script"
    assert [n for n in named if not (ROOT / n).is_file()] == []
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    for extra in re.findall(r'pip install -e "\.\[(\w+)\]"', text):
        assert extra in extras


def test_the_build_scripts_name_files_that_exist():
    # The spec, the Inno Setup script and the build scripts refer to these by path.
    for relative in [
        "packaging/desktop-app.spec", "packaging/launcher.py", "packaging/rthook_child_env.py",
        "packaging/windows/desktop-app.iss", "packaging/macos/entitlements.plist", "LICENSE",
        "packaging/licenses/LGPL-3.0.txt", "resources/icons/app.svg",
    ]:
        assert (ROOT / relative).is_file(), relative
    iss = (ROOT / "packaging/windows/desktop-app.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss
