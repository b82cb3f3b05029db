"""What the desktop is told while the window is away: a new program, and (if asked) each title.

A program notice comes when the program on the station playing changes by
the clock, not when the person tunes in or the schedule first loads: they
know what they just picked. Title notices are off unless the person turns
them on (`[desktop] notify_titles`). Nothing is shown while the window is in
front, where the player bar says the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from station_app.desktop.notifications import DesktopNotifications, program_notice, title_notice
from station_app.playback.base import Player
from station_app.schedule.view import LoadPhase, clock_text
from station_app.stations.model import Station

if TYPE_CHECKING:
    from station_app.schedule.service import ScheduleService


class ListeningNotices(QObject):
    """Watches the player and the schedule and sends notices through `notifications`.

    `programs` and `titles` are read at each change, so a changed setting
    takes effect at once; `window_in_front` says whether the window is active;
    `picture` gives the file:// URL of a station's picture ("" for none).
    """

    def __init__(
        self,
        notifications: DesktopNotifications,
        player: Player,
        schedule: ScheduleService,
        window_in_front: Callable[[], bool],
        picture: Callable[[Station], str] = lambda _station: "",
        programs: Callable[[], bool] = lambda: True,
        titles: Callable[[], bool] = lambda: False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._notifications = notifications
        self._player = player
        self._schedule = schedule
        self._window_in_front = window_in_front
        self._picture = picture
        self._programs = programs
        self._titles = titles
        # (station id, program) as last seen in a loaded schedule; None before that.
        self._seen: tuple[str, str] | None = None
        self._last_title = ""
        schedule.changed.connect(self._schedule_changed)
        # Another station may show the very same view (a simulcast), and then the
        # schedule says nothing more: look again once the switch is done.
        schedule.station_changed.connect(
            lambda _station: self._schedule_changed(), Qt.ConnectionType.QueuedConnection
        )
        player.now_playing_changed.connect(self._title_changed)
        self._schedule_changed()

    def _listening_to(self, station: Station | None) -> bool:
        player = self._player
        status = player.status
        tuned = player.station
        return (
            station is not None
            and tuned is not None
            and tuned.id == station.id
            and status.is_active
            and not status.is_retrying
        )

    def _may_show(self) -> bool:
        return not self._window_in_front()

    def _schedule_changed(self) -> None:
        schedule = self._schedule
        station, view = schedule.station, schedule.view
        if station is None or view.phase is not LoadPhase.READY:
            return
        name = schedule.current_program_name
        seen, self._seen = self._seen, (station.id, name)
        if seen is None or seen[0] != station.id or not name or name == seen[1]:
            return  # tuned in, first loaded, or nothing new
        if not self._programs() or not self._listening_to(station) or not self._may_show():
            return
        entry = view.on_now
        until = clock_text(entry.end, schedule.now()) if entry is not None else ""
        hosts = entry.host_text if entry is not None else ""
        self._notifications.show(
            program_notice(station.call_sign, name, hosts, until, self._picture(station))
        )

    def _title_changed(self, title: str) -> None:
        station = self._player.station
        if not title or title == self._last_title or station is None:
            return
        self._last_title = title
        if not self._titles() or not self._listening_to(station) or not self._may_show():
            return
        self._notifications.show(title_notice(title, station.display_name, self._picture(station)))
