"""The frozen app's entry point: restore the user's environment for child processes, then start."""

import os
import sys


def _restore_child_environment() -> None:
    """Put back the variables the bootloader and PyInstaller's hooks changed (rthook_child_env.py)."""
    for name, value in getattr(sys, "_desktop_app_child_env", {}).items():
        os.environ.pop(name + "_ORIG", None)
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


if __name__ == "__main__":
    if sys.argv[1:2] == ["--count-tokens"]:  # the token counting helper (services/token_process.py)
        from desktop_app.services.token_process import serve

        sys.exit(serve(sys.argv[2], sys.argv[3]))
    if sys.argv[1:2] == ["--list-audio-devices"]:  # the device listing helper (services/device_lister.py)
        from desktop_app.services.device_lister import serve

        sys.exit(serve())
    _restore_child_environment()
    from desktop_app.app import main

    sys.exit(main())
