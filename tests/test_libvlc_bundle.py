"""A frozen bundle points python-vlc at its own libVLC, or says what is missing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from station_app.libvlc_bundle import bundle_layout, library_names

# Runs in a fresh interpreter: the check must come before python-vlc's import.
_PROBE = """
import os, sys
from pathlib import Path
from station_app.libvlc_bundle import use_bundled_libvlc
print(use_bundled_libvlc(Path(sys.argv[1])))
try:
    import vlc
except ImportError as error:
    print("no vlc:", error)
else:
    print(vlc.dll._name, os.environ["VLC_PLUGIN_PATH"], vlc.libvlc_get_version().decode())
"""


def system_libvlc() -> Path:
    """The folder of the system's libVLC, found as python-vlc finds it."""
    maps = subprocess.run(
        [sys.executable, "-c", "import vlc; print(open('/proc/self/maps').read())"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    library = next(line.split()[-1] for line in maps.splitlines() if "/libvlc.so.5" in line)
    return Path(library).parent


def probe(root: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        # A user's own variables must not lead python-vlc elsewhere.
        env={"PATH": "/usr/bin:/bin", "PYTHON_VLC_MODULE_PATH": "/nonexistent"},
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_complete_bundle_loads_its_own_libvlc(tmp_path: Path) -> None:
    files = bundle_layout(tmp_path)
    system = system_libvlc()
    for name in library_names():
        (tmp_path / name).symlink_to(system / name)
    files.plugins.mkdir(parents=True)
    problem, loaded = probe(tmp_path)
    assert problem == "None"
    library, plugins, version = loaded.split(" ", 2)
    assert (library, plugins) == (str(files.library), str(files.plugins))
    assert version.startswith("3.")


def test_incomplete_bundle_names_what_is_missing_and_never_loads_another_libvlc(
    tmp_path: Path,
) -> None:
    (tmp_path / library_names()[0]).symlink_to(system_libvlc() / library_names()[0])
    problem, loaded = probe(tmp_path)
    assert problem == (
        f"This copy of Station App is incomplete ({library_names()[1]}, vlc/plugins missing); "
        "reinstall it to play."
    )
    assert loaded.startswith("no vlc:")  # and the process lives on to say so


def test_each_platform_has_its_library_names() -> None:
    assert library_names("linux") == ("libvlc.so.5", "libvlccore.so.9")
    assert library_names("win32") == ("libvlc.dll", "libvlccore.dll")
    assert library_names("darwin") == ("libvlc.dylib", "libvlccore.dylib")
