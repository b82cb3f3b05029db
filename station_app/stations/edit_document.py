"""Changes to a stations.toml document made with tomlkit, keeping comments and layout.

Pure functions on a parsed tomlkit document: each returns None when done or
a sentence saying why it could not be done. Writing and validation live in
station_app.stations.editing.
"""

from __future__ import annotations

from collections.abc import Iterable

import tomlkit
from tomlkit.items import AoT, Table, Whitespace
from tomlkit.toml_document import TOMLDocument

from station_app.stations.changes import StationFields, slug


def unique_id(wanted: str, taken: Iterable[str]) -> str:
    taken_ids = set(taken)
    if wanted not in taken_ids:
        return wanted
    number = 2
    while f"{wanted}-{number}" in taken_ids:
        number += 1
    return f"{wanted}-{number}"


def stations_of(document: TOMLDocument) -> AoT | None:
    stations = document.get("stations")
    return stations if isinstance(stations, AoT) else None


def station_ids(document: TOMLDocument) -> list[str]:
    stations = stations_of(document)
    if stations is None:
        return []
    return [str(table.get("id", "")) for table in stations]


def find_station(document: TOMLDocument, station_id: str) -> tuple[AoT, int] | None:
    stations = stations_of(document)
    if stations is None:
        return None
    for index, table in enumerate(stations):
        if table.get("id") == station_id:
            return stations, index
    return None


def keep_gaps(tables: AoT) -> None:
    """Every table but the last ends with a blank line, as a person would write it.

    Moving the last table up would otherwise glue the next header to it.
    """
    for table in list(tables)[:-1]:
        _end_with_gap(table)


def _end_with_gap(table: Table) -> None:
    body = table.value.body
    if not body or not isinstance(body[-1][1], Whitespace):
        table.add(tomlkit.nl())


def _url_array(urls: Iterable[str]) -> tomlkit.items.Array:
    array = tomlkit.array()
    array.extend(urls)
    return array


def add_station(document: TOMLDocument, fields: StationFields) -> str:
    """Appends the station; returns its id (made unique)."""
    taken = station_ids(document)
    station_id = unique_id(fields.station_id or slug(fields.call_sign), taken)
    table = tomlkit.table()
    table["id"] = station_id
    table["call_sign"] = fields.call_sign.strip()
    if fields.frequency.strip():
        table["frequency"] = fields.frequency.strip()
    if fields.city.strip():
        table["city"] = fields.city.strip()
    table["streams"] = _url_array(fields.streams)
    if fields.schedule_url:
        table["schedule_url"] = fields.schedule_url
    if fields.logo:
        table["logo"] = fields.logo
    stations = stations_of(document)
    if stations is None:
        stations = tomlkit.aot()
        stations.append(table)
        document["stations"] = stations
    else:
        stations.append(table)
    keep_gaps(stations)
    return station_id


def same_station(document: TOMLDocument, fields: StationFields) -> str | None:
    """The id of a station already in the file that `fields` would repeat, if any.

    The same stream means the same station; without streams, only a station
    that has none either and the same call sign is the same.
    """
    stations = stations_of(document)
    if stations is None:
        return None
    wanted_streams = set(fields.streams)
    call_sign = fields.call_sign.strip().casefold()
    for table in stations:
        streams = {str(url) for url in table.get("streams", [])}
        if wanted_streams & streams or (
            not wanted_streams
            and not streams
            and str(table.get("call_sign", "")).casefold() == call_sign
        ):
            return str(table.get("id", ""))
    return None


def remove_station(document: TOMLDocument, station_id: str) -> None:
    found = find_station(document, station_id)
    if found is not None:
        stations, index = found
        del stations[index]
        keep_gaps(stations)


def move_station(document: TOMLDocument, station_id: str, offset: int) -> bool:
    """Moves the station `offset` places (-1 up, +1 down); False when it cannot move."""
    found = find_station(document, station_id)
    if found is None:
        return False
    stations, index = found
    target = index + offset
    if not 0 <= target < len(stations) or offset == 0:
        return False
    table = stations[index]
    del stations[index]
    stations.insert(target, table)
    keep_gaps(stations)
    return True


def set_value(table: Table, key: str, value: str | list[str] | None) -> None:
    """Sets, replaces or (with None) removes a key; comments around it stay."""
    if value is None:
        if key in table:
            del table[key]
        return
    table[key] = _url_array(value) if isinstance(value, list) else value


def add_feed(document: TOMLDocument, title: str, url: str) -> None:
    """Appends a [[feeds]] entry, unless that address is listed already."""
    listed = document.get("feeds")
    if isinstance(listed, AoT) and any(table.get("url") == url for table in listed):
        return
    feed = tomlkit.table()
    feed["title"] = title.strip()
    feed["url"] = url
    feeds = document.get("feeds")
    if isinstance(feeds, AoT):
        feeds.append(feed)
        keep_gaps(feeds)
        return
    stations = stations_of(document)
    if stations is not None and len(stations) > 0:
        _end_with_gap(stations[-1])  # the new [[feeds]] goes after it
    feeds = tomlkit.aot()
    feeds.append(feed)
    document["feeds"] = feeds
