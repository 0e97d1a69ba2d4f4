"""The layer rules of ARCHITECTURE.md hold: import-linter contracts, Qt-free core/services, lazy openai."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "desktop_app"


def run_python(code: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run `code` in a fresh interpreter from the repository root (so this checkout is imported)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def modules_under(*packages: str) -> list[str]:
    names = []
    for package in packages:
        directory = REPO.joinpath(*package.split("."))
        names.append(package)
        for path in sorted(directory.rglob("*.py")):
            if path.name == "__init__.py":
                if path.parent != directory:
                    names.append(".".join(path.parent.relative_to(REPO).parts))
                continue
            names.append(".".join(path.with_suffix("").relative_to(REPO).parts))
    return names


def test_import_linter_contracts_are_kept():
    """`lint-imports` with the contracts in pyproject.toml (the same check CI runs)."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; "
            "sys.argv[0] = 'lint-imports'; lint_imports_command()",
            str(REPO / "pyproject.toml"),
            "--no-cache",
            "--no-logo",
        ],
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"lint-imports failed (exit {result.returncode}):\n{output}"
    assert "BROKEN" not in output
    assert "0 broken" in output, output


def test_core_and_services_do_not_load_qt():
    modules = modules_under("desktop_app.core", "desktop_app.services")
    assert "desktop_app.core.request" in modules and "desktop_app.services.settings_store" in modules
    result = run_python(
        f"""
        import importlib, json, sys
        import desktop_app
        assert desktop_app.__file__.startswith({str(PACKAGE)!r}), desktop_app.__file__
        for name in {modules!r}:
            importlib.import_module(name)
        print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))))
        """
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_core_does_not_load_openai():
    modules = modules_under("desktop_app.core")
    result = run_python(
        f"""
        import importlib, sys
        for name in {modules!r}:
            importlib.import_module(name)
        print("openai" in sys.modules)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_importing_the_app_does_not_load_the_openai_sdk():
    """openai takes ~0.6 s to import: it must load after the window shows, off the GUI thread."""
    result = run_python(
        """
        import sys
        import desktop_app.app
        print(sorted(m for m in sys.modules if m == "openai" or m.startswith("openai.")))
        print("PySide6.QtWidgets" in sys.modules)
        """
    )
    assert result.returncode == 0, result.stderr
    openai_modules, widgets_loaded = result.stdout.strip().splitlines()[-2:]
    assert openai_modules == "[]", f"desktop_app.app imported the SDK at start-up: {openai_modules}"
    assert widgets_loaded == "True"  # sanity check: the app module really was imported


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, at any depth (including imports inside functions)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


@pytest.mark.parametrize("layer", ["controllers", "workers"])
def test_controllers_and_workers_use_no_widgets(layer):
    """import-linter cannot forbid a subpackage of an external package (PySide6.QtWidgets): check it here."""
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files
    offenders = [
        f"{path.relative_to(REPO)}:{line} imports {name}"
        for path in files
        for line, name in _imported_modules(path)
        if name == "PySide6.QtWidgets" or name.startswith("PySide6.QtWidgets.")
    ]
    assert offenders == []


def test_widget_check_detects_a_widget_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from PySide6.QtWidgets import QWidget\n", encoding="utf-8")
    assert (2, "PySide6.QtWidgets") in _imported_modules(sample)
