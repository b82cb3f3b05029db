"""Self-healing streams: when every stream of a station fails, ask the station directory.

Finds a matching directory station whose last check passed and either offers
its stream or, with `auto_repair_streams`, plays it at once; either way the
person is told what happened. A repaired stream that fails too is not chased
again in the same session.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from station_app.net.cancel import CancelToken
from station_app.playback.base import Player
from station_app.playback.state import StationFailure
from station_app.stations.directory import DirectoryError
from station_app.stations.directory_match import Replacement
from station_app.stations.model import Station
from station_app.tasks import TaskRunner

FindReplacement = Callable[[Station, CancelToken], Replacement | DirectoryError | None]


@dataclass(frozen=True)
class RepairNotice:
    """What to show: a sentence, and the replacement when one was found.

    `playing` says the replacement already plays (automatic repair or accepted offer);
    `details` are for whoever asks (the stream's address, what the directory said).
    """

    message: str
    replacement: Replacement | None = None
    playing: bool = False
    busy: bool = False
    details: str = ""


# One short sentence each, naming the station and what to do; the rest goes to details.
def offer_notice(found: Replacement) -> RepairNotice:
    return RepairNotice(
        f"None of {found.station.call_sign}'s streams work. The station directory has one "
        f"that does, listed as “{found.found.name}”. Use it?",
        found,
        details=f"Stream address: {found.stream_url}",
    )


def used_notice(found: Replacement) -> RepairNotice:
    return RepairNotice(
        f"None of {found.station.call_sign}'s streams work, so it plays the station "
        f"directory's stream, listed as “{found.found.name}”.",
        found,
        playing=True,
        details=f"Stream address: {found.stream_url}",
    )


def repaired_station(replacement: Replacement) -> Station:
    """The configured station with the directory's stream tried first."""
    station = replacement.station
    return dataclasses.replace(station, streams=(replacement.stream_url, *station.streams))


class StreamRepair(QObject):
    """Signals: notice_changed(object): a RepairNotice, or None to hide it."""

    notice_changed = Signal(object)

    def __init__(
        self, player: Player, tasks: TaskRunner, find: FindReplacement, automatic: bool
    ) -> None:
        super().__init__()
        self._player = player
        self._search = tasks.slot()
        self._find = find
        self._automatic = automatic
        self._tried: set[str] = set()
        self.notice: RepairNotice | None = None
        player.station_failed.connect(self._on_failed)
        player.station_changed.connect(self._on_station_changed)

    @property
    def automatic(self) -> bool:
        return self._automatic

    def set_automatic(self, automatic: bool) -> None:
        """Play what is found at once (True), or offer it (False), from the next failure on."""
        self._automatic = automatic

    @Slot(object)
    def _on_failed(self, failure: StationFailure) -> None:
        station = failure.station
        if station.id in self._tried:
            return
        self._tried.add(station.id)
        self._show(
            RepairNotice(
                f"Looking for a working stream for {station.call_sign} in the "
                "radio-browser.info station directory…",
                busy=True,
            )
        )
        find = self._find
        self._search.start(
            lambda cancel: find(station, cancel),
            lambda result: self._on_found(station, result),
            lambda _failure: self._on_search_failed(station),
        )

    def _moved_on(self, station: Station) -> bool:
        current = self._player.station
        return current is not None and current.id != station.id

    def _on_search_failed(self, station: Station) -> None:
        if not self._moved_on(station):
            self._show(
                RepairNotice(
                    f"No other stream for {station.call_sign} could be found: "
                    "an error inside Station App stopped the search."
                )
            )

    def _on_found(self, station: Station, result: Replacement | DirectoryError | None) -> None:
        if self._moved_on(station):
            return  # the person moved on; don't touch what plays now
        if isinstance(result, Replacement):
            if self._automatic:
                self._player.play(repaired_station(result))
                self._show(used_notice(result))
            else:
                self._show(offer_notice(result))
        elif isinstance(result, DirectoryError):
            self._show(
                RepairNotice(
                    f"The station directory could not be reached to find another stream "
                    f"for {station.call_sign}. Check the connection, then play it again.",
                    details=result.details or result.message,
                )
            )
        else:
            self._show(
                RepairNotice(
                    f"The station directory lists no working stream for {station.call_sign}."
                )
            )

    def accept(self) -> None:
        """Play the offered replacement."""
        notice = self.notice
        if notice is not None and notice.replacement is not None:
            self._player.play(repaired_station(notice.replacement))
            self._show(used_notice(notice.replacement))

    def dismiss(self) -> None:
        self._search.cancel()
        self._show(None)

    @Slot(object)
    def _on_station_changed(self, station: Station | None) -> None:
        notice = self.notice
        if notice is None:
            return
        shown = notice.replacement.station.id if notice.replacement else None
        if (
            station is None
            or (shown is not None and station.id != shown)
            or (shown is None and not notice.busy)
        ):
            self.dismiss()

    def _show(self, notice: RepairNotice | None) -> None:
        self.notice = notice
        self.notice_changed.emit(notice)
