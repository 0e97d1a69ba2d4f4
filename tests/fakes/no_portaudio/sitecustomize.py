"""Python started with this folder on its path behaves as on Linux without libportaudio2.

sounddevice's import then fails with "OSError: PortAudio library not found", in the app and in every
helper process it starts (they inherit PYTHONPATH), as it would on a machine without the library.
"""

import ctypes.util

_find_library = ctypes.util.find_library
ctypes.util.find_library = lambda name: None if "portaudio" in name else _find_library(name)
