"""The frozen program's entry point (PyInstaller runs this file as __main__).

`sambung --simulator --port N` is how app.core.demo starts the SIP customer simulator
in a build (there is no `python -m` there), `sambung --dapros-check` the dapros import's
checking process (app.services.dapros_check_process); everything else is app.cli.main.
When the benchmark or the packaging test steers the build through SAMBUNG_*
variables (see app.views.settings.startup), the start-up probe is put on the
QApplication first; without them nothing extra is imported.  It must stay this
small: all behaviour belongs to the app package.
"""

import multiprocessing
import os
import sys

PROBE_VARIABLES = ("SAMBUNG_TIMING", "SAMBUNG_AUTOLOGIN", "SAMBUNG_EXIT_AFTER_START", "SAMBUNG_EXIT_AFTER_DESK")


def opens_window(argv: list[str]) -> bool:
    """No sub-command and no --version: the window will open."""
    if "--version" in argv:
        return False
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--db", "--lang"):
            skip = True                 # their value is not a sub-command
        elif not arg.startswith("-"):
            return False
    return True


def run() -> int:
    argv = sys.argv[1:]
    if argv[:1] == ["--simulator"]:
        from app.telephony.simulator import main as simulator_main
        return int(simulator_main(argv[1:]) or 0)
    if argv[:1] == ["--dapros-check"]:
        from app.services.dapros_check_process import main as check_main
        return check_main()
    if any(os.environ.get(name) for name in PROBE_VARIABLES) and opens_window(argv):
        from app.views.settings.startup import install_early
        install_early(sys.argv[0])
    from app.cli import main
    return int(main(argv) or 0)


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(run())
