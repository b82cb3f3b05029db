"""What the bundle leaves out of what PyInstaller collects: Qt it does not use."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PyInstaller.depend.bindepend import get_imports

TocEntry = tuple[str, str, str]  # (destination, source, kind) as PyInstaller lists files

# Qt modules the app does not use, and those only unused plugins pull in. (QtNetwork
# stays: the one-instance check talks over QLocalSocket, and playback asks
# QNetworkInformation when the network is back.)
UNUSED_QT = (
    "QtQml",
    "QtQuick",
    "QtQmlModels",
    "QtQmlMeta",
    "QtQmlWorkerScript",
    "QtVirtualKeyboard",
    "QtPdf",
    "QtOpenGL",
    "QtQuickWidgets",
    "QtPrintSupport",
    "QtSql",
    "QtTest",
    "QtConcurrent",
    "QtXml",
    "QtWebEngine",
    "QtWebEngineCore",
    "QtWebEngineWidgets",
    "QtMultimedia",
    "QtCharts",
    "QtDesigner",
    "QtHelp",
    "QtUiTools",
)
# Qt plugins kept: X11 and Wayland windows (Wayland: xdg-shell, its decorations, EGL),
# offscreen, the desktop portal (dialogs, dark mode), input methods, SVG icons, the
# image formats news articles use, and each system's network information, which tells
# a waiting player that the network is back. On Linux that is NetworkManager's backend,
# Qt's default there, which needs only QtDBus; the GLib backend is left out with GIO.
# The GTK theme plugin is left out too: it would load the system's GTK against the
# bundle's older or newer GLib and cairo.
KEPT_QT_PLUGINS = (
    "platforms/libqxcb.",
    "platforms/libqwayland.",
    "platforms/libqoffscreen.",
    "platforms/qwindows.",
    "platforms/libqcocoa.",
    "platformthemes/libqxdgdesktopportal.",
    "platforminputcontexts/libcompose",
    "platforminputcontexts/libibus",
    "wayland-shell-integration/libxdg-shell.",
    "wayland-decoration-client/",
    "wayland-graphics-integration-client/libqt-plugin-wayland-egl.",
    "xcbglintegrations/",
    "iconengines/",
    "styles/",
    "networkinformation/libqnetworkmanager.",
    "networkinformation/qnetworklistmanager.",  # Windows
    "networkinformation/libqapplenetworkinformation.",  # macOS
    *(
        f"imageformats/{lib}q{kind}."
        for lib in ("lib", "")
        for kind in ("gif", "jpeg", "svg", "webp", "ico")
    ),
)


def wanted(dest: str) -> bool:
    """Whether the bundle keeps the file PyInstaller would put at `dest`: not unused
    Qt libraries, plugins or translations."""
    parts = Path(dest).parts
    name = parts[-1]
    if "translations" in parts and "PySide6" in parts:
        return False  # the app's own text is English; Qt's dialogs stay in step with it
    if any(
        name.startswith((f"lib{qt}".replace("Qt", "Qt6"), qt.replace("Qt", "Qt6")))
        for qt in UNUSED_QT
    ):
        return False
    if "plugins" in parts and "PySide6" in parts:
        inside = "/".join(parts[parts.index("plugins") + 1 :])
        return inside.startswith(KEPT_QT_PLUGINS)
    return True


_SHARED_LIBRARY = re.compile(r"^lib.*\.so(\.|$)")
_LOADED_BY_NAME = ("libvlc.so", "libvlccore.so", "libpython")  # dlopen()ed, never linked


def drop_unneeded_libraries(binaries: list[TocEntry]) -> list[TocEntry]:
    """Drop the shared libraries no kept module or plugin links to.

    PyInstaller collected them for the plugins `wanted` left out (the GTK theme
    plugin alone brings cairo, pango and GDK). Linux only: there ldd lists each
    file's full set of libraries; elsewhere the list is returned as it is.
    """
    if not sys.platform.startswith("linux"):
        return binaries

    def prunable(dest: str) -> bool:
        name = Path(dest).name
        return (
            _SHARED_LIBRARY.match(name) is not None
            and "plugins" not in Path(dest).parts
            and not name.startswith(_LOADED_BY_NAME)
        )

    needed: set[str] = set()
    for dest, source, kind in binaries:
        if not prunable(dest) and kind != "SYMLINK":
            needed.update(Path(name).name for name, _path in get_imports(source))
    return [entry for entry in binaries if not prunable(entry[0]) or Path(entry[0]).name in needed]
