"""The titles the stations sent while the person listened, newest first, kept across runs.

Each title the stream sends (its ICY StreamTitle) is written down with the
moment and the station. The list is bounded (the newest `MAX_TITLES`), lives
in the state folder, is read with a size cap and written atomically a moment
after it changes (and at exit), so a burst of changes is one write.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from station_app.config.atomic import write_atomic
from station_app.config.regular_file import STATE_FILE_LIMIT, RefusedFileError, read_regular_file
from station_app.playback.base import Player
from station_app.playback.timers import TimerFactory, qt_timers
from station_app.stations.model import Station

log = logging.getLogger(__name__)

MAX_TITLES = 500
# Longer titles are cut: 500 of them stay well under the state file's size cap.
LONGEST_TITLE = 300
SAVE_DELAY = 2.0  # seconds after a change: a burst of changes is written once
FILE_VERSION = 1


@dataclass(frozen=True)
class PlayedTitle:
    """One title as the station sent it; `at` is an aware moment (UTC)."""

    title: str
    station_id: str
    station_name: str
    at: datetime

    def to_json(self) -> dict[str, str]:
        return {
            "title": self.title,
            "station": self.station_id,
            "station_name": self.station_name,
            "at": self.at.astimezone(UTC).isoformat(timespec="seconds"),
        }

    @classmethod
    def from_json(cls, raw: Any) -> PlayedTitle | None:
        """The entry, or None when it is not one (a damaged or foreign file)."""
        if not isinstance(raw, dict):
            return None
        title, station, name, at = (
            raw.get(key) for key in ("title", "station", "station_name", "at")
        )
        if not all(isinstance(value, str) for value in (title, station, name, at)):
            return None
        assert isinstance(title, str) and isinstance(station, str)
        assert isinstance(name, str) and isinstance(at, str)
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            return None
        if moment.tzinfo is None or not title.strip():
            return None
        return cls(_clean(title), station, name, moment.astimezone(UTC))


def _clean(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= LONGEST_TITLE else title[: LONGEST_TITLE - 1] + "…"


def utc_now() -> datetime:
    return datetime.now(UTC)


class PlayedTitles(QObject):
    """The list of played titles, newest first; the one owner of that list and its file.

    Signals:
        added(): a title was put first (and the oldest ones past MAX_TITLES dropped)
        cleared(): the list was emptied
    """

    added = Signal()
    cleared = Signal()

    def __init__(
        self,
        path: Path,
        clock: Callable[[], datetime] = utc_now,
        on_write_error: Callable[[Path, OSError], None] | None = None,
        timers: TimerFactory | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._path = path
        self._clock = clock
        self._on_write_error = on_write_error
        self._save_timer = (timers or qt_timers(self))(self.flush, False)
        self._titles: list[PlayedTitle] | None = None  # read on first use
        self._unsaved = False

    @property
    def path(self) -> Path:
        return self._path

    @property
    def titles(self) -> tuple[PlayedTitle, ...]:
        return tuple(self._loaded())

    def follow(self, player: Player) -> None:
        """Writes down each title `player` plays, with its station."""

        def changed(title: str) -> None:
            station = player.station
            if title and station is not None:
                self.record(title, station)

        player.now_playing_changed.connect(changed)

    def record(self, title: str, station: Station) -> None:
        """Puts `title` first, unless it is the newest already (a reconnect sends it again)."""
        title = _clean(title)
        if not title:
            return
        titles = self._loaded()
        if titles and titles[0].title == title and titles[0].station_id == station.id:
            return
        titles.insert(0, PlayedTitle(title, station.id, station.display_name, self._clock()))
        del titles[MAX_TITLES:]
        self._changed()
        self.added.emit()

    def clear(self) -> None:
        if not self._loaded():
            return
        self._titles = []
        self._changed()
        self.flush()  # what the person asked to forget goes now, not in a moment
        self.cleared.emit()

    def flush(self) -> None:
        """Writes the list if it changed since the last write (also at exit)."""
        self._save_timer.stop()
        if not self._unsaved or self._titles is None:
            return
        self._unsaved = False
        document = {"version": FILE_VERSION, "titles": [t.to_json() for t in self._titles]}
        data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
        try:
            write_atomic(self._path, data)
        except OSError as error:
            log.warning("Could not save the played titles to %s: %s", self._path, error)
            if self._on_write_error is not None:
                self._on_write_error(self._path, error)

    def _changed(self) -> None:
        self._unsaved = True
        if not self._save_timer.is_active():
            self._save_timer.start(SAVE_DELAY)

    def _loaded(self) -> list[PlayedTitle]:
        if self._titles is None:
            self._titles = self._read()
        return self._titles

    def _read(self) -> list[PlayedTitle]:
        try:
            raw = json.loads(read_regular_file(self._path, STATE_FILE_LIMIT).decode("utf-8"))
        except FileNotFoundError:
            return []
        except RefusedFileError as refused:
            log.warning("Ignoring the played titles file %s, which %s", self._path, refused.reason)
            return []
        except RecursionError:
            log.warning("Ignoring the played titles file %s, nested too deeply", self._path)
            return []
        except (OSError, ValueError) as error:
            log.warning("Ignoring unreadable played titles file %s: %s", self._path, error)
            return []
        entries = raw.get("titles") if isinstance(raw, dict) else None
        if not isinstance(entries, list):
            return []
        found = (PlayedTitle.from_json(entry) for entry in entries)
        return [entry for entry in found if entry is not None][:MAX_TITLES]
