"""The app's names and version, in one place: used by the app, its paths, keyring and the packaging.

Changing a name here renames the settings and data folders and the keyring entry of every user, so
the spellings below are part of the app's stored state, not decoration. It imports nothing but the
version, so core, services, the PyInstaller spec and the build scripts can all read it.
"""

from __future__ import annotations

from desktop_app import __version__ as VERSION

DISPLAY_NAME = "Desktop Assistant"
"""What a person reads: window title, application menu, About, installers."""

EXECUTABLE = "desktop-app"
"""The command, the .deb package, the settings/data folder names and the keyring service name."""

DESKTOP_FILE_ID = "desktop-app"
"""The .desktop file's name without '.desktop'; also the X11 WM_CLASS (StartupWMClass) and Wayland app id."""

ORGANISATION = "Desktop Assistant Project"
"""Shown in About and installer metadata; deliberately not part of any folder name (appauthor=False)."""

APP_ID = "io.github.desktop_assistant.DesktopAssistant"
"""Reverse-DNS id for AppStream metadata and the macOS bundle identifier."""

SUMMARY = "A light, fast desktop assistant for the OpenAI API and OpenAI-compatible servers"
"""One line for package managers and application menus."""

LICENSE = "MIT"
"""The app's own licence (SPDX); bundled libraries keep theirs (third-party notices)."""

__all__ = [
    "APP_ID",
    "DESKTOP_FILE_ID",
    "DISPLAY_NAME",
    "EXECUTABLE",
    "LICENSE",
    "ORGANISATION",
    "SUMMARY",
    "VERSION",
]
