"""The libVLC a frozen bundle carries: where it lies, and pointing python-vlc at it.

The bundle's build (packaging/pyinstaller) and its start-up hook share this
layout on every platform: libvlc and libvlccore beside the bundle's other
libraries, the plugins under vlc/plugins. Outside a bundle python-vlc finds
the installed VLC by itself (the system library, the Windows registry's VLC
folder, or /Applications/VLC.app).
"""

from __future__ import annotations

import ctypes
import os
import sys
from dataclasses import dataclass
from pathlib import Path

# (libvlc, libvlccore) as each platform names them.
_LIBRARY_NAMES = {
    "linux": ("libvlc.so.5", "libvlccore.so.9"),
    "win32": ("libvlc.dll", "libvlccore.dll"),
    "darwin": ("libvlc.dylib", "libvlccore.dylib"),
}
PLUGINS_FOLDER = Path("vlc", "plugins")


@dataclass(frozen=True)
class LibVlcFiles:
    """libVLC's two libraries and its plugin folder."""

    library: Path
    core: Path
    plugins: Path

    def missing(self) -> list[Path]:
        files = [path for path in (self.library, self.core) if not path.is_file()]
        return files if self.plugins.is_dir() else [*files, self.plugins]


def library_names(platform: str = sys.platform) -> tuple[str, str]:
    """The file names of libvlc and libvlccore on `platform` (a `sys.platform` value)."""
    return _LIBRARY_NAMES["linux" if platform.startswith("linux") else platform]


def bundle_layout(root: Path, platform: str = sys.platform) -> LibVlcFiles:
    """Where a bundle unpacked at `root` keeps libVLC."""
    library, core = library_names(platform)
    return LibVlcFiles(root / library, root / core, root / PLUGINS_FOLDER)


def use_bundled_libvlc(root: Path) -> str | None:
    """Point python-vlc at the bundle's libVLC; must run before anything imports `vlc`.

    Returns None, or a sentence naming what is missing. Then `vlc` cannot be
    imported at all and the app says playback is unavailable: python-vlc would
    otherwise load whatever libVLC the system has, or end the process when its
    variables name a file it cannot load.
    """
    files = bundle_layout(root)
    missing = files.missing()
    if missing:
        sys.modules["vlc"] = None  # type: ignore[assignment]  # makes `import vlc` fail
        names = ", ".join(str(path.relative_to(root)) for path in missing)
        return f"This copy of Station App is incomplete ({names} missing); reinstall it to play."
    # Loaded first so libvlc resolves its libvlccore to this copy, whatever the loader's path.
    ctypes.CDLL(str(files.core))
    os.environ["PYTHON_VLC_LIB_PATH"] = str(files.library)
    os.environ["VLC_PLUGIN_PATH"] = str(files.plugins)
    os.environ.pop("PYTHON_VLC_MODULE_PATH", None)
    return None
