"""The Player interface the UI talks to; libVLC and a fake implement it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from station_app.playback.state import PlaybackState, PlayerStatus
from station_app.stations.model import Station


class Player(QObject):
    """Plays one station at a time.

    The station is what the person tuned to; `now_playing` is the stream's own
    title, which changes under it.

    Signals:
        status_changed(PlayerStatus)
        station_changed(object): the newly tuned Station
        now_playing_changed(str): the stream's title ("" when it sends none)
        volume_changed(int), muted_changed(bool)
        station_failed(StationFailure): every stream failed its first attempts
        ticked(): once a second while the person wants to listen (for clocks and
            countdowns; one timer for the player and its views)
    """

    status_changed = Signal(object)
    station_changed = Signal(object)
    now_playing_changed = Signal(str)
    volume_changed = Signal(int)
    muted_changed = Signal(bool)
    station_failed = Signal(object)
    ticked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._status = PlayerStatus()
        self._station: Station | None = None
        self._now_playing = ""
        self._volume = 80
        self._muted = False
        self._fade = 1.0

    def play(self, station: Station) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def pause(self) -> None:
        raise NotImplementedError

    def resume(self) -> None:
        raise NotImplementedError

    def retry_now(self) -> None:
        """When waiting to try again, try at once (the network is back, or the person asks)."""

    def set_volume(self, volume: int) -> None:
        raise NotImplementedError

    def set_muted(self, muted: bool) -> None:
        raise NotImplementedError

    @property
    def status(self) -> PlayerStatus:
        return self._status

    @property
    def station(self) -> Station | None:
        """The station tuned to; it stays tuned after stop, so play resumes it."""
        return self._station

    @property
    def now_playing(self) -> str:
        return self._now_playing

    @property
    def volume(self) -> int:
        return self._volume

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def backend_version(self) -> str:
        """What plays the audio and its version, for About ("libVLC 3.0.21"); "" when
        nothing does."""
        return ""

    @property
    def fade(self) -> float:
        """How much of `volume` is heard, 0 to 1 (below 1 while a fade-out runs)."""
        return self._fade

    def set_fade(self, level: float) -> None:
        """Plays at `level` (0 to 1) of the volume without changing `volume` itself.

        A fade-out leaves the person's volume as it was: the slider, MPRIS and
        the remembered volume never see the faded one.
        """
        level = max(0.0, min(1.0, level))
        if level != self._fade:
            self._fade = level
            self._apply_fade()

    def _apply_fade(self) -> None:
        """For implementations that make sound: `fade` changed."""

    def update_station(self, station: Station) -> None:
        """The tuned station was edited: take its new details.

        New streams play at once when the person is listening (or waiting for a
        retry); otherwise they play on the next play.
        """
        tuned = self._station
        if tuned is None or station.id != tuned.id or station == tuned:
            return
        listening = self._status.is_active or self._status.retry_at is not None
        if station.streams != tuned.streams and listening:
            self.play(station)
        else:
            self._tune(station)

    # For implementations: change the state and tell the observers, once.
    def _tune(self, station: Station) -> None:
        if station != self._station:
            self._station = station
            self.station_changed.emit(station)

    def _set_status(self, status: PlayerStatus) -> None:
        if status != self._status:
            self._status = status
            self.status_changed.emit(status)

    def _set_now_playing(self, title: str) -> None:
        if title != self._now_playing:
            self._now_playing = title
            self.now_playing_changed.emit(title)

    def toggle(self) -> None:
        """One button: stop trying while failing, pause when listening, else play."""
        status = self.status
        state = status.state
        if status.is_retrying:
            self.stop()
        elif status.is_active:
            self.pause()
        elif state is PlaybackState.PAUSED:
            self.resume()
        elif self.station is not None:
            self.play(self.station)

    def shutdown(self) -> None:
        """Release everything; the player is not used afterwards."""
