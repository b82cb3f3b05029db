"""Find a configured station in the directory, to repair a dead stream address.

`match_station` is pure: given a Station and directory results it picks the
one that is really that station and whose stream passed the directory's last
check. `find_replacement` runs the searches. The lead's player calls it when
every configured stream of a station has failed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from station_app.net.cancel import NEVER_CANCELLED, CancelToken
from station_app.stations.directory import DirectoryClient, DirectoryError, SearchQuery
from station_app.stations.directory_parse import DirectoryStation
from station_app.stations.model import Station

_SUFFIX = re.compile(r"-(FM|AM|LP|LPFM|HD\d?|TV|DT)$", re.IGNORECASE)
_FREQUENCY = re.compile(r"(?<![\d.])(\d{2,4}(?:[.,]\d{1,2})?)(?![\d.])")
_US_STATES = {
    "AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas", "CA": "california",
    "CO": "colorado", "CT": "connecticut", "DE": "delaware", "DC": "district of columbia",
    "FL": "florida", "GA": "georgia", "HI": "hawaii", "ID": "idaho", "IL": "illinois",
    "IN": "indiana", "IA": "iowa", "KS": "kansas", "KY": "kentucky", "LA": "louisiana",
    "ME": "maine", "MD": "maryland", "MA": "massachusetts", "MI": "michigan",
    "MN": "minnesota", "MS": "mississippi", "MO": "missouri", "MT": "montana",
    "NE": "nebraska", "NV": "nevada", "NH": "new hampshire", "NJ": "new jersey",
    "NM": "new mexico", "NY": "new york", "NC": "north carolina", "ND": "north dakota",
    "OH": "ohio", "OK": "oklahoma", "OR": "oregon", "PA": "pennsylvania",
    "RI": "rhode island", "SC": "south carolina", "SD": "south dakota", "TN": "tennessee",
    "TX": "texas", "UT": "utah", "VT": "vermont", "VA": "virginia", "WA": "washington",
    "WV": "west virginia", "WI": "wisconsin", "WY": "wyoming", "PR": "puerto rico",
}  # fmt: skip


@dataclass(frozen=True)
class Replacement:
    """A directory station standing in for a configured one, and what to tell the person."""

    station: Station
    found: DirectoryStation

    @property
    def stream_url(self) -> str:
        return self.found.stream_url


def base_call_sign(call_sign: str) -> str:
    """ "WEDW-FM" -> "WEDW": directory entries rarely carry the band suffix."""
    return _SUFFIX.sub("", call_sign.strip()).upper()


def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9.]+", " ", text.lower()) + " "


def _frequencies(text: str) -> set[str]:
    return {match.replace(",", ".") for match in _FREQUENCY.findall(text)}


def _frequency_number(frequency: str) -> str:
    found = _FREQUENCY.search(frequency)
    return found.group(1).replace(",", ".") if found else ""


def _city_and_state(city: str) -> tuple[str, str]:
    town, _comma, region = city.partition(",")
    region = region.strip()
    state = _US_STATES.get(region.upper(), region.lower())
    return town.strip().lower(), state


def score(station: Station, candidate: DirectoryStation) -> int | None:
    """How well `candidate` matches `station`; None when it cannot be that station.

    The call sign must appear as a word in the name or tags. A frequency that
    differs from the station's, or a state other than the station's, rules the
    candidate out; agreeing frequency, city or state raise the score.
    """
    call = base_call_sign(station.call_sign).lower()
    if not call:
        return None
    name = _words(candidate.name)
    tags = _words(" ".join(candidate.tags))
    points = 0
    if f" {call} " in name or f" {call}fm " in name:
        points += 3
    elif f" {call} " in tags:
        points += 2
    else:
        return None
    wanted = _frequency_number(station.frequency)
    mentioned = _frequencies(candidate.name) | _frequencies(" ".join(candidate.tags))
    if wanted and mentioned:
        if wanted not in mentioned:
            return None
        points += 2
    town, state = _city_and_state(station.city)
    if state and candidate.state:
        if candidate.state.lower() not in (state, station.city.partition(",")[2].strip().lower()):
            return None
        points += 1
    if town and f" {town} " in name + tags + _words(candidate.state):
        points += 1
    return points


def match_station(
    station: Station, candidates: tuple[DirectoryStation, ...]
) -> DirectoryStation | None:
    """The best candidate that is this station and passed its last check; ties keep order."""
    best: DirectoryStation | None = None
    best_points = -1
    for candidate in candidates:
        if not candidate.last_check_ok or candidate.stream_url in station.streams:
            continue
        points = score(station, candidate)
        if points is not None and points > best_points:
            best, best_points = candidate, points
    return best


def lookup_queries(station: Station) -> tuple[SearchQuery, ...]:
    """The searches to run for `station`: by name, then by tag (call signs are often tags)."""
    call = base_call_sign(station.call_sign)
    return (
        SearchQuery(name=call, limit=60),
        SearchQuery(tag=call.lower(), limit=60),
    )


def find_replacement(
    client: DirectoryClient, station: Station, cancel: CancelToken = NEVER_CANCELLED
) -> Replacement | DirectoryError | None:
    """Search the directory for `station`; None when nothing trustworthy matches."""
    seen: dict[str, DirectoryStation] = {}
    failure: DirectoryError | None = None
    for query in lookup_queries(station):
        result = client.search(query, cancel)
        if isinstance(result, DirectoryError):
            if cancel.cancelled:
                return result
            failure = result
            continue
        for found in result.stations:
            seen.setdefault(found.uuid or found.stream_url, found)
        chosen = match_station(station, tuple(seen.values()))
        if chosen is not None:
            return Replacement(station, chosen)
    return failure if not seen else None
