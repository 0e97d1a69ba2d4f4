"""setuptools shim: the project metadata is in pyproject.toml.

build_py also makes sure resources/tiktoken holds the verified BPE files
(packaging/fetch_encodings.py), compiles resources/i18n/*.ts into *.qm next to them with Qt's
lrelease (packaging/translations.py) and, for a regular wheel, copies the top-level resources/ tree
into the package as desktop_app/resources/. An editable install (pip install -e .) only
populates <repo>/resources/tiktoken and the .qm files in <repo>/resources/i18n: the app then finds the
checkout's copy at run time (desktop_app/resource_paths.py).
"""

import importlib.util
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py as _build_py
from setuptools.command.sdist import sdist as _sdist

ROOT = Path(__file__).resolve().parent
RESOURCES = ROOT / "resources"
FETCH_SCRIPT = "packaging/fetch_encodings.py"
TRANSLATIONS_SCRIPT = "packaging/translations.py"


def _resource_files():
    """Files under resources/, without hidden or temporary files (e.g. an interrupted write) and
    without the README's screenshots, which the app does not use."""
    return sorted(
        p
        for p in RESOURCES.rglob("*")
        if p.is_file()
        and not p.name.startswith(".")
        and not p.name.endswith(".tmp")
        and p.relative_to(RESOURCES).parts[0] != "screenshots"
        and p.suffix != ".ts"  # the app reads the compiled .qm
    )


def _load_script(name: str, path: str):
    # Loaded by path: a package named "packaging" would clash with the PyPI library.
    spec = importlib.util.spec_from_file_location(name, ROOT / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ensure_encodings() -> None:
    _load_script("fetch_encodings", FETCH_SCRIPT).ensure_encodings(RESOURCES / "tiktoken")


def _compile_translations() -> None:
    _load_script("translations", TRANSLATIONS_SCRIPT).compile_translations(RESOURCES / "i18n")


class build_py(_build_py):
    def run(self):
        _ensure_encodings()
        _compile_translations()
        super().run()
        if not self.editable_mode:
            self._copy_resources()

    def _resource_files(self):
        return _resource_files()

    def _copy_resources(self):
        target = Path(self.build_lib) / "desktop_app" / "resources"
        if target.exists():
            shutil.rmtree(target)  # no stale files from an earlier build
        for src in self._resource_files():
            dst = target / src.relative_to(RESOURCES)
            self.mkpath(str(dst.parent))
            self.copy_file(str(src), str(dst))

    def get_outputs(self, include_bytecode=True):
        outputs = super().get_outputs(include_bytecode)
        if not self.editable_mode:
            target = Path(self.build_lib) / "desktop_app" / "resources"
            outputs += [str(target / p.relative_to(RESOURCES)) for p in self._resource_files()]
        return outputs


class sdist(_sdist):
    """Put the build scripts and resources/ into the sdist so a wheel can be built from it. The
    BPE files are left out (that wheel build fetches and verifies them), and so are the .qm files
    (it compiles them from the .ts sources)."""

    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        extras = [ROOT / FETCH_SCRIPT, ROOT / TRANSLATIONS_SCRIPT]
        extras += [p for p in _resource_files() if p.relative_to(RESOURCES).parts[0] not in ("tiktoken", "i18n")]
        extras += sorted((RESOURCES / "i18n").glob("*.ts"))
        for src in extras:
            dst = Path(base_dir) / src.relative_to(ROOT)
            self.mkpath(str(dst.parent))
            self.copy_file(str(src), str(dst))


setup(cmdclass={"build_py": build_py, "sdist": sdist})
