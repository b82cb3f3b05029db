"""The station config as values: the network, its feeds, its stations and their weekly programs.

Plain frozen dataclasses, free of TOML and Qt: everything that shows or uses
stations reads these, whichever file or source they came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Network:
    name: str
    website: str | None


@dataclass(frozen=True)
class Feed:
    """A news feed; one not configured says where it was found: `found_on` names the
    website for a person ("ctpublic.org"), `found_at` is the page's address."""

    title: str
    url: str
    found_on: str = ""
    found_at: str = ""


@dataclass(frozen=True)
class WeeklyProgram:
    """One line of a static weekly schedule; minutes after midnight in the station's zone.

    `end_minute` at or before `start_minute` means the program runs past midnight.
    """

    days: frozenset[int]  # Monday = 0
    start_minute: int
    end_minute: int
    program: str
    host: str = ""
    link: str | None = None


@dataclass(frozen=True)
class Station:
    """An on-air station as configured; what is tuned, not what is playing."""

    id: str
    call_sign: str
    frequency: str
    city: str
    streams: tuple[str, ...]
    schedule_url: str | None
    timezone: str
    schedule: tuple[WeeklyProgram, ...] = ()
    # The id of the station whose program this one carries (a repeater), if any.
    simulcast_of: str = ""
    # The website the schedule address was found on, when stations.toml gives none.
    schedule_found_on: str = ""
    # A picture of the station (its logo), when stations.toml names one.
    logo: str = ""

    @property
    def display_name(self) -> str:
        return f"{self.call_sign} {self.frequency}".strip()


@dataclass(frozen=True)
class StationsConfig:
    network: Network
    feeds: tuple[Feed, ...]
    stations: tuple[Station, ...]
    source: Path

    def station(self, station_id: str) -> Station | None:
        return next((s for s in self.stations if s.id == station_id), None)

    def carried_by(self, station: Station) -> Station | None:
        """The station whose program `station` carries as a simulcast, if any."""
        return self.station(station.simulcast_of) if station.simulcast_of else None
