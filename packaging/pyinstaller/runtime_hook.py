"""PyInstaller runtime hook: runs inside the bundle before the app's own code."""

import locale
import os
import sys
from pathlib import Path

from station_app.libvlc_bundle import use_bundled_libvlc

problem = use_bundled_libvlc(Path(sys._MEIPASS))  # type: ignore[attr-defined]
if problem:
    print(problem, file=sys.stderr)

# The bootloader put the bundle's folder first on the library path to start us (the
# loader read it then); programs we start, such as the web browser, must not inherit it.
if sys.platform.startswith("linux"):
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is None:
        os.environ.pop("LD_LIBRARY_PATH", None)
    else:
        os.environ["LD_LIBRARY_PATH"] = original

# Python run as `python` moves a C locale to UTF-8 (PEP 538); an embedded one does not,
# and Qt warns about it, so a bundle started with a bare environment does the same.
if "LC_ALL" not in os.environ and locale.setlocale(locale.LC_CTYPE) in ("C", "POSIX"):
    os.environ["LC_CTYPE"] = "C.UTF-8"
