"""stations.toml: its declared schema, reading it into values, and choosing the file in use.

The user's file when it exists and reads without errors; otherwise the bundled
one, with what was wrong with the user's file kept to tell them.
"""

from __future__ import annotations

import re
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
from station_app.stations.model import Feed, Network, Station, StationsConfig, WeeklyProgram

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
_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAYS = {
    **{name: number for number, name in enumerate(_DAY_NAMES)},
    **{
        name: number
        for number, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
}
_DAY_GROUPS = {"weekdays": range(5), "weekends": range(5, 7), "daily": range(7)}
_CLOCK = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")


def _day_numbers(value: Any) -> frozenset[int] | None:
    """Monday = 0; None when any item is neither a day ("mon", "monday") nor a group."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        return None
    days: set[int] = set()
    for item in items:
        word = item.strip().lower() if isinstance(item, str) else ""
        if word in _DAY_GROUPS:
            days.update(_DAY_GROUPS[word])
        elif word in _DAYS:
            days.add(_DAYS[word])
        else:
            return None
    return frozenset(days)


def _minutes(value: Any) -> int | None:
    match = _CLOCK.match(value) if isinstance(value, str) else None
    if match is None or (match[1] == "24" and match[2] != "00"):
        return None
    return int(match[1]) * 60 + int(match[2])


def _check_days(value: Any) -> str | None:
    if _day_numbers(value) is None:
        return 'must be a list of days such as ["mon", "tue"], or "weekdays", "weekends" or "daily"'
    return None


def _check_clock(value: Any) -> str | None:
    if _minutes(value) is None:
        return f'must be a 24-hour time such as "09:30", but is {value!r}'.replace("'", '"')
    return None


SCHEDULE = TableSpec(
    "schedule",
    (
        KeySpec("days", _check_days, "Days it airs: mon…sun, weekdays, weekends or daily.", True),
        KeySpec("start", _check_clock, 'Start in the station\'s zone, "HH:MM".', True),
        KeySpec("end", _check_clock, 'End in the station\'s zone, "HH:MM" ("24:00" ok).', True),
        KeySpec("program", checks.text, "The program's name.", True),
        KeySpec("host", checks.optional_text, "Who presents it.", default=""),
        KeySpec("link", checks.http_url, "The program's page."),
    ),
    "A weekly schedule for stations without a schedule_url.",
    array=True,
    entry_noun="schedule entry",
    label_key="program",
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
        KeySpec(
            "simulcast_of",
            checks.station_id,
            "The id of the station whose program this one carries (a repeater).",
            default="",
        ),
        KeySpec("timezone", checks.time_zone, "IANA time zone.", default=DEFAULT_TIMEZONE),
        KeySpec("logo", checks.http_url, "A picture of the station (its logo).", default=""),
    ),
    "The on-air stations, in the order shown.",
    array=True,
    required=True,
    entry_noun="station",
    label_key="id",
    children=(SCHEDULE,),
)
STATIONS_SCHEMA = FileSchema((NETWORK, FEEDS, STATIONS))


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
    for index, entry in enumerate(stations):
        if isinstance(entry, dict) and isinstance(entry.get("schedule"), list):
            _check_schedule(entry, index, report)
    _check_simulcasts(stations, report)


def _check_simulcasts(stations: list[Any], report: Validation) -> None:
    entries = {
        entry["id"]: entry
        for entry in stations
        if isinstance(entry, dict) and isinstance(entry.get("id"), str)
    }
    for index, entry in enumerate(stations):
        if not isinstance(entry, dict) or not isinstance(entry.get("simulcast_of"), str):
            continue
        carried = entry["simulcast_of"]
        where = entry_name(STATIONS, index, entry)
        target = entries.get(carried)
        if carried == entry.get("id"):
            problem = "names the station itself; name the station whose program it carries."
        elif target is None:
            problem = f'names "{carried}", which is not the id of any station here.'
        elif isinstance(target.get("simulcast_of"), str):
            problem = (
                f'names "{carried}", which is itself a simulcast; name the station it carries.'
            )
        else:
            continue
        report.add(f"{where}: `simulcast_of` {problem}", "stations", index, "simulcast_of")


def _check_schedule(station: dict[str, Any], index: int, report: Validation) -> None:
    for number, item in enumerate(station["schedule"]):
        if not isinstance(item, dict):
            continue
        start, end = _minutes(item.get("start")), _minutes(item.get("end"))
        if start is not None and end is not None and start % 1440 == end % 1440:
            where = entry_name(STATIONS, index, station)
            report.add(
                f"{where}, {entry_name(SCHEDULE, number, item)}: `end` must differ from "
                "`start`; a program lasts less than a day.",
                "stations.schedule",
                (index, number),
                "end",
            )


def _build(document: dict[str, Any], path: Path) -> StationsConfig:
    network = document["network"]

    def value(entry: dict[str, Any], key: str) -> Any:
        return entry.get(key, STATIONS.key(key).default)

    return StationsConfig(
        network=Network(network["name"], network.get("website")),
        feeds=tuple(Feed(feed["title"], feed["url"]) for feed in document.get("feeds", [])),
        stations=tuple(
            Station(
                id=entry["id"],
                call_sign=entry["call_sign"],
                frequency=value(entry, "frequency"),
                city=value(entry, "city"),
                streams=tuple(entry["streams"]),
                schedule_url=value(entry, "schedule_url"),
                timezone=value(entry, "timezone"),
                schedule=tuple(_weekly(item) for item in entry.get("schedule", [])),
                simulcast_of=value(entry, "simulcast_of"),
                logo=value(entry, "logo"),
            )
            for entry in document["stations"]
        ),
        source=path,
    )


def _weekly(item: dict[str, Any]) -> WeeklyProgram:
    days, start, end = _day_numbers(item["days"]), _minutes(item["start"]), _minutes(item["end"])
    assert days is not None and start is not None and end is not None  # validated above
    host, link = item.get("host", SCHEDULE.key("host").default), item.get("link")
    return WeeklyProgram(days, start, end, item["program"], host, link)


class BundledConfigError(RuntimeError):
    """The stations.toml shipped with the app does not validate: a packaging bug."""


@dataclass(frozen=True)
class ActiveStations:
    """The config the app runs on, and what was wrong with the user's file, if anything.

    `fell_back` is True when the user's file exists but has errors, so the app
    runs on the bundled stations and the user's file is left as it is.
    """

    config: StationsConfig
    problems: list[ConfigProblem]
    user_file: Path
    fell_back: bool


def load_active_stations(user_file: Path, bundled_file: Path) -> ActiveStations:
    problems: list[ConfigProblem] = []
    if user_file.exists():
        user = parse_stations_file(user_file)
        problems.extend(user.problems)
        if user.config is not None:
            return ActiveStations(user.config, problems, user_file, fell_back=False)
    bundled = parse_stations_file(bundled_file)
    if bundled.config is None:
        details = "; ".join(p.sentence() for p in bundled.problems)
        raise BundledConfigError(f"The bundled stations file is broken: {details}")
    return ActiveStations(bundled.config, problems, user_file, fell_back=user_file.exists())
