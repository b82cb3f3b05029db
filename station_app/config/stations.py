"""stations.toml: the network, its news feeds and its on-air stations."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from station_app.config import checks
from station_app.config.problems import ConfigProblem, has_errors
from station_app.config.schema import (
    FileSchema,
    KeySpec,
    TableSpec,
    Validation,
    entry_name,
    validate,
)
from station_app.config.toml_file import read_toml

DEFAULT_TIMEZONE = "America/New_York"

NETWORK = TableSpec(
    "network",
    (
        KeySpec("name", checks.text, "The network's name, shown in the window title.", True),
        KeySpec("website", checks.http_url, "The network's home page."),
    ),
    "The station or network as a whole.",
    required=True,
)
FEEDS = TableSpec(
    "feeds",
    (
        KeySpec("title", checks.text, "Name of the feed, shown in the news filter.", True),
        KeySpec("url", checks.http_url, "RSS or Atom address.", True),
    ),
    "News sources for the news panel, in order.",
    array=True,
    entry_noun="feed",
    label_key="title",
)
STATIONS = TableSpec(
    "stations",
    (
        KeySpec("id", checks.station_id, "Unique id, a-z 0-9 and -.", True),
        KeySpec("call_sign", checks.text, "Call sign, e.g. WNPR.", True),
        KeySpec("frequency", checks.optional_text, "Dial position, e.g. 90.5 FM.", default=""),
        KeySpec("city", checks.optional_text, "City of license.", default=""),
        KeySpec(
            "streams",
            checks.http_url_list,
            "Stream addresses tried in order: direct, .pls, .m3u or .m3u8.",
            True,
        ),
        KeySpec("schedule_url", checks.http_url, "NPR Composer widget base URL."),
        KeySpec("timezone", checks.time_zone, "IANA time zone.", default=DEFAULT_TIMEZONE),
    ),
    "The on-air stations, in the order shown.",
    array=True,
    required=True,
    entry_noun="station",
    label_key="id",
)
STATIONS_SCHEMA = FileSchema((NETWORK, FEEDS, STATIONS))


@dataclass(frozen=True)
class Network:
    name: str
    website: str | None


@dataclass(frozen=True)
class Feed:
    title: str
    url: str


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


@dataclass(frozen=True)
class StationsResult:
    """A parsed file, or None when it has errors; problems hold errors and warnings."""

    config: StationsConfig | None
    problems: list[ConfigProblem]


def parse_stations_file(path: Path) -> StationsResult:
    toml = read_toml(path)
    if isinstance(toml, ConfigProblem):
        return StationsResult(None, [toml])
    report = Validation(path, toml.text)
    validate(toml.document, STATIONS_SCHEMA, report)
    _check_stations(toml.document, report)
    if has_errors(report.problems):
        return StationsResult(None, report.problems)
    return StationsResult(_build(toml.document, path), report.problems)


def _check_stations(document: dict[str, Any], report: Validation) -> None:
    stations = document.get("stations")
    if not isinstance(stations, list):
        return
    if not stations:
        report.add("there are no [[stations]]; add at least one.")
        return
    first_seen: dict[str, int] = {}
    for index, entry in enumerate(stations):
        if not isinstance(entry, dict):
            continue
        station_id = entry.get("id")
        if not isinstance(station_id, str):
            continue
        if station_id in first_seen:
            where = entry_name(STATIONS, index, entry)
            report.add(
                f'{where}: `id` "{station_id}" is already used by station '
                f"{first_seen[station_id] + 1}; each id must be unique.",
                "stations",
                index,
                "id",
            )
        else:
            first_seen[station_id] = index


def _build(document: dict[str, Any], path: Path) -> StationsConfig:
    network = document["network"]
    return StationsConfig(
        network=Network(network["name"], network.get("website")),
        feeds=tuple(Feed(feed["title"], feed["url"]) for feed in document.get("feeds", [])),
        stations=tuple(
            Station(
                id=entry["id"],
                call_sign=entry["call_sign"],
                frequency=entry.get("frequency", ""),
                city=entry.get("city", ""),
                streams=tuple(entry["streams"]),
                schedule_url=entry.get("schedule_url"),
                timezone=entry.get("timezone", DEFAULT_TIMEZONE),
            )
            for entry in document["stations"]
        ),
        source=path,
    )
