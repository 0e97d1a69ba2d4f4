"""PyInstaller runtime hook: programs the frozen app starts get the user's environment, not the bundle's.

The Linux bootloader puts the bundle on LD_LIBRARY_PATH (the user's value is kept in
LD_LIBRARY_PATH_ORIG) and PyInstaller's PySide6 hook sets QT_PLUGIN_PATH and QML2_IMPORT_PATH to the
bundle's Qt. A browser or file manager opened through xdg-open (links, About's folders) would load
the bundle's Qt, ICU and libpython. The dynamic linker read LD_LIBRARY_PATH when this process
started, so changing it now only affects children; Qt finds its own plugins through the qt.conf
PySide6 registers, so the plugin variables can go as well.

Custom runtime hooks run before PyInstaller's own (the PySide6 one sets its variables after this
hook), so this hook records the user's values and packaging/launcher.py puts them back before the
app starts.
"""

import os
import sys

_NAMES = ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "QT_PLUGIN_PATH", "QML2_IMPORT_PATH")


def _user_value(name):
    saved = os.environ.get(name + "_ORIG")  # what the bootloader replaced
    if saved is not None:
        return saved
    value = os.environ.get(name)
    bundle = getattr(sys, "_MEIPASS", None)
    if value is None or (bundle and bundle in value):
        return None  # set by the bootloader with no previous value
    return value


sys._desktop_app_child_env = {name: _user_value(name) for name in _NAMES}
