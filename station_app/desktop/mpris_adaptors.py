"""The two MPRIS2 D-Bus interfaces, as QtDBus adaptors over an MprisBackend.

Spec: https://specifications.freedesktop.org/mpris-spec/latest/ (Root and
Player interfaces). Property and method names are the spec's, hence CamelCase.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import ClassInfo, Property, QObject, Slot
from PySide6.QtDBus import QDBusAbstractAdaptor, QDBusObjectPath


class MprisBackend(Protocol):
    """What the adaptors ask of the app; station_app.desktop.mpris implements it."""

    def identity(self) -> str: ...
    def desktop_entry(self) -> str: ...
    def raise_window(self) -> None: ...
    def quit(self) -> None: ...
    def playback_status(self) -> str: ...
    def metadata(self) -> dict[str, Any]: ...
    def volume(self) -> float: ...
    def set_volume(self, volume: float) -> None: ...
    def can_play(self) -> bool: ...
    def can_go_next(self) -> bool: ...
    def can_go_previous(self) -> bool: ...
    def play(self) -> None: ...
    def pause(self) -> None: ...
    def play_pause(self) -> None: ...
    def stop(self) -> None: ...
    def next(self) -> None: ...
    def previous(self) -> None: ...


# PySide6's stubs type neither ClassInfo used as a decorator nor Property with a
# Qt type name ("QStringList", "qlonglong"), which D-Bus needs for `as` and `x`.
@ClassInfo({"D-Bus Interface": "org.mpris.MediaPlayer2"})  # type: ignore[call-arg]
class RootAdaptor(QDBusAbstractAdaptor):  # type: ignore[operator]
    def __init__(self, parent: QObject, backend: MprisBackend) -> None:
        super().__init__(parent)
        self._backend = backend

    @Property(bool)
    def CanQuit(self) -> bool:
        return True

    @Property(bool)
    def CanRaise(self) -> bool:
        return True

    @Property(bool)
    def HasTrackList(self) -> bool:
        return False

    @Property(str)
    def Identity(self) -> str:
        return self._backend.identity()

    @Property(str)
    def DesktopEntry(self) -> str:
        return self._backend.desktop_entry()

    @Property("QStringList")  # type: ignore[arg-type]
    def SupportedUriSchemes(self) -> list[str]:
        return []

    @Property("QStringList")  # type: ignore[arg-type]
    def SupportedMimeTypes(self) -> list[str]:
        return []

    @Slot()
    def Raise(self) -> None:
        self._backend.raise_window()

    @Slot()
    def Quit(self) -> None:
        self._backend.quit()


@ClassInfo({"D-Bus Interface": "org.mpris.MediaPlayer2.Player"})  # type: ignore[call-arg]
class PlayerAdaptor(QDBusAbstractAdaptor):  # type: ignore[operator]
    def __init__(self, parent: QObject, backend: MprisBackend) -> None:
        super().__init__(parent)
        self._backend = backend

    @Property(str)
    def PlaybackStatus(self) -> str:
        return self._backend.playback_status()

    @Property(str)
    def LoopStatus(self) -> str:
        return "None"

    @Property(float)
    def Rate(self) -> float:
        return 1.0

    @Property(float)
    def MinimumRate(self) -> float:
        return 1.0

    @Property(float)
    def MaximumRate(self) -> float:
        return 1.0

    @Property("QVariantMap")  # type: ignore[arg-type]
    def Metadata(self) -> dict[str, Any]:
        return self._backend.metadata()

    def _volume(self) -> float:
        return self._backend.volume()

    def _set_volume(self, volume: float) -> None:
        self._backend.set_volume(volume)

    Volume = Property(float, _volume, _set_volume)

    @Property("qlonglong")  # type: ignore[arg-type]
    def Position(self) -> int:
        return 0  # a live stream has no position to seek in

    @Property(bool)
    def CanGoNext(self) -> bool:
        return self._backend.can_go_next()

    @Property(bool)
    def CanGoPrevious(self) -> bool:
        return self._backend.can_go_previous()

    @Property(bool)
    def CanPlay(self) -> bool:
        return self._backend.can_play()

    @Property(bool)
    def CanPause(self) -> bool:
        return self._backend.can_play()

    @Property(bool)
    def CanSeek(self) -> bool:
        return False

    @Property(bool)
    def CanControl(self) -> bool:
        return True

    @Slot()
    def Play(self) -> None:
        self._backend.play()

    @Slot()
    def Pause(self) -> None:
        self._backend.pause()

    @Slot()
    def PlayPause(self) -> None:
        self._backend.play_pause()

    @Slot()
    def Stop(self) -> None:
        self._backend.stop()

    @Slot()
    def Next(self) -> None:
        self._backend.next()

    @Slot()
    def Previous(self) -> None:
        self._backend.previous()

    @Slot("qlonglong")
    def Seek(self, _offset: int) -> None:
        """Live streams cannot seek; the spec asks for a silent no-op."""

    @Slot(QDBusObjectPath, "qlonglong")
    def SetPosition(self, _track: QDBusObjectPath, _position: int) -> None:
        """Live streams cannot seek; the spec asks for a silent no-op."""

    @Slot(str)
    def OpenUri(self, _uri: str) -> None:
        """Only configured stations play; other URIs are ignored."""
