"""Run an exported notebook's code cells or a script in a fresh interpreter, as a user would (no kernel)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Each code cell's source in order, in one interpreter; `%pip` lines are Jupyter's, not Python's.
CELLS_RUNNER = """
import sys, nbformat
notebook = nbformat.read(sys.argv[1], as_version=4)
scope = {"__name__": "__main__"}
for cell in notebook.cells:
    if cell.cell_type == "code":
        source = "\\n".join(line for line in cell.source.split("\\n") if not line.startswith("%pip"))
        exec(compile(source, "<cell>", "exec"), scope)
"""


def run_python(args: list[str], cwd: Path, api_key: str, stdin: str | None = None) -> str:
    """Run `python3 args...` in `cwd` with only OPENAI_API_KEY set for the SDK; returns what it printed."""
    env = {**os.environ, "OPENAI_API_KEY": api_key, "PYTHONIOENCODING": "utf-8"}
    env.pop("OPENAI_BASE_URL", None)  # the exported code names its server itself
    result = subprocess.run([sys.executable, *args], cwd=cwd, env=env, input=stdin, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def run_notebook(path: Path, api_key: str) -> str:
    """Run a notebook's code cells in order in the notebook's folder; returns what they printed."""
    return run_python(["-c", CELLS_RUNNER, path.name], path.parent, api_key)
