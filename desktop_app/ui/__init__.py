"""Widgets only: main window, chat view, composer, panels, dialogs. No network, files or threads."""
