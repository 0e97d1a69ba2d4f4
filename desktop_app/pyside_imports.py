"""Imports without PySide6's per-module source scan, which reads every imported .py file again."""

from __future__ import annotations

import types


def skip_source_scan() -> None:
    """Stop PySide6's __feature__ hook from reading the source of every module imported from now on.

    Once PySide6 is imported, each later import runs `inspect.getsource` on the new module to find
    "PySide6" in it, and keeps its lines in linecache. Only a module that selects a feature with
    `from __feature__ import ...` needs that answer, and such a module is registered by that import
    itself, before this check; the app selects none. So every other module is answered "does not use
    PySide6" (PySide6 then leaves its attribute lookups as they are), without reading anything.
    """
    try:
        from shibokensupport import feature
    except ImportError:  # another PySide6 build: nothing to skip
        return
    if callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _selects_no_feature


def _selects_no_feature(_module: types.ModuleType) -> bool:
    return False
